import { ISignal, Signal } from '@lumino/signaling';
import { asRequestError, ModelArtsRequestError } from '../api/request';
import { IRun, Run } from './run';
import { RunClock } from './runClock';

/**
 * What the lists of runs share (a job's versions, the v2 jobs): the runs
 * and their clock, the signals, the load state, and the one way to load
 * (`load`), which drops an answer for a job or window the user has left.
 */
export abstract class RunListBase {
  /**
   * The run time of running runs between refreshes (never backwards).
   */
  readonly clock = new RunClock();

  /**
   * Emitted when the runs, the busy flag or the error change.
   */
  get runsChanged(): ISignal<this, void> {
    return this._runsChanged;
  }

  /**
   * Emitted after each successful refresh.
   */
  get refreshed(): ISignal<this, void> {
    return this._refreshed;
  }

  /**
   * The runs, newest first.
   */
  get runs(): ReadonlyArray<IRun> {
    return this._runs;
  }

  /**
   * Whether a request for the runs is in flight.
   */
  get busy(): boolean {
    return this._busy;
  }

  /**
   * The error of the last refresh, or null if it succeeded.
   */
  get error(): ModelArtsRequestError | null {
    return this._error;
  }

  /**
   * Whether the rows shown are from an earlier, successful refresh.
   */
  get stale(): boolean {
    return this._error !== null && this._lastUpdated !== null;
  }

  /**
   * When the runs were last loaded (epoch ms), or null.
   */
  get lastUpdated(): number | null {
    return this._lastUpdated;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Run one refresh: busy while `request` runs, then `apply` its answer (it
   * returns the new runs) or keep and rethrow its error; nothing changes
   * when `current()` says the answer is for a job or window since left.
   */
  protected async load<T>(
    request: () => Promise<T>,
    current: () => boolean,
    apply: (answer: T) => IRun[]
  ): Promise<void> {
    this._busy = true;
    this._runsChanged.emit();
    try {
      const answer = await request();
      if (current()) {
        // The request layer hands back the previous answer itself when the
        // server says it is unchanged (304): nothing to rebuild or re-render.
        if (answer !== this._answer || this._lastUpdated === null) {
          this.setRuns(apply(answer));
        } else {
          this._lastUpdated = Date.now();
        }
        this._answer = answer;
        this._error = null;
        this._refreshed.emit();
      }
    } catch (error) {
      if (current()) {
        this._error = asRequestError(error);
        throw this._error;
      }
    } finally {
      if (current()) {
        this._busy = false;
        this._runsChanged.emit();
      }
    }
  }

  /**
   * Show `runs` (keeping the objects of unchanged runs), loaded now.
   */
  protected setRuns(runs: IRun[]): void {
    this._runs = Run.reuseUnchanged(this._runs, runs);
    this._lastUpdated = Date.now();
    this.clock.observeAll(this._runs, this._lastUpdated);
  }

  /**
   * The last answer applied (an unchanged answer is the same object).
   */
  private _answer: unknown = null;
  protected _busy = false;
  protected _error: ModelArtsRequestError | null = null;
  protected _isDisposed = false;
  protected _lastUpdated: number | null = null;
  protected _refreshed = new Signal<this, void>(this);
  protected _runs: IRun[] = [];
  protected _runsChanged = new Signal<this, void>(this);
}
