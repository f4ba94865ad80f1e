import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import { ISession } from '../api/contract';
import { getSession } from '../api/client';
import { asRequestError, ModelArtsRequestError } from '../api/request';

/**
 * The server's session: where its credentials come from, or why there are
 * none.
 */
export class SessionModel {
  constructor(options: SessionModel.IOptions = {}) {
    this._serverSettings = options.serverSettings;
  }

  /**
   * Emitted after each load.
   */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * The server's session information, once loaded.
   */
  get session(): ISession | null {
    return this._session;
  }

  /**
   * The error of the last load, if it failed.
   */
  get error(): ModelArtsRequestError | null {
    return this._error;
  }

  /**
   * Whether the server reported that it found no credentials.
   */
  get noCredentials(): boolean {
    return this._session !== null && !this._session.source;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Load the session information from the server.
   */
  async load(): Promise<void> {
    try {
      this._session = await getSession(this._serverSettings);
      this._error = null;
    } catch (error) {
      this._error = asRequestError(error);
    }
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
  }

  private _changed = new Signal<this, void>(this);
  private _error: ModelArtsRequestError | null = null;
  private _isDisposed = false;
  private _serverSettings: ServerConnection.ISettings | undefined;
  private _session: ISession | null = null;
}

export namespace SessionModel {
  export interface IOptions {
    /**
     * Server connection settings (defaults to the page's).
     */
    serverSettings?: ServerConnection.ISettings;
  }
}
