import { IPoll, Poll } from '@lumino/polling';

/**
 * The poll that refreshes a job's runs: at the refresh interval while the
 * panel and the browser tab are visible, quickly while a stop settles, with
 * a back-off on errors that never retries sooner than the refresh interval
 * or the server's Retry-After.
 */
export class Refresher {
  constructor(options: Refresher.IOptions) {
    this._retryAfter = options.retryAfter;
    this.poll = new Poll<void, unknown, 'standby'>({
      auto: false,
      factory: options.factory,
      frequency: Private.frequency(this._interval),
      name: options.name,
      standby: () =>
        !this._visible || options.standby() ? true : 'when-hidden'
    });
    this.poll.ticked.connect(this._onTicked, this);
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', this._onVisibilityChange);
    }
  }

  /**
   * The poll (exposed for tests and diagnostics).
   */
  readonly poll: Refresher.RunsPoll;

  /**
   * The refresh interval in seconds.
   */
  get refreshInterval(): number {
    return this._interval;
  }

  /**
   * Start polling.
   */
  start(): Promise<void> {
    return this.poll.start();
  }

  /**
   * Refresh now, joining a refresh in flight.
   */
  refresh(): Promise<void> {
    return this.poll.refresh();
  }

  /**
   * Refresh even if a request is in flight (its answer is then ignored).
   */
  refreshNow(): Promise<void> {
    return this.poll.schedule({ interval: Poll.IMMEDIATE, phase: 'refreshed' });
  }

  /**
   * Apply a (changed) refresh interval in seconds; takes effect at once.
   */
  setRefreshInterval(seconds: number): void {
    const next = Math.max(1, Number(seconds) || Refresher.DEFAULT_INTERVAL);
    if (next !== this._interval) {
      this._interval = next;
      this._applyFrequency();
      void this.poll.refresh();
    }
  }

  /**
   * Refresh quickly (while a stop settles) or at the refresh interval.
   */
  setQuick(quick: boolean): void {
    this._quick = quick;
    this._applyFrequency();
  }

  /**
   * Whether the view is visible; polling stands by while it is not, and a
   * refresh happens when it is shown again.
   */
  setVisible(visible: boolean): void {
    if (visible !== this._visible) {
      this._visible = visible;
      if (visible) {
        void this.poll.refresh();
      }
    }
  }

  dispose(): void {
    if (typeof document !== 'undefined') {
      document.removeEventListener(
        'visibilitychange',
        this._onVisibilityChange
      );
    }
    this.poll.dispose();
  }

  private _applyFrequency(): void {
    this.poll.frequency = Private.frequency(this._interval, this._quick);
  }

  /**
   * The poll backs off from the interval of the tick that failed, which is
   * zero after an immediate refresh: wait at least the refresh interval and
   * the Retry-After.
   */
  private _onTicked(
    poll: Refresher.RunsPoll,
    state: IPoll.State<void, unknown, 'standby'>
  ): void {
    if (state.phase !== 'rejected') {
      return;
    }
    const retryAfter = (this._retryAfter() ?? 0) * Private.SECOND;
    const { interval, max } = poll.frequency;
    const wait = Math.min(max, Math.max(state.interval, interval, retryAfter));
    if (wait !== state.interval) {
      void poll.schedule({
        interval: wait,
        payload: state.payload,
        phase: 'rejected'
      });
    }
  }

  private _onVisibilityChange = (): void => {
    if (document.visibilityState === 'visible' && this._visible) {
      void this.poll.refresh();
    }
  };

  private _interval = Refresher.DEFAULT_INTERVAL;
  private _quick = false;
  private _retryAfter: () => number | null;
  private _visible = false;
}

export namespace Refresher {
  /**
   * The refresh interval (s) until the settings are read; a jest spec holds
   * it equal to the default of schema/plugin.json, its one home.
   */
  export const DEFAULT_INTERVAL = 5;

  /**
   * The poll that refreshes the runs.
   */
  export type RunsPoll = Poll<void, unknown, 'standby'>;

  export interface IOptions {
    /**
     * Fetch the runs; a rejection counts as a failed tick.
     */
    factory: () => Promise<void>;

    /**
     * Whether to stand by even while visible (no job, no credentials).
     */
    standby: () => boolean;

    /**
     * The Retry-After (s) of the last failure, or null.
     */
    retryAfter: () => number | null;

    /**
     * The poll's name (diagnostics).
     */
    name: string;
  }
}

namespace Private {
  /**
   * Milliseconds in a second.
   */
  export const SECOND = 1000;

  /**
   * The interval of the quick refreshes after a stop (ms).
   */
  const QUICK_INTERVAL = SECOND;

  /**
   * The longest wait between refreshes when backing off on errors (ms).
   */
  const MAX_BACKOFF = 2 * 60 * SECOND;

  export function frequency(seconds: number, quick = false): IPoll.Frequency {
    const base = seconds * SECOND;
    const interval = quick ? Math.min(QUICK_INTERVAL, base) : base;
    return { interval, backoff: true, max: Math.max(base, MAX_BACKOFF) };
  }
}
