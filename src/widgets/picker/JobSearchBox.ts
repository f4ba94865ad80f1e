import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { JobSearchModel } from '../../models/jobSearch';
import { DOM } from '../dom';
import { createJobOption, createTrainingJobOption } from './jobOption';

/**
 * A search field with a list of the user's training jobs (an ARIA combobox
 * with a listbox), listed on first focus and searched as the user types:
 * the v1 jobs, then the matching new-version (v2) jobs, marked as such.
 *
 * DOM: `div.jp-ModelArts-jobSearchBox` > `input.jp-ModelArts-jobSearch` +
 * `.jp-ModelArts-jobListStatus` + `ul.jp-ModelArts-jobList`.
 */
export class JobSearchBox extends Widget {
  constructor(options: JobSearchBox.IOptions) {
    super();
    this.addClass('jp-ModelArts-jobSearchBox');
    const trans = (this._trans = options.trans);
    this._search = options.search;
    this._onPick = options.onPick;
    this._onPickTrainingJob = options.onPickTrainingJob;
    const list = (this._list = DOM.create(
      'ul',
      'jp-ModelArts-jobList jp-mod-hidden'
    ));
    list.id = DOM.uniqueId('jp-ModelArts-jobList');
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', trans.__('Training jobs'));
    const input = (this._input = DOM.input('search', 'jp-ModelArts-jobSearch'));
    input.placeholder = trans.__('Search training jobs');
    input.autocomplete = 'off';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-label', trans.__('Search training jobs'));
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    this._status = DOM.create(
      'div',
      'jp-ModelArts-jobListStatus jp-mod-hidden'
    );
    this._status.setAttribute('role', 'status');
    this.node.append(input, this._status, list);
    this._search.changed.connect(this._renderList, this);
  }

  handleEvent(event: Event): void {
    switch (event.type) {
      case 'input':
        this._open();
        void this._search.search(this._input.value);
        break;
      case 'keydown':
        this._onKey(event as KeyboardEvent);
        break;
      case 'focus':
        this._open();
        break;
      case 'blur':
        this._close();
        break;
      case 'mousedown':
        // Keep the focus in the search field while picking with the mouse.
        event.preventDefault();
        break;
      case 'click':
        this._pick(DOM.closest(event.target, '.jp-ModelArts-jobOption'));
        break;
    }
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    DOM.listen(this._input, Private.INPUT_EVENTS, this);
    DOM.listen(this._list, Private.LIST_EVENTS, this);
  }

  protected onBeforeDetach(msg: Message): void {
    DOM.listen(this._input, Private.INPUT_EVENTS, this, false);
    DOM.listen(this._list, Private.LIST_EVENTS, this, false);
    super.onBeforeDetach(msg);
  }

  private _open(): void {
    if (this._expanded) {
      return;
    }
    this._setExpanded(true);
    if (!this._loadedOnce) {
      this._loadedOnce = true;
      void this._search.search(this._input.value);
    }
    this._renderList();
  }

  private _close(): void {
    this._setExpanded(false);
    this._active = -1;
    this._input.removeAttribute('aria-activedescendant');
  }

  private _setExpanded(expanded: boolean): void {
    this._expanded = expanded;
    this._input.setAttribute('aria-expanded', String(expanded));
    this._list.classList.toggle('jp-mod-hidden', !expanded);
    this._status.classList.toggle('jp-mod-hidden', !expanded);
  }

  private _onKey(event: KeyboardEvent): void {
    const count = this._list.children.length;
    switch (event.key) {
      case 'ArrowDown':
        this._open();
        this._setActive(Math.min(count - 1, this._active + 1));
        break;
      case 'ArrowUp':
        this._setActive(Math.max(0, this._active - 1));
        break;
      case 'Enter':
        if (this._active >= 0) {
          this._pick(this._list.children[this._active] as HTMLElement);
        }
        break;
      case 'Escape':
        if (!this._expanded) {
          return;
        }
        this._close();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  private _setActive(index: number): void {
    const options = this._list.children;
    options[this._active]?.setAttribute('aria-selected', 'false');
    this._active = index;
    const option = options[index];
    if (!option) {
      this._input.removeAttribute('aria-activedescendant');
      return;
    }
    option.setAttribute('aria-selected', 'true');
    this._input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView?.({ block: 'nearest' });
  }

  private _pick(option: HTMLElement | null | undefined): void {
    const id = option?.dataset.jobId;
    const trainingJobId = option?.dataset.trainingJobId;
    if (id) {
      this._onPick(id);
    } else if (trainingJobId) {
      this._onPickTrainingJob(trainingJobId);
    } else {
      return;
    }
    this._close();
  }

  private _renderList(): void {
    const { jobs, loading, error, total, trainingJobs } = this._search;
    const trans = this._trans;
    const list = this._list;
    list.replaceChildren(
      ...jobs.map((job, index) =>
        createJobOption(job, `${list.id}-${index}`, trans)
      ),
      ...trainingJobs.map((job, index) =>
        createTrainingJobOption(job, `${list.id}-v2-${index}`, trans)
      )
    );
    this._active = -1;
    this._input.removeAttribute('aria-activedescendant');
    let status: string;
    if (loading) {
      status = trans.__('Loading jobs…');
    } else if (error) {
      status = trans.__(
        'Could not list jobs: %1 (%2)',
        trans.__(error.message),
        error.errorCode
      );
    } else if (jobs.length === 0 && trainingJobs.length === 0) {
      status = trans.__('No matching training jobs');
    } else if (trainingJobs.length === 0) {
      // The noun agrees with the total (%1 of a plural message is its count).
      status = trans._n('%2 of %1 job', '%2 of %1 jobs', total, jobs.length);
    } else {
      status = trans._n(
        '%2 of %1 job, %3 new-version jobs',
        '%2 of %1 jobs, %3 new-version jobs',
        total,
        jobs.length,
        trainingJobs.length
      );
    }
    this._status.textContent = status;
    this._status.classList.toggle('jp-mod-error', error !== null);
  }

  private _active = -1;
  private _expanded = false;
  private _input: HTMLInputElement;
  private _list: HTMLUListElement;
  private _loadedOnce = false;
  private _onPick: (jobId: string) => void;
  private _onPickTrainingJob: (jobId: string) => void;
  private _search: JobSearchModel;
  private _status: HTMLDivElement;
  private _trans: TranslationBundle;
}

export namespace JobSearchBox {
  export interface IOptions {
    search: JobSearchModel;
    trans: TranslationBundle;
    /**
     * Called with the id of the job the user picked.
     */
    onPick: (jobId: string) => void;
    /**
     * Called with the UUID of the new-version job the user picked.
     */
    onPickTrainingJob: (jobId: string) => void;
  }
}

namespace Private {
  export const INPUT_EVENTS = ['input', 'keydown', 'focus', 'blur'];
  export const LIST_EVENTS = ['mousedown', 'click'];
}
