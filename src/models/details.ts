import { ServerConnection } from '@jupyterlab/services';
import { getVersion } from '../api/client';
import { asRequestError } from '../api/request';
import { LogsModel } from './logs';
import { PolledModel } from './polledModel';
import { IRun, Run, RunApi } from './run';
import { RunClock } from './runClock';

/**
 * The full record of one run (the single-version route, or the reader
 * given), refreshed while the run is running and its view is visible, and,
 * for a v1 version, its logs (which follow new lines while the run runs).
 */
export class RunDetailsModel extends PolledModel {
  constructor(options: RunDetailsModel.IOptions) {
    super({
      interval: options.interval ?? RunDetailsModel.INTERVAL,
      maxBackoff: RunDetailsModel.MAX_BACKOFF,
      name: 'jupyterlab-modelarts:details'
    });
    this.jobId = options.jobId;
    this.runId = options.runId;
    this.jobName = options.jobName ?? options.jobId;
    this.api = options.api ?? 'v1';
    this.clock = options.clock ?? new RunClock();
    const settings = options.serverSettings;
    this._read =
      options.read ??
      (() =>
        getVersion(this.jobId, this.runId, settings).then(Run.fromVersion));
    // A v2 job brings its own log preview (the view's `logs` part).
    this.logs =
      this.api === 'v1'
        ? new LogsModel({
            jobId: this.jobId,
            runId: this.runId,
            serverSettings: settings
          })
        : null;
  }

  readonly jobId: string;
  readonly runId: string;
  readonly jobName: string;

  /**
   * The API of the run: a v1 version of job `jobId`, or a v2 training job.
   */
  readonly api: RunApi;

  /**
   * The logs of a v1 version (null for a v2 job).
   */
  readonly logs: LogsModel | null;

  /**
   * The run time of the run between refreshes (shared with the table).
   */
  readonly clock: RunClock;

  /**
   * The run, once loaded; its `record` holds every upstream field.
   */
  get run(): IRun | null {
    return this._run;
  }

  get loading(): boolean {
    return this._run === null && this._error === null;
  }

  protected standby(): boolean | 'when-hidden' {
    return this._run && !Run.isTicking(this._run) ? true : 'when-hidden';
  }

  protected disposed(): void {
    this.logs?.dispose();
  }

  protected async tick(): Promise<void> {
    try {
      const run = await this._read();
      if (this.isDisposed) {
        return;
      }
      this._run = run;
      this._error = null;
      this.clock.observe(this._run, Date.now());
      this.logs?.setFollowing(Run.isTicking(this._run));
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

  private _read: () => Promise<IRun>;
  private _run: IRun | null = null;
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
    /**
     * The run's API (default v1).
     */
    api?: RunApi;
    serverSettings?: ServerConnection.ISettings;
    /**
     * Read the run (default: the v1 version `runId` of job `jobId`; a v2
     * training job passes its own reader).
     */
    read?: () => Promise<IRun>;
    clock?: RunClock;
    /**
     * Seconds between refreshes while running (default `INTERVAL`).
     */
    interval?: number;
  }
}
