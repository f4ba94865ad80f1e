import { Event, ServerConnection } from '@jupyterlab/services';
import { IStateDB } from '@jupyterlab/statedb';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { TrainingJobsModel } from './trainingJobs';
import { WatchEvent } from './watchEvent';
import { WatchList } from './watchList';
import { WatchTargets } from './watchTargets';

/**
 * The live link to the server: leases on the jobs this tab cares about (the
 * job on screen, the jobs of watched versions and the watched v2 jobs, each
 * its own run), renewed every `RENEW_INTERVAL`, and the server's pushed
 * changes of those jobs read from JupyterLab's event stream. The plugin holds it, so watches and
 * notifications go on while the panel is closed.
 *
 * The link is `live` while the page has an event stream and the leases are
 * granted; the panel then polls slowly. Without it (no event stream, a
 * server without watches, the server unreachable) the panel polls as usual
 * and this model polls the watched jobs itself at each renewal tick. When
 * the leases are granted again after a failure, `reconnected` asks for one
 * full reload (changes may have been missed) and the watched jobs are read
 * once.
 */
export class WatchesModel {
  constructor(options: WatchesModel.IOptions = {}) {
    this._serverSettings = options.serverSettings;
    this._events = options.events ?? null;
    this._renewMs =
      (options.renewInterval ?? WatchesModel.RENEW_INTERVAL) * 1000;
    this.list = new WatchList({ state: options.state });
    this.list.changed.connect(this._leaseNew, this);
    this._events?.stream.connect(this._onEvent, this);
    this._poll = new Poll({
      auto: false,
      factory: () => this._tick(),
      frequency: {
        interval: this._renewMs,
        backoff: false
      },
      name: 'jupyterlab-modelarts:watches',
      standby: 'never'
    });
  }

  /**
   * The watched versions.
   */
  readonly list: WatchList;

  /**
   * Emitted with each pushed change of a job this tab cares about.
   */
  get pushed(): ISignal<this, WatchesModel.IVersionsChanged> {
    return this._pushed;
  }

  /**
   * Emitted with the new value of `live`.
   */
  get liveChanged(): ISignal<this, boolean> {
    return this._liveChanged;
  }

  /**
   * Emitted when the link is live again after a failure: reload once.
   */
  get reconnected(): ISignal<this, void> {
    return this._reconnected;
  }

  /**
   * Whether pushed changes arrive (an event stream, leases granted).
   */
  get live(): boolean {
    return this._live;
  }

  /**
   * The job the panel shows (leased too), or null.
   */
  get jobOnScreen(): string | null {
    return this._jobOnScreen;
  }

  /**
   * The v1 jobs leased at each renewal.
   */
  get jobs(): string[] {
    const jobs = new Set(WatchTargets.v1Jobs(this.list));
    if (this._jobOnScreen !== null) {
      jobs.add(this._jobOnScreen);
    }
    return Array.from(jobs);
  }

  /**
   * The watched v2 training jobs (each its own run), leased at each renewal.
   */
  get trainingJobs(): string[] {
    return WatchTargets.trainingJobs(this.list);
  }

  /**
   * Lease the job now shown (at once, then at each renewal).
   */
  setJobOnScreen(jobId: string | null): void {
    if (jobId === this._jobOnScreen) {
      return;
    }
    this._jobOnScreen = jobId;
    if (jobId !== null && this._started) {
      void this._lease([{ api: 'v1', id: jobId }]);
    }
  }

  /**
   * Restore the watches, then lease the jobs and read the watched jobs
   * once (a watched version may have ended while the page was closed).
   */
  async start(): Promise<void> {
    await this.list.restore();
    this._started = true;
    await this._poll.start();
  }

  dispose(): void {
    if (this._poll.isDisposed) {
      return;
    }
    this._poll.dispose();
    this._events?.stream.disconnect(this._onEvent, this);
    this.list.dispose();
    Signal.clearData(this);
  }

  /**
   * One renewal: lease every job; without a live link (and at the first
   * tick) read the watched jobs instead of waiting for pushes.
   */
  private async _tick(): Promise<void> {
    // A job leased since the last tick (just put on screen) can wait.
    const due = Date.now() - (this._renewMs * 2) / 3;
    await this._lease(
      this._targets().filter(
        target => (this._leasedAt.get(WatchTargets.key(target)) ?? 0) <= due
      )
    );
    if (!this._live || this._firstTick) {
      this._firstTick = false;
      await this._readWatchedJobs();
    }
  }

