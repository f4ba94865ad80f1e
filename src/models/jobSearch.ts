import { ServerConnection } from '@jupyterlab/services';
import { Debouncer } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { listJobs } from '../api/client';
import { asRequestError, ModelArtsRequestError } from '../api/request';
import { IJob, IListJobsQuery } from '../api/contract';

/**
 * A search of the user's training jobs: the search text, the page and the
 * matching jobs, with typing debounced into one request. The job picker and
 * the home view each have one.
 */
export class JobSearchModel {
  constructor(options: JobSearchModel.IOptions = {}) {
    this._serverSettings = options.serverSettings;
    this._perPage = options.perPage ?? JobSearchModel.PER_PAGE;
    this._sort = options.sort ?? {};
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
   * Load the jobs matching the current search text now.
   */
  async load(): Promise<void> {
    const ticket = ++this._ticket;
    this._loading = true;
    this._changed.emit();
    try {
      const list = await listJobs(
        {
          search: this._query,
          page: this._page,
          per_page: this._perPage,
          ...this._sort
        },
        this._serverSettings
      );
      if (ticket !== this._ticket || this._isDisposed) {
        return;
      }
      this._jobs = list.jobs;
      this._total = list.job_total_count;
      this._error = null;
    } catch (error) {
      if (ticket !== this._ticket || this._isDisposed) {
        return;
      }
      this._error = asRequestError(error);
    }
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
  }

  export type ISort = Pick<IListJobsQuery, 'sort_by' | 'order'>;
}
