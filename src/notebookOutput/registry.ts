import { ServerConnection } from '@jupyterlab/services';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { RunApi } from '../models/run';
import { RunSelection } from '../models/selection';
import { SessionModel } from '../models/session';
import { StopFlow } from '../models/stopFlow';
import { TrainingJobsModel } from '../models/trainingJobs';
import { VersionsModel } from '../models/versions';
import { WatchesModel } from '../models/watches';
import { JobLeases } from './leases';

/**
 * The live models behind notebook outputs: one per job (one for all v2
 * jobs), shared by every output of it on the page, so many outputs cost no
 * more requests than one. An output acquires its job's models and disposes
 * the handle when it is removed; the last handle disposes the models.
 *
 * A v1 job's versions model is leased on the server (JobLeases): its
 * changes are pushed and it polls only as a safety net, like the panel.
 */
export class OutputRegistry implements IDisposable {
  constructor(options: OutputRegistry.IOptions) {
    this._options = options;
  }

  /**
   * How many jobs have live models now.
   */
  get size(): number {
    return this._jobs.size;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * The shared models of a job (`jobId` '' for v2 jobs), until the handle
   * is disposed. The id must have passed the id rule.
   */
  acquire(api: RunApi, jobId: string): OutputRegistry.IHandle {
    const key = `${api}:${jobId}`;
    let entry = this._jobs.get(key);
    if (!entry) {
      entry = this._create(api, jobId);
      this._jobs.set(key, entry);
    }
    entry.holders += 1;
    return new Private.Handle(entry.job, () => {
      const current = this._jobs.get(key);
      if (current && --current.holders === 0) {
        this._jobs.delete(key);
        current.dispose();
      }
    });
  }

  /**
   * Apply the settings (changed) to the models of every job.
   */
  applySettings(): void {
    const settings = this._options.settings();
    for (const { job } of this._jobs.values()) {
      job.model.refresher.setRefreshInterval(settings.refreshInterval);
      job.stops.confirmStop = settings.confirmStop;
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const entry of this._jobs.values()) {
      entry.dispose();
    }
    this._jobs.clear();
  }

  private _create(api: RunApi, jobId: string): Private.IEntry {
    const { serverSettings, session, leases, confirm } = this._options;
    const settings = this._options.settings();
    let model: VersionsModel | TrainingJobsModel;
    const links: IDisposable[] = [];
    if (api === 'v1') {
      const versions = (model = new VersionsModel({ serverSettings, session }));
      versions.setJob(jobId);
      const onPushed = (_: JobLeases, change: Private.Change) => {
        if (change.job_id !== jobId) {
          return;
        }
        if (versions.job === null) {
          // Not loaded yet (a failed first read): a change means a read works now.
          void versions.refresher.refreshNow();
        } else {
          versions.applyPushed(change.job_id, change);
        }
      };
      const onLive = (_: JobLeases, live: boolean) =>
        versions.refresher.setLive(live);
      leases.pushed.connect(onPushed);
      leases.liveChanged.connect(onLive);
      versions.refresher.setLive(leases.live);
      links.push(leases.hold(jobId), {
        isDisposed: false,
        dispose: () => {
          leases.pushed.disconnect(onPushed);
          leases.liveChanged.disconnect(onLive);
        }
      });
    } else {
      model = new TrainingJobsModel({
        serverSettings,
        session,
        limit: OutputRegistry.V2_WINDOW
      });
    }
    model.refresher.setRefreshInterval(settings.refreshInterval);
    model.refresher.setVisible(true);
    void model.refresher.start();
    const stops = new StopFlow({ source: model, confirm });
    stops.confirmStop = settings.confirmStop;
    const selection = new RunSelection({ versions: model });
    const job = { api, jobId, model, stops, selection };
    this._options.jobCreated?.(job);
    return {
      job,
      holders: 0,
      dispose: () => {
        links.forEach(link => link.dispose());
        selection.dispose();
        stops.dispose();
        model.dispose();
      }
    };
  }

  private _isDisposed = false;
  private _jobs = new Map<string, Private.IEntry>();
  private _options: OutputRegistry.IOptions;
}

export namespace OutputRegistry {
  /**
   * The newest v2 jobs read for the outputs (the most one search returns):
   * an output's older jobs keep their snapshot.
   */
  export const V2_WINDOW = 50;

  /**
   * The shared models of one job.
   */
  export interface IJob {
    readonly api: RunApi;
    readonly jobId: string;
    readonly model: VersionsModel | TrainingJobsModel;
    readonly stops: StopFlow;
    readonly selection: RunSelection;
  }

  /**
   * An output's hold on a job's models.
   */
  export interface IHandle extends IDisposable {
    readonly job: IJob;
  }

  /**
   * The panel's settings the outputs follow.
   */
  export interface ISettings {
    refreshInterval: number;
    confirmStop: boolean;
  }

  export interface IOptions {
    serverSettings?: ServerConnection.ISettings;
    /**
     * The app's session (polling stands by without credentials).
     */
    session: SessionModel;
    leases: JobLeases;
    /**
     * The same confirmation as the panel's stops.
     */
    confirm: StopFlow.ConfirmFunction;
    /**
     * The settings when a job's models are created.
     */
    settings: () => ISettings;
    /**
     * Called with each job's new models (stop notifications, watching).
     */
    jobCreated?: (job: IJob) => void;
  }
}

namespace Private {
  export type Change = WatchesModel.IVersionsChanged;

  /**
   * An output's hold on a job's models (released once).
   */
  export class Handle
    extends DisposableDelegate
    implements OutputRegistry.IHandle
  {
    constructor(
      readonly job: OutputRegistry.IJob,
      release: () => void
    ) {
      super(release);
    }
  }

  export interface IEntry {
    job: OutputRegistry.IJob;
    holders: number;
    dispose(): void;
  }
}
