import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { SessionModel } from '../models/session';
import { DOM } from './dom';
import { sourceLabel } from './format';

/**
 * Where the server's credentials come from, and its region.
 *
 * DOM: `div.jp-ModelArts-SessionFooter[data-source]`; its tooltip names the
 * endpoint and the session's `detail` (e.g. the interpreter that gave it).
 */
export class SessionFooter extends Widget {
  constructor(options: SessionFooter.IOptions) {
    super();
    this._model = options.session;
    this._trans = options.trans;
    this.addClass('jp-ModelArts-SessionFooter');
    this._model.changed.connect(this.update, this);
    this.render();
  }

  render(): void {
    const session = this._model.session;
    const trans = this._trans;
    let text = '';
    if (session?.source) {
      const source = sourceLabel(session, trans);
      text = session.region
        ? trans.__('Session: %1 · %2', source, session.region)
        : trans.__('Session: %1', source);
      // Where calls go, and which interpreter gave the session (a path).
      this.node.title = [
        session.endpoint ? trans.__('Endpoint: %1', session.endpoint) : '',
        session.detail ? trans.__('From: %1', session.detail) : ''
      ]
        .filter(Boolean)
        .join('\n');
    }
    this.node.dataset.source = session?.source ?? '';
    DOM.setText(this.node, text);
    this.setHidden(!text);
  }

  protected onUpdateRequest(): void {
    this.render();
  }

  private _model: SessionModel;
  private _trans: TranslationBundle;
}

export namespace SessionFooter {
  export interface IOptions {
    session: SessionModel;
    trans: TranslationBundle;
  }
}
