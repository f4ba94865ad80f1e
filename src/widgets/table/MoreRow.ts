import { TranslationBundle } from '@jupyterlab/translation';
import { DOM } from '../dom';
import { COLUMNS } from './columns';

/**
 * The last row of the table while rows remain unrendered: a "show more"
 * button, also triggered when the row scrolls into view.
 *
 * DOM: `tr.jp-ModelArts-moreRow` > `button.jp-ModelArts-showMoreButton`.
 */
export class MoreRow {
  constructor(options: MoreRow.IOptions) {
    this._trans = options.trans;
    this._onMore = options.onMore;
    this.node = DOM.create('tr', 'jp-ModelArts-moreRow');
    const cell = DOM.create('td');
    cell.colSpan = COLUMNS.length;
    this._button = DOM.button('jp-ModelArts-showMoreButton jp-mod-styled');
    this._button.addEventListener('click', () => this._onMore());
    cell.appendChild(this._button);
    this.node.appendChild(cell);
  }

  readonly node: HTMLTableRowElement;

  /**
   * Place the row last in `body` while `shown < total`, else remove it.
   */
  render(body: HTMLElement, shown: number, total: number): void {
    if (shown >= total) {
      this.node.remove();
      return;
    }
    const text = this._trans.__(
      'Show more versions (%1 of %2 shown)',
      shown,
      total
    );
    DOM.setText(this._button, text);
    if (this.node.parentNode !== body || this.node.nextSibling) {
      body.appendChild(this.node);
    }
  }

  /**
   * Show more when the row comes near the visible part of `root`.
   */
  observe(root: HTMLElement): void {
    if (typeof IntersectionObserver === 'undefined') {
      return;
    }
    this._observer = new IntersectionObserver(
      entries => {
        if (entries.some(entry => entry.isIntersecting)) {
          this._onMore();
        }
      },
      { root, rootMargin: MoreRow.MARGIN }
    );
    this._observer.observe(this.node);
  }

  /**
   * Stop observing.
   */
  disconnect(): void {
    this._observer?.disconnect();
    this._observer = null;
  }

  private _button: HTMLButtonElement;
  private _observer: IntersectionObserver | null = null;
  private _onMore: () => void;
  private _trans: TranslationBundle;
}

export namespace MoreRow {
  /**
   * How far below the visible part more rows are rendered ahead.
   */
  export const MARGIN = '200px';

  export interface IOptions {
    trans: TranslationBundle;
    onMore: () => void;
  }
}
