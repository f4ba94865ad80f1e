import { TranslationBundle } from '@jupyterlab/translation';
import { LogPreviewModel } from '../../models/logPreview';
import { DOM } from '../dom';

/**
 * The log preview of a v2 training job inside the details view: a choice
 * of task (one per node) when there are several, a note (loading, no log
 * yet, how much of the log is shown, or the error) and the log text, kept
 * scrolled to the end while the reader is at the end.
 *
 * DOM: `div.jp-ModelArts-logPreview` > `label.jp-ModelArts-logTask`
 * (holding `select`) + `p.jp-ModelArts-logNote` (`.jp-mod-error` on
 * failure) + `pre.jp-ModelArts-logContent`.
 */
export class LogPreviewView {
  constructor(model: LogPreviewModel, trans: TranslationBundle) {
    this.model = model;
    this._trans = trans;
    this.node = DOM.create('div', 'jp-ModelArts-logPreview');
    this._select = DOM.create('select');
    this._select.setAttribute('aria-label', trans.__('Task'));
    this._taskLabel = DOM.create('label', 'jp-ModelArts-logTask');
    this._taskLabel.append(trans.__('Task'), ' ', this._select);
    this._note = DOM.create('p', 'jp-ModelArts-logNote');
    this._note.setAttribute('role', 'status');
    this._content = DOM.create('pre', 'jp-ModelArts-logContent');
    this._content.tabIndex = 0;
    this._content.setAttribute('aria-label', trans.__('Log'));
    this.node.append(this._taskLabel, this._note, this._content);
    this._select.addEventListener('change', this._onChange);
    model.changed.connect(this.render, this);
    this.render();
  }

  readonly model: LogPreviewModel;
  readonly node: HTMLDivElement;

  /**
   * Start reading the log.
   */
  start(): void {
    void this.model.start();
  }

  render(): void {
    const { tasks, task, preview, error, loading } = this.model;
    const trans = this._trans;
    if (tasks.join('\n') !== this._tasks) {
      this._tasks = tasks.join('\n');
      this._select.replaceChildren(
        ...tasks.map(id => {
          const option = DOM.create('option', '', id);
          option.value = id;
          return option;
        })
      );
    }
    this._select.value = task ?? '';
    this._taskLabel.classList.toggle('jp-mod-hidden', tasks.length < 2);
    let note = '';
    if (error) {
      note = trans.__(
        'Could not read the log: %1 (%2)',
        trans.__(error.message),
        error.errorCode
      );
    } else if (task === null) {
      note = trans.__('This job has no tasks yet, so no log.');
    } else if (loading) {
      note = trans.__('Loading the log…');
    } else if (preview && !preview.ready) {
      note = trans.__('No log yet: %1 has not written any.', task);
    } else if (preview && preview.current_size < preview.full_size) {
      note = trans.__(
        'The latest %1 of %2 bytes.',
        preview.current_size,
        preview.full_size
      );
    }
    DOM.setText(this._note, note);
    this._note.classList.toggle('jp-mod-error', error !== null);
    const text = preview?.content ?? '';
    if (this._content.textContent !== text) {
      const node = this._content;
      const atEnd =
        node.scrollTop + node.clientHeight >= node.scrollHeight - SLACK;
      node.textContent = text;
      if (atEnd) {
        node.scrollTop = node.scrollHeight;
      }
    }
    this._content.classList.toggle('jp-mod-hidden', text === '');
  }

  dispose(): void {
    this._select.removeEventListener('change', this._onChange);
    this.model.dispose();
  }

  private _onChange = (): void => {
    this.model.setTask(this._select.value || null);
  };

  private _content: HTMLPreElement;
  private _note: HTMLParagraphElement;
  private _select: HTMLSelectElement;
  private _taskLabel: HTMLLabelElement;
  private _tasks = '';
  private _trans: TranslationBundle;
}

/**
 * Pixels from the end that still count as "at the end" of the log.
 */
const SLACK = 4;
