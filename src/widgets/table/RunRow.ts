import { TranslationBundle } from '@jupyterlab/translation';
import { IRun, Run } from '../../models/run';
import { RunClock } from '../../models/runClock';
import { StopFlow } from '../../models/stopFlow';
import { DOM } from '../dom';
import {
  engineDetails,
  engineSummary,
  formatDuration,
  formatLocalTime,
  formatRelativeTime,
  formatShortRelativeTime
} from '../format';
import { StatusBadge } from '../StatusBadge';
import { Column, COLUMNS } from './columns';
import { StopButton } from './StopButton';
import { WatchButton } from './WatchButton';

/**
 * One table row of a run. It is not a widget: the table owns the rows and
 * updates them in place, touching only the cells whose text changed.
 *
 * DOM: `tr.jp-ModelArts-VersionRow[data-version-id]` (the run id) with cells
 * `.jp-ModelArts-cell-{name,id,status,created,duration,engine,actions}`; the
 * name is `span.jp-ModelArts-runName` (opens the details), the created cell
 * a `time` holding `.jp-ModelArts-created-exact` (the wide table) and
 * `.jp-ModelArts-created-relative` (the compact rows), each with the other
 * as its tooltip; the actions cell holds the bell (WatchButton) and Stop.
 * Explicit grid roles keep the table's semantics when the
 * compact layout turns rows into grids; `aria-rowindex` gives the row's
 * place among all runs (the head is row 1), rendered or not.
 */
export class RunRow {
  constructor(runId: string, trans: TranslationBundle) {
    this._runId = runId;
    this._trans = trans;
    const node = DOM.create('tr', 'jp-ModelArts-VersionRow');
    node.dataset.versionId = runId;
    node.tabIndex = -1;
    node.setAttribute('aria-selected', 'false');
    node.setAttribute('role', 'row');
    this.node = node;
    const cells = new Map(
      COLUMNS.map(part => {
        const cell = DOM.create('td', `jp-ModelArts-cell-${part}`);
        cell.setAttribute('role', 'gridcell');
        node.appendChild(cell);
        return [part, cell];
      })
    );
    this._cells = (part: Column) => cells.get(part)!;
    this._name = DOM.create('span', 'jp-ModelArts-runName');
    this._cells('name').appendChild(this._name);
    this._created = DOM.create('time');
    this._exact = DOM.create('span', 'jp-ModelArts-created-exact');
    this._relative = DOM.create('span', 'jp-ModelArts-created-relative');
    this._created.append(this._exact, this._relative);
    this._cells('created').appendChild(this._created);
    this._button = new StopButton(trans);
    this._bell = new WatchButton(trans);
    this._cells('actions').append(this._bell.node, this._button.node);
  }

  readonly node: HTMLTableRowElement;

  /**
   * The id of the run the row shows.
   */
  get runId(): string {
    return this._runId;
  }

  /**
   * Show another run in the row (a windowed table recycles the rows that
   * scroll out of view); `update` renders it.
   */
  rebind(runId: string): this {
    this._runId = runId;
    this.node.dataset.versionId = runId;
    this._run = null;
    return this;
  }

  /**
   * The row's place among the runs shown (0: the first), or -1.
   */
  get index(): number {
    return this._index;
  }

  /**
   * Place the row among the runs shown (its `aria-rowindex`).
   */
  setIndex(index: number): void {
    if (index !== this._index) {
      this._index = index;
      this.node.setAttribute('aria-rowindex', String(index + 2));
    }
  }

  /**
   * The run shown by the row.
   */
  get run(): IRun | null {
    return this._run;
  }

  /**
   * Whether the duration of the row grows while time passes.
   */
  get ticking(): boolean {
    return this._run !== null && Run.isTicking(this._run);
  }

  /**
   * Render a run and its place in the stop flow.
   */
  update(run: IRun, row: RunRow.IRowState, clock: RunClock, now: number): void {
    const previous = this._run;
    this._run = run;
    this._clock = clock;
    if (previous !== run) {
      this._render(run, now);
    }
    this.tick(now);
    this._button.update(run, row.jobName, row.stopState);
    this._bell.update(run, row.watched ?? false);
    this.setSelected(row.selected);
  }

  /**
   * Advance the duration of a running run to `now`.
   */
  tick(now: number): void {
    const run = this._run;
    if (run) {
      const elapsed = this._clock?.elapsed(run, now) ?? run.duration;
      DOM.setText(this._cells('duration'), formatDuration(elapsed));
    }
  }

  /**
   * Mark the row selected (roving tab stop and aria-selected).
   */
  setSelected(selected: boolean): void {
    const value = selected ? 'true' : 'false';
    if (this.node.getAttribute('aria-selected') !== value) {
      this.node.setAttribute('aria-selected', value);
      this.node.classList.toggle('jp-mod-selected', selected);
    }
  }

  /**
   * Bring the relative creation times ("3 h ago", and the tooltip "3 hours
   * ago") up to `now`.
   */
  refreshRelativeTime(now = Date.now()): void {
    const created = this._run?.create_time ?? 0;
    DOM.setText(this._relative, formatShortRelativeTime(created, now));
    DOM.setTitle(this._exact, formatRelativeTime(created));
  }

  private _render(run: IRun, now: number): void {
    const trans = this._trans;
    DOM.setText(this._name, run.name);
    DOM.setTitle(
      this._name,
      run.api === 'v2'
        ? trans.__('Training job ID: %1', run.id)
        : trans.__('Version ID: %1', run.id)
    );
    DOM.setText(this._cells('id'), run.id);
    const status = this._cells('status');
    if (status.firstChild) {
      StatusBadge.update(status.firstChild as HTMLElement, run, trans);
    } else {
      status.appendChild(StatusBadge.create(run, trans));
    }
    const iso = run.create_time ? new Date(run.create_time).toISOString() : '';
    if (this._created.dateTime !== iso) {
      this._created.dateTime = iso;
      const exact = formatLocalTime(run.create_time);
      this._exact.textContent = exact;
      this._relative.title = exact;
    }
    this.refreshRelativeTime(now);
    const engine = this._cells('engine');
    DOM.setText(engine, engineSummary(run.details));
    DOM.setTitle(engine, engineDetails(run.details, trans));
  }

  private _bell: WatchButton;
  private _button: StopButton;
  private _cells: (part: Column) => HTMLTableCellElement;
  private _clock: RunClock | null = null;
  private _created: HTMLTimeElement;
  private _exact: HTMLSpanElement;
  private _index = -1;
  private _name: HTMLSpanElement;
  private _relative: HTMLSpanElement;
  private _run: IRun | null = null;
  private _runId: string;
  private _trans: TranslationBundle;
}

export namespace RunRow {
  /**
   * What the row shows besides the run itself.
   */
  export interface IRowState {
    jobName: string;
    selected: boolean;
    stopState: StopFlow.StopState | null;
    /**
     * Whether the run is watched (its bell is pressed).
     */
    watched?: boolean;
  }
}
