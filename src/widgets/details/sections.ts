import { TranslationBundle } from '@jupyterlab/translation';
import { copyIcon } from '@jupyterlab/ui-components';
import { IRun } from '../../models/run';
import { RunRecord } from '../../models/runRecord';
import { DOM } from '../dom';
import { engineSummary, formatLocalTime, formatRelativeTime } from '../format';

/**
 * Builders of the sections of the details view; each returns a
 * `section.jp-ModelArts-detailsSection[data-section]` with a heading and a
 * definition list (`dt`/`dd`), or a note when there is nothing to list.
 */
export namespace Sections {
  /**
   * One line of a section: a label and a text or node value.
   */
  export type Line = [string, string | Node];

  /**
   * A section with a heading and label/value lines.
   */
  export function section(
    name: string,
    heading: string,
    lines: Line[],
    empty: string
  ): HTMLElement {
    const node = DOM.create('section', 'jp-ModelArts-detailsSection');
    node.dataset.section = name;
    node.appendChild(DOM.create('h3', '', heading));
    if (lines.length === 0) {
      node.appendChild(DOM.create('p', 'jp-ModelArts-detailsEmpty', empty));
      return node;
    }
    const list = DOM.create('dl', 'jp-ModelArts-detailsList');
    for (const [label, value] of lines) {
      const dd = DOM.create('dd');
      dd.append(value);
      list.append(DOM.create('dt', '', label), dd);
    }
    node.appendChild(list);
    return node;
  }

  /**
   * A time as its exact text, relative on hover; '—' when unknown.
   */
  export function time(epochMs: number): Node {
    const node = DOM.create('time', '', formatLocalTime(epochMs) || '—');
    if (epochMs) {
      node.dateTime = new Date(epochMs).toISOString();
      node.title = formatRelativeTime(epochMs);
    }
    return node;
  }

  /**
   * The engine and resource lines of a run.
   */
  export function resources(run: IRun, trans: TranslationBundle): Line[] {
    const { details, record } = run;
    const lines: Line[] = [
      [trans.__('Engine'), engineSummary({ ...details, spec: '' })],
      [trans.__('Spec'), details.spec],
      [trans.__('Nodes'), details.nodes ? String(details.nodes) : ''],
      [
        trans.__('GPUs'),
        details.gpuCount ? `${details.gpuCount} ${details.gpuType}`.trim() : ''
      ],
      [trans.__('CPU'), details.cpu],
      [trans.__('Resource pool'), RunRecord.text(record, 'pool_name')],
      [trans.__('Image'), RunRecord.text(record, 'user_image_url')],
      [trans.__('Command'), RunRecord.text(record, 'user_command')]
    ];
    return lines.filter(([, value]) => value !== '');
  }

  /**
   * Label/value entries as lines.
   */
  export function entries(list: RunRecord.IEntry[]): Line[] {
    return list.map(entry => [entry.label, entry.value]);
  }

  /**
   * A location with a copy button.
   *
   * DOM: `code.jp-ModelArts-url` + `button.jp-ModelArts-copyButton[data-copy]`.
   */
  export function location(
    url: string,
    label: string,
    trans: TranslationBundle
  ): Node {
    const wrap = DOM.create('span', 'jp-ModelArts-urlLine');
    const button = DOM.button('jp-ModelArts-copyButton');
    button.dataset.copy = url;
    button.dataset.label = label;
    button.title = trans.__('Copy %1', label);
    button.setAttribute('aria-label', trans.__('Copy %1', label));
    button.appendChild(DOM.icon(copyIcon, 'jp-ModelArts-copyButton-icon'));
    wrap.append(DOM.create('code', 'jp-ModelArts-url', url), button);
    return wrap;
  }

  /**
   * The translated labels of the location fields.
   */
  export function urlLabels(
    trans: TranslationBundle
  ): Record<RunRecord.UrlField, string> {
    return {
      data_url: trans.__('Data URL'),
      train_url: trans.__('Train URL'),
      log_url: trans.__('Log URL'),
      app_url: trans.__('Code directory'),
      boot_file_url: trans.__('Boot file')
    };
  }
}
