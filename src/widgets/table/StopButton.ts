import { TranslationBundle } from '@jupyterlab/translation';
import { stopIcon } from '@jupyterlab/ui-components';
import { IRun } from '../../models/run';
import { StopFlow } from '../../models/stopFlow';
import { DOM } from '../dom';

/**
 * The Stop button of a row: disabled (not hidden) when the run cannot be
 * stopped, with a tooltip saying why.
 *
 * DOM: `button.jp-ModelArts-stopButton` (`.jp-mod-stopping` while a stop is
 * in progress) holding an icon and `.jp-ModelArts-stopButton-label`.
 */
export class StopButton {
  constructor(trans: TranslationBundle) {
    this._trans = trans;
    this.node = DOM.button('jp-ModelArts-stopButton');
    this.node.append(
      DOM.icon(stopIcon, 'jp-ModelArts-stopButton-icon'),
      DOM.create('span', 'jp-ModelArts-stopButton-label')
    );
  }

  readonly node: HTMLButtonElement;

  /**
   * Render the button for a run and its place in the stop flow.
   */
  update(
    run: IRun,
    jobName: string,
    stopState: StopFlow.StopState | null
  ): void {
    // Everything the button shows derives from these; skip the translations when unchanged.
    const inputs = `${run.stoppable}|${stopState}|${run.name}|${run.status_label}|${jobName}`;
    if (inputs === this._inputs) {
      return;
    }
    this._inputs = inputs;
    const trans = this._trans;
    const name = run.name;
    const stopping = stopState === 'stopping';
    const enabled = run.stoppable && stopState === null;
    const words = StopButton.words(run, jobName, trans);
    let tooltip: string;
    if (stopping) {
      tooltip = trans.__('A stop of %1 has been requested', name);
    } else if (stopState === 'confirming') {
      tooltip = trans.__('Waiting for confirmation to stop %1', name);
    } else {
      tooltip = enabled ? words.stop : words.notStoppable;
    }
    const node = this.node;
    node.disabled = !enabled;
    node.setAttribute('aria-disabled', enabled ? 'false' : 'true');
    node.classList.toggle('jp-mod-stopping', stopping);
    node.title = tooltip;
    node.setAttribute('aria-label', stopping ? words.stopping : words.stop);
    const label = stopping ? trans.__('Stopping…') : trans.__('Stop');
    (node.lastElementChild as HTMLElement).textContent = label;
  }

  private _inputs = '';
  private _trans: TranslationBundle;
}

export namespace StopButton {
  /**
   * What the button says of a run: a version of a job (v1), or a training
   * job that is its own run (v2).
   */
  export function words(
    run: IRun,
    jobName: string,
    trans: TranslationBundle
  ): { stop: string; stopping: string; notStoppable: string } {
    const { name } = run;
    const status = trans.__(run.status_label);
    if (run.api === 'v2') {
      return {
        stop: trans.__('Stop training job %1', name),
        stopping: trans.__('Stopping training job %1', name),
        notStoppable: trans.__(
          'Only creating, pending or running jobs can be stopped; %1 is %2',
          name,
          status
        )
      };
    }
    return {
      stop: trans.__('Stop version %1 of %2', name, jobName),
      stopping: trans.__('Stopping version %1 of %2', name, jobName),
      notStoppable: trans.__(
        'Only running versions can be stopped; %1 is %2',
        name,
        status
      )
    };
  }
}
