import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { VersionsModel } from '../model';
import { ModelArtsRequestError } from '../request';

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
    this._model = options.model;
    this._trans = options.trans;
    this.addClass('jp-ModelArts-StatusBanner');
    this._model.changed.connect(this.update, this);
    this.render();
  }

  /**
   * The state shown, as in `data-state`.
   */
  get state(): StatusBanner.State {
    const model = this._model;
    if (model.noCredentials) {
      return 'no-credentials';
    }
    if (model.error) {
      return 'error';
    }
    if (model.sessionError && model.jobId === null) {
      return 'session-error';
    }
    if (model.jobId === null) {
      return 'no-job';
    }
    if (model.loading) {
      return 'loading';
    }
    if (model.lastUpdated !== null && model.versions.length === 0) {
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
    const model = this._model;
    const error = model.error ?? model.sessionError;
    const session = model.noCredentials ? JSON.stringify(model.session) : '';
    return error ? `${error.errorCode}|${error.message}${session}` : session;
  }

  private _content(state: StatusBanner.State): Node[] {
    const trans = this._trans;
    const model = this._model;
    switch (state) {
      case 'loading':
        return [Private.text('p', trans.__('Loading versions…'))];
      case 'no-job':
        return [
          Private.text(
            'p',
            trans.__('Choose a training job to see its versions.')
          )
        ];
      case 'no-versions':
        return [Private.text('p', trans.__('This job has no versions.'))];
      case 'error':
        return [
          ...this._errorLines(model.error),
          ...(model.stale
            ? [
                Private.text(
                  'p',
                  trans.__('The versions below may be out of date.')
                )
              ]
            : []),
          this._retryButton()
        ];
      case 'session-error':
        return [...this._errorLines(model.sessionError), this._retryButton()];
      case 'no-credentials':
        return this._noCredentials();
      default:
        return [];
    }
  }

  private _errorLines(error: ModelArtsRequestError | null): Node[] {
    if (!error) {
      return [];
    }
    const trans = this._trans;
    const lines = [
      Private.text(
        'p',
        trans.__('ModelArts error %1: %2', error.errorCode, error.message),
        'jp-ModelArts-errorMessage'
      )
    ];
    if (error.errorMsg && error.errorMsg !== error.message) {
      lines.push(Private.text('p', error.errorMsg, 'jp-ModelArts-errorDetail'));
    }
    return lines;
  }

  private _noCredentials(): Node[] {
    const trans = this._trans;
    const session = this._model.session;
    const nodes: Node[] = [
      Private.text(
        'p',
        trans.__('No ModelArts credentials were found.'),
        'jp-ModelArts-errorMessage'
      )
    ];
    const tried = session?.sources_tried ?? [];
    if (session?.error && !tried.length) {
      // The server's summary repeats the sources, so it is shown only alone.
      nodes.push(Private.text('p', session.error, 'jp-ModelArts-errorDetail'));
    }
    if (tried.length) {
      nodes.push(Private.text('p', trans.__('Sources tried:')));
      const list = document.createElement('ul');
      list.className = 'jp-ModelArts-sourcesTried';
      for (const source of tried) {
        const item = document.createElement('li');
        item.dataset.source = source.name;
        item.append(
          Private.text('strong', source.name),
          document.createTextNode(`: ${source.reason}`)
        );
        list.appendChild(item);
      }
      nodes.push(list);
    }
    nodes.push(this._retryButton());
    return nodes;
  }

  private _retryButton(): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'jp-ModelArts-retryButton jp-mod-styled jp-mod-reject';
    button.textContent = this._trans.__('Retry');
    button.setAttribute('aria-label', this._trans.__('Retry loading versions'));
    button.addEventListener('click', () => void this._model.retry());
    return button;
  }

  private _key = '';
  private _model: VersionsModel;
  private _trans: TranslationBundle;
}

export namespace StatusBanner {
  export interface IOptions {
    model: VersionsModel;
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

  export function text<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    content: string,
    className?: string
  ): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    node.textContent = content;
    if (className) {
      node.className = className;
    }
    return node;
  }
}
