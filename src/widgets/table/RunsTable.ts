import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { IRun } from '../../models/run';
import { IRunList } from '../../models/runList';
import { RunFilter } from '../../models/runFilter';
import { RunSelection } from '../../models/selection';
import { StopFlow } from '../../models/stopFlow';
import { WatchList } from '../../models/watchList';
import { DOM } from '../dom';
import { createTable, ITableNames } from './columns';
import { MoreRow } from './MoreRow';
import { RowNavigation } from './navigation';
import { RunRow } from './RunRow';

/** The events the table body listens to. */
const EVENTS = ['click', 'contextmenu', 'keydown', 'mouseover', 'focusin'];

/**
 * The runs of a job as a table, newest first.
 *
 * Rows are keyed by run id and updated in place (a refresh touches only the
 * rows that changed), and rendered incrementally: the newest `pageSize`
 * first, more when the "show more" row scrolls into view or is activated.
 *
 * Rows are selectable by click and by keyboard (arrow keys, Home, End); the
 * selected row is the table's tab stop. A click on a run's name or Enter
 * asks for its details (`openRequested`); the context-menu key or
 * Shift+F10 opens the application's context menu on the row. The runs shown
 * are those of the filter, in its order, when one is given.
 */
export class RunsTable extends Widget {
  constructor(options: RunsTable.IOptions) {
    super();
    this._versions = options.versions;
    this._selection = options.selection;
    this._stops = options.stops;
    this._filter = options.filter ?? null;
    this._watches = options.watches ?? null;
    this._watches?.changed.connect(this.update, this);
    this._trans = options.trans;
    this._pageSize = options.pageSize ?? RunsTable.PAGE_SIZE;
    this._limit = this._pageSize;
    this.addClass('jp-ModelArts-VersionsTable');
    this._table = createTable(this._trans, options.names);
    this._body = this._table.tBodies[0];
    this._more = new MoreRow({
      trans: this._trans,
      onMore: () => this.showMore()
    });
    this.node.appendChild(this._table);
    this._navigation = new RowNavigation({
      body: this._body,
      rowOf: target => this._rowOf(target),
      selected: () => this._rows.get(this._selection.selectedId ?? '') ?? null,
      select: row => {
        this._selection.select(row.runId);
        this.render();
      },
      open: row => this._openRequested.emit(row.runId),
      showMore: () => this.showMore()
    });
    this._versions.jobChanged.connect(this._resetLimit, this);
    this._filter?.changed.connect(this._resetLimit, this);
    this._filter?.changed.connect(this.update, this);
    for (const changed of [
      this._versions.runsChanged,
      this._selection.changed,
      this._stops.changed
    ]) {
      changed.connect(this.update, this);
    }
  }

  /**
   * Emitted with a run id when the user asks for the run's details.
   */
  get openRequested(): ISignal<this, string> {
    return this._openRequested;
  }

  /**
   * The runs shown, in order (all rendered or not yet).
   */
  get shownRuns(): ReadonlyArray<IRun> {
    const runs = this._versions.runs;
    return this._filter ? this._filter.apply(runs) : runs;
  }

  /** Render rows for the next page of runs. */
  showMore(): void {
    const runs = this.shownRuns;
    if (this._limit >= runs.length) {
      return;
    }
    // The rows already shown are current (any model change re-renders them):
    // build only the new page, so showing N rows costs O(N), not O(N²).
    const start = this._limit;
    this._limit += this._pageSize;
    const now = Date.now();
    const shown = runs.slice(start, this._limit);
    for (const run of shown) {
      this._body.insertBefore(this._renderRow(run, now).node, this._more.node);
    }
    this._more.render(this._body, start + shown.length, runs.length);
  }

  /** Render the models now. */
  render(now = Date.now()): void {
    const runs = this.shownRuns;
    const seen = new Set<string>();
    this._ticking.clear();
    let cursor = this._body.firstChild;
    const shown = runs.slice(0, this._limit);
    for (const run of shown) {
      seen.add(run.id);
      const row = this._renderRow(run, now);
      if (row.node === cursor) {
        cursor = cursor.nextSibling;
      } else {
        this._body.insertBefore(row.node, cursor);
      }
    }
    for (const [id, row] of this._rows) {
      if (!seen.has(id)) {
        row.node.remove();
        this._rows.delete(id);
      }
    }
    this._more.render(this._body, shown.length, runs.length);
    this._table.classList.toggle('jp-mod-stale', this._versions.stale);
    this.node.classList.toggle(
      'jp-mod-hidden',
      this._versions.runs.length === 0
    );
    this._navigation.updateTabStop();
  }

