import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { VersionsModel } from '../model';
import { IJobVersion } from '../tokens';
import { formatRelativeTime } from './format';
import { VersionRow } from './VersionRow';

/**
 * The versions of a job as a table, newest first.
 *
 * Rows are keyed by version id and updated in place: a refresh creates rows
 * only for new versions, removes rows of vanished ones, moves a row only if
 * its position changed and rewrites only cells whose text changed, so a poll
 * of a job with thousands of versions touches just the rows that changed.
 * Rows are rendered incrementally: the newest `pageSize` first, more when the
 * "show more" row scrolls into view or is activated.
 *
 * Rows are selectable by click and by keyboard (arrow keys, Home, End); the
 * selected row is the table's tab stop.
 */
export class VersionsTable extends Widget {
  constructor(options: VersionsTable.IOptions) {
    super();
    this._model = options.model;
    this._trans = options.trans;
    this._pageSize = options.pageSize ?? VersionsTable.PAGE_SIZE;
    this._limit = this._pageSize;
    this.addClass('jp-ModelArts-VersionsTable');
    const table = document.createElement('table');
    table.className = 'jp-ModelArts-table';
    table.setAttribute('role', 'grid');
    table.setAttribute('aria-label', this._trans.__('Training job versions'));
    table.appendChild(this._createHead());
    this._body = document.createElement('tbody');
    table.appendChild(this._body);
    this._table = table;
    this._more = this._createMoreRow();
    this.node.appendChild(table);
    this._model.changed.connect(this.update, this);
    this._model.jobChanged.connect(this._onJobChanged, this);
  }

  /**
   * Render rows for the next page of versions.
   */
  showMore(): void {
    const versions = this._model.versions;
    if (this._limit >= versions.length) {
      return;
    }
    // The rows already shown are current (any model change re-renders them):
    // build only the new page, so showing N rows costs O(N), not O(N²).
    const start = this._limit;
    this._limit += this._pageSize;
    const now = Date.now();
    const context = this._context(now);
    const shown = versions.slice(start, this._limit);
    for (const version of shown) {
      this._body.insertBefore(
        this._renderRow(version, context, now).node,
        this._more
      );
    }
    this._renderMoreRow(start + shown.length, versions.length);
  }

  /**
   * Render the model now.
   */
  render(now = Date.now()): void {
    const model = this._model;
    const versions = model.versions;
    const context = this._context(now);
    const seen = new Set<number>();
    this._ticking.clear();
    let cursor = this._body.firstChild;
    const shown = versions.slice(0, this._limit);
    for (const version of shown) {
      seen.add(version.version_id);
      const row = this._renderRow(version, context, now);
      if (row.node === cursor) {
        cursor = cursor.nextSibling;
      } else {
        this._body.insertBefore(row.node, cursor);
      }
    }
    for (const [id, row] of this._rows) {
      if (!seen.has(id)) {
        row.node.remove();
        this._rows.delete(id);
      }
    }
    this._renderMoreRow(shown.length, versions.length);
    this._table.classList.toggle('jp-mod-stale', model.stale);
    this.node.classList.toggle('jp-mod-hidden', versions.length === 0);
    this._updateTabStop();
  }

  /**
   * Advance the durations of running versions.
   */
  tick(now = Date.now()): void {
    for (const row of this._ticking) {
      row.tick(now);
    }
  }

  /**
   * Move the keyboard focus to the selected (or first) row.
   */
  focusSelected(): void {
    this._tabStop()?.node.focus();
  }

