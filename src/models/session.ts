import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import { ISession } from '../api/contract';
import { getSession } from '../api/client';
import { asRequestError, ModelArtsRequestError } from '../api/request';
import { RunApi } from './run';

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
   * Whether this cloud serves an API: false once an answer said it is gone
   * (here, or as the server learned it), true once the server saw it
   * answer, null while unknown.
   */
  serves(api: RunApi): boolean | null {
    return this._gone.has(api) ? false : (this._session?.apis?.[api] ?? null);
  }

  /**
   * Note the error of a call of an API: when it says the API is gone, the
   * panel stops offering it (and the session is reloaded for the server's
   * view of the APIs).
   */
  noteError(api: RunApi, error: ModelArtsRequestError | null): void {
    if (SessionModel.isGone(error) && !this._gone.has(api)) {
      this._gone.add(api);
      void this.load();
    }
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
  private _gone = new Set<RunApi>();
  private _serverSettings: ServerConnection.ISettings | undefined;
  private _session: ISession | null = null;
}

export namespace SessionModel {
  /**
   * The codes of an answer saying this cloud does not serve the API of the
   * call: the gateway's own (404 APIGW.0101), and the server extension's
   * for the retired v1 training API.
   */
  export const GONE_CODES: ReadonlySet<string> = new Set([
    'APIGW.0101',
    'jupyterlab-modelarts.v1-retired'
  ]);

  /**
   * Whether an error says the API of the call is not served by this cloud.
   */
  export function isGone(error: ModelArtsRequestError | null): boolean {
    return error !== null && GONE_CODES.has(error.errorCode);
  }

  export interface IOptions {
    /**
     * Server connection settings (defaults to the page's).
     */
    serverSettings?: ServerConnection.ISettings;
  }
}
