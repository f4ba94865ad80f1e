import { DOM } from '../dom';
import { COLUMNS } from './columns';

/**
 * Which rows of a scrolling table are in the DOM: the visible ones plus an
 * overscan on either side, between two spacer rows standing for the rows
 * above and below. Every row has the height the stylesheet gives it (the
 * `--jp-modelarts-row-height` of the table, its one home), so a row's
 * place follows from its index and nothing is measured row by row.
 *
 * DOM: `tr.jp-ModelArts-spacer` first and last in the body (hidden from
 * assistive technology; the rows carry `aria-rowindex` instead).
 */
export class RowWindow {
  constructor(options: RowWindow.IOptions) {
    this._scroller = options.scroller;
    this._table = options.table;
    this._unmeasured = options.unmeasured;
    this.top = Private.spacer();
    this.bottom = Private.spacer();
    const body = this._table.tBodies[0];
    body.append(this.top, this.bottom);
  }

  /**
   * The spacer rows before and after the rendered rows.
   */
  readonly top: HTMLTableRowElement;
  readonly bottom: HTMLTableRowElement;

  /**
   * The height of a row in CSS pixels, or 0 when the table is not laid out
   * (detached, hidden, or no stylesheet); read by `range` and `reveal`,
   * kept for `place` (which runs after rows changed: no second layout).
   */
  measure(): number {
    const scroller = this._scroller;
    const width = scroller.clientWidth;
    if (!this._styled || width !== this._styledWidth) {
      // Read once per width: the compact layout (a container query on the
      // width) has taller rows.
      const value = getComputedStyle(this._table).getPropertyValue(
        RowWindow.HEIGHT_PROPERTY
      );
      const height = parseFloat(value);
      this._styled = Number.isFinite(height) && height > 0 ? height : 0;
      this._styledWidth = width;
    }
    this._height = scroller.clientHeight ? this._styled : 0;
    return this._height;
  }

  /**
   * The rows to render, `[start, end)` of `count`: those in view plus the
   * overscan; while unmeasured, the first rows (and at least up to the last
   * row revealed).
   */
  range(count: number): RowWindow.IRange {
    const height = this.measure();
    if (!height) {
      const end = Math.max(this._unmeasured, this._revealed + 1);
      return { start: 0, end: Math.min(count, end) };
    }
    const scroller = this._scroller;
    const offset = scroller.scrollTop - this._headHeight();
    const first = Math.max(0, Math.floor(offset / height));
    const shown = Math.ceil(scroller.clientHeight / height) + 1;
    const start = Math.min(count, Math.max(0, first - RowWindow.OVERSCAN));
    const end = Math.min(count, first + shown + RowWindow.OVERSCAN);
    return { start, end };
  }

  /**
   * Size the spacers for rendered rows `range` of `count`.
   */
  place(range: RowWindow.IRange, count: number): void {
    const height = this._height;
    Private.setHeight(this.top, range.start * height);
    Private.setHeight(this.bottom, (count - range.end) * height);
  }

  /**
   * Scroll the least that brings row `index` into view (below the sticky
   * head); while unmeasured, widen the first rows to include it.
   */
  reveal(index: number): void {
    const height = this.measure();
    if (!height) {
      this._revealed = Math.max(this._revealed, index);
      return;
    }
    const scroller = this._scroller;
    const head = this._headHeight();
    const top = head + index * height;
    if (top - head < scroller.scrollTop) {
      scroller.scrollTop = top - head;
    } else if (top + height > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = top + height - scroller.clientHeight;
    }
  }

  /**
   * Back to the first row (another job, another filter).
   */
  reset(): void {
    this._revealed = 0;
    this._scroller.scrollTop = 0;
  }

  private _headHeight(): number {
    return this._table.tHead?.offsetHeight ?? 0;
  }

  private _height = 0;
  private _styled = 0;
  private _styledWidth = 0;
  private _revealed = 0;
  private _scroller: HTMLElement;
  private _table: HTMLTableElement;
  private _unmeasured: number;
}

export namespace RowWindow {
  /**
   * The CSS custom property holding the row height (style/base.css).
   */
  export const HEIGHT_PROPERTY = '--jp-modelarts-row-height';

  /**
   * Rows rendered beyond each edge of the visible part, so a small scroll
   * shows rows already there.
   */
  export const OVERSCAN = 10;

  /**
   * Rendered rows, `[start, end)`.
   */
  export interface IRange {
    start: number;
    end: number;
  }

  export interface IOptions {
    /**
     * The element that scrolls the table.
     */
    scroller: HTMLElement;

    /**
     * The table (head and one body).
     */
    table: HTMLTableElement;

    /**
     * How many rows to render while the table cannot be measured.
     */
    unmeasured: number;
  }
}

namespace Private {
  export function spacer(): HTMLTableRowElement {
    const row = DOM.create('tr', 'jp-ModelArts-spacer');
    row.setAttribute('aria-hidden', 'true');
    const cell = DOM.create('td');
    cell.colSpan = COLUMNS.length;
    row.appendChild(cell);
    setHeight(row, 0);
    return row;
  }

  export function setHeight(row: HTMLTableRowElement, pixels: number): void {
    const value = `${pixels}px`;
    if (row.style.height !== value) {
      row.style.height = value;
    }
    // A table row of height 0 still draws its cell's border and padding.
    const hidden = pixels === 0;
    if (row.hidden !== hidden) {
      row.hidden = hidden;
    }
  }
}