  /** Advance the durations of running runs. */
  tick(now = Date.now()): void {
    for (const row of this._ticking) {
      row.tick(now);
    }
    if (now - this._relativeAt >= RunsTable.RELATIVE_INTERVAL) {
      this._relativeAt = now;
      for (const row of this._rows.values()) {
        row.refreshRelativeTime(now);
      }
    }
  }

  /**
   * Move the keyboard focus to the selected (or first) row.
   */
  focusSelected(): void {
    this._navigation.tabStop()?.node.focus();
  }

  handleEvent(event: Event): void {
    const row = this._rowOf(event.target);
    if (!row) {
      return;
    }
    switch (event.type) {
      case 'click':
        this._selection.select(row.runId);
        if (DOM.closest(event.target, '.jp-ModelArts-stopButton')) {
          void this._stops.stop(row.runId);
        } else if (DOM.closest(event.target, '.jp-ModelArts-watchButton')) {
          this._watches?.toggle(
            this._versions.jobId!,
            this._versions.jobName,
            row.run!
          );
        } else if (DOM.closest(event.target, '.jp-ModelArts-runName')) {
          this._openRequested.emit(row.runId);
        }
        break;
      case 'contextmenu':
        // The application's menu opens on the row; its commands act on it.
        this._selection.select(row.runId);
        break;
      case 'keydown':
        this._navigation.onKeyDown(event as KeyboardEvent, row);
        break;
      case 'mouseover':
      case 'focusin':
        row.refreshRelativeTime();
        break;
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._rows.clear();
    this._ticking.clear();
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    DOM.listen(this._body, EVENTS, this);
    this._more.observe(this.node);
    this.update();
  }

  protected onBeforeDetach(msg: Message): void {
    DOM.listen(this._body, EVENTS, this, false);
    this._more.disconnect();
    super.onBeforeDetach(msg);
  }

  protected onUpdateRequest(msg: Message): void {
    this.render();
  }

  /**
   * Create or update the row of one run (not yet placed in the table).
   */
  private _renderRow(run: IRun, now: number): RunRow {
    const versions = this._versions;
    let row = this._rows.get(run.id);
    if (!row) {
      row = new RunRow(run.id, this._trans);
      this._rows.set(run.id, row);
    }
    const state = {
      jobName: versions.jobName,
      selected: run.id === this._selection.selectedId,
      stopState: this._stops.stopState(run.id),
      watched: this._watches?.has(versions.jobId!, run.id) ?? false
    };
    row.update(run, state, versions.clock, now);
    if (row.ticking) {
      this._ticking.add(row);
    }
    return row;
  }

  private _resetLimit(): void {
    this._limit = this._pageSize;
  }

  private _rowOf(target: EventTarget | null): RunRow | null {
    const node = DOM.closest(target, '.jp-ModelArts-VersionRow');
    return node ? (this._rows.get(node.dataset.versionId ?? '') ?? null) : null;
  }

  private _body: HTMLTableSectionElement;
  private _filter: RunFilter | null;
  private _limit: number;
  private _more: MoreRow;
  private _navigation: RowNavigation;
  private _openRequested = new Signal<this, string>(this);
  private _pageSize: number;
  private _relativeAt = 0;
  private _rows = new Map<string, RunRow>();
  private _selection: RunSelection;
  private _stops: StopFlow;
  private _table: HTMLTableElement;
  private _ticking = new Set<RunRow>();
  private _trans: TranslationBundle;
  private _versions: IRunList;
  private _watches: WatchList | null;
}

export namespace RunsTable {
  /**
   * Rows rendered at first, and added by each "show more".
   */
  export const PAGE_SIZE = 200;

  /**
   * How often the relative creation times are brought up to date (ms).
   */
  export const RELATIVE_INTERVAL = 60 * 1000;

  export interface IOptions {
    versions: IRunList;
    selection: RunSelection;
    stops: StopFlow;
    trans: TranslationBundle;
    /**
     * Which runs to show and in what order (default: all, as listed).
     */
    filter?: RunFilter;
    /**
     * The watched runs (the rows' bells); none: no bells pressed.
     */
    watches?: WatchList;
    pageSize?: number;
    /**
     * What the runs are called (default: versions of a job).
     */
    names?: ITableNames;
  }
}
