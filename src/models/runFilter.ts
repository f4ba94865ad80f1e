import { IStateDB } from '@jupyterlab/statedb';
import { ReadonlyJSONObject } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import { StatusKind } from '../api/contract';
import { IRun } from './run';

/**
 * Which runs of the chosen job are shown, and in what order: a status kind,
 * a text filter on the run name and a sort key. The state is remembered per
 * job in the state database when one is given.
 */
export class RunFilter {
  constructor(options: RunFilter.IOptions = {}) {
    this._state = options.state ?? null;
    options.jobChanged?.connect((_, jobId) => void this.setJob(jobId), this);
  }

  /**
   * Emitted when the filter or the sort changes.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * The status kind shown, or null for every kind.
   */
  get kind(): StatusKind | null {
    return this._value.kind;
  }

  /**
   * The text the run names must contain (case-insensitive), or ''.
   */
  get text(): string {
    return this._value.text;
  }

  get sortBy(): RunFilter.SortKey {
    return this._value.sortBy;
  }

  get order(): RunFilter.Order {
    return this._value.order;
  }

  /**
   * Whether every run is shown in the server's order (newest first).
   */
  get isDefault(): boolean {
    return RunFilter.isDefault(this._value);
  }

  /**
   * The state as saved for the job.
   */
  get value(): RunFilter.IValue {
    return this._value;
  }

  setKind(kind: StatusKind | null): void {
    this._set({ kind });
  }

  setText(text: string): void {
    this._set({ text: text.trim() });
  }

  /**
   * Sort by a key; the order defaults to the key's natural one (newest,
   * longest, most urgent first).
   */
  setSort(sortBy: RunFilter.SortKey, order: RunFilter.Order = 'desc'): void {
    this._set({ sortBy, order });
  }

  /**
   * Show every run in the server's order.
   */
  reset(): void {
    this._set(RunFilter.DEFAULT);
  }

  /**
   * Follow the chosen job: load the state remembered for it.
   */
  async setJob(jobId: string | null): Promise<void> {
    this._jobId = jobId;
    const saved =
      jobId !== null && this._state
        ? await this._state.fetch(Private.key(jobId)).catch(() => undefined)
        : undefined;
    if (jobId === this._jobId) {
      this._apply(RunFilter.parse(saved), false);
    }
  }

  /**
   * The runs shown, filtered and sorted (the same array while neither the
   * runs nor the filter change).
   */
  apply(runs: ReadonlyArray<IRun>): ReadonlyArray<IRun> {
    if (runs !== this._source || this._shown === null) {
      this._source = runs;
      this._shown = this.isDefault
        ? runs
        : Private.filterSort(runs, this._value);
    }
    return this._shown;
  }

  /**
   * How many runs there are of each status kind.
   */
  counts(runs: ReadonlyArray<IRun>): ReadonlyMap<StatusKind, number> {
    const counts = new Map<StatusKind, number>();
    for (const run of runs) {
      counts.set(run.status_kind, (counts.get(run.status_kind) ?? 0) + 1);
    }
    return counts;
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _set(change: Partial<RunFilter.IValue>): void {
    this._apply({ ...this._value, ...change }, true);
  }

  private _apply(next: RunFilter.IValue, save: boolean): void {
    const value = this._value;
    if (
      next.kind === value.kind &&
      next.text === value.text &&
      next.sortBy === value.sortBy &&
      next.order === value.order
    ) {
      return;
    }
    this._value = next;
    this._shown = null;
    if (save && this._jobId !== null && this._state) {
      void this._state.save(
        Private.key(this._jobId),
        next as unknown as ReadonlyJSONObject
      );
    }
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _jobId: string | null = null;
  private _shown: ReadonlyArray<IRun> | null = null;
  private _source: ReadonlyArray<IRun> | null = null;
  private _state: IStateDB | null;
  private _value: RunFilter.IValue = RunFilter.DEFAULT;
}

export namespace RunFilter {
  export type SortKey = 'created' | 'duration' | 'status';
  export type Order = 'asc' | 'desc';

  /**
   * The sort keys, in the order offered.
   */
  export const SORT_KEYS: ReadonlyArray<SortKey> = [
    'created',
    'duration',
    'status'
  ];

  /**
   * The status kinds, most urgent first (the order of "sort by status" and
   * of the filter's choices).
   */
  export const KINDS: ReadonlyArray<StatusKind> = [
    'running',
    'stopping',
    'pending',
    'failed',
    'canceled',
    'completed',
    'unknown'
  ];

  export interface IValue {
    readonly kind: StatusKind | null;
    readonly text: string;
    readonly sortBy: SortKey;
    readonly order: Order;
  }

  export const DEFAULT: IValue = {
    kind: null,
    text: '',
    sortBy: 'created',
    order: 'desc'
  };

  export function isDefault(value: IValue): boolean {
    return (
      value.kind === null &&
      value.text === '' &&
      value.sortBy === DEFAULT.sortBy &&
      value.order === DEFAULT.order
    );
  }

  /**
   * A saved state, or the default for anything that is not one.
   */
  export function parse(saved: unknown): IValue {
    if (typeof saved !== 'object' || saved === null) {
      return DEFAULT;
    }
    const fields = saved as Record<string, unknown>;
    const kind = KINDS.find(k => k === fields.kind) ?? null;
    const sortBy = SORT_KEYS.find(k => k === fields.sortBy) ?? DEFAULT.sortBy;
    return {
      kind,
      text: typeof fields.text === 'string' ? fields.text : '',
      sortBy,
      order: fields.order === 'asc' ? 'asc' : 'desc'
    };
  }

  export interface IOptions {
    /**
     * Where the state of each job is remembered.
     */
    state?: IStateDB | null;

    /**
     * The chosen job's changes (the state follows the job).
     */
    jobChanged?: ISignal<unknown, string | null>;
  }
}

namespace Private {
  /**
   * The state-database key of a job's filter.
   */
  export function key(jobId: string): string {
    return `jupyterlab-modelarts:filter:${jobId}`;
  }

  const RANK = new Map(RunFilter.KINDS.map((kind, index) => [kind, index]));

  /**
   * Compare in ascending order of the key.
   */
  const COMPARE: Record<RunFilter.SortKey, (a: IRun, b: IRun) => number> = {
    created: (a, b) => a.create_time - b.create_time,
    duration: (a, b) => a.duration - b.duration,
    // Ascending status puts the least urgent first; descending the most.
    status: (a, b) =>
      (RANK.get(b.status_kind) ?? RANK.size) -
      (RANK.get(a.status_kind) ?? RANK.size)
  };

  export function filterSort(
    runs: ReadonlyArray<IRun>,
    value: RunFilter.IValue
  ): IRun[] {
    const text = value.text.toLowerCase();
    const shown = runs.filter(
      run =>
        (value.kind === null || run.status_kind === value.kind) &&
        (!text || run.name.toLowerCase().includes(text))
    );
    const compare = COMPARE[value.sortBy];
    const sign = value.order === 'asc' ? 1 : -1;
    // The sort is stable: ties keep the server's order (newest first).
    return shown.sort((a, b) => sign * compare(a, b));
  }
}
