import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import { listVersions } from '../api/client';
import { JobSearchModel } from './jobSearch';

/**
 * How many versions each job of a job list has running. The v1 job list
 * carries only each job's latest status, so the count needs the job's
 * versions: they are fetched lazily, for the jobs of the page shown only,
 * a few at a time (the server caches and shares identical calls).
 *
 * A job's count is fetched once per generation; `refresh()` starts a new
 * generation (the counts shown stay until their new values arrive). A job
 * whose versions could not be read has no count.
 */
export class RunningCounts {
  constructor(options: RunningCounts.IOptions) {
    this._jobs = options.jobs;
    this._serverSettings = options.serverSettings;
    this._limit = Math.max(1, options.concurrency ?? RunningCounts.CONCURRENCY);
    this._jobs.changed.connect(this._schedule, this);
  }

  /**
   * Emitted when a count arrives or goes away.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * How many versions of a job are running, or null while unknown.
   */
  running(jobId: string): number | null {
    return this._counts.get(jobId) ?? null;
  }

  /**
   * Count again, for the jobs of the page shown (and any page shown next).
   */
  refresh(): void {
    this._generation++;
    this._done.clear();
    this._schedule();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
  }

  /**
   * Start requests, up to the limit, for the jobs of the page shown that
   * have no count of this generation; called again as each one ends, so a
   * page no longer shown is not counted further.
   */
  private _schedule(): void {
    if (this._isDisposed || this._jobs.loading) {
      return;
    }
    const queue = this._jobs.jobs
      .map(job => job.id)
      .filter(id => !this._done.has(id) && !this._inFlight.has(id));
    for (const jobId of queue) {
      if (this._inFlight.size >= this._limit) {
        break;
      }
      void this._count(jobId);
    }
  }

  private async _count(jobId: string): Promise<void> {
    const generation = this._generation;
    this._inFlight.add(jobId);
    let count: number | null = null;
    try {
      const list = await listVersions(jobId, this._serverSettings);
      count = list.versions.filter(v => v.status_kind === 'running').length;
    } catch {
      // No count: the row shows none (the versions view shows the error).
    }
    this._inFlight.delete(jobId);
    if (this._isDisposed) {
      return;
    }
    // An answer of an older generation is dropped; the job is queued again.
    if (generation === this._generation) {
      this._done.add(jobId);
      if (count === null) {
        this._counts.delete(jobId);
      } else {
        this._counts.set(jobId, count);
      }
      this._changed.emit();
    }
    this._schedule();
  }

  private _changed = new Signal<this, void>(this);
  private _counts = new Map<string, number>();
  private _done = new Set<string>();
  private _generation = 0;
  private _inFlight = new Set<string>();
  private _isDisposed = false;
  private _jobs: JobSearchModel;
  private _limit: number;
  private _serverSettings: ServerConnection.ISettings | undefined;
}

export namespace RunningCounts {
  /**
   * Versions lists requested at a time.
   */
  export const CONCURRENCY = 3;

  export interface IOptions {
    /**
     * The job list whose shown page is counted.
     */
    jobs: JobSearchModel;
    serverSettings?: ServerConnection.ISettings;
    /**
     * Requests at a time (default `CONCURRENCY`).
     */
    concurrency?: number;
  }
}
