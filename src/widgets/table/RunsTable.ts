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
import { RowNavigation } from './navigation';
import { RunRow } from './RunRow';
import { RowCache } from './rowCache';
import { RowWindow } from './window';

/** The events the table body listens to. */
const EVENTS = ['click', 'contextmenu', 'keydown', 'mouseover', 'focusin'];

/**
 * The runs of a job as a table, newest first.
 *
 * The table is windowed: whatever the number of runs, the DOM holds only
 * the rows in view plus an overscan (RowWindow), rendered again as the
 * table scrolls; `aria-rowcount` and each row's `aria-rowindex` tell
 * assistive technology where it is among all runs. Rows are keyed by run id
 * and updated in place (a refresh touches only the rows that changed).
 *
 * Rows are selectable by click and by keyboard (arrow keys, Page Up/Down,
 * Home, End, across the whole list); the selected row is the table's tab
 * stop. A click on a run's name or Enter asks for its details
 * (`openRequested`); the context-menu key or Shift+F10 opens the
 * application's context menu on the row. The runs shown are those of the
 * filter, in its order, when one is given.
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
    this._rows = new RowCache({
      trans: this._trans,
      clock: () => this._versions.clock,
      state: run => ({
        jobName: this._versions.jobName,
        selected: run.id === this._selection.selectedId,
        stopState: this._stops.stopState(run.id),
        watched: this._watches?.has(this._versions.jobId!, run.id) ?? false
      })
    });
    this.addClass('jp-ModelArts-VersionsTable');
    this.node.tabIndex = -1;
    this._table = createTable(this._trans, options.names);
    this.node.appendChild(this._table);
    this._window = new RowWindow({
      scroller: this.node,
      table: this._table,
      unmeasured: options.pageSize ?? RunsTable.PAGE_SIZE
    });
    this._navigation = new RowNavigation({
      first: () => this._rowOf(this._window.top.nextSibling),
      selected: () => this._rows.get(this._selection.selectedId ?? ''),
      count: () => this.shownRuns.length,
      page: () => this._range.end - this._range.start - 2 * RowWindow.OVERSCAN,
      reveal: index => this.reveal(index),
      select: row => {
        this._selection.select(row.runId);
        this.render();
      },
      open: row => this._openRequested.emit(row.runId)
    });
    this._versions.jobChanged.connect(this._toFirstRow, this);
    this._versions.runsChanged.connect(this._onRunsChanged, this);
    this._filter?.changed.connect(this._toFirstRow, this);
    for (const changed of [this._selection.changed, this._stops.changed]) {
      changed.connect(this.update, this);
    }
  }

  /** Emitted with a run id when the user asks for the run's details. */
  get openRequested(): ISignal<this, string> {
    return this._openRequested;
  }

  /**
   * The runs shown, in order (rendered or not).
   */
  get shownRuns(): ReadonlyArray<IRun> {
    const runs = this._versions.runs;
    return this._filter ? this._filter.apply(runs) : runs;
  }

  /**
   * Scroll the run at `index` of `shownRuns` into view and render it.
   *
   * @returns its row, or null when there is no such run.
   */
  reveal(index: number): RunRow | null {
    const run = this.shownRuns[index];
    if (!run) {
      return null;
    }
    this._window.reveal(index);
    this.render();
    return this._rows.get(run.id);
  }

  /** Render the rows in view now. */
  render(now = Date.now()): void {
    const runs = this.shownRuns;
    // Shown first: a hidden table cannot be measured.
    this.toggleClass('jp-mod-hidden', this._versions.runs.length === 0);
    const range = this._window.range(runs.length);
    this._range = range;
    this._runs = this._versions.runs;
    this._stale = this._versions.stale;
    // The focus, if in a row leaving the window, goes to the table.
    this._rows.renderRange(runs, range, this._window.top, this.node, now);
    this._window.place(range, runs.length);
    this._table.setAttribute('aria-rowcount', String(runs.length + 1));
    this._table.classList.toggle('jp-mod-stale', this._versions.stale);
    this._navigation.updateTabStop();
  }

  /** Advance the durations of running runs. */
  tick(now = Date.now()): void {
    this._rows.tick(now);
    if (now - this._relativeAt >= RunsTable.RELATIVE_INTERVAL) {
      this._relativeAt = now;
      this._rows.refreshRelativeTimes(now);
    }
  }

  /** Move the keyboard focus to the selected (or first) row. */
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
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    DOM.listen(this._table.tBodies[0], EVENTS, this);
    this.node.addEventListener('scroll', this._onScroll, { passive: true });
    // A resize changes how many rows are in view (and the row height).
    if (typeof ResizeObserver !== 'undefined') {
      this._resizes = new ResizeObserver(() => this.update());
      this._resizes.observe(this.node);
    }
    this.update();
  }

  protected onBeforeDetach(msg: Message): void {
    DOM.listen(this._table.tBodies[0], EVENTS, this, false);
    this.node.removeEventListener('scroll', this._onScroll);
    this._resizes?.disconnect();
    super.onBeforeDetach(msg);
  }

  protected onUpdateRequest(msg: Message): void {
    this.render();
  }

  /**
   * Render the rows of the new window as soon as the table scrolls (in the
   * same frame: no blank rows), unless the window did not move.
   */
  private _onScroll = (): void => {
    const range = this._window.range(this.shownRuns.length);
    if (range.start !== this._range.start || range.end !== this._range.end) {
      this.render();
    }
  };

  /**
   * Re-render when the runs or their staleness changed (not for the busy
   * flag alone, nor for an answer the server said is unchanged).
   */
  private _onRunsChanged(): void {
    if (
      this._versions.runs !== this._runs ||
      this._versions.stale !== this._stale
    ) {
      this.update();
    }
  }

  private _toFirstRow(): void {
    this._window.reset();
    this.update();
  }

  private _rowOf(target: EventTarget | null): RunRow | null {
    const node = DOM.closest(target, '.jp-ModelArts-VersionRow');
    return node ? this._rows.get(node.dataset.versionId ?? '') : null;
  }

  private _filter: RunFilter | null;
  private _navigation: RowNavigation;
  private _openRequested = new Signal<this, string>(this);
  private _range: RowWindow.IRange = { start: 0, end: 0 };
  private _relativeAt = 0;
  private _resizes: ResizeObserver | null = null;
  private _rows: RowCache;
  private _runs: ReadonlyArray<IRun> | null = null;
  private _stale = false;
  private _selection: RunSelection;
  private _stops: StopFlow;
  private _table: HTMLTableElement;
  private _trans: TranslationBundle;
  private _versions: IRunList;
  private _watches: WatchList | null;
  private _window: RowWindow;
}

export namespace RunsTable {
  /**
   * Rows rendered while the table cannot be measured (not laid out yet).
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
    /**
     * Rows rendered while the table cannot be measured (default
     * `PAGE_SIZE`); once laid out, the rows in view plus an overscan.
     */
    pageSize?: number;
    /**
     * What the runs are called (default: versions of a job).
     */
    names?: ITableNames;
  }
}
