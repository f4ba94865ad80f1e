import { ISignal, Signal } from '@lumino/signaling';
import { asRequestError, ModelArtsRequestError } from '../api/request';
import { IRun, Run, RunApi } from './run';
import { Refresher } from './refresher';

/**
 * Stopping runs: confirm (unless disabled in the settings), send one stop
 * request, then refresh quickly until the run has settled. It reports each
 * outcome through `finished`; the plugin layer turns that into a
 * notification.
 */
export class StopFlow {
  constructor(options: StopFlow.IOptions) {
    this._source = options.source;
    this._confirm = options.confirm ?? (() => Promise.resolve(true));
    this._source.jobChanged.connect(this._onJobChanged, this);
    this._source.refreshed.connect(this._settle, this);
  }

  /**
   * Emitted when the stop state of any run changes.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Emitted when a stop request was answered (sent or refused).
   */
  get finished(): ISignal<this, StopFlow.IResult> {
    return this._finished;
  }

  /**
   * Whether stopping a run asks for confirmation first.
   */
  get confirmStop(): boolean {
    return this._confirmStop;
  }
  set confirmStop(value: boolean) {
    this._confirmStop = value;
  }

  /**
   * Where a run is in the stop flow, or null if it is not.
   */
  stopState(runId: string): StopFlow.StopState | null {
    return this._pending.get(runId) ?? null;
  }

  /**
   * Whether a stop can be requested for a run right now.
   */
  canStop(runId: string): boolean {
    const run = this._source.findRun(runId);
    return run !== null && run.stoppable && !this._pending.has(runId);
  }

  /**
   * Stop a run of the chosen job. Calls made while a stop of the same run
   * is in progress, or for a run that cannot be stopped, are ignored.
   * `confirmed`: the user has confirmed already (no dialog).
   */
  async stop(runId: string, confirmed = false): Promise<StopFlow.Outcome> {
    const source = this._source;
    const jobId = source.jobId;
    const run = source.findRun(runId);
    if (jobId === null || run === null || !this.canStop(runId)) {
      return 'ignored';
    }
    const request: StopFlow.IRequest = {
      // v1 is the default: only a v2 run says which API it is.
      ...(run.api === 'v2' ? { api: run.api } : {}),
      jobId,
      jobName: source.jobName,
      runId,
      runName: run.name || runId
    };
    this._setPending(runId, 'confirming');
    if (this._confirmStop && !confirmed) {
      const confirmed = await this._confirm(request).catch(() => false);
      if (!confirmed || source.jobId !== jobId) {
        this._setPending(runId, null);
        return 'cancelled';
      }
    }
    this._setPending(runId, 'stopping');
    let result: StopFlow.IResult;
    try {
      await source.stopRun(jobId, runId);
      result = { request, outcome: 'stopped', error: null };
      if (source.jobId === jobId) {
        this._followUps.set(runId, Date.now() + StopFlow.FOLLOW_UP_LIMIT);
        this._applyQuick();
      } else {
        this._setPending(runId, null);
      }
    } catch (error) {
      result = { request, outcome: 'failed', error: asRequestError(error) };
      this._setPending(runId, null);
    }
    this._finished.emit(result);
    void source.refresher.refreshNow();
    return result.outcome;
  }

  /**
   * Whether a stop of a run of any job can be requested now: not while one
   * is being confirmed or was sent (until the run settles, at most
   * FOLLOW_UP_LIMIT).
   */
  canStopIn(jobId: string, runId: string): boolean {
    if (jobId === this._source.jobId && this._source.findRun(runId)) {
      return this.canStop(runId);
    }
    const until = this._elsewhere.get(`${jobId}:${runId}`);
    return until === undefined || until < Date.now();
  }

