import { RunRow } from './RunRow';

/**
 * Keyboard navigation of the table's rows: arrow keys, Page Up/Down, Home
 * and End move the selection over every run (rendered or not: the table
 * reveals the row first), Space selects, Enter selects and opens, the
 * context-menu key and Shift+F10 open the application's context menu on the
 * row, and the selected (or first rendered) row is the one tab stop (a
 * roving tabindex).
 */
export class RowNavigation {
  constructor(options: RowNavigation.IOptions) {
    this._options = options;
  }

  /**
   * The row that takes the focus: the selected one, else the first.
   */
  tabStop(): RunRow | null {
    const { selected, first } = this._options;
    return selected() ?? first();
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
    const { select, open } = this._options;
    if (event.target !== row.node) {
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      select(row);
      event.preventDefault();
      if (event.key === 'Enter') {
        open(row);
      }
      return;
    }
    if (
      event.key === 'ContextMenu' ||
      (event.key === 'F10' && event.shiftKey)
    ) {
      // Instead of the browser's menu (a shifted event JupyterLab ignores).
      event.preventDefault();
      select(row);
      Private.openContextMenu(row.node);
      return;
    }
    const { count, page } = this._options;
    const next = Private.nextIndex(event.key, row.index, count(), page());
    if (next === null) {
      return;
    }
    event.preventDefault();
    const target = this._options.reveal(next);
    if (target) {
      select(target);
      target.node.focus({ preventScroll: true });
    }
  }

  private _last: RunRow | null = null;
  private _options: RowNavigation.IOptions;
}

export namespace RowNavigation {
  export interface IOptions {
    /**
     * The first rendered row, or null.
     */
    first: () => RunRow | null;

    /**
     * The selected row, if rendered.
     */
    selected: () => RunRow | null;

    /**
     * How many runs the table shows (rendered or not).
     */
    count: () => number;

    /**
     * How many rows a page key moves (about the rows in view).
     */
    page: () => number;

    /**
     * Scroll the run at an index into view and render it; its row.
     */
    reveal: (index: number) => RunRow | null;

    /**
     * Select a row (and render the selection).
     */
    select: (row: RunRow) => void;

    /**
     * Open the row's details.
     */
    open: (row: RunRow) => void;
  }
}

namespace Private {
  /**
   * How far from the row's left edge a keyboard-opened menu appears (px).
   */
  const MENU_OFFSET = 16;

  /**
   * Open the application's context menu on a row, as a right click near its
   * start would (JupyterLab listens to `contextmenu` on the document).
   */
  export function openContextMenu(node: HTMLElement): void {
    const box = node.getBoundingClientRect();
    node.dispatchEvent(
      new MouseEvent('contextmenu', {
        bubbles: true,
        cancelable: true,
        clientX: box.left + MENU_OFFSET,
        clientY: box.bottom
      })
    );
  }

  /**
   * The row a navigation key moves to, or null for other keys.
   */
  export function nextIndex(
    key: string,
    index: number,
    count: number,
    page: number
  ): number | null {
    switch (key) {
      case 'ArrowDown':
        return Math.min(count - 1, index + 1);
      case 'ArrowUp':
        return Math.max(0, index - 1);
      case 'PageDown':
        return Math.min(count - 1, index + Math.max(1, page));
      case 'PageUp':
        return Math.max(0, index - Math.max(1, page));
      case 'Home':
        return 0;
      case 'End':
        return count - 1;
      default:
        return null;
    }
  }
}
