import { ServerConnection } from '@jupyterlab/services';
import { JobSearchModel } from './jobSearch';
import { RunSelection } from './selection';
import { SessionModel } from './session';
import { StopFlow } from './stopFlow';
import { VersionsModel } from './versions';

export { JobSearchModel } from './jobSearch';
export { Refresher } from './refresher';
export { IRun, IRunDetails, IRunStatus, Run } from './run';
export { RunSelection } from './selection';
export { SessionModel } from './session';
export { StopFlow } from './stopFlow';
export { VersionsModel } from './versions';

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
    this.search = new JobSearchModel({ serverSettings });
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
   * Start polling and load the session information.
   */
  start(): Promise<void> {
    void this.versions.refresher.start();
    return this.session.load();
  }

  dispose(): void {
    this.search.dispose();
    this.stops.dispose();
    this.selection.dispose();
    this.versions.dispose();
    this.session.dispose();
  }
}

export namespace PanelModels {
  export interface IOptions {
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
