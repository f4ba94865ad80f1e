import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Poll } from '@lumino/polling';
import { Widget } from '@lumino/widgets';
import { RunDetailsModel } from '../../models/details';
import { IRun } from '../../models/run';
import { RunRecord } from '../../models/runRecord';
import { DOM } from '../dom';
import { formatDuration } from '../format';
import { StatusBadge } from '../StatusBadge';
import { LogsView } from './LogsView';
import { Sections } from './sections';

/**
 * The details of one run (the content of a main-area widget): status and
 * times, engine and resources, parameters, metrics, locations with copy
 * buttons, and its logs (see LogsView). The duration ticks while the run
 * runs.
 *
 * DOM: `div.jp-ModelArts-RunDetails[data-job-id][data-version-id]` >
 * `header.jp-ModelArts-detailsHeader` (`h2.jp-ModelArts-detailsTitle`, the
 * badge) + `.jp-ModelArts-detailsMessage` + the sections
 * (`data-section` = status, resources, parameters, metrics, locations, logs);
 * the duration is `.jp-ModelArts-detailsDuration`.
 */
export class RunDetailsView extends Widget {
  constructor(options: RunDetailsView.IOptions) {
    super();
    this.model = options.model;
    this._trans = options.trans;
    this._copy = options.copy;
    this.addClass('jp-ModelArts-RunDetails');
    this.node.dataset.jobId = this.model.jobId;
    this.node.dataset.versionId = this.model.runId;
    this.node.tabIndex = -1;
    this._duration = DOM.create('span', 'jp-ModelArts-detailsDuration');
    // A v2 job gives its log preview; a v1 version shows its log files and lines.
    const logs = this.model.logs;
    this._logs =
      options.logs ?? (logs ? new LogsView(logs, this._trans) : null);
    this.model.changed.connect(this.update, this);
    this._clock = new Poll({
      auto: false,
      factory: async () => this.tick(),
      frequency: { interval: RunDetailsView.CLOCK_INTERVAL, backoff: false },
      name: 'jupyterlab-modelarts:details-clock',
      standby: 'when-hidden'
    });
    this.render();
  }

  readonly model: RunDetailsModel;

  render(): void {
    const model = this.model;
    const trans = this._trans;
    const run = model.run;
    const v2 = model.api === 'v2';
    const key = run ? JSON.stringify(run.record) : '';
    const message = model.error
      ? trans.__(
          'ModelArts error %1: %2',
          model.error.errorCode,
          trans.__(model.error.message)
        )
      : model.loading
        ? v2
          ? trans.__('Loading training job details…')
          : trans.__('Loading version details…')
        : '';
    if (key === this._key && message === this._message) {
      return;
    }
    this._key = key;
    this._message = message;
    const header = DOM.create('header', 'jp-ModelArts-detailsHeader');
    const title = v2
      ? (run?.name ?? trans.__('Training job %1', model.runId))
      : run
        ? trans.__('%1 · %2', model.jobName, run.name)
        : trans.__('Version %1', model.runId);
    header.appendChild(DOM.create('h2', 'jp-ModelArts-detailsTitle', title));
    if (run) {
      header.appendChild(StatusBadge.create(run, trans));
    }
    const note = DOM.create('p', 'jp-ModelArts-detailsMessage', message);
    note.setAttribute('role', model.error ? 'alert' : 'status');
    this.node.replaceChildren(header, note, ...this._sections(run));
    this.tick();
  }

  /**
   * Advance the duration of a running run.
   */
  tick(now = Date.now()): void {
    const run = this.model.run;
    if (run) {
      const elapsed = this.model.clock.elapsed(run, now);
      DOM.setText(this._duration, formatDuration(elapsed));
    }
  }

