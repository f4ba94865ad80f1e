import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { JobSearchModel } from '../jobSearch';
import { VersionsModel } from '../model';
import { IJobSummary } from '../tokens';
import { StatusBadge } from './StatusBadge';

/**
 * Choose a job: a job-ID field, and a search field with a list of the
 * user's training jobs (an ARIA combobox with a listbox).
 *
 * DOM: `form.jp-ModelArts-jobIdForm` > `input.jp-ModelArts-jobIdInput` +
 * `button.jp-ModelArts-showJobButton`; `input.jp-ModelArts-jobSearch` and
 * `ul.jp-ModelArts-jobList` > `li.jp-ModelArts-jobOption[data-job-id]`.
 */
export class JobPicker extends Widget {
  constructor(options: JobPicker.IOptions) {
    super();
    this._model = options.model;
    this._search = options.search;
    this._trans = options.trans;
    this.addClass('jp-ModelArts-JobPicker');
    const trans = this._trans;
    const uid = Private.nextId();

    this._form = document.createElement('form');
    this._form.className = 'jp-ModelArts-jobIdForm';
    this._idInput = Private.input('text', 'jp-ModelArts-jobIdInput');
    this._idInput.id = `jp-ModelArts-jobId-${uid}`;
    this._idInput.inputMode = 'numeric';
    this._idInput.autocomplete = 'off';
    this._idInput.placeholder = trans.__('Job ID');
    this._idInput.setAttribute('aria-label', trans.__('Training job ID'));
    const label = document.createElement('label');
    label.className = 'jp-ModelArts-jobIdLabel';
    label.htmlFor = this._idInput.id;
    label.textContent = trans.__('Job');
    const show = document.createElement('button');
    show.type = 'submit';
    show.className = 'jp-ModelArts-showJobButton jp-mod-styled jp-mod-accept';
    show.textContent = trans.__('Show');
    show.setAttribute('aria-label', trans.__('Show the versions of this job'));
    this._idError = document.createElement('div');
    this._idError.className = 'jp-ModelArts-jobIdError';
    this._idError.id = `jp-ModelArts-jobIdError-${uid}`;
    this._idError.setAttribute('role', 'alert');
    this._idInput.setAttribute('aria-describedby', this._idError.id);
    this._form.append(label, this._idInput, show, this._idError);

    const listId = `jp-ModelArts-jobList-${uid}`;
    this._searchInput = Private.input('search', 'jp-ModelArts-jobSearch');
    this._searchInput.placeholder = trans.__('Search training jobs');
    this._searchInput.autocomplete = 'off';
    this._searchInput.setAttribute('role', 'combobox');
    this._searchInput.setAttribute(
      'aria-label',
      trans.__('Search training jobs')
    );
    this._searchInput.setAttribute('aria-autocomplete', 'list');
    this._searchInput.setAttribute('aria-controls', listId);
    this._searchInput.setAttribute('aria-expanded', 'false');
    this._list = document.createElement('ul');
    this._list.id = listId;
    this._list.className = 'jp-ModelArts-jobList jp-mod-hidden';
    this._list.setAttribute('role', 'listbox');
    this._list.setAttribute('aria-label', trans.__('Training jobs'));
    this._listStatus = document.createElement('div');
    this._listStatus.className = 'jp-ModelArts-jobListStatus jp-mod-hidden';
    this._listStatus.setAttribute('role', 'status');

    const searchBox = document.createElement('div');
    searchBox.className = 'jp-ModelArts-jobSearchBox';
    searchBox.append(this._searchInput, this._listStatus, this._list);
    this.node.append(this._form, searchBox);

    this._model.jobChanged.connect(this._syncJobId, this);
    this._search.changed.connect(this._renderList, this);
  }

  handleEvent(event: Event): void {
    switch (event.type) {
      case 'submit':
        event.preventDefault();
        this._submitId();
        break;
      case 'input':
        if (event.target === this._searchInput) {
          this._open();
          void this._search.search(this._searchInput.value);
        } else {
          this._idDirty = true;
          this._setIdError('');
        }
        break;
      case 'keydown':
        this._onSearchKey(event as KeyboardEvent);
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
        this._pick(this._optionOf(event.target));
        break;
    }
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._form.addEventListener('submit', this);
    this._idInput.addEventListener('input', this);
    this._searchInput.addEventListener('input', this);
    this._searchInput.addEventListener('keydown', this);
    this._searchInput.addEventListener('focus', this);
    this._searchInput.addEventListener('blur', this);
    this._list.addEventListener('mousedown', this);
    this._list.addEventListener('click', this);
    this._syncJobId();
  }

  protected onBeforeDetach(msg: Message): void {
    this._form.removeEventListener('submit', this);
    this._idInput.removeEventListener('input', this);
    this._searchInput.removeEventListener('input', this);
    this._searchInput.removeEventListener('keydown', this);
    this._searchInput.removeEventListener('focus', this);
    this._searchInput.removeEventListener('blur', this);
    this._list.removeEventListener('mousedown', this);
    this._list.removeEventListener('click', this);
    super.onBeforeDetach(msg);
  }

