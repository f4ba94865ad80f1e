import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { ModelArtsRequestError } from '../api/request';

/**
 * What the models read by a poll share (a run's details, its logs, a v2
 * job's log preview): the poll (backing off on errors, standing by as the
 * model says), the `changed` signal, the last error, start, refresh and
 * dispose. A subclass says what one read does (`tick`) and when to stand by.
 */
export abstract class PolledModel {
  constructor(options: PolledModel.IOptions) {
    this._poll = new Poll({
      auto: false,
      factory: () => this.tick(),
      frequency: {
        interval: options.interval * SECOND,
        backoff: true,
        max: options.maxBackoff * SECOND
      },
      name: options.name,
      standby: () => this.standby()
    });
  }

  /**
   * Emitted when what the model holds changes.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * The error of the last read, or null.
   */
  get error(): ModelArtsRequestError | null {
    return this._error;
  }

  get isDisposed(): boolean {
    return this._poll.isDisposed;
  }

  /**
   * Read now, then at the interval while the model does not stand by.
   */
  start(): Promise<void> {
    return this._poll.start();
  }

  /**
   * Read now (joining a read in flight).
   */
  refresh(): Promise<void> {
    return this._poll.refresh();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._poll.dispose();
    this.disposed();
    Signal.clearData(this);
  }

  /**
   * One read (the poll's factory); a rejection backs the poll off.
   */
  protected abstract tick(): Promise<void>;

  /**
   * Whether the poll stands by now (default: while the page is hidden).
   */
  protected standby(): boolean | Poll.Standby {
    return 'when-hidden';
  }

  /**
   * Release what the subclass holds besides the poll (called once).
   */
  protected disposed(): void {
    // Nothing by default.
  }

  protected _changed = new Signal<this, void>(this);
  protected _error: ModelArtsRequestError | null = null;
  protected _poll: Poll;
}

export namespace PolledModel {
  export interface IOptions {
    /**
     * Seconds between reads, and the longest wait while backing off.
     */
    interval: number;
    maxBackoff: number;
    name: string;
  }
}

/**
 * Milliseconds in a second.
 */
const SECOND = 1000;