  handleEvent(event: Event): void {
    const button = DOM.closest(event.target, '.jp-ModelArts-copyButton');
    if (button?.dataset.copy) {
      this._copy(button.dataset.copy, button.dataset.label ?? '');
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._clock.dispose();
    this._logs?.dispose();
    this.model.dispose();
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.node.addEventListener('click', this);
    void this.model.start();
    this._logs?.start();
    void this._clock.start();
  }

  protected onBeforeDetach(msg: Message): void {
    this.node.removeEventListener('click', this);
    void this._clock.stop();
    super.onBeforeDetach(msg);
  }

  protected onUpdateRequest(msg: Message): void {
    this.render();
  }

  private _sections(run: IRun | null): HTMLElement[] {
    if (!run) {
      return [];
    }
    const trans = this._trans;
    const { record } = run;
    const none = trans.__('None recorded.');
    const status: Sections.Line[] = [
      [
        trans.__('Status'),
        trans.__('%1 (%2)', trans.__(run.status_label), run.status_name)
      ],
      [
        run.api === 'v2' ? trans.__('Training job ID') : trans.__('Version ID'),
        run.id
      ],
      [trans.__('Created'), Sections.time(run.create_time)],
      [
        trans.__('Started'),
        Sections.time(RunRecord.time(record, 'start_time'))
      ],
      [trans.__('Duration'), this._duration]
    ];
    const labels = Sections.urlLabels(trans);
    const locations: Sections.Line[] = RunRecord.URL_FIELDS.map(
      (field): Sections.Line => [labels[field], RunRecord.text(record, field)]
    )
      .concat(
        RunRecord.dataSources(record).map((url): Sections.Line => [
          trans.__('Data source'),
          url
        ])
      )
      .filter(([, url]) => url !== '')
      .map(([label, url]) => [
        label,
        Sections.location(url as string, label, trans)
      ]);
    const metrics = [
      ...RunRecord.modelMetrics(record),
      ...RunRecord.systemMetrics(record)
    ];
    return [
      Sections.section('status', trans.__('Status and times'), status, none),
      Sections.section(
        'resources',
        trans.__('Engine and resources'),
        Sections.resources(run, trans),
        none
      ),
      Sections.section(
        'parameters',
        trans.__('Parameters'),
        Sections.entries(RunRecord.parameters(record)),
        none
      ),
      Sections.section(
        'metrics',
        trans.__('Metrics'),
        Sections.entries(metrics),
        none
      ),
      Sections.section('locations', trans.__('Locations'), locations, none),
      this._logsSection()
    ];
  }

  /**
   * The logs section: the same logs view across re-renders of the record.
   */
  private _logsSection(): HTMLElement {
    const trans = this._trans;
    if (this._logs) {
      const section = Sections.section('logs', trans.__('Logs'), [], '');
      section.replaceChildren(section.firstChild!, this._logs.node);
      return section;
    }
    const node = Sections.section(
      'logs',
      trans.__('Logs'),
      [],
      trans.__('No logs are available for this run.')
    );
    node.lastElementChild!.classList.add('jp-ModelArts-logsSlot');
    return node;
  }

  private _clock: Poll;
  private _copy: (text: string, label: string) => void;
  private _duration: HTMLSpanElement;
  private _key: string | null = null;
  private _logs: RunDetailsView.ILogsPart | null;
  private _message: string | null = null;
  private _trans: TranslationBundle;
}

export namespace RunDetailsView {
  /**
   * The tick of the duration of a running run (ms).
   */
  export const CLOCK_INTERVAL = 1000;

  export interface IOptions {
    model: RunDetailsModel;
    trans: TranslationBundle;
    /**
     * Copy a value (a URL) to the clipboard; `label` names it.
     */
    copy: (text: string, label: string) => void;
    /**
     * The logs section's content (default: the version's logs, a LogsView);
     * a v2 job gives its log preview.
     */
    logs?: ILogsPart;
  }

  /**
   * The content of the logs section, owned (started, disposed) by the view.
   */
  export interface ILogsPart {
    readonly node: HTMLElement;
    start(): void;
    dispose(): void;
  }
}
