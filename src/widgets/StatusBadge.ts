import { TranslationBundle } from '@jupyterlab/translation';
import {
  checkIcon,
  closeIcon,
  errorIcon,
  historyIcon,
  infoIcon,
  LabIcon,
  runningIcon,
  stopIcon
} from '@jupyterlab/ui-components';
import { StatusKind } from '../api/contract';
import { IRunStatus } from '../models/run';
import { DOM } from './dom';

/**
 * A status badge: an icon and the server's status label, never colour alone.
 *
 * DOM: `span.jp-ModelArts-StatusBadge[data-status=<label>][data-kind=…]`
 * (the server's English label: every row has it, in every view)
 * holding `.jp-ModelArts-StatusBadge-icon` and `.jp-ModelArts-StatusBadge-label`.
 */
export namespace StatusBadge {
  /**
   * Create a badge element.
   */
  export function create(
    status: IRunStatus,
    trans: TranslationBundle
  ): HTMLElement {
    const node = DOM.create('span', 'jp-ModelArts-StatusBadge');
    node.appendChild(DOM.create('span', 'jp-ModelArts-StatusBadge-label'));
    update(node, status, trans);
    return node;
  }

  /**
   * Update a badge element in place; untouched if the status is the same.
   */
  export function update(
    node: HTMLElement,
    status: IRunStatus,
    trans: TranslationBundle
  ): void {
    const name = status.status_label;
    if (
      node.dataset.status === name &&
      node.dataset.kind === status.status_kind
    ) {
      return;
    }
    const kind = status.status_kind;
    node.dataset.status = name;
    node.dataset.kind = kind;
    const label = node.lastElementChild as HTMLElement;
    // The label is the server's English text from its status table; the
    // catalog of this extension translates it.
    label.textContent = trans.__(status.status_label);
    const icon = DOM.icon(
      Private.ICONS[kind] ?? infoIcon,
      'jp-ModelArts-StatusBadge-icon'
    );
    const previous = node.firstElementChild;
    if (previous && previous !== label) {
      node.replaceChild(icon, previous);
    } else {
      node.insertBefore(icon, label);
    }
  }
}

namespace Private {
  export const ICONS: Record<StatusKind, LabIcon> = {
    pending: historyIcon,
    running: runningIcon,
    stopping: stopIcon,
    completed: checkIcon,
    failed: errorIcon,
    canceled: closeIcon,
    unknown: infoIcon
  };
}
