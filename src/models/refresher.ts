import { IPoll, Poll } from '@lumino/polling';

/**
 * The poll that refreshes a job's runs: at the refresh interval while the
 * panel and the browser tab are visible (only every `LIVE_INTERVAL` while
 * the server pushes the changes), quickly while a stop settles, with
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
   * Refresh now, joining a refresh in flight. While the server pushes the
   * changes, the refreshes keep the refresh interval for `CHECK_PERIOD`
   * afterwards: the server may have answered from its short cache, and a
   * failing upstream is seen only by reading.
   */
  refresh(): Promise<void> {
    if (this._live) {
      this._checkUntil = Date.now() + Refresher.CHECK_PERIOD * Private.SECOND;
      this._applyFrequency();
    }
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
   * Whether the server pushes the job's changes: the poll is then only a
   * safety net. Without pushes it refreshes at once and at the interval.
   */
  setLive(live: boolean): void {
    if (live === this._live) {
      return;
    }
    this._live = live;
    this._applyFrequency();
    const { interval, phase } = this.poll.state;
    if (!live) {
      void this.poll.refresh();
    } else if (
      interval !== Poll.IMMEDIATE &&
      !['constructed', 'stopped', 'rejected'].includes(phase)
    ) {
      // The tick already due at the old interval is not needed; a tick
      // asked for at once (a job just chosen, a refresh) is.
      void this.poll.schedule({
        interval: this.poll.frequency.interval,
        phase: 'resolved'
      });
    }
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
    const slow = this._live && Date.now() >= this._checkUntil;
    const seconds = slow
      ? Math.max(this._interval, Refresher.LIVE_INTERVAL)
      : this._interval;
    this.poll.frequency = Private.frequency(seconds, this._quick);
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
    if (this._checkUntil && Date.now() >= this._checkUntil) {
      this._checkUntil = 0;
      this._applyFrequency();
    }
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

  private _checkUntil = 0;
  private _interval = Refresher.DEFAULT_INTERVAL;
  private _live = false;
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
   * The refresh interval (s) while the server pushes the changes: a safety
   * net for a change the event stream missed.
   */
  export const LIVE_INTERVAL = 60;

  /**
   * How long (s) after a refresh asked for while live the refreshes keep
   * the refresh interval.
   */
  export const CHECK_PERIOD = 60;

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
