import { IStateDB } from '@jupyterlab/statedb';
import { ISignal, Signal } from '@lumino/signaling';
import { StatusKind } from '../api/contract';

/**
 * The versions the user watches (to hear when each ends), remembered in the
 * state database so they survive a reload. A version is watched explicitly
 * (the bell, the palette command) or implicitly (it was running when the
 * user opened its job, or the user stopped it); unwatching it explicitly
 * keeps implicit watching from adding it again. When an observation (a
 * pushed change or a refresh) shows a watched version in a terminal kind,
 * it leaves the list and `ended` says so.
 */
export class WatchList {
  constructor(options: WatchList.IOptions = {}) {
    this._state = options.state ?? null;
  }

  /**
   * Emitted when versions are watched or unwatched, or their status changed.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Emitted with a watched version that reached a terminal kind (its last
   * observed status and duration).
   */
  get ended(): ISignal<this, WatchList.IWatched> {
    return this._ended;
  }

  /**
   * The watched versions, oldest watch first.
   */
  get runs(): ReadonlyArray<WatchList.IWatched> {
    return Array.from(this._runs.values());
  }

  /**
   * The jobs of the watched versions.
   */
  get jobs(): string[] {
    return Array.from(new Set(this.runs.map(run => run.jobId)));
  }

  has(jobId: string, runId: string): boolean {
    return this._runs.has(Private.key(jobId, runId));
  }

  /**
   * Watch a version explicitly (until it ends); nothing for a version that
   * has ended already.
   */
  watch(jobId: string, jobName: string, run: WatchList.IRunLike): void {
    const key = Private.key(jobId, run.id);
    this._muted.delete(key);
    if (!this._runs.has(key) && !WatchList.isTerminal(run.status_kind)) {
      this._runs.set(key, Private.entry(jobId, jobName, run));
      this._commit();
    }
  }

  /**
   * Watch the versions of a job that are not over yet, except those the
   * user chose not to watch.
   */
  watchActive(
    jobId: string,
    jobName: string,
    runs: ReadonlyArray<WatchList.IRunLike>
  ): void {
    let added = false;
    for (const run of runs) {
      const key = Private.key(jobId, run.id);
      if (
        WatchList.isActive(run.status_kind) &&
        !this._runs.has(key) &&
        !this._muted.has(key)
      ) {
        this._runs.set(key, Private.entry(jobId, jobName, run));
        added = true;
      }
    }
    if (added) {
      this._commit();
    }
  }

  /**
   * Watch a version, or stop watching it (the bell).
   */
  toggle(jobId: string, jobName: string, run: WatchList.IRunLike): void {
    if (this.has(jobId, run.id)) {
      this.unwatch(jobId, run.id);
    } else {
      this.watch(jobId, jobName, run);
    }
  }

  /**
   * Stop watching a version (and keep implicit watching from adding it).
   */
  unwatch(jobId: string, runId: string): void {
    const key = Private.key(jobId, runId);
    this._muted.add(key);
    this._runs.delete(key);
    this._commit();
  }

  /**
   * Take in what is now known of some versions of a job: their status (a
   * watched version in a terminal kind ends) and the job's name.
   */
  observe(
    jobId: string,
    jobName: string | null,
    runs: ReadonlyArray<WatchList.IRunLike>
  ): void {
    const ended: WatchList.IWatched[] = [];
    let changed = false;
    for (const run of runs) {
      const key = Private.key(jobId, run.id);
      const known = this._runs.get(key);
      if (!known) {
        continue;
      }
      const next = Private.entry(jobId, jobName || known.jobName, run);
      if (WatchList.isTerminal(run.status_kind)) {
        this._runs.delete(key);
        ended.push(next);
      } else if (JSON.stringify(next) !== JSON.stringify(known)) {
        this._runs.set(key, next);
      } else {
        continue;
      }
      changed = true;
    }
    if (changed) {
      this._commit();
    }
    for (const run of ended) {
      this._ended.emit(run);
    }
  }

  /**
   * Load the watches of the last session.
   */
  async restore(): Promise<void> {
    const saved = (await this._state
      ?.fetch(WatchList.STATE_KEY)
      .catch(() => undefined)) as Partial<WatchList.ISaved> | undefined;
    for (const run of Array.isArray(saved?.runs) ? saved!.runs : []) {
      if (Private.isWatched(run)) {
        this._runs.set(Private.key(run.jobId, run.runId), run);
      }
    }
    for (const key of Array.isArray(saved?.muted) ? saved!.muted : []) {
      if (typeof key === 'string') {
        this._muted.add(key);
      }
    }
    this._changed.emit();
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _commit(): void {
    const muted = Array.from(this._muted).slice(-WatchList.MAX_MUTED);
    this._muted = new Set(muted);
    const saved: WatchList.ISaved = { runs: this.runs.slice(), muted };
    void this._state
      ?.save(WatchList.STATE_KEY, saved as never)
      .catch(() => undefined);
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _ended = new Signal<this, WatchList.IWatched>(this);
  private _muted = new Set<string>();
  private _runs = new Map<string, WatchList.IWatched>();
  private _state: IStateDB | null;
}

export namespace WatchList {
  /**
   * The state-database key of the watches.
   */
  export const STATE_KEY = 'jupyterlab-modelarts:watches';

  /**
   * How many explicitly unwatched versions are remembered.
   */
  export const MAX_MUTED = 500;

  /**
   * What the list needs of a version (a row's run or a pushed summary).
   */
  export interface IRunLike {
    id: string;
    name: string;
    status_kind: StatusKind;
    status_label: string;
    stoppable: boolean;
    duration?: number | null;
  }

  /**
   * A watched version, with what was last observed of it.
   */
  export interface IWatched {
    jobId: string;
    jobName: string;
    runId: string;
    runName: string;
    status_kind: StatusKind;
    status_label: string;
    stoppable: boolean;
    duration: number;
  }

  /**
   * The watches as saved in the state database.
   */
  export interface ISaved {
    runs: IWatched[];
    muted: string[];
  }

  export interface IOptions {
    state?: IStateDB | null;
  }

  /**
   * Whether a version of this kind is over (a notification is due).
   */
  export function isTerminal(kind: StatusKind): boolean {
    return kind === 'completed' || kind === 'failed' || kind === 'canceled';
  }

  /**
   * Whether a version of this kind is queued, running or being stopped.
   */
  export function isActive(kind: StatusKind): boolean {
    return kind === 'pending' || kind === 'running' || kind === 'stopping';
  }
}

namespace Private {
  export function key(jobId: string, runId: string): string {
    return `${jobId}:${runId}`;
  }

  export function entry(
    jobId: string,
    jobName: string,
    run: WatchList.IRunLike
  ): WatchList.IWatched {
    return {
      jobId,
      jobName: jobName || jobId,
      runId: run.id,
      runName: run.name || run.id,
      status_kind: run.status_kind,
      status_label: run.status_label,
      stoppable: run.stoppable,
      duration: run.duration ?? 0
    };
  }

  export function isWatched(value: unknown): value is WatchList.IWatched {
    const run = value as Partial<WatchList.IWatched> | null;
    return (
      typeof run === 'object' &&
      run !== null &&
      typeof run.jobId === 'string' &&
      typeof run.runId === 'string' &&
      typeof run.status_kind === 'string'
    );
  }
}
