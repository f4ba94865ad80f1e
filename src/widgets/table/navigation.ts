import { RunRow } from './RunRow';

/**
 * Keyboard navigation of the table's rows: arrow keys, Home and End move the
 * selection, Enter and Space select, and the selected (or first) row is the
 * one tab stop (a roving tabindex).
 */
export class RowNavigation {
  constructor(options: RowNavigation.IOptions) {
    this._options = options;
  }

  /**
   * The row that takes the focus: the selected one, else the first.
   */
  tabStop(): RunRow | null {
    const { selected, rowOf, body } = this._options;
    return selected() ?? rowOf(body.firstElementChild);
  }

  /**
   * Make the tab stop the only row reachable by Tab.
   */
  updateTabStop(): void {
    const stop = this.tabStop();
    if (this._last && this._last !== stop) {
      this._last.node.tabIndex = -1;
    }
    if (stop) {
      stop.node.tabIndex = 0;
    }
    this._last = stop;
  }

  /**
   * Handle a key pressed on a row.
   */
  onKeyDown(event: KeyboardEvent, row: RunRow): void {
    const { rowOf, select, showMore } = this._options;
    if (event.target !== row.node) {
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      select(row);
      event.preventDefault();
      return;
    }
    let order = this._rowNodes();
    const index = order.indexOf(row.node);
    if (event.key === 'ArrowDown' && index === order.length - 1) {
      showMore();
      order = this._rowNodes();
    }
    const next = Private.nextIndex(event.key, index, order.length);
    if (next === null) {
      return;
    }
    event.preventDefault();
    const target = rowOf(order[next]);
    if (target) {
      select(target);
      target.node.focus();
      target.node.scrollIntoView?.({ block: 'nearest' });
    }
  }

  private _rowNodes(): Element[] {
    return Array.from(
      this._options.body.querySelectorAll(':scope > .jp-ModelArts-VersionRow')
    );
  }

  private _last: RunRow | null = null;
  private _options: RowNavigation.IOptions;
}

export namespace RowNavigation {
  export interface IOptions {
    /**
     * The table body holding the rows.
     */
    body: HTMLElement;

    /**
     * The row of a node inside it, or null.
     */
    rowOf: (target: EventTarget | null) => RunRow | null;

    /**
     * The selected row, if rendered.
     */
    selected: () => RunRow | null;

    /**
     * Select a row (and render the selection).
     */
    select: (row: RunRow) => void;

    /**
     * Render the next page of rows.
     */
    showMore: () => void;
  }
}

namespace Private {
  /**
   * The row a navigation key moves to, or null for other keys.
   */
  export function nextIndex(
    key: string,
    index: number,
    count: number
  ): number | null {
    switch (key) {
      case 'ArrowDown':
        return Math.min(count - 1, index + 1);
      case 'ArrowUp':
        return Math.max(0, index - 1);
      case 'Home':
        return 0;
      case 'End':
        return count - 1;
      default:
        return null;
    }
  }
}
