import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { TranslationBundle } from '@jupyterlab/translation';
import { Poll } from '@lumino/polling';
import { PanelLayout, Widget } from '@lumino/widgets';
import { SessionModel } from '../models/session';
import { WatchList } from '../models/watchList';
import { VersionsModel } from '../models/versions';
import { DOM } from '../widgets/dom';
import { formatLocalTime } from '../widgets/format';
import { StatusBanner } from '../widgets/StatusBanner';
import { RunsTable } from '../widgets/table/RunsTable';
import { OutputRuns } from './outputRuns';
import { OutputRegistry } from './registry';
import { RUNS_MIME, RunsSnapshot } from './snapshot';

/**
 * A notebook output of ModelArts runs: the sidebar's table (badges,
 * ticking durations, Stop with the same confirmation and "Stopping…"),
 * the same error banner, "as of <time>" while it shows the saved snapshot,
 * and a button that opens the job in the sidebar. Its data is only read:
 * ids pass the id rule, text is set as text, and a stop goes through the
 * server's REST route for a run the server itself listed.
 *
 * DOM: `div.jp-ModelArts-RunsOutput[data-state]` (`snapshot`, `live` or
 * `invalid`), its `.jp-ModelArts-outputTitle`, `.jp-ModelArts-outputAsOf`,
 * `button.jp-ModelArts-openInSidebar`, then the banner and the table.
 */
export class RunsOutput extends Widget implements IRenderMime.IRenderer {
  constructor(options: RunsOutput.IOptions) {
    super();
    this._options = options;
    this.addClass('jp-ModelArts-RunsOutput');
    this.layout = new PanelLayout();
  }

  /**
   * The runs shown (null before the first render or for invalid data).
   */
  get runs(): OutputRuns | null {
    return this._runs;
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const data = model.data[RUNS_MIME];
    const key = JSON.stringify(data ?? null);
    if (key === this._key) {
      return;
    }
    this._key = key;
    this._clear();
    const snapshot = RunsSnapshot.parse(data);
    if (snapshot === null) {
      this.node.dataset.state = 'invalid';
      this._add(DOM.create('p', 'jp-ModelArts-outputInvalid')).textContent =
        this._options.trans.__('Not a list of ModelArts training runs.');
      return;
    }
    this._build(snapshot);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._clear();
    super.dispose();
  }

  private _build(snapshot: NonNullable<ReturnType<typeof RunsSnapshot.parse>>) {
    const { registry, trans, session } = this._options;
    const handle = (this._handle = registry.acquire(
      snapshot.api,
      snapshot.jobId
    ));
    const { model, stops, selection } = handle.job;
    const runs = (this._runs = new OutputRuns(snapshot, model));
    const v2 = snapshot.api === 'v2';

    const header = this._add(DOM.create('div', 'jp-ModelArts-outputHeader'));
    const title = DOM.create('span', 'jp-ModelArts-outputTitle');
    const asOf = DOM.create('span', 'jp-ModelArts-outputAsOf');
    const open = DOM.create('button', 'jp-ModelArts-openInSidebar');
    open.type = 'button';
    open.textContent = trans.__('Open in sidebar');
    open.addEventListener('click', () =>
      this._options.openJob(v2 ? null : snapshot.jobId)
    );
    header.append(title, asOf, open);

    if (model instanceof VersionsModel) {
      this._addWidget(new StatusBanner({ versions: model, session, trans }));
    }
    const table = new RunsTable({
      versions: runs,
      selection,
      stops,
      trans,
      watches: this._options.watches,
      ...(v2
        ? {
            names: {
              table: trans.__('Training jobs'),
              name: trans.__('Training job')
            }
          }
        : {})
    });
    this._addWidget(table);

    const render = (now = Date.now()) => {
      const live = runs.live;
      this.node.dataset.state = live ? 'live' : 'snapshot';
      title.textContent = v2
        ? trans.__('ModelArts training jobs')
        : trans.__('%1 (job %2)', runs.jobName, snapshot.jobId);
      asOf.textContent = live
        ? ''
        : trans.__('as of %1', formatLocalTime(snapshot.readAt));
      table.tick(now);
    };
    runs.runsChanged.connect(() => render());
    render();
    this._clock = new Poll({
      auto: true,
      factory: async () => render(),
      frequency: { interval: RunsOutput.CLOCK_INTERVAL, backoff: false },
      name: 'jupyterlab-modelarts:output-clock',
      standby: 'when-hidden'
    });
  }

  private _add<T extends HTMLElement>(node: T): T {
    this._addWidget(new Widget({ node }));
    return node;
  }

  private _addWidget(widget: Widget): void {
    (this.layout as PanelLayout).addWidget(widget);
  }

  /**
   * Let go of the job's models and the views of the last render.
   */
  private _clear(): void {
    this._clock?.dispose();
    this._clock = null;
    const layout = this.layout as PanelLayout;
    while (layout.widgets.length) {
      layout.widgets[0].dispose();
    }
    this._runs?.dispose();
    this._runs = null;
    this._handle?.dispose();
    this._handle = null;
  }

  private _clock: Poll | null = null;
  private _handle: OutputRegistry.IHandle | null = null;
  private _key = '';
  private _options: RunsOutput.IOptions;
  private _runs: OutputRuns | null = null;
}

export namespace RunsOutput {
  /**
   * The tick of the durations (ms), as in the sidebar.
   */
  export const CLOCK_INTERVAL = 1000;

  export interface IOptions {
    registry: OutputRegistry;
    session: SessionModel;
    trans: TranslationBundle;
    /**
     * The watched versions (the rows' bells), shared with the sidebar.
     */
    watches?: WatchList;
    /**
     * Open the job in the sidebar (null: the panel's home view).
     */
    openJob: (jobId: string | null) => void;
  }
}
