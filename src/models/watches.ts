import { Event, ServerConnection } from '@jupyterlab/services';
import { IStateDB } from '@jupyterlab/statedb';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { leaseWatch, listVersions } from '../api/client';
import { IVersion } from '../api/contract';
import { Run } from './run';
import { WatchList } from './watchList';

/**
 * The live link to the server: leases on the jobs this tab cares about (the
 * job on screen and the jobs of watched versions), renewed every
 * `RENEW_INTERVAL`, and the server's pushed changes of those jobs read from
 * JupyterLab's event stream. The plugin holds it, so watches and
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
   * The jobs leased at each renewal.
   */
  get jobs(): string[] {
    const jobs = new Set(this.list.jobs);
    if (this._jobOnScreen !== null) {
      jobs.add(this._jobOnScreen);
    }
    return Array.from(jobs);
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
      void this._lease([jobId]);
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
      this.jobs.filter(job => (this._leasedAt.get(job) ?? 0) <= due)
    );
    if (!this._live || this._firstTick) {
      this._firstTick = false;
      await this._readWatchedJobs();
    }
  }

  private async _lease(jobs: string[]): Promise<void> {
    if (this._events === null || jobs.length === 0) {
      return;
    }
    const now = Date.now();
    jobs.forEach(job => this._leasedAt.set(job, now));
    const granted = await Promise.all(
      jobs.map(job =>
        leaseWatch(job, this._serverSettings).then(
          () => true,
          () => false
        )
      )
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
   * that one) and take in their statuses.
   */
  private async _readWatchedJobs(): Promise<void> {
    const jobs = this.list.jobs.filter(job => job !== this._jobOnScreen);
    await Promise.all(
      jobs.map(async job => {
        try {
          const list = await listVersions(job, this._serverSettings);
          this.list.observe(
            job,
            list.job_name,
            list.versions.map(Run.fromVersion)
          );
        } catch {
          // The next tick tries again.
        }
      })
    );
  }

  private _onEvent(_: Event.IManager, emission: Event.Emission): void {
    const change = WatchesModel.parse(emission);
    if (change === null || !this.jobs.includes(change.job_id)) {
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
  export const EVENT_SCHEMA_ID =
    'https://events.jupyter.org/jupyterlab_modelarts/versions_changed/v1';

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
  export type IVersionSummary = Pick<
    IVersion,
    | 'id'
    | 'name'
    | 'version_id'
    | 'version_name'
    | 'status'
    | 'status_name'
    | 'status_label'
    | 'status_kind'
    | 'stoppable'
    | 'create_time'
    | 'duration'
  >;

  /**
   * The data of a versions-changed event.
   */
  export interface IVersionsChanged {
    job_id: string;
    version_count: number;
    versions: IVersionSummary[];
  }

  /**
   * The change an event carries, or null if it is not one of ours (or not
   * of the expected shape).
   */
  export function parse(emission: Event.Emission): IVersionsChanged | null {
    const { job_id, version_count, versions } = emission as Record<
      string,
      unknown
    >;
    if (
      emission.schema_id !== EVENT_SCHEMA_ID ||
      typeof job_id !== 'string' ||
      typeof version_count !== 'number' ||
      !Array.isArray(versions)
    ) {
      return null;
    }
    const valid = versions.filter(
      (v): v is IVersionSummary =>
        typeof v === 'object' &&
        v !== null &&
        typeof v.id === 'string' &&
        typeof v.status_kind === 'string'
    );
    return { job_id, version_count, versions: valid };
  }
}
