import { Event, ServerConnection } from '@jupyterlab/services';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { leaseWatch } from '../api/client';
import { WatchesModel } from '../models/watches';

/**
 * The server's watch leases on the jobs notebook outputs show, and their
 * pushed changes: the same mechanism as the panel's WatchesModel (a PUT
 * watches/{job_id} renewed every `RENEW_INTERVAL`, the server's poller
 * pushing versions_changed on JupyterLab's event stream), for jobs held by
 * outputs rather than the panel. The server polls a leased job once per
 * interval however many leases it has.
 */
export class JobLeases implements IDisposable {
  constructor(options: JobLeases.IOptions = {}) {
    this._serverSettings = options.serverSettings;
    this._events = options.events ?? null;
    this._events?.stream.connect(this._onEvent, this);
    this._poll = new Poll({
      auto: false,
      factory: () => this._lease(this.jobs),
      frequency: {
        interval: (options.renewInterval ?? WatchesModel.RENEW_INTERVAL) * 1000,
        backoff: false
      },
      name: 'jupyterlab-modelarts:output-leases',
      standby: () => this._held.size === 0
    });
  }

  /**
   * Emitted with each pushed change of a held job.
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
   * Whether pushed changes arrive (an event stream, a lease granted).
   */
  get live(): boolean {
    return this._live;
  }

  /**
   * The jobs held now.
   */
  get jobs(): string[] {
    return Array.from(this._held.keys());
  }

  get isDisposed(): boolean {
    return this._poll.isDisposed;
  }

  /**
   * Lease a job until the handle is disposed (holds are counted).
   */
  hold(jobId: string): IDisposable {
    const first = !this._held.has(jobId);
    this._held.set(jobId, (this._held.get(jobId) ?? 0) + 1);
    if (first && this._poll.state.phase === 'constructed') {
      void this._poll.start(); // its first tick leases at once
    } else if (first) {
      void this._lease([jobId]);
    }
    return new DisposableDelegate(() => {
      const left = (this._held.get(jobId) ?? 1) - 1;
      if (left > 0) {
        this._held.set(jobId, left);
      } else {
        this._held.delete(jobId);
      }
    });
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._poll.dispose();
    this._events?.stream.disconnect(this._onEvent, this);
    this._held.clear();
    Signal.clearData(this);
  }

  private async _lease(jobs: string[]): Promise<void> {
    if (this._events === null || jobs.length === 0) {
      return;
    }
    const granted = await Promise.all(
      jobs.map(job =>
        leaseWatch(job, this._serverSettings).then(
          () => true,
          () => false
        )
      )
    );
    const live = granted.some(Boolean);
    if (live !== this._live && !this.isDisposed) {
      this._live = live;
      this._liveChanged.emit(live);
    }
  }

  private _onEvent(_: Event.IManager, emission: Event.Emission): void {
    const change = WatchesModel.parse(emission);
    if (change !== null && this._held.has(change.job_id)) {
      this._pushed.emit(change);
    }
  }

  private _events: Event.IManager | null;
  private _held = new Map<string, number>();
  private _live = false;
  private _liveChanged = new Signal<this, boolean>(this);
  private _poll: Poll;
  private _pushed = new Signal<this, WatchesModel.IVersionsChanged>(this);
  private _serverSettings: ServerConnection.ISettings | undefined;
}

export namespace JobLeases {
  export interface IOptions {
    serverSettings?: ServerConnection.ISettings;
    /**
     * JupyterLab's event stream; none: the outputs' models poll.
     */
    events?: Event.IManager | null;
    /**
     * Seconds between renewals (default the panel's).
     */
    renewInterval?: number;
  }
}