  handleEvent(event: Event): void {
    switch (event.type) {
      case 'click':
        this._onClick(event as MouseEvent);
        break;
      case 'keydown':
        this._onKeyDown(event as KeyboardEvent);
        break;
      case 'mouseover':
      case 'focusin':
        this._onHover(event);
        break;
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._rows.clear();
    this._ticking.clear();
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    for (const type of ['click', 'keydown', 'mouseover', 'focusin']) {
      this._body.addEventListener(type, this);
    }
    if (typeof IntersectionObserver !== 'undefined') {
      this._observer = new IntersectionObserver(
        entries => {
          if (entries.some(entry => entry.isIntersecting)) {
            this.showMore();
          }
        },
        { root: this.node, rootMargin: '200px' }
      );
      this._observer.observe(this._more);
    }
    this.update();
  }

  protected onBeforeDetach(msg: Message): void {
    for (const type of ['click', 'keydown', 'mouseover', 'focusin']) {
      this._body.removeEventListener(type, this);
    }
    this._observer?.disconnect();
    this._observer = null;
    super.onBeforeDetach(msg);
  }

  protected onUpdateRequest(msg: Message): void {
    this.render();
  }

  private _context(now: number): Private.IRenderContext {
    const model = this._model;
    return {
      fetchedAt: model.lastUpdated ?? now,
      jobName: model.job?.job_name || model.jobId || '',
      selected: model.selectedVersionId
    };
  }

  /**
   * Create or update the row of one version (not yet placed in the table).
   */
  private _renderRow(
    version: IJobVersion,
    context: Private.IRenderContext,
    now: number
  ): VersionRow {
    const id = version.version_id;
    let row = this._rows.get(id);
    if (!row) {
      row = new VersionRow(id, this._trans);
      this._rows.set(id, row);
    }
    row.update(
      version,
      {
        jobName: context.jobName,
        selected: id === context.selected,
        stopState: this._model.stopState(id)
      },
      context.fetchedAt,
      now
    );
    if (row.ticking) {
      this._ticking.add(row);
    }
    return row;
  }

  private _createHead(): HTMLTableSectionElement {
    const trans = this._trans;
    const head = document.createElement('thead');
    const row = document.createElement('tr');
    const columns: Array<[string, string]> = [
      ['name', trans.__('Version')],
      ['id', trans.__('ID')],
      ['status', trans.__('Status')],
      ['created', trans.__('Created')],
      ['duration', trans.__('Duration')],
      ['engine', trans.__('Engine / spec')],
      ['actions', trans.__('Actions')]
    ];
    for (const [part, label] of columns) {
      const cell = document.createElement('th');
      cell.scope = 'col';
      cell.className = `jp-ModelArts-cell-${part}`;
      cell.textContent = label;
      row.appendChild(cell);
    }
    head.appendChild(row);
    return head;
  }

  private _createMoreRow(): HTMLTableRowElement {
    const row = document.createElement('tr');
    row.className = 'jp-ModelArts-moreRow';
    const cell = document.createElement('td');
    cell.colSpan = 7;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'jp-ModelArts-showMoreButton jp-mod-styled';
    button.addEventListener('click', () => this.showMore());
    cell.appendChild(button);
    row.appendChild(cell);
    return row;
  }

  private _renderMoreRow(shown: number, total: number): void {
    const more = this._more;
    if (shown >= total) {
      more.remove();
      return;
    }
    const button = more.querySelector('button')!;
    const text = this._trans.__(
      'Show more versions (%1 of %2 shown)',
      shown,
      total
    );
    if (button.textContent !== text) {
      button.textContent = text;
    }
    if (more.parentNode !== this._body || more.nextSibling) {
      this._body.appendChild(more);
    }
  }

  private _onJobChanged(): void {
    this._limit = this._pageSize;
  }

  private _rowOf(target: EventTarget | null): VersionRow | null {
    const node =
      target instanceof Element
        ? target.closest<HTMLElement>('.jp-ModelArts-VersionRow')
        : null;
    return node
      ? (this._rows.get(Number(node.dataset.versionId)) ?? null)
      : null;
  }

  private _onClick(event: MouseEvent): void {
    const row = this._rowOf(event.target);
    if (!row) {
      return;
    }
    this._model.select(row.versionId);
    const button = (event.target as Element).closest(
      '.jp-ModelArts-stopButton'
    );
    if (button) {
      void this._model.stop(row.versionId);
    }
  }

  private _onKeyDown(event: KeyboardEvent): void {
    const row = this._rowOf(event.target);
    if (!row || event.target !== row.node) {
      return;
    }
    let order = this._rowNodes();
    const index = order.indexOf(row.node);
    let next = index;
    switch (event.key) {
      case 'ArrowDown':
        if (index === order.length - 1) {
          this.showMore();
          order = this._rowNodes();
        }
        next = Math.min(order.length - 1, index + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, index - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = order.length - 1;
        break;
      case 'Enter':
      case ' ':
        this._model.select(row.versionId);
        event.preventDefault();
        return;
      default:
        return;
    }
    event.preventDefault();
    const target = this._rowOf(order[next]);
    if (target) {
      this._model.select(target.versionId);
      this.render();
      target.node.focus();
      target.node.scrollIntoView?.({ block: 'nearest' });
    }
  }

  private _rowNodes(): Element[] {
    return Array.from(
      this._body.querySelectorAll(':scope > .jp-ModelArts-VersionRow')
    );
  }

  private _onHover(event: Event): void {
    const row = this._rowOf(event.target);
    const version = row?.version;
    if (row && version) {
      row.refreshRelativeTime(formatRelativeTime(version.create_time));
    }
  }

  private _tabStop(): VersionRow | null {
    const selected = this._model.selectedVersionId;
    const row = selected === null ? undefined : this._rows.get(selected);
    return row ?? this._rowOf(this._body.firstElementChild);
  }

  private _updateTabStop(): void {
    const stop = this._tabStop();
    if (this._lastTabStop && this._lastTabStop !== stop) {
      this._lastTabStop.node.tabIndex = -1;
    }
    if (stop) {
      stop.node.tabIndex = 0;
    }
    this._lastTabStop = stop;
  }

  private _body: HTMLTableSectionElement;
  private _lastTabStop: VersionRow | null = null;
  private _limit: number;
  private _model: VersionsModel;
  private _more: HTMLTableRowElement;
  private _observer: IntersectionObserver | null = null;
  private _pageSize: number;
  private _rows = new Map<number, VersionRow>();
  private _table: HTMLTableElement;
  private _ticking = new Set<VersionRow>();
  private _trans: TranslationBundle;
}

export namespace VersionsTable {
  /**
   * Rows rendered at first, and added by each "show more".
   */
  export const PAGE_SIZE = 200;

  export interface IOptions {
    model: VersionsModel;
    trans: TranslationBundle;
    pageSize?: number;
  }
}

namespace Private {
  /**
   * What every row of one render shares.
   */
  export interface IRenderContext {
    fetchedAt: number;
    jobName: string;
    selected: number | null;
  }
}
