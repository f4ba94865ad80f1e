import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';
import { RunSelection } from '../models/selection';
import { SessionModel } from '../models/session';
import { StopFlow } from '../models/stopFlow';
import { TrainingJobsModel } from '../models/trainingJobs';
import { VersionsModel } from '../models/versions';
import { DOM } from './dom';
import { RunsTable } from './table/RunsTable';

/**
 * The new-version (v2) training jobs on the home view, newest first: each
 * job is a run in the same runs table (badge, duration, Stop with the same
 * confirmation and guard), with a search and pages. Shown while no v1 job
 * is chosen, unless the cloud serves no v2; its poll runs only while shown.
 *
 * DOM: `.jp-ModelArts-TrainingJobsView` > `.jp-ModelArts-trainingJobsHead`
 * (`h3.jp-ModelArts-homeTitle`, `input.jp-ModelArts-trainingJobsSearch`,
 * `.jp-ModelArts-homeStatus`) + the runs table + `.jp-ModelArts-homePager`
 * (`button.jp-ModelArts-prevPage`, `.jp-ModelArts-pageLabel`,
 * `button.jp-ModelArts-nextPage`).
 */
export class TrainingJobsView extends Panel {
  constructor(options: TrainingJobsView.IOptions) {
    super();
    const trans = (this._trans = options.trans);
    const jobs = (this._jobs = options.jobs);
    this._versions = options.versions;
    this._session = options.session;
    this.addClass('jp-ModelArts-TrainingJobsView');
    const head = new Widget();
    head.addClass('jp-ModelArts-trainingJobsHead');
    const title = trans.__('Training jobs');
    this._search = DOM.input('search', 'jp-ModelArts-trainingJobsSearch');
    this._search.placeholder = trans.__('Search training jobs by name');
    this._search.setAttribute('aria-label', this._search.placeholder);
    this._status = DOM.create('div', 'jp-ModelArts-homeStatus');
    this._status.setAttribute('role', 'status');
    head.node.append(
      DOM.create('h3', 'jp-ModelArts-homeTitle', title),
      this._search,
      this._status
    );
    this.table = new RunsTable({
      versions: jobs,
      selection: options.selection,
      stops: options.stops,
      trans,
      names: { table: title, name: trans.__('Training job') }
    });
    const pager = new Widget();
    pager.addClass('jp-ModelArts-homePager');
    this._prev = DOM.button('jp-ModelArts-prevPage jp-mod-styled', '‹');
    this._prev.setAttribute('aria-label', trans.__('Previous page'));
    this._next = DOM.button('jp-ModelArts-nextPage jp-mod-styled', '›');
    this._next.setAttribute('aria-label', trans.__('Next page'));
    this._page = DOM.create('span', 'jp-ModelArts-pageLabel');
    pager.node.append(this._prev, this._page, this._next);
    this._pager = pager;
    this.addWidget(head);
    this.addWidget(this.table);
    this.addWidget(pager);
    jobs.runsChanged.connect(this._render, this);
    this._versions.jobChanged.connect(this._render, this);
    this._session.changed.connect(this._render, this);
    this._render();
  }

  /**
   * The table of the jobs (its `openRequested` opens a job's details).
   */
  readonly table: RunsTable;

  handleEvent(event: Event): void {
    if (event.type === 'input') {
      void this._jobs.search(this._search.value);
    } else if (event.target === this._prev || event.target === this._next) {
      void this._jobs.page(event.target === this._next ? 1 : -1);
    }
  }

  /**
   * Advance the durations of running jobs.
   */
  tick(now = Date.now()): void {
    this.table.tick(now);
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._search.addEventListener('input', this);
    this._pager.node.addEventListener('click', this);
    this._jobs.refresher.setVisible(this.isVisible);
  }

  protected onBeforeDetach(msg: Message): void {
    this._search.removeEventListener('input', this);
    this._pager.node.removeEventListener('click', this);
    this._jobs.refresher.setVisible(false);
    super.onBeforeDetach(msg);
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._jobs.refresher.setVisible(true);
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this._jobs.refresher.setVisible(false);
  }

  private _render(): void {
    const jobs = this._jobs;
    const trans = this._trans;
    this.setHidden(
      this._versions.jobId !== null ||
        this._session.serves('v2') === false ||
        SessionModel.isGone(jobs.error)
    );
    let status = '';
    if (jobs.loading) {
      status = trans.__('Loading training jobs…');
    } else if (jobs.error) {
      status = trans.__(
        'Could not list training jobs: %1 (%2)',
        trans.__(jobs.error.message),
        jobs.error.errorCode
      );
    } else if (jobs.runs.length === 0) {
      status = jobs.query
        ? trans.__('No matching training jobs')
        : trans.__('No training jobs');
    }
    DOM.setText(this._status, status);
    this._status.classList.toggle('jp-mod-error', jobs.error !== null);
    const first = jobs.runs.length ? jobs.offset + 1 : 0;
    DOM.setText(
      this._page,
      trans.__('%1–%2', first, jobs.offset + jobs.runs.length)
    );
    this._prev.disabled = jobs.busy || jobs.offset === 0;
    this._next.disabled = jobs.busy || !jobs.hasMore;
  }

  private _jobs: TrainingJobsModel;
  private _next: HTMLButtonElement;
  private _page: HTMLSpanElement;
  private _pager: Widget;
  private _prev: HTMLButtonElement;
  private _search: HTMLInputElement;
  private _session: SessionModel;
  private _status: HTMLDivElement;
  private _trans: TranslationBundle;
  private _versions: VersionsModel;
}

export namespace TrainingJobsView {
  export interface IOptions {
    jobs: TrainingJobsModel;
    selection: RunSelection;
    stops: StopFlow;
    versions: VersionsModel;
    session: SessionModel;
    trans: TranslationBundle;
  }
}
