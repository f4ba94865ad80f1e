import { ServerConnection } from '@jupyterlab/services';
import { Debouncer } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { ITrainingJobList } from '../api/contract';
import { listTrainingJobs, stopTrainingJob } from '../api/trainingJobs';
import { Refresher } from './refresher';
import { IRun, Run } from './run';
import { RunListBase } from './runListBase';
import { SessionModel } from './session';

/**
 * The new-version (v2) training jobs: a window of them, newest first, as
 * runs, with a search and row-offset pages, refreshed by a poll that stands
 * by while nobody looks (or the cloud serves no v2). Each job is a run the
 * stop flow can stop directly: this model is the stop flow's run source,
 * with one fixed scope in place of a chosen job.
 */
export class TrainingJobsModel extends RunListBase {
  constructor(options: TrainingJobsModel.IOptions = {}) {
    super();
    this._serverSettings = options.serverSettings;
    this._session = options.session;
    this.limit = options.limit ?? TrainingJobsModel.LIMIT;
    this.refresher = new Refresher({
      factory: () => this._fetch(),
      name: 'jupyterlab-modelarts:training-jobs',
      retryAfter: () => this._error?.retryAfter ?? null,
      standby: () =>
        (this._session?.noCredentials ?? false) ||
        this._session?.session?.apis.v2 === false
    });
    this._debouncer = new Debouncer(
      () => this.refresher.refreshNow(),
      options.delay ?? TrainingJobsModel.DELAY
    );
  }

  /** The poll that refreshes the window of jobs. */
  readonly refresher: Refresher;

  /** Rows per window. */
  readonly limit: number;

  /** The stop flow's scope: v2 jobs are not runs of a chosen job. */
  get jobId(): string {
    return TrainingJobsModel.SCOPE;
  }

  /** No job name: a v2 job is named by its own name. */
  get jobName(): string {
    return '';
  }

  /** Never emitted (the scope does not change); part of the run source. */
  get jobChanged(): ISignal<this, string | null> {
    return this._jobChanged;
  }

  /** The search text (part of a job name). */
  get query(): string {
    return this._query;
  }

  /** The first row of the window (0-based). */
  get offset(): number {
    return this._offset;
  }

  /** Whether rows exist after the window. */
  get hasMore(): boolean {
    return this._hasMore;
  }

  /** Whether the jobs have not been loaded yet. */
  get loading(): boolean {
    return this._lastUpdated === null && this._error === null;
  }

  /**
   * Set the search text; the first window of matches follows after a
   * short pause.
   */
  search(query: string): Promise<void> {
    const next = query.trim();
    if (next === this._query) {
      return Promise.resolve();
    }
    this._query = next;
    this._offset = 0;
    return this._debouncer.invoke();
  }

  /** Show the next (1) or the previous (-1) window. */
  page(step: 1 | -1): Promise<void> {
    const next = Math.max(0, this._offset + step * this.limit);
    if (next === this._offset || (step > 0 && !this._hasMore)) {
      return Promise.resolve();
    }
    this._offset = next;
    return this.refresher.refreshNow();
  }

  /** Refresh now (joining a refresh in flight). */
  refresh(): Promise<void> {
    return this.refresher.refresh();
  }

  /** A listed job by id. */
  findRun(runId: string | null): IRun | null {
    return runId === null
      ? null
      : (this._runs.find(run => run.id === runId) ?? null);
  }

  /**
   * Send a stop of a job (one request, no retry); `scope` is this model's
   * `jobId`.
   */
  async stopRun(_scope: string, runId: string): Promise<void> {
    await stopTrainingJob(runId, this._serverSettings);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._debouncer.dispose();
    this.refresher.dispose();
    Signal.clearData(this);
  }

  private async _fetch(): Promise<void> {
    const query = this._query;
    const offset = this._offset;
    await this.load(
      () =>
        listTrainingJobs(
          { search: query, offset, limit: this.limit },
          this._serverSettings
        ),
      () =>
        query === this._query && offset === this._offset && !this._isDisposed,
      (list: ITrainingJobList) => {
        this._hasMore = list.has_more;
        return list.items.map(Run.fromTrainingJob);
      }
    );
  }

  private _debouncer: Debouncer;
  private _hasMore = false;
  private _jobChanged = new Signal<this, string | null>(this);
  private _offset = 0;
  private _query = '';
  private _serverSettings: ServerConnection.ISettings | undefined;
  private _session: SessionModel | undefined;
}

export namespace TrainingJobsModel {
  /**
   * The stop flow's scope of v2 jobs (in place of a v1 job id); the details
   * command names v2 jobs by it too.
   */
  export const SCOPE = 'v2';

  /** Jobs per window (the server allows 1-50). */
  export const LIMIT = 20;

  /** Debounce delay of the search (ms). */
  export const DELAY = 300;

  export interface IOptions {
    /** Server connection settings (defaults to the page's). */
    serverSettings?: ServerConnection.ISettings;

    /** The session: polling stands by without credentials or v2. */
    session?: SessionModel;

    /** Jobs per window (default `LIMIT`). */
    limit?: number;

    /** Debounce delay of the search in ms (default `DELAY`). */
    delay?: number;
  }
}
