import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { StatusKind } from '../api/contract';
import { RunFilter } from '../models/runFilter';
import { VersionsModel } from '../models/versions';
import { DOM } from './dom';

/**
 * Find the runs that matter: a toggle per status kind with its count, a
 * text filter on the run name and the sort. It renders the filter model and
 * writes the user's choices to it.
 *
 * DOM: `div.jp-ModelArts-FilterBar` > `.jp-ModelArts-kindChips` (buttons
 * `.jp-ModelArts-kindChip[data-kind][aria-pressed]`, `data-kind="all"` for
 * every kind) + `input.jp-ModelArts-nameFilter` +
 * `select.jp-ModelArts-sortSelect` + `button.jp-ModelArts-orderButton` +
 * `.jp-ModelArts-filterStatus`.
 */
export class FilterBar extends Widget {
  constructor(options: FilterBar.IOptions) {
    super();
    const trans = (this._trans = options.trans);
    this._filter = options.filter;
    this._versions = options.versions;
    this.addClass('jp-ModelArts-FilterBar');
    const chips = DOM.create('div', 'jp-ModelArts-kindChips');
    chips.setAttribute('role', 'group');
    chips.setAttribute('aria-label', trans.__('Filter by status'));
    for (const kind of [Private.ALL, ...RunFilter.KINDS]) {
      const chip = DOM.button('jp-ModelArts-kindChip');
      chip.dataset.kind = kind;
      this._chips.set(kind, chip);
      chips.appendChild(chip);
    }
    this._name = DOM.input('search', 'jp-ModelArts-nameFilter');
    this._name.placeholder = trans.__('Filter by name');
    this._name.setAttribute('aria-label', trans.__('Filter versions by name'));
    this._sort = DOM.create('select', 'jp-ModelArts-sortSelect');
    this._sort.setAttribute('aria-label', trans.__('Sort versions by'));
    const labels = Private.sortLabels(trans);
    for (const key of RunFilter.SORT_KEYS) {
      const option = DOM.create('option', '', labels[key]);
      option.value = key;
      this._sort.appendChild(option);
    }
    this._order = DOM.button('jp-ModelArts-orderButton jp-mod-styled');
    this._status = DOM.create('div', 'jp-ModelArts-filterStatus');
    this._status.setAttribute('role', 'status');
    const controls = DOM.create('div', 'jp-ModelArts-filterControls');
    controls.append(this._name, this._sort, this._order);
    this.node.append(chips, controls, this._status);
    this._filter.changed.connect(this.update, this);
    this._versions.runsChanged.connect(this.update, this);
    this.render();
  }

  render(): void {
    const filter = this._filter;
    const trans = this._trans;
    const runs = this._versions.runs;
    this.setHidden(runs.length === 0);
    const counts = filter.counts(runs);
    const names = Private.kindLabels(trans);
    for (const [kind, chip] of this._chips) {
      const all = kind === Private.ALL;
      const count =
        kind === Private.ALL ? runs.length : (counts.get(kind) ?? 0);
      const pressed = all ? filter.kind === null : filter.kind === kind;
      DOM.setText(chip, trans.__('%1 %2', names[kind], count));
      chip.setAttribute('aria-pressed', String(pressed));
      chip.classList.toggle('jp-mod-hidden', !all && !pressed && count === 0);
    }
    if (document.activeElement !== this._name) {
      this._name.value = filter.text;
    }
    this._sort.value = filter.sortBy;
    const ascending = filter.order === 'asc';
    DOM.setText(this._order, ascending ? '↑' : '↓');
    const orderLabel = ascending
      ? trans.__('Ascending; switch to descending')
      : trans.__('Descending; switch to ascending');
    DOM.setTitle(this._order, orderLabel);
    this._order.setAttribute('aria-label', orderLabel);
    const shown = filter.apply(runs).length;
    DOM.setText(
      this._status,
      filter.isDefault
        ? ''
        : shown === 0
          ? trans.__('No versions match the filter.')
          : trans._n(
              '%2 of %1 version shown',
              '%2 of %1 versions shown',
              runs.length,
              shown
            )
    );
  }

  handleEvent(event: Event): void {
    const filter = this._filter;
    switch (event.type) {
      case 'click': {
        const chip = DOM.closest(event.target, '.jp-ModelArts-kindChip');
        const kind = chip?.dataset.kind;
        if (kind) {
          const chosen = kind === Private.ALL ? null : (kind as StatusKind);
          filter.setKind(filter.kind === chosen ? null : chosen);
        } else if (event.target === this._order) {
          filter.setSort(
            filter.sortBy,
            filter.order === 'asc' ? 'desc' : 'asc'
          );
        }
        break;
      }
      case 'input':
        filter.setText(this._name.value);
        break;
      case 'change':
        filter.setSort(this._sort.value as RunFilter.SortKey);
        break;
    }
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.node.addEventListener('click', this);
    this._name.addEventListener('input', this);
    this._sort.addEventListener('change', this);
  }

  protected onBeforeDetach(msg: Message): void {
    this.node.removeEventListener('click', this);
    this._name.removeEventListener('input', this);
    this._sort.removeEventListener('change', this);
    super.onBeforeDetach(msg);
  }

  protected onUpdateRequest(msg: Message): void {
    this.render();
  }

  private _chips = new Map<
    StatusKind | typeof Private.ALL,
    HTMLButtonElement
  >();
  private _filter: RunFilter;
  private _name: HTMLInputElement;
  private _order: HTMLButtonElement;
  private _sort: HTMLSelectElement;
  private _status: HTMLDivElement;
  private _trans: TranslationBundle;
  private _versions: VersionsModel;
}

export namespace FilterBar {
  export interface IOptions {
    filter: RunFilter;
    versions: VersionsModel;
    trans: TranslationBundle;
  }
}

namespace Private {
  /**
   * The `data-kind` of the chip that shows every kind.
   */
  export const ALL = 'all' as const;

  export function kindLabels(
    trans: TranslationBundle
  ): Record<StatusKind | typeof ALL, string> {
    return {
      all: trans.__('All'),
      running: trans.__('Running'),
      stopping: trans.__('Stopping'),
      pending: trans.__('Pending'),
      failed: trans.__('Failed'),
      canceled: trans.__('Canceled'),
      completed: trans.__('Completed'),
      unknown: trans.__('Unknown')
    };
  }

  export function sortLabels(
    trans: TranslationBundle
  ): Record<RunFilter.SortKey, string> {
    return {
      created: trans.__('Sort: created'),
      duration: trans.__('Sort: duration'),
      status: trans.__('Sort: status')
    };
  }
}