  /**
   * Stop a run of any job (the Running sidebar), with the same confirmation
   * and guard: of the chosen job as `stop`; of another job, one stop at a
   * time, reported through `finished` too.
   */
  async stopIn(
    request: StopFlow.IRequest,
    confirmed = false
  ): Promise<StopFlow.Outcome> {
    const { jobId, runId } = request;
    if (jobId === this._source.jobId && this._source.findRun(runId)) {
      return this.stop(runId, confirmed);
    }
    if (!this.canStopIn(jobId, runId)) {
      return 'ignored';
    }
    const key = `${jobId}:${runId}`;
    this._elsewhere.set(key, Infinity);
    this._changed.emit();
    if (this._confirmStop && !confirmed) {
      if (!(await this._confirm(request).catch(() => false))) {
        this._elsewhere.delete(key);
        this._changed.emit();
        return 'cancelled';
      }
    }
    let result: StopFlow.IResult;
    try {
      await this._source.stopRun(jobId, runId);
      result = { request, outcome: 'stopped', error: null };
      this._elsewhere.set(key, Date.now() + StopFlow.FOLLOW_UP_LIMIT);
    } catch (error) {
      result = { request, outcome: 'failed', error: asRequestError(error) };
      this._elsewhere.delete(key);
    }
    this._changed.emit();
    this._finished.emit(result);
    return result.outcome;
  }

  dispose(): void {
    Signal.clearData(this);
  }

  /**
   * Stops already sent are over for a new job; a confirmation still open
   * settles itself (and is then cancelled).
   */
  private _onJobChanged(): void {
    this._followUps.clear();
    for (const [runId, state] of this._pending) {
      if (state === 'stopping') {
        this._pending.delete(runId);
      }
    }
    this._applyQuick();
    this._changed.emit();
  }

  /**
   * After a refresh: a run no longer stoppable has left "stopping", and
   * quick refreshes go on while it is still running or being stopped.
   */
  private _settle(): void {
    if (this._followUps.size === 0) {
      return;
    }
    const now = Date.now();
    for (const [runId, deadline] of this._followUps) {
      const run = this._source.findRun(runId);
      const expired = now > deadline;
      if (!run || !run.stoppable || expired) {
        this._pending.delete(runId);
      }
      if (!run || !Run.isSettling(run) || expired) {
        this._followUps.delete(runId);
      }
    }
    this._applyQuick();
    this._changed.emit();
  }

  private _applyQuick(): void {
    this._source.refresher.setQuick(this._followUps.size > 0);
  }

  private _setPending(runId: string, state: StopFlow.StopState | null): void {
    if (state === null) {
      this._pending.delete(runId);
    } else {
      this._pending.set(runId, state);
    }
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _confirm: StopFlow.ConfirmFunction;
  private _confirmStop = true;
  private _elsewhere = new Map<string, number>();
  private _finished = new Signal<this, StopFlow.IResult>(this);
  private _followUps = new Map<string, number>();
  private _pending = new Map<string, StopFlow.StopState>();
  private _source: StopFlow.IRunSource;
}

export namespace StopFlow {
  /**
   * Quick refreshes after a stop last at most this long (ms).
   */
  export const FOLLOW_UP_LIMIT = 2 * 60 * 1000;

  /**
   * What the stop flow needs of the runs of a job (of any API).
   */
  export interface IRunSource {
    readonly jobId: string | null;
    readonly jobName: string;
    readonly jobChanged: ISignal<unknown, string | null>;
    readonly refreshed: ISignal<unknown, void>;
    readonly refresher: Refresher;
    findRun(runId: string): IRun | null;
    stopRun(jobId: string, runId: string): Promise<void>;
  }

  /**
   * Asks the user to confirm a stop; resolves true to proceed.
   */
  export type ConfirmFunction = (request: IRequest) => Promise<boolean>;

  export interface IOptions {
    /**
     * The runs (and how to stop one).
     */
    source: IRunSource;

    /**
     * Confirmation of a stop (a dialog in the application).
     */
    confirm?: ConfirmFunction;
  }

  /**
   * What a stop is about.
   */
  export interface IRequest {
    /**
     * The API of the run (default v1): a v2 job is stopped as itself.
     */
    api?: RunApi;
    jobId: string;
    jobName: string;
    runId: string;
    runName: string;
  }

  /**
   * An answered stop request.
   */
  export interface IResult {
    request: IRequest;
    outcome: 'stopped' | 'failed';
    error: ModelArtsRequestError | null;
  }

  /**
   * 'confirming' while the confirmation is open; 'stopping' from the request
   * until a refresh shows the run is no longer stoppable.
   */
  export type StopState = 'confirming' | 'stopping';

  export type Outcome = 'ignored' | 'cancelled' | 'stopped' | 'failed';
}
