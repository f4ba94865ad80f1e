import { ServerConnection } from '@jupyterlab/services';
import { Debouncer } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { listJobs } from '../api/client';
import { asRequestError, ModelArtsRequestError } from '../api/request';
import { IJob } from '../api/contract';

/**
 * The state of the job picker: the search text and the matching jobs, with
 * typing debounced into one request.
 */
export class JobSearchModel {
  constructor(options: JobSearchModel.IOptions = {}) {
    this._serverSettings = options.serverSettings;
    this._perPage = options.perPage ?? JobSearchModel.PER_PAGE;
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
    return this._debouncer.invoke();
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
        { search: this._query, page: 1, per_page: this._perPage },
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
  private _perPage: number;
  private _query = '';
  private _serverSettings: ServerConnection.ISettings | undefined;
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
  }
}
