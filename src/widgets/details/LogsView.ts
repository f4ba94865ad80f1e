import { TranslationBundle } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import { LogsModel } from '../../models/logs';
import { DOM } from '../dom';
import { StatusBanner } from '../StatusBanner';

/**
 * The logs of a run in its details view: the log file chooser (one file per
 * node), "load older", the error banner, and the lines. New lines are
 * appended as they are read; the view stays scrolled to the end while the
 * user has not scrolled up. Not a widget: the details view owns it and
 * places its node in the logs section.
 *
 * DOM: `div.jp-ModelArts-Logs.jp-ModelArts-logsSlot[data-state]` (`loading`,
 * `empty`, `lines`, `no-files`) > `.jp-ModelArts-logsBar`
 * (`select.jp-ModelArts-logFile`, `button.jp-ModelArts-logsOlder`,
 * `.jp-ModelArts-logsFollowing`), `.jp-ModelArts-StatusBanner` (errors, with
 * `button.jp-ModelArts-retryButton`), `pre.jp-ModelArts-logLines`, and
 * `p.jp-ModelArts-logsNote`.
 */
export class LogsView {
  constructor(model: LogsModel, trans: TranslationBundle) {
    this.model = model;
    this._trans = trans;
    const node = (this.node = DOM.create(
      'div',
      'jp-ModelArts-Logs jp-ModelArts-logsSlot'
    ));
    const bar = DOM.create('div', 'jp-ModelArts-logsBar');
    const label = DOM.create('label', '', trans.__('Log file'));
    this._select = DOM.create('select', 'jp-ModelArts-logFile');
    this._select.id = DOM.uniqueId('jp-ModelArts-logFile');
    label.htmlFor = this._select.id;
    this._older = DOM.button(
      'jp-ModelArts-logsOlder jp-mod-styled',
      trans.__('Load older lines')
    );
    this._following = DOM.create('span', 'jp-ModelArts-logsFollowing');
    bar.append(label, this._select, this._older, this._following);
    this._banner = DOM.create('div', 'jp-ModelArts-StatusBanner jp-mod-error');
    this._banner.setAttribute('role', 'alert');
    this._lines = DOM.create('pre', 'jp-ModelArts-logLines');
    this._lines.tabIndex = 0;
    this._lines.setAttribute('role', 'log');
    this._lines.setAttribute('aria-label', trans.__('Log lines'));
    this._note = DOM.create('p', 'jp-ModelArts-logsNote');
    node.append(bar, this._banner, this._lines, this._note);
    this._select.addEventListener('change', () =>
      model.selectFile(this._select.value)
    );
    this._older.addEventListener('click', () => void model.loadOlder());
    model.changed.connect(this.render, this);
    model.linesAdded.connect(this._onLinesAdded, this);
    this.render();
  }

  readonly model: LogsModel;
  readonly node: HTMLDivElement;

  /**
   * Render the files, the state and (when the file changed) the lines.
   */
  render(): void {
    const model = this.model;
    const trans = this._trans;
    const files = model.files.join('\n');
    if (files !== this._files) {
      this._files = files;
      this._select.replaceChildren(
        ...model.files.map(name => new Option(name, name))
      );
    }
    this._select.value = model.file ?? '';
    this._select.disabled = model.files.length < 2;
    this._older.hidden = !model.hasOlder;
    DOM.setText(
      this._following,
      model.following && model.file !== null
        ? trans.__('Following new lines')
        : ''
    );
    this._banner.replaceChildren(
      ...StatusBanner.errorLines(model.error, trans)
    );
    if (model.error) {
      const retry = DOM.button(
        'jp-ModelArts-retryButton jp-mod-styled jp-mod-reject',
        trans.__('Retry')
      );
      retry.setAttribute('aria-label', trans.__('Retry loading the logs'));
      retry.addEventListener('click', () => void model.refresh());
      this._banner.appendChild(retry);
    }
    this._banner.hidden = model.error === null;
    if (model.file !== this._file) {
      this._file = model.file;
      this._showAll();
    }
    this._renderState();
  }

  /**
   * Start reading the logs (the details view calls it when attached).
   */
  start(): void {
    void this.model.start();
  }

  /**
   * Stop rendering the model (the details view disposes the model).
   */
  dispose(): void {
    Signal.disconnectReceiver(this);
  }

  private _renderState(): void {
    const model = this.model;
    const trans = this._trans;
    const state = model.loading
      ? 'loading'
      : model.file === null
        ? 'no-files'
        : this._count === 0
          ? 'empty'
          : 'lines';
    this.node.dataset.state = state;
    const notes: Record<string, string> = {
      loading: trans.__('Loading the logs…'),
      'no-files': model.error ? '' : trans.__('This version has no logs.'),
      empty: model.following
        ? trans.__('No log lines yet: they appear as the version writes them.')
        : trans.__('No log lines.'),
      lines: ''
    };
    DOM.setText(this._note, notes[state]);
    this._lines.hidden = state !== 'lines';
  }

  private _onLinesAdded(_: LogsModel, added: LogsModel.IAdded): void {
    const pre = this._lines;
    const lines = this.model.lines;
    if (this._count + added.lines.length !== lines.length) {
      // The model dropped its oldest lines: show what it keeps.
      this._showAll();
    } else if (added.at === 'end') {
      const atEnd =
        pre.scrollTop + pre.clientHeight >= pre.scrollHeight - LogsView.SLACK;
      pre.appendChild(document.createTextNode(LogsView.text(added.lines)));
      this._count += added.lines.length;
      if (atEnd) {
        pre.scrollTop = pre.scrollHeight;
      }
    } else {
      const height = pre.scrollHeight;
      pre.insertBefore(
        document.createTextNode(LogsView.text(added.lines)),
        pre.firstChild
      );
      this._count += added.lines.length;
      // Keep the lines the user was reading in place.
      pre.scrollTop += pre.scrollHeight - height;
    }
    this.render();
  }

  private _showAll(): void {
    const lines = this.model.lines;
    this._lines.textContent = LogsView.text(lines);
    this._count = lines.length;
    this._lines.scrollTop = this._lines.scrollHeight;
  }

  private _banner: HTMLDivElement;
  private _count = 0;
  private _file: string | null = null;
  private _files = '';
  private _following: HTMLSpanElement;
  private _lines: HTMLPreElement;
  private _note: HTMLParagraphElement;
  private _older: HTMLButtonElement;
  private _select: HTMLSelectElement;
  private _trans: TranslationBundle;
}

export namespace LogsView {
  /**
   * How close to the end (px) still counts as "at the end" when following.
   */
  export const SLACK = 16;

  /**
   * Lines as the text of the log (each ending with a newline).
   */
  export function text(lines: ReadonlyArray<string>): string {
    return lines.map(line => `${line}\n`).join('');
  }
}
