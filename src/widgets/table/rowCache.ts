import { TranslationBundle } from '@jupyterlab/translation';
import { IRun } from '../../models/run';
import { RunClock } from '../../models/runClock';
import { RunRow } from './RunRow';

/**
 * The rendered rows of a windowed table by run id: updated in place,
 * taken out of the DOM when they leave the window and reused for the runs
 * entering it; and the ones whose duration ticks.
 */
export class RowCache {
  constructor(options: RowCache.IOptions) {
    this._options = options;
  }

  /**
   * The rendered row of a run, if any.
   */
  get(runId: string): RunRow | null {
    return this._rows.get(runId) ?? null;
  }

  /**
   * Create or update the row of a run (placing it is the caller's part).
   */
  render(run: IRun, now: number): RunRow {
    const { trans, state, clock } = this._options;
    let row = this._rows.get(run.id);
    if (!row) {
      row = this._free.pop()?.rebind(run.id) ?? new RunRow(run.id, trans);
      this._rows.set(run.id, row);
    }
    row.update(run, state(run), clock(), now);
    if (row.ticking) {
      this._ticking.add(row);
    } else {
      this._ticking.delete(row);
    }
    return row;
  }

  /**
   * Render the rows of `runs[start, end)` in order right after `first`
   * (moving only rows out of place), then drop every other row.
   */
  renderRange(
    runs: ReadonlyArray<IRun>,
    range: { start: number; end: number },
    first: HTMLElement,
    focus: HTMLElement,
    now: number
  ): void {
    const kept = new Set<string>();
    for (let index = range.start; index < range.end; index++) {
      kept.add(runs[index].id);
    }
    // First: the rows leaving the window are free for the runs entering it.
    this.retain(kept, focus);
    const body = first.parentNode!;
    let cursor = first.nextSibling;
    for (let index = range.start; index < range.end; index++) {
      const row = this.render(runs[index], now);
      row.setIndex(index);
      if (row.node === cursor) {
        cursor = cursor.nextSibling;
      } else {
        body.insertBefore(row.node, cursor);
      }
    }
  }

  /**
   * Take every row whose run is not in `kept` out of the DOM and forget
   * it; the focus, if in one of them, goes to `focus`.
   */
  retain(kept: ReadonlySet<string>, focus: HTMLElement): void {
    for (const [id, row] of this._rows) {
      if (!kept.has(id)) {
        if (row.node.contains(document.activeElement)) {
          focus.focus({ preventScroll: true });
        }
        row.node.remove();
        this._rows.delete(id);
        this._ticking.delete(row);
        if (this._free.length < RowCache.MAX_FREE) {
          this._free.push(row);
        }
      }
    }
  }

  /**
   * Advance the durations of the running rows.
   */
  tick(now: number): void {
    for (const row of this._ticking) {
      row.tick(now);
    }
  }

  /**
   * Bring every row's relative creation time up to `now`.
   */
  refreshRelativeTimes(now: number): void {
    for (const row of this._rows.values()) {
      row.refreshRelativeTime(now);
    }
  }

  clear(): void {
    this._free = [];
    this._rows.clear();
    this._ticking.clear();
  }

  private _rows = new Map<string, RunRow>();
  private _ticking = new Set<RunRow>();
  private _free: RunRow[] = [];
  private _options: RowCache.IOptions;
}

export namespace RowCache {
  /**
   * How many rows out of the window are kept for reuse (building a row,
   * icons included, costs more than updating one).
   */
  export const MAX_FREE = 100;

  export interface IOptions {
    trans: TranslationBundle;
    /**
     * What a run's row shows besides the run.
     */
    state: (run: IRun) => RunRow.IRowState;
    /**
     * The run time of running runs.
     */
    clock: () => RunClock;
  }
}
