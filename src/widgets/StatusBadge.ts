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
import { StatusKind, statusKind } from '../tokens';

/**
 * A status badge: an icon and the server's status label, never colour alone.
 *
 * DOM: `span.jp-ModelArts-StatusBadge[data-status=JOBSTAT_…][data-kind=…]`
 * holding `.jp-ModelArts-StatusBadge-icon` and `.jp-ModelArts-StatusBadge-label`.
 */
export namespace StatusBadge {
  export interface IStatus {
    status: number;
    status_name: string;
    status_label: string;
  }

  /**
   * Create a badge element.
   */
  export function create(status: IStatus): HTMLElement {
    const node = document.createElement('span');
    node.className = 'jp-ModelArts-StatusBadge';
    const label = document.createElement('span');
    label.className = 'jp-ModelArts-StatusBadge-label';
    node.appendChild(label);
    update(node, status);
    return node;
  }

  /**
   * Update a badge element in place; untouched if the status is the same.
   */
  export function update(node: HTMLElement, status: IStatus): void {
    const name = status.status_name || `JOBSTAT_${status.status}`;
    if (node.dataset.status === name) {
      return;
    }
    const kind = statusKind(status.status);
    node.dataset.status = name;
    node.dataset.kind = kind;
    node.title = name;
    const label = node.lastElementChild as HTMLElement;
    label.textContent = status.status_label || name;
    const icon = Private.iconFor(kind);
    const previous = node.firstElementChild;
    if (previous && previous !== label) {
      node.replaceChild(icon, previous);
    } else {
      node.insertBefore(icon, label);
    }
  }
}

namespace Private {
  const ICONS: Record<StatusKind, LabIcon> = {
    pending: historyIcon,
    running: runningIcon,
    stopping: stopIcon,
    completed: checkIcon,
    failed: errorIcon,
    stopped: closeIcon,
    unknown: infoIcon
  };

  const cache = new Map<StatusKind, HTMLElement>();

  /**
   * A fresh icon element for a kind, cloned from one rendered once.
   */
  export function iconFor(kind: StatusKind): HTMLElement {
    let template = cache.get(kind);
    if (!template) {
      template = ICONS[kind].element({
        tag: 'span',
        className: 'jp-ModelArts-StatusBadge-icon'
      });
      template.setAttribute('aria-hidden', 'true');
      cache.set(kind, template);
    }
    return template.cloneNode(true) as HTMLElement;
  }
}
