import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { IJob } from '../api/contract';
import { JobSearchModel } from '../models/jobSearch';
import { RunningCounts } from '../models/runningCounts';
import { SessionModel } from '../models/session';
import { VersionsModel } from '../models/versions';
import { DOM } from './dom';
import { formatLocalTime, formatShortRelativeTime } from './format';
import { StatusBadge } from './StatusBadge';

/**
 * The home of the panel while no job is chosen: the user's training jobs,
 * newest first, with a search and pages. Choosing one opens its versions.
 *
 * DOM: `div.jp-ModelArts-HomeView` > `input.jp-ModelArts-homeSearch` +
 * `.jp-ModelArts-homeStatus` + `ul.jp-ModelArts-homeList` (items hold
 * `button.jp-ModelArts-homeJob[data-job-id]` with the name, the status badge
 * of the job's latest version, `.jp-ModelArts-homeJob-running` when some of
 * its versions run, and `.jp-ModelArts-homeJob-meta`) +
 * `.jp-ModelArts-homePager` (`button.jp-ModelArts-prevPage`,
 * `.jp-ModelArts-pageLabel`, `button.jp-ModelArts-nextPage`).
 */
export class HomeView extends Widget {
  constructor(options: HomeView.IOptions) {
    super();
    const trans = (this._trans = options.trans);
    this._home = options.home;
    this._versions = options.versions;
    this._session = options.session ?? null;
    this._running = options.running ?? null;
    this.addClass('jp-ModelArts-HomeView');
    const heading = DOM.create(
      'h3',
      'jp-ModelArts-homeTitle',
      this._session
        ? trans.__('Old-version training jobs')
        : trans.__('Training jobs')
    );
    this._search = DOM.input('search', 'jp-ModelArts-homeSearch');
    this._search.placeholder = trans.__('Search training jobs');
    this._search.setAttribute('aria-label', trans.__('Search training jobs'));
    this._status = DOM.create('div', 'jp-ModelArts-homeStatus');
    this._status.setAttribute('role', 'status');
    this._list = DOM.create('ul', 'jp-ModelArts-homeList');
    this._list.setAttribute('aria-label', trans.__('Training jobs'));
    this._prev = DOM.button('jp-ModelArts-prevPage jp-mod-styled', '‹');
    this._prev.setAttribute('aria-label', trans.__('Previous page'));
    this._next = DOM.button('jp-ModelArts-nextPage jp-mod-styled', '›');
    this._next.setAttribute('aria-label', trans.__('Next page'));
    this._page = DOM.create('span', 'jp-ModelArts-pageLabel');
    const pager = DOM.create('div', 'jp-ModelArts-homePager');
    pager.append(this._prev, this._page, this._next);
    this.node.append(heading, this._search, this._status, this._list, pager);
    this._home.changed.connect(this.update, this);
    this._versions.jobChanged.connect(this._onJobChanged, this);
    this._session?.changed.connect(this.update, this);
    this._running?.changed.connect(this._onRunningChanged, this);
    this.render();
  }

  render(now = Date.now()): void {
    const home = this._home;
    const trans = this._trans;
    this.setHidden(this._versions.jobId !== null || !this._offered());
    this._list.replaceChildren(...home.jobs.map(job => this._item(job, now)));
    let status = '';
    if (home.loading) {
      status = trans.__('Loading jobs…');
    } else if (home.error) {
      status = trans.__(
        'Could not list jobs: %1 (%2)',
        trans.__(home.error.message),
        home.error.errorCode
      );
    } else if (this._loaded && home.jobs.length === 0) {
      status = trans.__('No matching training jobs');
    }
    DOM.setText(this._status, status);
    this._status.classList.toggle('jp-mod-error', home.error !== null);
    DOM.setText(
      this._page,
      trans.__('Page %1 of %2', home.page, home.pageCount)
    );
    this._prev.disabled = home.loading || home.page <= 1;
    this._next.disabled = home.loading || home.page >= home.pageCount;
  }

