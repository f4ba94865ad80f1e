import { ServerConnection } from '@jupyterlab/services';
import { Debouncer } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { listJobs } from '../api/client';
import { asRequestError, ModelArtsRequestError } from '../api/request';
import { IJob, IListJobsQuery, ITrainingJob } from '../api/contract';
import { listTrainingJobs } from '../api/trainingJobs';
import { SessionModel } from './session';

/**
 * A search of the user's training jobs: the search text, the page and the
 * matching jobs, with typing debounced into one request. The job picker and
 * the home view each have one. The picker's also searches the new-version
 * (v2) jobs (`trainingJobs` option): the newest matches, listed beside the
 * page of v1 jobs; picking one is told through `trainingJobPicked`.
 */
export class JobSearchModel {
  constructor(options: JobSearchModel.IOptions = {}) {
    this._serverSettings = options.serverSettings;
    this._perPage = options.perPage ?? JobSearchModel.PER_PAGE;
    this._sort = options.sort ?? {};
    this._withTrainingJobs = options.trainingJobs ?? false;
    this._session = options.session ?? null;
    this._debouncer = new Debouncer(
      () => this.load(),
      options.delay ?? JobSearchModel.DELAY
    );
  }

  /**
   * Emitted when the results, the loading flag or the error change.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get query(): string {
    return this._query;
  }

  get jobs(): ReadonlyArray<IJob> {
    return this._jobs;
  }

  /**
   * How many jobs match in total (may exceed the jobs listed).
   */
  get total(): number {
    return this._total;
  }

  /**
   * The page shown, from 1.
   */
  get page(): number {
    return this._page;
  }

  /**
   * How many pages the matching jobs fill (at least 1).
   */
  get pageCount(): number {
    return Math.max(1, Math.ceil(this._total / this._perPage));
  }

  /**
   * The newest v2 jobs matching the search text (none unless the
   * `trainingJobs` option is on and the cloud serves v2).
   */
  get trainingJobs(): ReadonlyArray<ITrainingJob> {
    return this._trainingJobs;
  }

  /**
   * The error of the last v2 search, or null.
   */
  get trainingJobsError(): ModelArtsRequestError | null {
    return this._trainingJobsError;
  }

  /**
   * Emitted with the id of the v2 job the user picked (its details open).
   */
  get trainingJobPicked(): ISignal<this, string> {
    return this._trainingJobPicked;
  }

  get loading(): boolean {
    return this._loading;
  }

  get error(): ModelArtsRequestError | null {
    return this._error;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Set the search text; the request follows after a short pause.
   */
  search(query: string): Promise<void> {
    this._query = query.trim();
    this._page = 1;
    return this._debouncer.invoke();
  }

  /**
   * Show a page of the matching jobs (clamped to the pages there are).
   */
  setPage(page: number): Promise<void> {
    this._page = Math.min(Math.max(1, Math.floor(page)), this.pageCount);
    return this.load();
  }

  /**
   * Tell that the user picked a v2 job (by its UUID).
   */
  pickTrainingJob(jobId: string): void {
    this._trainingJobPicked.emit(jobId);
  }

  /**
   * Load the jobs matching the current search text now: a page of the v1
   * jobs and, with the `trainingJobs` option, the newest v2 matches, each
   * skipped where the cloud does not serve its API.
   */
  async load(): Promise<void> {
    const ticket = ++this._ticket;
    this._loading = true;
    this._changed.emit();
    const query = this._query;
    const serves = (api: 'v1' | 'v2') => this._session?.serves(api) !== false;
    const [v1, v2] = await Promise.all([
      serves('v1')
        ? Private.settle(
            listJobs(
              {
                search: query,
                page: this._page,
                per_page: this._perPage,
                ...this._sort
              },
              this._serverSettings
            )
          )
        : null,
      this._withTrainingJobs && serves('v2')
        ? Private.settle(
            listTrainingJobs(
              { search: query, offset: 0, limit: JobSearchModel.V2_LIMIT },
              this._serverSettings
            )
          )
        : null
    ]);
    if (ticket !== this._ticket || this._isDisposed) {
      return;
    }
    if (v1?.value) {
      this._jobs = v1.value.jobs;
      this._total = v1.value.job_total_count;
    } else if (v1 === null) {
      this._jobs = [];
      this._total = 0;
    }
    this._error = v1?.error ?? null;
    this._trainingJobs =
      v2?.value?.items ?? (v2?.error ? this._trainingJobs : []);
    this._trainingJobsError = v2?.error ?? null;
    // A v2 route answering "gone": the panel stops offering v2.
    this._session?.noteError('v2', this._trainingJobsError);
    this._loading = false;
    this._changed.emit();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._debouncer.dispose();
    Signal.clearData(this);
  }

  private _changed = new Signal<this, void>(this);
  private _debouncer: Debouncer;
  private _error: ModelArtsRequestError | null = null;
  private _isDisposed = false;
  private _jobs: IJob[] = [];
  private _loading = false;
  private _page = 1;
  private _perPage: number;
  private _query = '';
  private _serverSettings: ServerConnection.ISettings | undefined;
  private _sort: JobSearchModel.ISort;
  private _ticket = 0;
  private _total = 0;
  private _trainingJobPicked = new Signal<this, string>(this);
  private _trainingJobs: ITrainingJob[] = [];
  private _trainingJobsError: ModelArtsRequestError | null = null;
  private _session: SessionModel | null;
  private _withTrainingJobs: boolean;
}

export namespace JobSearchModel {
  /**
   * Jobs requested per search.
   */
  export const PER_PAGE = 50;

  /**
   * Debounce delay of the search (ms).
   */
  export const DELAY = 300;

  /**
   * The v2 jobs listed per search (the newest matches; the server allows
   * 1-50).
   */
  export const V2_LIMIT = 20;

  export interface IOptions {
    serverSettings?: ServerConnection.ISettings;
    /**
     * Jobs requested per search (default `PER_PAGE`).
     */
    perPage?: number;
    /**
     * Debounce delay of the search in ms (default `DELAY`).
     */
    delay?: number;
    /**
     * The order of the jobs (default: the server's).
     */
    sort?: ISort;
    /**
     * Also search the v2 jobs (default false).
     */
    trainingJobs?: boolean;
    /**
     * The session: an API the cloud does not serve is not searched.
     */
    session?: SessionModel;
  }

  export type ISort = Pick<IListJobsQuery, 'sort_by' | 'order'>;
}

namespace Private {
  /**
   * A call's answer or its error (the two searches fail on their own).
   */
  export function settle<T>(
    call: Promise<T>
  ): Promise<{ value: T | null; error: ModelArtsRequestError | null }> {
    return call.then(
      value => ({ value, error: null }),
      error => ({ value: null, error: asRequestError(error) })
    );
  }
}
