import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { VersionsModel } from '../models/versions';
import { DOM } from './dom';
import { formatLocalTime, formatUpdated } from './format';

/**
 * "Updated N s ago" in the toolbar.
 *
 * DOM: `span.jp-ModelArts-updated` (`.jp-mod-stale` when the last refresh
 * failed, `.jp-mod-busy` while a refresh is in flight).
 */
export class UpdatedStamp extends Widget {
  constructor(options: UpdatedStamp.IOptions) {
    super({ node: document.createElement('span') });
    this._model = options.versions;
    this._trans = options.trans;
    this.addClass('jp-ModelArts-updated');
    this._model.runsChanged.connect(this.update, this);
    this.render();
  }

  render(now = Date.now()): void {
    const model = this._model;
    const text =
      model.jobId === null
        ? ''
        : formatUpdated(model.lastUpdated, now, this._trans);
    DOM.setText(this.node, text);
    const title =
      model.lastUpdated === null ? '' : formatLocalTime(model.lastUpdated);
    DOM.setTitle(this.node, title);
    this.toggleClass('jp-mod-stale', model.stale);
    this.toggleClass('jp-mod-busy', model.busy);
  }

  protected onUpdateRequest(): void {
    this.render();
  }

  private _model: VersionsModel;
  private _trans: TranslationBundle;
}

export namespace UpdatedStamp {
  export interface IOptions {
    versions: VersionsModel;
    trans: TranslationBundle;
  }
}