  /**
   * A job watched since the last renewal (a v2 job just stopped) is leased
   * at once, not at the next tick.
   */
  private _leaseNew(): void {
    if (this._started) {
      const fresh = this._targets().filter(
        target => !this._leasedAt.has(WatchTargets.key(target))
      );
      void this._lease(fresh);
    }
  }

  private _targets(): WatchTargets.ITarget[] {
    return [
      ...this.jobs.map(id => ({ api: 'v1' as const, id })),
      ...this.trainingJobs.map(id => ({ api: 'v2' as const, id }))
    ];
  }

  private async _lease(targets: WatchTargets.ITarget[]): Promise<void> {
    if (this._events === null || targets.length === 0) {
      return;
    }
    const now = Date.now();
    targets.forEach(target =>
      this._leasedAt.set(WatchTargets.key(target), now)
    );
    const granted = await Promise.all(
      targets.map(target => WatchTargets.lease(target, this._serverSettings))
    );
    this._setLive(granted.some(Boolean));
  }

  private _setLive(live: boolean): void {
    if (live === this._live || this._poll.isDisposed) {
      return;
    }
    const again = live && this._lost;
    this._live = live;
    this._lost = this._lost || !live;
    this._liveChanged.emit(live);
    if (again) {
      this._reconnected.emit();
      void this._readWatchedJobs();
    }
  }

  /**
   * Read the versions of the watched jobs not on screen (the panel reads
   * that one) and the watched v2 jobs, and take in their statuses.
   */
  private async _readWatchedJobs(): Promise<void> {
    const reads = this._targets()
      .filter(({ api, id }) => api === 'v2' || id !== this._jobOnScreen)
      .map(target =>
        WatchTargets.read(target, this.list, this._serverSettings).catch(
          // A read that failed is tried again at the next tick.
          () => undefined
        )
      );
    await Promise.all(reads);
  }

  private _onEvent(_: Event.IManager, emission: Event.Emission): void {
    const change = WatchEvent.parse(emission);
    if (change === null) {
      return;
    }
    if (change.api === 'v2') {
      // A v2 job is its own run: the watch list takes the change in.
      if (this.trainingJobs.includes(change.job_id)) {
        this.list.observe(TrainingJobsModel.SCOPE, null, change.versions);
      }
      return;
    }
    if (!this.jobs.includes(change.job_id)) {
      return;
    }
    this._pushed.emit(change);
    this.list.observe(change.job_id, null, change.versions);
  }

  private _events: Event.IManager | null;
  private _firstTick = true;
  private _jobOnScreen: string | null = null;
  private _live = false;
  private _liveChanged = new Signal<this, boolean>(this);
  private _leasedAt = new Map<string, number>();
  private _lost = false;
  private _poll: Poll;
  private _pushed = new Signal<this, WatchesModel.IVersionsChanged>(this);
  private _reconnected = new Signal<this, void>(this);
  private _renewMs: number;
  private _serverSettings: ServerConnection.ISettings | undefined;
  private _started = false;
}

export namespace WatchesModel {
  /**
   * Seconds between lease renewals (the server's `renew_every`).
   */
  export const RENEW_INTERVAL = 30;

  /**
   * The `schema_id` of the server's event (event_schemas/versions_changed.json).
   */
  export const EVENT_SCHEMA_ID = WatchEvent.SCHEMA_ID;

  export interface IOptions {
    serverSettings?: ServerConnection.ISettings;
    /**
     * JupyterLab's event stream (`serviceManager.events`); none: polling.
     */
    events?: Event.IManager | null;
    state?: IStateDB | null;
    /**
     * Seconds between renewals (default `RENEW_INTERVAL`).
     */
    renewInterval?: number;
  }

  /**
   * A changed version as the event carries it (the summary shape).
   */
  export type IVersionSummary = WatchEvent.IRunSummary;

  /**
   * The data of a versions-changed event.
   */
  export type IVersionsChanged = WatchEvent.IChange;

  /**
   * The change an event carries, or null if it is not one of ours.
   */
  export const parse = WatchEvent.parse;
}
