import { IRunningSessionManagers, IRunningSessions } from '@jupyterlab/running';
import { TranslationBundle } from '@jupyterlab/translation';
import { stopIcon } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import { modelartsIcon } from './icons';
import { StopFlow, WatchList } from './models';

/**
 * The watched versions still queued, running or stopping, as a section of
 * JupyterLab's *Running Terminals and Kernels* panel. Stop goes through the
 * panel's stop flow (confirmation and guard included); a click on a
 * version opens the panel on its job. It lives as long as the plugin.
 *
 * DOM (JupyterLab's): items `.jp-ModelArts-RunningItem[data-context=
 * "{jobId}:{runId}"]` with `.jp-RunningSessions-itemShutdown` while the
 * version can be stopped.
 */
export function addRunningSection(
  managers: IRunningSessionManagers,
  options: RunningSection.IOptions
): void {
  const { list, stops, trans, open } = options;
  const runningChanged = new Signal<WatchList, void>(list);
  const notify = () => runningChanged.emit();
  list.changed.connect(notify);
  stops.changed.connect(notify);
  const request = (run: WatchList.IWatched): StopFlow.IRequest => ({
    jobId: run.jobId,
    jobName: run.jobName,
    runId: run.runId,
    runName: run.runName
  });
  const active = () =>
    list.runs.filter(run => WatchList.isActive(run.status_kind));
  const stoppable = (run: WatchList.IWatched) =>
    run.stoppable && stops.canStopIn(run.jobId, run.runId);
  const item = (run: WatchList.IWatched): IRunningSessions.IRunningItem => ({
    className: 'jp-ModelArts-RunningItem',
    context: `${run.jobId}:${run.runId}`,
    icon: () => modelartsIcon,
    label: () => trans.__('%1 · %2', run.jobName, run.runName),
    labelTitle: () =>
      trans.__(
        'Version %1 (%2) of training job %3 (%4): %5',
        run.runName,
        run.runId,
        run.jobName,
        run.jobId,
        trans.__(run.status_label)
      ),
    detail: () => trans.__(run.status_label),
    open: () => open(run.jobId),
    shutdown: stoppable(run) ? () => void stops.stopIn(request(run)) : undefined
  });
  managers.add({
    name: trans.__('ModelArts Training Versions'),
    running: () => active().map(item),
    // The section's own dialog has confirmed "stop all".
    shutdownAll: () => {
      for (const run of active().filter(stoppable)) {
        void stops.stopIn(request(run), true);
      }
    },
    refreshRunning: notify,
    runningChanged,
    shutdownLabel: trans.__('Stop Version'),
    shutdownAllLabel: trans.__('Stop All'),
    shutdownAllConfirmationText: () =>
      trans.__('Stop every watched running ModelArts training version?'),
    shutdownItemIcon: stopIcon
  });
}

export namespace RunningSection {
  export interface IOptions {
    list: WatchList;
    stops: StopFlow;
    trans: TranslationBundle;
    /**
     * Open the panel on a job.
     */
    open: (jobId: string) => void;
  }
}