  private _submitId(): void {
    const value = this._idInput.value.trim();
    if (!this._model.setJob(value)) {
      this._setIdError(this._trans.__('A job ID is a number, e.g. 10203.'));
      return;
    }
    this._idDirty = false;
    this._setIdError('');
  }

  private _setIdError(text: string): void {
    this._idError.textContent = text;
    this._idInput.setAttribute('aria-invalid', text ? 'true' : 'false');
  }

  /**
   * Show the chosen job's id unless the user is typing another one.
   */
  private _syncJobId(): void {
    if (!this._idDirty) {
      this._idInput.value = this._model.jobId ?? '';
      this._setIdError('');
    }
  }

  private _open(): void {
    if (this._expanded) {
      return;
    }
    this._expanded = true;
    this._searchInput.setAttribute('aria-expanded', 'true');
    this._list.classList.remove('jp-mod-hidden');
    this._listStatus.classList.remove('jp-mod-hidden');
    if (!this._loadedOnce) {
      this._loadedOnce = true;
      void this._search.search(this._searchInput.value);
    }
    this._renderList();
  }

  private _close(): void {
    this._expanded = false;
    this._active = -1;
    this._searchInput.setAttribute('aria-expanded', 'false');
    this._searchInput.removeAttribute('aria-activedescendant');
    this._list.classList.add('jp-mod-hidden');
    this._listStatus.classList.add('jp-mod-hidden');
  }

  private _onSearchKey(event: KeyboardEvent): void {
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
          this._pick(this._list.children[this._active]);
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
    if (this._active >= 0 && options[this._active]) {
      options[this._active].setAttribute('aria-selected', 'false');
    }
    this._active = index;
    const option = options[index];
    if (!option) {
      this._searchInput.removeAttribute('aria-activedescendant');
      return;
    }
    option.setAttribute('aria-selected', 'true');
    this._searchInput.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView?.({ block: 'nearest' });
  }

  private _optionOf(target: EventTarget | null): Element | null {
    return target instanceof Element
      ? target.closest('.jp-ModelArts-jobOption')
      : null;
  }

  private _pick(option: Element | null | undefined): void {
    const id = (option as HTMLElement | null)?.dataset?.jobId;
    if (!id) {
      return;
    }
    this._idDirty = false;
    this._model.setJob(id);
    this._idInput.value = id;
    this._close();
  }

  private _renderList(): void {
    const search = this._search;
    const trans = this._trans;
    const list = this._list;
    const jobs = search.jobs;
    list.replaceChildren(
      ...jobs.map((job, index) => Private.option(job, index, list.id, trans))
    );
    this._active = -1;
    this._searchInput.removeAttribute('aria-activedescendant');
    let status: string;
    if (search.loading) {
      status = trans.__('Loading jobs…');
    } else if (search.error) {
      status = trans.__(
        'Could not list jobs: %1 (%2)',
        search.error.message,
        search.error.errorCode
      );
    } else if (jobs.length === 0) {
      status = trans.__('No matching training jobs');
    } else {
      status = trans.__('%1 of %2 jobs', jobs.length, search.total);
    }
    this._listStatus.textContent = status;
    this._listStatus.classList.toggle('jp-mod-error', search.error !== null);
  }

  private _active = -1;
  private _expanded = false;
  private _form: HTMLFormElement;
  private _idDirty = false;
  private _idError: HTMLDivElement;
  private _idInput: HTMLInputElement;
  private _list: HTMLUListElement;
  private _listStatus: HTMLDivElement;
  private _loadedOnce = false;
  private _model: VersionsModel;
  private _search: JobSearchModel;
  private _searchInput: HTMLInputElement;
  private _trans: TranslationBundle;
}

export namespace JobPicker {
  export interface IOptions {
    model: VersionsModel;
    search: JobSearchModel;
    trans: TranslationBundle;
  }
}

namespace Private {
  let counter = 0;

  export function nextId(): number {
    return ++counter;
  }

  export function input(type: string, className: string): HTMLInputElement {
    const node = document.createElement('input');
    node.type = type;
    node.className = `${className} jp-mod-styled`;
    return node;
  }

  export function option(
    job: IJobSummary,
    index: number,
    listId: string,
    trans: TranslationBundle
  ): HTMLLIElement {
    const node = document.createElement('li');
    node.id = `${listId}-${index}`;
    node.className = 'jp-ModelArts-jobOption';
    node.dataset.jobId = String(job.job_id);
    node.setAttribute('role', 'option');
    node.setAttribute('aria-selected', 'false');
    const name = document.createElement('span');
    name.className = 'jp-ModelArts-jobOption-name';
    name.textContent = job.job_name;
    const meta = document.createElement('span');
    meta.className = 'jp-ModelArts-jobOption-meta';
    meta.textContent = trans._n(
      '%2 · %1 version',
      '%2 · %1 versions',
      job.version_count,
      job.job_id
    );
    node.append(name, StatusBadge.create(job), meta);
    return node;
  }
}
