import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import { getVersion, listVersions, stopVersion } from '../api/client';
import { ID_PATTERN, IVersionSummaryList } from '../api/contract';
import { Refresher } from './refresher';
import { IRun, Run } from './run';
import { RunListBase } from './runListBase';
import { SessionModel } from './session';

/**
 * The chosen job and its runs (v1 versions), refreshed by a poll that
 * stands by while the panel is hidden. It never touches the DOM and never
 * notifies the user.
 */
export class VersionsModel extends RunListBase {
  constructor(options: VersionsModel.IOptions = {}) {
    super();
    this._serverSettings = options.serverSettings;
    this._session = options.session;
    this.refresher = new Refresher({
      factory: () => this._fetch(),
      name: 'jupyterlab-modelarts:versions',
      retryAfter: () => this._error?.retryAfter ?? null,
      standby: () =>
        this._jobId === null || (this._session?.noCredentials ?? false)
    });
  }

  /**
   * The poll that refreshes the runs, and its settings.
   */
  readonly refresher: Refresher;

  /**
   * Emitted with the new job id when the chosen job changes.
   */
  get jobChanged(): ISignal<this, string | null> {
    return this._jobChanged;
  }

  /**
   * The chosen job id, or null when none is chosen.
   */
  get jobId(): string | null {
    return this._jobId;
  }

  /**
   * The job's name, description and version count once loaded.
   */
  get job(): VersionsModel.IJobInfo | null {
    return this._job;
  }

  /**
   * The job's name once loaded, else its id ('' when no job is chosen).
   */
  get jobName(): string {
    return this._job?.job_name || this._jobId || '';
  }

  /**
   * Whether the runs of the chosen job have not been loaded yet.
   */
  get loading(): boolean {
    return this._jobId !== null && this._lastUpdated === null && !this._error;
  }

  /**
   * Choose a job by id (decimal digits); null or '' clears the choice.
   *
   * @returns false if the id is not a job id.
   */
  setJob(jobId: string | number | null): boolean {
    const id = jobId === null ? '' : String(jobId).trim();
    if (id !== '' && !VersionsModel.isId(id)) {
      return false;
    }
    const next = id || null;
    if (next === this._jobId) {
      void this.refresh();
      return true;
    }
    this._jobId = next;
    this._job = null;
    this._runs = [];
    this._error = null;
    this._lastUpdated = null;
    this.clock.clear();
    this._jobChanged.emit(next);
    this._runsChanged.emit();
    void this.refresher.refreshNow();
    return true;
  }

  /**
   * Refresh the runs now (joining a refresh in flight).
   */
  refresh(): Promise<void> {
    return this.refresher.refresh();
  }

  /**
   * Reload the session information, then refresh the runs.
   */
  async retry(): Promise<void> {
    await this._session?.load();
    await this.refresh();
  }

  /**
   * A listed run by id.
   */
  findRun(runId: string | null): IRun | null {
    return runId === null
      ? null
      : (this._runs.find(run => run.id === runId) ?? null);
  }

  /**
   * A run of the chosen job with its full record (the list holds each
   * version's summary: what a row shows).
   */
  async readRun(runId: string): Promise<IRun> {
    const jobId = this._jobId;
    if (jobId === null) {
      throw new Error('No job is chosen');
    }
    return Run.fromVersion(
      await getVersion(jobId, runId, this._serverSettings)
    );
  }

  /**
   * Apply changed runs the server pushed for the chosen job, without a
   * request; a run not listed yet (or a new version count) reloads once.
   */
  applyPushed(jobId: string, change: Run.IChanges): void {
    const job = this._job;
    if (jobId !== this._jobId || job === null || this._isDisposed) {
      return;
    }
    const runs = Run.applyChanges(this._runs, change.versions);
    if (runs === null || change.version_count !== job.version_count) {
      void this.refresher.refreshNow();
      return;
    }
    this.setRuns(runs);
    this._refreshed.emit();
    this._runsChanged.emit();
  }

  /**
   * Send a stop of a run of the chosen job (one request, no retry).
   */
  async stopRun(jobId: string, runId: string): Promise<void> {
    await stopVersion(jobId, runId, this._serverSettings);
  }

  /**
   * Stop polling and release resources.
   */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this.refresher.dispose();
    Signal.clearData(this);
  }

  private async _fetch(): Promise<void> {
    const jobId = this._jobId;
    if (jobId === null) {
      return;
    }
    await this.load(
      () => listVersions(jobId, this._serverSettings),
      () => jobId === this._jobId && !this._isDisposed,
      (list: IVersionSummaryList) => {
        const { job_name, job_desc, version_count } = list;
        this._job = { job_name, job_desc, version_count };
        return list.versions.map(Run.fromSummary);
      }
    );
  }

  private _job: VersionsModel.IJobInfo | null = null;
  private _jobChanged = new Signal<this, string | null>(this);
  private _jobId: string | null = null;
  private _serverSettings: ServerConnection.ISettings | undefined;
  private _session: SessionModel | undefined;
}

export namespace VersionsModel {
  export interface IOptions {
    /**
     * Server connection settings (defaults to the page's).
     */
    serverSettings?: ServerConnection.ISettings;

    /**
     * The session: polling stands by while the server has no credentials.
     */
    session?: SessionModel;
  }

  /**
   * The job-level fields of a version list.
   */
  export interface IJobInfo {
    job_name: string;
    job_desc: string;
    version_count: number;
  }

  /**
   * Whether a text has the shape of a job or run id (decimal digits); the
   * server applies the full rule.
   */
  export function isId(text: string): boolean {
    return ID_PATTERN.test(text);
  }
}
