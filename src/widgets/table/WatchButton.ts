import { TranslationBundle } from '@jupyterlab/translation';
import { bellIcon } from '@jupyterlab/ui-components';
import { IRun } from '../../models/run';
import { WatchList } from '../../models/watchList';
import { DOM } from '../dom';

/**
 * The bell of a row: a toggle that watches the run (a notification when it
 * ends). Disabled for a run that has ended.
 *
 * DOM: `button.jp-ModelArts-watchButton[aria-pressed]` (`.jp-mod-watched`
 * while watched) holding the bell icon.
 */
export class WatchButton {
  constructor(trans: TranslationBundle) {
    this._trans = trans;
    this.node = DOM.button('jp-ModelArts-watchButton');
    this.node.appendChild(DOM.icon(bellIcon, 'jp-ModelArts-watchButton-icon'));
  }

  readonly node: HTMLButtonElement;

  /**
   * Render the button for a run and whether it is watched.
   */
  update(run: IRun, watched: boolean): void {
    const ended = WatchList.isTerminal(run.status_kind);
    const inputs = `${watched}|${ended}|${run.name}`;
    if (inputs === this._inputs) {
      return;
    }
    this._inputs = inputs;
    const trans = this._trans;
    const node = this.node;
    node.disabled = ended && !watched;
    node.setAttribute('aria-pressed', String(watched));
    node.classList.toggle('jp-mod-watched', watched);
    const label = ended
      ? trans.__('%1 has ended', run.name)
      : watched
        ? trans.__('Watching %1: you are notified when it ends', run.name)
        : trans.__('Notify me when %1 ends', run.name);
    node.title = label;
    node.setAttribute('aria-label', trans.__('Watch %1', run.name));
  }

  private _inputs = '';
  private _trans: TranslationBundle;
}