  /**
   * Load the jobs while the home view is shown: the first time it is, or
   * always with `force` (back home, refresh).
   */
  load(force = false): void {
    if (
      this._versions.jobId === null &&
      this._session?.serves('v1') !== false &&
      (force || !this._loaded)
    ) {
      this._loaded = true;
      if (force) {
        this._running?.refresh();
      }
      void this._home.load();
    }
  }

  handleEvent(event: Event): void {
    if (event.type === 'input') {
      this._loaded = true;
      void this._home.search(this._search.value);
      return;
    }
    const target = event.target;
    if (target === this._prev || target === this._next) {
      const step = target === this._next ? 1 : -1;
      void this._home.setPage(this._home.page + step);
      return;
    }
    const item = DOM.closest(target, '.jp-ModelArts-homeJob');
    if (item?.dataset.jobId) {
      this._versions.setJob(item.dataset.jobId);
    }
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.node.addEventListener('click', this);
    this._search.addEventListener('input', this);
  }

  protected onBeforeDetach(msg: Message): void {
    this.node.removeEventListener('click', this);
    this._search.removeEventListener('input', this);
    super.onBeforeDetach(msg);
  }

  protected onUpdateRequest(msg: Message): void {
    this.render();
  }

  private _item(job: IJob, now: number): HTMLLIElement {
    const trans = this._trans;
    const button = DOM.button('jp-ModelArts-homeJob');
    button.dataset.jobId = job.id;
    const count = job.version_count ?? 0;
    const meta = [
      job.id,
      trans._n('%1 version', '%1 versions', count),
      formatShortRelativeTime(job.create_time, now)
    ].filter(Boolean);
    const metaNode = DOM.create(
      'span',
      'jp-ModelArts-homeJob-meta',
      meta.join(' · ')
    );
    metaNode.title = formatLocalTime(job.create_time);
    button.append(
      DOM.create('span', 'jp-ModelArts-homeJob-name', job.name),
      StatusBadge.create(job, trans),
      metaNode
    );
    this._showRunning(button);
    button.title = job.job_desc ?? '';
    const item = DOM.create('li');
    item.appendChild(button);
    return item;
  }

  /**
   * Show how many versions of a row's job run, before its meta line (in
   * place, so a count arriving keeps the focus where it is).
   */
  private _showRunning(button: HTMLElement): void {
    const count = this._running?.running(button.dataset.jobId ?? '') ?? 0;
    let node = button.querySelector('.jp-ModelArts-homeJob-running');
    if (count <= 0) {
      node?.remove();
      return;
    }
    if (!node) {
      node = DOM.create('span', 'jp-ModelArts-homeJob-running');
      button.insertBefore(node, button.lastChild);
    }
    node.textContent = this._trans._n('%1 running', '%1 running', count);
  }

  private _onRunningChanged(): void {
    this._list
      .querySelectorAll<HTMLElement>('.jp-ModelArts-homeJob')
      .forEach(button => this._showRunning(button));
  }

  /**
   * Whether v1 is offered: not where the cloud serves no v1 (the session
   * says so, or the list answered that v1 is gone).
   */
  private _offered(): boolean {
    return (
      this._session?.serves('v1') !== false &&
      !SessionModel.isGone(this._home.error)
    );
  }

  private _onJobChanged(_: VersionsModel, jobId: string | null): void {
    this.render();
    if (jobId === null) {
      this.load(true);
    }
  }

  private _home: JobSearchModel;
  private _list: HTMLUListElement;
  private _loaded = false;
  private _next: HTMLButtonElement;
  private _page: HTMLSpanElement;
  private _prev: HTMLButtonElement;
  private _running: RunningCounts | null;
  private _search: HTMLInputElement;
  private _session: SessionModel | null;
  private _status: HTMLDivElement;
  private _trans: TranslationBundle;
  private _versions: VersionsModel;
}

export namespace HomeView {
  export interface IOptions {
    home: JobSearchModel;
    versions: VersionsModel;
    /**
     * The session: v1 is not offered where the cloud serves none (and the
     * list is titled for old-version jobs).
     */
    session?: SessionModel;
    /**
     * How many versions each listed job has running (shown when some do).
     */
    running?: RunningCounts;
    trans: TranslationBundle;
  }
}
