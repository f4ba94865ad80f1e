import { Notification } from '@jupyterlab/apputils';
import { ServerConnection } from '@jupyterlab/services';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { IPoll, Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import * as api from './api';
import { asRequestError, ModelArtsRequestError } from './request';
import { IJobVersion, ISessionInfo, isSettling } from './tokens';

/**
 * The state of the versions panel: the chosen job, its versions, the last
 * error, the session, the refresh poll and the stop flow. Views only read it
 * and call its methods; it never touches the DOM.
 */
export class VersionsModel {
  constructor(options: VersionsModel.IOptions = {}) {
    this._serverSettings = options.serverSettings;
    this._trans = (options.translator ?? nullTranslator).load(
      'jupyterlab_modelarts'
    );
    this._confirm = options.confirm ?? (() => Promise.resolve(true));
    this._poll = new Poll<void, unknown, 'standby'>({
      auto: false,
      factory: () => this._fetch(),
      frequency: Private.frequency(this._refreshInterval),
      name: 'jupyterlab-modelarts:versions',
      standby: () => this._standby()
    });
    this._poll.ticked.connect(this._onTicked, this);
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', this._onVisibilityChange);
    }
  }

  /**
   * Emitted whenever any part of the state changes.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

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
   * The versions of the job, newest first (the last good answer).
   */
  get versions(): ReadonlyArray<IJobVersion> {
    return this._versions;
  }

  /**
   * Whether the versions of the chosen job have not been loaded yet.
   */
  get loading(): boolean {
    return this._jobId !== null && this._lastUpdated === null && !this._error;
  }

  /**
   * Whether a request for the versions is in flight.
   */
  get busy(): boolean {
    return this._busy;
  }

  /**
   * The error of the last refresh, or null if it succeeded.
   */
  get error(): ModelArtsRequestError | null {
    return this._error;
  }

  /**
   * Whether the rows shown are from an earlier, successful refresh.
   */
  get stale(): boolean {
    return this._error !== null && this._lastUpdated !== null;
  }

  /**
   * When the versions were last loaded (epoch ms), or null.
   */
  get lastUpdated(): number | null {
    return this._lastUpdated;
  }

  /**
   * The server's session information, once loaded.
   */
  get session(): ISessionInfo | null {
    return this._session;
  }

  /**
   * The error of the last session request, if it failed.
   */
  get sessionError(): ModelArtsRequestError | null {
    return this._sessionError;
  }

  /**
   * Whether the server reported that it found no credentials.
   */
  get noCredentials(): boolean {
    return this._session !== null && !this._session.source;
  }

  /**
   * The refresh interval in seconds.
   */
  get refreshInterval(): number {
    return this._refreshInterval;
  }

  /**
   * Whether stopping a version asks for confirmation first.
   */
  get confirmStop(): boolean {
    return this._confirmStop;
  }

  /**
   * The id of the selected version, or null.
   */
  get selectedVersionId(): number | null {
    return this._selected;
  }

  /**
   * The poll driving the refreshes (exposed for tests and diagnostics).
   */
  get poll(): VersionsModel.VersionsPoll {
    return this._poll;
  }

  /**
   * Whether the model is disposed.
   */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Start polling and load the session information.
   */
  start(): Promise<void> {
    void this._poll.start();
    return this.loadSession();
  }

  /**
   * Apply (changed) settings; takes effect at the next tick.
   */
  configure(settings: Partial<VersionsModel.ISettings>): void {
    if (settings.refreshInterval !== undefined) {
      const seconds = Math.max(1, Number(settings.refreshInterval) || 5);
      if (seconds !== this._refreshInterval) {
        this._refreshInterval = seconds;
        this._applyFrequency();
        void this._poll.refresh();
      }
    }
    if (settings.confirmStop !== undefined) {
      this._confirmStop = settings.confirmStop;
    }
    this._changed.emit();
  }

  /**
   * Tell the model whether its view is visible; polling stands by while it
   * is not, and a refresh happens when it is shown again.
   */
  setVisible(visible: boolean): void {
    if (visible === this._visible) {
      return;
    }
    this._visible = visible;
    if (visible) {
      void this._poll.refresh();
    }
  }

  /**
   * Choose a job by id (digits only); null or '' clears the choice.
   *
   * @returns false if the id is not a valid job id.
   */
  setJob(jobId: string | number | null): boolean {
    const id = jobId === null ? '' : String(jobId).trim();
    if (id !== '' && !/^\d+$/.test(id)) {
      return false;
    }
    const next = id || null;
    if (next === this._jobId) {
      void this.refresh();
      return true;
    }
    this._jobId = next;
    this._job = null;
    this._versions = [];
    this._error = null;
    this._lastUpdated = null;
    this._selected = null;
    this._followUps.clear();
    for (const [versionId, state] of this._pending) {
      // Stops already sent are over for this view; a confirmation still
      // open settles itself (and is then cancelled).
      if (state === 'stopping') {
        this._pending.delete(versionId);
      }
    }
    this._applyFrequency();
    this._jobChanged.emit(next);
    this._changed.emit();
    void this._refreshNow();
    return true;
  }

  /**
   * Refresh the versions now.
   */
  refresh(): Promise<void> {
    return this._poll.refresh();
  }

  /**
   * Reload the session information, then refresh the versions.
   */
  async retry(): Promise<void> {
    await this.loadSession();
    await this.refresh();
  }

  /**
   * Load the session information from the server.
   */
  async loadSession(): Promise<void> {
    try {
      this._session = await api.getSession(this._serverSettings);
      this._sessionError = null;
    } catch (error) {
      this._sessionError = asRequestError(error);
    }
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  /**
   * Select a version (or clear the selection with null).
   */
  select(versionId: number | null): void {
    if (versionId === this._selected) {
      return;
    }
    this._selected = versionId;
    this._changed.emit();
  }

  /**
   * A listed version by id.
   */
  findVersion(versionId: number | null): IJobVersion | null {
    if (versionId === null) {
      return null;
    }
    return this._versions.find(v => v.version_id === versionId) ?? null;
  }

  /**
   * Where a version is in the stop flow, or null if it is not.
   */
  stopState(versionId: number): VersionsModel.StopState | null {
    return this._pending.get(versionId) ?? null;
  }

  /**
   * Whether a stop can be requested for a version right now.
   */
  canStop(versionId: number): boolean {
    const version = this.findVersion(versionId);
    return (
      version !== null && version.stoppable && !this._pending.has(versionId)
    );
  }

  /**
   * Stop a running version: confirm (unless disabled in the settings), send
   * one stop request, notify the outcome and refresh until the version has
   * left the running/killing states. Calls made while a stop of the same
   * version is in progress are ignored.
   */
  async stop(versionId: number): Promise<VersionsModel.StopOutcome> {
    const jobId = this._jobId;
    const version = this.findVersion(versionId);
    if (jobId === null || version === null || !this.canStop(versionId)) {
      return 'ignored';
    }
    const request: VersionsModel.IStopRequest = {
      jobId,
      jobName: this._job?.job_name || jobId,
      versionId,
      versionName: version.version_name || String(versionId)
    };
    this._setPending(versionId, 'confirming');
    if (this._confirmStop) {
      const confirmed = await this._confirm(request).catch(() => false);
      if (!confirmed || this._jobId !== jobId) {
        this._setPending(versionId, null);
        return 'cancelled';
      }
    }
    this._setPending(versionId, 'stopping');
    let outcome: VersionsModel.StopOutcome;
    try {
      await api.stopVersion(jobId, versionId, this._serverSettings);
      outcome = 'stopped';
      if (this._jobId === jobId) {
        this._followUps.set(versionId, Date.now() + Private.FOLLOW_UP_LIMIT);
        this._applyFrequency();
      } else {
        this._setPending(versionId, null);
      }
      Notification.success(
        this._trans.__(
          'Stop requested for %1 %2.',
          request.jobName,
          request.versionName
        ),
        { autoClose: 5000 }
      );
    } catch (error) {
      outcome = 'failed';
      this._setPending(versionId, null);
      const reason = asRequestError(error);
      Notification.error(
        this._trans.__(
          'Could not stop %1 %2: %3 (%4)',
          request.jobName,
          request.versionName,
          reason.message,
          reason.errorCode
        ),
        { autoClose: false }
      );
    }
    void this._refreshNow();
    return outcome;
  }

  /**
   * Stop polling and release resources.
   */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    if (typeof document !== 'undefined') {
      document.removeEventListener(
        'visibilitychange',
        this._onVisibilityChange
      );
    }
    this._poll.dispose();
    Signal.clearData(this);
  }

  private async _fetch(): Promise<void> {
    const jobId = this._jobId;
    if (jobId === null) {
      return;
    }
    this._busy = true;
    this._changed.emit();
    try {
      const list = await api.listVersions(jobId, this._serverSettings);
      if (jobId !== this._jobId || this._isDisposed) {
        return;
      }
      this._job = {
        job_id: list.job_id,
        job_name: list.job_name,
        job_desc: list.job_desc,
        version_count: list.version_count
      };
      this._versions = Private.reuseUnchanged(this._versions, list.versions);
      this._error = null;
      this._lastUpdated = Date.now();
      this._settleFollowUps();
    } catch (error) {
      if (jobId !== this._jobId || this._isDisposed) {
        return;
      }
      this._error = asRequestError(error);
      throw this._error;
    } finally {
      if (jobId === this._jobId && !this._isDisposed) {
        this._busy = false;
        this._changed.emit();
      }
    }
  }

  /**
   * Refresh even if a request is in flight, whose answer is then ignored.
   */
  private _refreshNow(): Promise<void> {
    return this._poll.schedule({
      interval: Poll.IMMEDIATE,
      phase: 'refreshed'
    });
  }

  /**
   * The poll backs off from the interval of the tick that failed, which is
   * zero after an immediate refresh: never retry sooner than the refresh
   * interval, nor sooner than the server's Retry-After.
   */
  private _onTicked(
    poll: VersionsModel.VersionsPoll,
    state: IPoll.State<void, unknown, 'standby'>
  ): void {
    if (state.phase !== 'rejected') {
      return;
    }
    const retryAfter = (this._error?.retryAfter ?? 0) * 1000;
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

  private _standby(): boolean | 'when-hidden' {
    if (!this._visible || this._jobId === null || this.noCredentials) {
      return true;
    }
    return 'when-hidden';
  }

  private _settleFollowUps(): void {
    const now = Date.now();
    for (const [versionId, deadline] of this._followUps) {
      const version = this.findVersion(versionId);
      const expired = now > deadline;
      if (!version || !version.stoppable || expired) {
        this._pending.delete(versionId);
      }
      if (!version || !isSettling(version.status) || expired) {
        this._followUps.delete(versionId);
      }
    }
    this._applyFrequency();
  }

  private _applyFrequency(): void {
    this._poll.frequency = Private.frequency(
      this._refreshInterval,
      this._followUps.size > 0
    );
  }

  private _setPending(
    versionId: number,
    state: VersionsModel.StopState | null
  ): void {
    if (state === null) {
      this._pending.delete(versionId);
    } else {
      this._pending.set(versionId, state);
    }
    this._changed.emit();
  }

  private _onVisibilityChange = (): void => {
    if (document.visibilityState === 'visible' && this._visible) {
      void this._poll.refresh();
    }
  };

  private _busy = false;
  private _changed = new Signal<this, void>(this);
  private _confirm: VersionsModel.ConfirmFunction;
  private _confirmStop = true;
  private _error: ModelArtsRequestError | null = null;
  private _followUps = new Map<number, number>();
  private _isDisposed = false;
  private _job: VersionsModel.IJobInfo | null = null;
  private _jobChanged = new Signal<this, string | null>(this);
  private _jobId: string | null = null;
  private _lastUpdated: number | null = null;
  private _pending = new Map<number, VersionsModel.StopState>();
  private _poll: VersionsModel.VersionsPoll;
  private _refreshInterval = 5;
  private _selected: number | null = null;
  private _serverSettings: ServerConnection.ISettings | undefined;
  private _session: ISessionInfo | null = null;
  private _sessionError: ModelArtsRequestError | null = null;
  private _trans: TranslationBundle;
  private _versions: IJobVersion[] = [];
  private _visible = false;
}

export namespace VersionsModel {
  /**
   * The poll that refreshes the versions.
   */
  export type VersionsPoll = Poll<void, unknown, 'standby'>;

  /**
   * Asks the user to confirm a stop; resolves true to proceed.
   */
  export type ConfirmFunction = (request: IStopRequest) => Promise<boolean>;

  export interface IOptions {
    /**
     * Server connection settings (defaults to the page's).
     */
    serverSettings?: ServerConnection.ISettings;

    /**
     * Translator for the notifications.
     */
    translator?: ITranslator;

    /**
     * Confirmation of a stop (a dialog in the application).
     */
    confirm?: ConfirmFunction;
  }

  /**
   * The user settings the model reacts to.
   */
  export interface ISettings {
    refreshInterval: number;
    confirmStop: boolean;
  }

  /**
   * The job-level fields of a version list.
   */
  export interface IJobInfo {
    job_id: number;
    job_name: string;
    job_desc: string;
    version_count: number;
  }

  /**
   * What a stop confirmation is about.
   */
  export interface IStopRequest {
    jobId: string;
    jobName: string;
    versionId: number;
    versionName: string;
  }

  /**
   * 'confirming' while the confirmation is open; 'stopping' from the request
   * until a refresh shows the version is no longer stoppable.
   */
  export type StopState = 'confirming' | 'stopping';

  export type StopOutcome = 'ignored' | 'cancelled' | 'stopped' | 'failed';
}

namespace Private {
  /**
   * Quick refreshes after a stop last at most this long (ms).
   */
  export const FOLLOW_UP_LIMIT = 2 * 60 * 1000;

  /**
   * The interval of the quick refreshes after a stop (ms).
   */
  const FOLLOW_UP_INTERVAL = 1000;

  /**
   * The longest wait between refreshes when backing off on errors (ms).
   */
  const MAX_BACKOFF = 2 * 60 * 1000;

  export function frequency(
    seconds: number,
    followUp = false
  ): IPoll.Frequency {
    const base = seconds * 1000;
    const interval = followUp ? Math.min(FOLLOW_UP_INTERVAL, base) : base;
    return {
      interval,
      backoff: true,
      max: Math.max(base, MAX_BACKOFF)
    };
  }

  /**
   * `next`, with each version equal to its previous copy replaced by that
   * copy, so views can skip unchanged rows by identity (a poll returns new
   * objects for all of a job's versions).
   */
  export function reuseUnchanged(
    previous: ReadonlyArray<IJobVersion>,
    next: IJobVersion[]
  ): IJobVersion[] {
    if (previous.length === 0) {
      return next;
    }
    const byId = new Map(previous.map(v => [v.version_id, v]));
    return next.map(version => {
      const old = byId.get(version.version_id);
      return old && sameVersion(old, version) ? old : version;
    });
  }

  /**
   * Whether two copies of a version hold the same values.
   */
  export function sameVersion(a: IJobVersion, b: IJobVersion): boolean {
    const left = a as unknown as Record<string, unknown>;
    const right = b as unknown as Record<string, unknown>;
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) {
      return false;
    }
    return keys.every(key => {
      const x = left[key];
      const y = right[key];
      if (x === y) {
        return true;
      }
      // Nested values (parameters, data sources, volumes) are small JSON.
      return (
        typeof x === 'object' &&
        typeof y === 'object' &&
        JSON.stringify(x) === JSON.stringify(y)
      );
    });
  }
}
