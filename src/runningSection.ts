import { IRunningSessionManagers, IRunningSessions } from '@jupyterlab/running';
import { TranslationBundle } from '@jupyterlab/translation';
import { stopIcon } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import { modelartsIcon } from './icons';
import { StopFlow, TrainingJobsModel, WatchList } from './models';

/**
 * The watched versions still queued, running or stopping, and the watched
 * v2 jobs (each its own run), as a section of JupyterLab's *Running
 * Terminals and Kernels* panel. Stop goes through the panel's stop flow of
 * the run's API (confirmation and guard included); a click on a version
 * opens the panel on its job, on a v2 job its details. It lives as long as
 * the plugin.
 *
 * DOM (JupyterLab's): items `.jp-ModelArts-RunningItem[data-context=
 * "{jobId}:{runId}"]` (a v2 job: `v2:{uuid}`) with
 * `.jp-RunningSessions-itemShutdown` while the run can be stopped.
 */
export function addRunningSection(
  managers: IRunningSessionManagers,
  options: RunningSection.IOptions
): void {
  const { list, trans } = options;
  const runningChanged = new Signal<WatchList, void>(list);
  const notify = () => runningChanged.emit();
  list.changed.connect(notify);
  options.stops.changed.connect(notify);
  options.trainingJobStops?.changed.connect(notify);
  const isV2 = (run: WatchList.IWatched) =>
    run.jobId === TrainingJobsModel.SCOPE;
  // A v2 job is stopped by the v2 jobs' stop flow, or not from here.
  const stopsOf = (run: WatchList.IWatched) =>
    isV2(run) ? (options.trainingJobStops ?? null) : options.stops;
  const request = (run: WatchList.IWatched): StopFlow.IRequest => ({
    ...(isV2(run) ? { api: 'v2' as const } : {}),
    jobId: run.jobId,
    jobName: isV2(run) ? '' : run.jobName,
    runId: run.runId,
    runName: run.runName
  });
  const active = () =>
    list.runs.filter(run => WatchList.isActive(run.status_kind));
  const stoppable = (run: WatchList.IWatched) =>
    run.stoppable && !!stopsOf(run)?.canStopIn(run.jobId, run.runId);
  const stop = (run: WatchList.IWatched, confirmed?: boolean) =>
    void stopsOf(run)?.stopIn(request(run), confirmed);
  const open = (run: WatchList.IWatched) =>
    isV2(run) ? options.openTrainingJob?.(run.runId) : options.open(run.jobId);
  const item = (run: WatchList.IWatched): IRunningSessions.IRunningItem => ({
    className: 'jp-ModelArts-RunningItem',
    context: `${run.jobId}:${run.runId}`,
    icon: () => modelartsIcon,
    label: () =>
      isV2(run) ? run.runName : trans.__('%1 · %2', run.jobName, run.runName),
    labelTitle: () =>
      isV2(run)
        ? trans.__(
            'Training job %1 (%2): %3',
            run.runName,
            run.runId,
            trans.__(run.status_label)
          )
        : trans.__(
            'Version %1 (%2) of training job %3 (%4): %5',
            run.runName,
            run.runId,
            run.jobName,
            run.jobId,
            trans.__(run.status_label)
          ),
    detail: () => trans.__(run.status_label),
    open: () => open(run),
    shutdown: stoppable(run) ? () => stop(run) : undefined
  });
  managers.add({
    name: trans.__('ModelArts Training Versions'),
    running: () => active().map(item),
    // The section's own dialog has confirmed "stop all".
    shutdownAll: () => {
      for (const run of active().filter(stoppable)) {
        stop(run, true);
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
    /**
     * Stopping v2 jobs (none: watched v2 jobs are listed, not stopped here).
     */
    trainingJobStops?: StopFlow;
    /**
     * Open a v2 job's details.
     */
    openTrainingJob?: (jobId: string) => void;
  }
}
