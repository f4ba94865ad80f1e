import { ServerConnection } from '@jupyterlab/services';
import { IStateDB } from '@jupyterlab/statedb';
import { ConsoleLink } from './consoleLink';
import { JobSearchModel } from './jobSearch';
import { RunFilter } from './runFilter';
import { RunningCounts } from './runningCounts';
import { RunSelection } from './selection';
import { SessionModel } from './session';
import { StopFlow } from './stopFlow';
import { TrainingJobsModel } from './trainingJobs';
import { VersionsModel } from './versions';

export { ConsoleLink } from './consoleLink';
export { RunDetailsModel } from './details';
export { JobSearchModel } from './jobSearch';
export { LogPreviewModel } from './logPreview';
export { LogsModel } from './logs';
export { Refresher } from './refresher';
export { IRun, IRunDetails, IRunStatus, Run, RunApi } from './run';
export { RunClock } from './runClock';
export { RunFilter } from './runFilter';
export { RunningCounts } from './runningCounts';
export { RunRecord } from './runRecord';
export { RunSelection } from './selection';
export { SessionModel } from './session';
export { StopFlow } from './stopFlow';
export { TrainingJobsModel } from './trainingJobs';
export { VersionsModel } from './versions';
export { WatchesModel } from './watches';
export { WatchList } from './watchList';

/**
 * The models of the panel, one per concern, each with its own signals so a
 * widget subscribes to what it renders.
 */
export class PanelModels {
  constructor(options: PanelModels.IOptions = {}) {
    const { serverSettings } = options;
    this.session = new SessionModel({ serverSettings });
    this.versions = new VersionsModel({
      serverSettings,
      session: this.session
    });
    this.selection = new RunSelection({ versions: this.versions });
    this.stops = new StopFlow({
      source: this.versions,
      confirm: options.confirm
    });
    this.search = new JobSearchModel({
      serverSettings,
      session: this.session,
      trainingJobs: true
    });
    this.filter = new RunFilter({
      state: options.state,
      jobChanged: this.versions.jobChanged
    });
    this.home = new JobSearchModel({
      serverSettings,
      perPage: PanelModels.HOME_PER_PAGE,
      sort: { sort_by: 'create_time', order: 'desc' }
    });
    this.homeRunning = new RunningCounts({ jobs: this.home, serverSettings });
    this.trainingJobs = new TrainingJobsModel({
      serverSettings,
      session: this.session
    });
    this.trainingJobSelection = new RunSelection({
      versions: this.trainingJobs
    });
    this.trainingJobStops = new StopFlow({
      source: this.trainingJobs,
      confirm: options.confirm
    });
    // A v1 route answering "gone" means this cloud serves no v1: the
    // session (reloaded) says so, and the panel stops offering v1.
    const session = this.session;
    this.home.changed.connect(() => session.noteError('v1', this.home.error));
    this.search.changed.connect(() =>
      session.noteError('v1', this.search.error)
    );
    this.versions.runsChanged.connect(() =>
      session.noteError('v1', this.versions.error)
    );
    this.trainingJobs.runsChanged.connect(() =>
      session.noteError('v2', this.trainingJobs.error)
    );
  }

  /**
   * The server's session (credential source, region).
   */
  readonly session: SessionModel;

  /**
   * The chosen job, its runs and their refresh poll.
   */
  readonly versions: VersionsModel;

  /**
   * The selected run.
   */
  readonly selection: RunSelection;

  /**
   * Stopping runs.
   */
  readonly stops: StopFlow;

  /**
   * The job picker's search.
   */
  readonly search: JobSearchModel;

  /**
   * Which runs of the chosen job are shown, and their order.
   */
  readonly filter: RunFilter;

  /**
   * The home view's list of jobs, newest first.
   */
  readonly home: JobSearchModel;

  /**
   * How many versions each job of the home view's page has running.
   */
  readonly homeRunning: RunningCounts;

  /**
   * The new-version (v2) training jobs of the home view: each a run.
   */
  readonly trainingJobs: TrainingJobsModel;

  /**
   * The selected v2 training job.
   */
  readonly trainingJobSelection: RunSelection;

  /**
   * Stopping v2 training jobs (the same confirmation and guard).
   */
  readonly trainingJobStops: StopFlow;

  /**
   * The console base of the links to ModelArts (the `consoleBaseUrl`
   * setting).
   */
  consoleBaseUrl = ConsoleLink.DEFAULT_BASE;

  /**
   * Start polling and load the session information.
   */
  start(): Promise<void> {
    void this.versions.refresher.start();
    void this.trainingJobs.refresher.start();
    return this.session.load();
  }

  dispose(): void {
    this.trainingJobStops.dispose();
    this.trainingJobSelection.dispose();
    this.trainingJobs.dispose();
    this.homeRunning.dispose();
    this.home.dispose();
    this.filter.dispose();
    this.search.dispose();
    this.stops.dispose();
    this.selection.dispose();
    this.versions.dispose();
    this.session.dispose();
  }
}

export namespace PanelModels {
  /**
   * Jobs per page of the home view.
   */
  export const HOME_PER_PAGE = 20;

  export interface IOptions {
    /**
     * Where per-job view state (the filter) is remembered.
     */
    state?: IStateDB | null;

    /**
     * Server connection settings (defaults to the page's).
     */
    serverSettings?: ServerConnection.ISettings;

    /**
     * Confirmation of a stop (a dialog in the application).
     */
    confirm?: StopFlow.ConfirmFunction;
  }
}
