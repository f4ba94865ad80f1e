import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { VersionsModel } from '../../models/versions';
import { DOM } from '../dom';

/**
 * The job-ID field: shows the chosen job's id unless the user is typing
 * another one, and says so when the text is not a job id.
 *
 * DOM: `form.jp-ModelArts-jobIdForm` > `input.jp-ModelArts-jobIdInput` +
 * `button.jp-ModelArts-showJobButton` + `.jp-ModelArts-jobIdError`.
 */
export class JobIdForm extends Widget {
  constructor(options: JobIdForm.IOptions) {
    super({ node: DOM.create('form', 'jp-ModelArts-jobIdForm') });
    const trans = (this._trans = options.trans);
    this._versions = options.versions;
    const input = (this._input = DOM.input('text', 'jp-ModelArts-jobIdInput'));
    input.id = DOM.uniqueId('jp-ModelArts-jobId');
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
    input.placeholder = trans.__('Job ID');
    input.setAttribute('aria-label', trans.__('Training job ID'));
    const label = DOM.create(
      'label',
      'jp-ModelArts-jobIdLabel',
      trans.__('Job')
    );
    label.htmlFor = input.id;
    const show = DOM.button(
      'jp-ModelArts-showJobButton jp-mod-styled jp-mod-accept',
      trans.__('Show'),
      'submit'
    );
    show.setAttribute('aria-label', trans.__('Show the versions of this job'));
    this._error = DOM.create('div', 'jp-ModelArts-jobIdError');
    this._error.id = DOM.uniqueId('jp-ModelArts-jobIdError');
    this._error.setAttribute('role', 'alert');
    input.setAttribute('aria-describedby', this._error.id);
    this.node.append(label, input, show, this._error);
    this._versions.jobChanged.connect(this._sync, this);
  }

  /**
   * Show a job's id in the field as if it had been typed and submitted.
   */
  showJob(jobId: string): void {
    this._dirty = false;
    this._input.value = jobId;
  }

  handleEvent(event: Event): void {
    if (event.type === 'submit') {
      event.preventDefault();
      this._submit();
    } else {
      this._dirty = true;
      this._setError('');
    }
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.node.addEventListener('submit', this);
    this._input.addEventListener('input', this);
    this._sync();
  }

  protected onBeforeDetach(msg: Message): void {
    this.node.removeEventListener('submit', this);
    this._input.removeEventListener('input', this);
    super.onBeforeDetach(msg);
  }

  private _submit(): void {
    if (!this._versions.setJob(this._input.value.trim())) {
      this._setError(this._trans.__('A job ID is a number, e.g. 10203.'));
      return;
    }
    this._dirty = false;
    this._setError('');
  }

  private _setError(text: string): void {
    this._error.textContent = text;
    this._input.setAttribute('aria-invalid', text ? 'true' : 'false');
  }

  /**
   * Show the chosen job's id unless the user is typing another one.
   */
  private _sync(): void {
    if (!this._dirty) {
      this._input.value = this._versions.jobId ?? '';
      this._setError('');
    }
  }

  private _dirty = false;
  private _error: HTMLDivElement;
  private _input: HTMLInputElement;
  private _trans: TranslationBundle;
  private _versions: VersionsModel;
}

export namespace JobIdForm {
  export interface IOptions {
    versions: VersionsModel;
    trans: TranslationBundle;
  }
}
