import { ServerConnection } from '@jupyterlab/services';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { getVersion } from '../api/client';
import { asRequestError, ModelArtsRequestError } from '../api/request';
import { LogsModel } from './logs';
import { IRun, Run } from './run';
import { RunClock } from './runClock';

/**
 * The full record of one run (the single-version route), refreshed while
 * the run is running and its view is visible, and its logs (which follow
 * new lines while the run runs).
 */
export class RunDetailsModel {
  constructor(options: RunDetailsModel.IOptions) {
    this.jobId = options.jobId;
    this.runId = options.runId;
    this.jobName = options.jobName ?? options.jobId;
    this.clock = options.clock ?? new RunClock();
    this._serverSettings = options.serverSettings;
    this.logs = new LogsModel({
      jobId: this.jobId,
      runId: this.runId,
      serverSettings: options.serverSettings
    });
    this._poll = new Poll({
      auto: false,
      factory: () => this._fetch(),
      frequency: {
        interval: (options.interval ?? RunDetailsModel.INTERVAL) * SECOND,
        backoff: true,
        max: RunDetailsModel.MAX_BACKOFF * SECOND
      },
      name: 'jupyterlab-modelarts:details',
      standby: () =>
        this._run && !Run.isTicking(this._run) ? true : 'when-hidden'
    });
  }

  readonly jobId: string;
  readonly runId: string;
  readonly jobName: string;

  /**
   * The logs of the run.
   */
  readonly logs: LogsModel;

  /**
   * The run time of the run between refreshes (shared with the table).
   */
  readonly clock: RunClock;

  /**
   * Emitted after each load, successful or not.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * The run, once loaded; its `record` holds every upstream field.
   */
  get run(): IRun | null {
    return this._run;
  }

  /**
   * The error of the last load, or null.
   */
  get error(): ModelArtsRequestError | null {
    return this._error;
  }

  get loading(): boolean {
    return this._run === null && this._error === null;
  }

  get isDisposed(): boolean {
    return this._poll.isDisposed;
  }

  /**
   * Load now, then refresh while the run is running.
   */
  start(): Promise<void> {
    return this._poll.start();
  }

  /**
   * Load now (joining a load in flight).
   */
  refresh(): Promise<void> {
    return this._poll.refresh();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._poll.dispose();
    this.logs.dispose();
    Signal.clearData(this);
  }

  private async _fetch(): Promise<void> {
    try {
      const version = await getVersion(
        this.jobId,
        this.runId,
        this._serverSettings
      );
      if (this.isDisposed) {
        return;
      }
      this._run = Run.fromVersion(version);
      this._error = null;
      this.clock.observe(this._run, Date.now());
      this.logs.setFollowing(Run.isTicking(this._run));
    } catch (error) {
      if (this.isDisposed) {
        return;
      }
      this._error = asRequestError(error);
      this._changed.emit();
      throw this._error;
    }
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _error: ModelArtsRequestError | null = null;
  private _poll: Poll;
  private _run: IRun | null = null;
  private _serverSettings: ServerConnection.ISettings | undefined;
}

export namespace RunDetailsModel {
  /**
   * Seconds between refreshes of a running run's record.
   */
  export const INTERVAL = 5;

  /**
   * The longest wait between refreshes when backing off on errors (s).
   */
  export const MAX_BACKOFF = 120;

  export interface IOptions {
    jobId: string;
    runId: string;
    jobName?: string;
    serverSettings?: ServerConnection.ISettings;
    clock?: RunClock;
    /**
     * Seconds between refreshes while running (default `INTERVAL`).
     */
    interval?: number;
  }
}

/**
 * Milliseconds in a second.
 */
const SECOND = 1000;
