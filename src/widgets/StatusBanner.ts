import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { ModelArtsRequestError } from '../api/request';
import { SessionModel } from '../models/session';
import { VersionsModel } from '../models/versions';
import { DOM } from './dom';
import { NoCredentials } from './NoCredentials';

/**
 * The state of the panel when it is not just showing rows: loading, empty,
 * an error (with a retry button) or missing credentials.
 *
 * DOM: `div.jp-ModelArts-StatusBanner[data-state]` where data-state is one
 * of `loading`, `no-job`, `no-versions`, `error`, `no-credentials`,
 * `session-error` or `none`; `button.jp-ModelArts-retryButton`.
 */
export class StatusBanner extends Widget {
  constructor(options: StatusBanner.IOptions) {
    super();
    this._model = options.versions;
    this._session = options.session;
    this._trans = options.trans;
    this.addClass('jp-ModelArts-StatusBanner');
    this._model.runsChanged.connect(this.update, this);
    this._session.changed.connect(this.update, this);
    this.render();
  }

  /**
   * The state shown, as in `data-state`.
   */
  get state(): StatusBanner.State {
    const model = this._model;
    if (this._session.noCredentials) {
      return 'no-credentials';
    }
    if (model.error) {
      return 'error';
    }
    if (this._session.error && model.jobId === null) {
      return 'session-error';
    }
    if (model.jobId === null) {
      return 'no-job';
    }
    if (model.loading) {
      return 'loading';
    }
    if (model.lastUpdated !== null && model.runs.length === 0) {
      return 'no-versions';
    }
    return 'none';
  }

  render(): void {
    const state = this.state;
    const key = `${state}|${this._errorKey()}|${this._model.stale}`;
    if (key === this._key) {
      return;
    }
    this._key = key;
    const node = this.node;
    node.dataset.state = state;
    node.setAttribute('role', Private.isAlert(state) ? 'alert' : 'status');
    node.classList.toggle('jp-mod-error', Private.isAlert(state));
    node.replaceChildren(...this._content(state));
    this.setHidden(state === 'none');
  }

  protected onUpdateRequest(): void {
    this.render();
  }

  private _errorKey(): string {
    const { session: info, noCredentials } = this._session;
    const error = this._model.error ?? this._session.error;
    const session = noCredentials ? JSON.stringify(info) : '';
    return error ? `${error.errorCode}|${error.message}${session}` : session;
  }

  private _content(state: StatusBanner.State): Node[] {
    const trans = this._trans;
    const model = this._model;
    switch (state) {
      case 'loading':
        return [DOM.create('p', '', trans.__('Loading versions…'))];
      case 'no-job':
        return [
          DOM.create(
            'p',
            '',
            trans.__('Choose a training job to see its versions.')
          )
        ];
      case 'no-versions':
        return [DOM.create('p', '', trans.__('This job has no versions.'))];
      case 'error':
        return [
          ...this._errorLines(model.error),
          ...(model.stale
            ? [
                DOM.create(
                  'p',
                  '',
                  trans.__('The versions below may be out of date.')
                )
              ]
            : []),
          this._retryButton()
        ];
      case 'session-error':
        return [...this._errorLines(this._session.error), this._retryButton()];
      case 'no-credentials':
        return this._noCredentials();
      default:
        return [];
    }
  }

  private _errorLines(error: ModelArtsRequestError | null): Node[] {
    return StatusBanner.errorLines(error, this._trans);
  }

  private _noCredentials(): Node[] {
    return [
      ...NoCredentials.content(this._session.session, this._trans),
      this._retryButton()
    ];
  }

  private _retryButton(): HTMLButtonElement {
    const button = DOM.button(
      'jp-ModelArts-retryButton jp-mod-styled jp-mod-reject',
      this._trans.__('Retry')
    );
    button.setAttribute('aria-label', this._trans.__('Retry loading versions'));
    button.addEventListener('click', () => void this._model.retry());
    return button;
  }

  private _key = '';
  private _model: VersionsModel;
  private _session: SessionModel;
  private _trans: TranslationBundle;
}

export namespace StatusBanner {
  /**
   * The lines of an error: its code and message, and the upstream's own
   * message when it says more.
   */
  export function errorLines(
    error: ModelArtsRequestError | null,
    trans: TranslationBundle
  ): Node[] {
    if (!error) {
      return [];
    }
    const lines = [
      DOM.create(
        'p',
        'jp-ModelArts-errorMessage',
        trans.__(
          'ModelArts error %1: %2',
          error.errorCode,
          trans.__(error.message)
        )
      )
    ];
    if (error.errorMsg && error.errorMsg !== error.message) {
      lines.push(DOM.create('p', 'jp-ModelArts-errorDetail', error.errorMsg));
    }
    return lines;
  }

  export interface IOptions {
    versions: VersionsModel;
    session: SessionModel;
    trans: TranslationBundle;
  }

  export type State =
    | 'none'
    | 'loading'
    | 'no-job'
    | 'no-versions'
    | 'error'
    | 'session-error'
    | 'no-credentials';
}

namespace Private {
  export function isAlert(state: StatusBanner.State): boolean {
    return (
      state === 'error' ||
      state === 'session-error' ||
      state === 'no-credentials'
    );
  }
}
