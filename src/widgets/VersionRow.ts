import { TranslationBundle } from '@jupyterlab/translation';
import { stopIcon } from '@jupyterlab/ui-components';
import { VersionsModel } from '../model';
import { IJobVersion, isTicking } from '../tokens';
import {
  engineDetails,
  engineSummary,
  formatDuration,
  formatLocalTime
} from './format';
import { StatusBadge } from './StatusBadge';

/**
 * One table row of a version. It is not a widget: the table owns the rows
 * and updates them in place, touching only the cells whose text changed.
 *
 * DOM: `tr.jp-ModelArts-VersionRow[data-version-id]` with cells
 * `.jp-ModelArts-cell-{name,id,status,created,duration,engine,actions}` and
 * `button.jp-ModelArts-stopButton`.
 */
export class VersionRow {
  constructor(versionId: number, trans: TranslationBundle) {
    this.versionId = versionId;
    this._trans = trans;
    const node = document.createElement('tr');
    node.className = 'jp-ModelArts-VersionRow';
    node.dataset.versionId = String(versionId);
    node.tabIndex = -1;
    node.setAttribute('aria-selected', 'false');
    this.node = node;
    this._name = this._cell('name');
    this._id = this._cell('id');
    this._status = this._cell('status');
    this._created = document.createElement('time');
    this._cell('created').appendChild(this._created);
    this._duration = this._cell('duration');
    this._engine = this._cell('engine');
    this._button = Private.createStopButton();
    this._cell('actions').appendChild(this._button);
  }

  readonly versionId: number;
  readonly node: HTMLTableRowElement;

  /**
   * The version shown by the row.
   */
  get version(): IJobVersion | null {
    return this._version;
  }

  /**
   * Whether the duration of the row grows while time passes.
   */
  get ticking(): boolean {
    return this._version !== null && isTicking(this._version.status);
  }

  /**
   * Render a version and its place in the stop flow.
   */
  update(
    version: IJobVersion,
    row: VersionRow.IRowState,
    fetchedAt: number,
    now: number
  ): void {
    const previous = this._version;
    this._version = version;
    this._fetchedAt = fetchedAt;
    if (previous !== version) {
      Private.setText(this._name, version.version_name);
      const idTitle = this._trans.__('Version ID: %1', version.version_id);
      if (this._name.title !== idTitle) {
        this._name.title = idTitle;
      }
      Private.setText(this._id, String(version.version_id));
      if (this._status.firstChild) {
        StatusBadge.update(this._status.firstChild as HTMLElement, version);
      } else {
        this._status.appendChild(StatusBadge.create(version));
      }
      this._updateCreated(version);
      Private.setText(this._engine, engineSummary(version));
      const details = engineDetails(version, this._trans);
      if (this._engine.title !== details) {
        this._engine.title = details;
      }
    }
    this.tick(now);
    this._updateButton(version, row);
    this.setSelected(row.selected);
  }

  /**
   * Advance the duration of a running version to `now`.
   */
  tick(now: number): void {
    const version = this._version;
    if (!version) {
      return;
    }
    const extra = this.ticking ? Math.max(0, now - this._fetchedAt) : 0;
    Private.setText(this._duration, formatDuration(version.duration + extra));
  }

  /**
   * Mark the row selected (roving tab stop and aria-selected).
   */
  setSelected(selected: boolean): void {
    const value = selected ? 'true' : 'false';
    if (this.node.getAttribute('aria-selected') !== value) {
      this.node.setAttribute('aria-selected', value);
      this.node.classList.toggle('jp-mod-selected', selected);
    }
  }

  /**
   * Set the "created N minutes ago" tooltip (relative to now).
   */
  refreshRelativeTime(relative: string): void {
    this._created.title = relative;
  }

  private _cell(part: string): HTMLTableCellElement {
    const cell = document.createElement('td');
    cell.className = `jp-ModelArts-cell-${part}`;
    this.node.appendChild(cell);
    return cell;
  }

  private _updateCreated(version: IJobVersion): void {
    const iso = version.create_time
      ? new Date(version.create_time).toISOString()
      : '';
    if (this._created.dateTime !== iso) {
      this._created.dateTime = iso;
      this._created.textContent = formatLocalTime(version.create_time);
    }
  }

  private _updateButton(version: IJobVersion, row: VersionRow.IRowState): void {
    // Everything the button shows derives from these; skip the translations when unchanged.
    const inputs = `${version.stoppable}|${row.stopState}|${version.version_name}|${version.status_label}|${row.jobName}`;
    if (inputs === this._buttonInputs) {
      return;
    }
    this._buttonInputs = inputs;
    const trans = this._trans;
    const name = version.version_name;
    const stopping = row.stopState === 'stopping';
    const enabled = version.stoppable && row.stopState === null;
    let label: string;
    let tooltip: string;
    if (stopping) {
      label = trans.__('Stopping…');
      tooltip = trans.__('A stop of %1 has been requested', name);
    } else if (row.stopState === 'confirming') {
      label = trans.__('Stop');
      tooltip = trans.__('Waiting for confirmation to stop %1', name);
    } else if (enabled) {
      label = trans.__('Stop');
      tooltip = trans.__('Stop version %1 of %2', name, row.jobName);
    } else {
      label = trans.__('Stop');
      tooltip = trans.__(
        'Only running versions can be stopped; %1 is %2',
        name,
        version.status_label
      );
    }
    const button = this._button;
    button.disabled = !enabled;
    button.setAttribute('aria-disabled', enabled ? 'false' : 'true');
    button.classList.toggle('jp-mod-stopping', stopping);
    button.title = tooltip;
    button.setAttribute(
      'aria-label',
      stopping
        ? trans.__('Stopping version %1 of %2', name, row.jobName)
        : trans.__('Stop version %1 of %2', name, row.jobName)
    );
    (button.lastElementChild as HTMLElement).textContent = label;
  }

  private _button: HTMLButtonElement;
  private _buttonInputs = '';
  private _created: HTMLTimeElement;
  private _duration: HTMLTableCellElement;
  private _engine: HTMLTableCellElement;
  private _fetchedAt = 0;
  private _id: HTMLTableCellElement;
  private _name: HTMLTableCellElement;
  private _status: HTMLTableCellElement;
  private _trans: TranslationBundle;
  private _version: IJobVersion | null = null;
}

export namespace VersionRow {
  /**
   * What the row shows besides the version itself.
   */
  export interface IRowState {
    jobName: string;
    selected: boolean;
    stopState: VersionsModel.StopState | null;
  }
}

namespace Private {
  let iconTemplate: HTMLElement | null = null;

  export function createStopButton(): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'jp-ModelArts-stopButton';
    if (!iconTemplate) {
      iconTemplate = stopIcon.element({
        tag: 'span',
        className: 'jp-ModelArts-stopButton-icon'
      });
      iconTemplate.setAttribute('aria-hidden', 'true');
    }
    button.appendChild(iconTemplate.cloneNode(true));
    const label = document.createElement('span');
    label.className = 'jp-ModelArts-stopButton-label';
    button.appendChild(label);
    return button;
  }

  export function setText(node: HTMLElement, text: string): void {
    if (node.textContent !== text) {
      node.textContent = text;
    }
  }
}
