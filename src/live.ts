import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { CommandIDs } from './commands';
import {
  PanelModels,
  Run,
  TrainingJobsModel,
  WatchesModel,
  WatchList
} from './models';
import { RunCommandIDs } from './runCommands';
import { formatDuration } from './widgets/format';

/**
 * The live layer of the plugin: it connects the watches (held by the
 * plugin, alive while the panel is closed) to the panel's models, watches
 * versions implicitly, and tells the user when a watched version ends.
 */
export namespace Live {
  /**
   * Connect the watches and the panel's models: the job on screen is
   * leased, pushed changes are applied without a request, polling slows
   * down while the link is live and reloads once after a reconnect; the
   * versions running when a job is opened, and those the user stops, are
   * watched. So are the v2 jobs (each its own run): those running when the
   * home view is opened or when picked in the job picker, and those the
   * user stops.
   */
  export function connect(models: PanelModels, watches: WatchesModel): void {
    const { versions, stops } = models;
    const list = watches.list;
    let opened = versions.jobId !== null;
    let home = !opened;
    watches.setJobOnScreen(versions.jobId);
    versions.jobChanged.connect((_, jobId) => {
      opened = jobId !== null;
      home = !opened;
      watches.setJobOnScreen(jobId);
    });
    versions.refreshed.connect(() => {
      const jobId = versions.jobId;
      if (jobId === null) {
        return;
      }
      list.observe(jobId, versions.jobName, versions.runs);
      if (opened) {
        opened = false;
        list.watchActive(jobId, versions.jobName, versions.runs);
      }
    });
    const { trainingJobs } = models;
    const scope = TrainingJobsModel.SCOPE;
    trainingJobs.refreshed.connect(() => {
      list.observe(scope, null, trainingJobs.runs);
      if (home && versions.jobId === null) {
        home = false;
        list.watchActive(scope, '', trainingJobs.runs);
      }
    });
    // A running v2 job picked in the job picker is opened: watched too.
    models.search.trainingJobPicked.connect((search, id) => {
      const job = search.trainingJobs.find(candidate => candidate.id === id);
      if (job) {
        list.watchActive(scope, '', [Run.fromTrainingJob(job)]);
      }
    });
    models.trainingJobStops.finished.connect((_, { request, outcome }) => {
      const run = trainingJobs.findRun(request.runId);
      if (outcome === 'stopped' && run) {
        list.watch(scope, '', run);
      }
    });
    watches.pushed.connect((_, change) =>
      versions.applyPushed(change.job_id, change)
    );
    watches.liveChanged.connect((_, live) => versions.refresher.setLive(live));
    watches.reconnected.connect(() => void versions.refresher.refreshNow());
    stops.finished.connect((_, { request, outcome }) => {
      const run =
        request.jobId === versions.jobId
          ? versions.findRun(request.runId)
          : null;
      if (outcome === 'stopped' && run) {
        list.watch(request.jobId, request.jobName, run);
      }
    });
  }

  /**
   * Tell the user when a watched version ends: JupyterLab's notification
   * (job, version, final status, duration) with an action that opens the
   * panel on the job (a v2 job: its name and an action that opens its
   * details), and the browser's own while the tab is hidden (if the user
   * turned that on). Returns the settings it follows.
   */
  export function notifyEnds(
    app: JupyterFrontEnd,
    list: WatchList,
    trans: TranslationBundle
  ): ISettings {
    const settings: ISettings = { notify: true, browser: false };
    list.ended.connect((_, run) => {
      if (!settings.notify) {
        return;
      }
      const status = trans.__(run.status_label);
      const duration = formatDuration(run.duration);
      const v2 = run.jobId === TrainingJobsModel.SCOPE;
      const message = v2
        ? trans.__('%1 ended: %2 after %3.', run.runName, status, duration)
        : trans.__(
            '%1 %2 ended: %3 after %4.',
            run.jobName,
            run.runName,
            status,
            duration
          );
      const open = () => void app.commands.execute(...Private.opener(run));
      Notification.emit(message, Private.TYPES[run.status_kind] ?? 'info', {
        autoClose: run.status_kind === 'completed' ? AUTO_CLOSE : false,
        actions: [
          { label: trans.__('Open'), callback: open, displayType: 'link' }
        ]
      });
      if (settings.browser) {
        Private.browserNotify(trans.__('ModelArts'), message, run, open);
      }
    });
    return settings;
  }

  /**
   * Ask for the browser's permission to notify (when the user turns the
   * browser notifications on).
   */
  export function askPermission(): void {
    const native = Private.native();
    if (native && native.permission === 'default') {
      void native.requestPermission();
    }
  }

  /**
   * How long a "completed" notification stays (ms); others stay until
   * dismissed.
   */
  export const AUTO_CLOSE = 15_000;

  /**
   * What the notifications follow (the settings).
   */
  export interface ISettings {
    /**
     * Notify when a watched version ends.
     */
    notify: boolean;
    /**
     * Also raise the browser's notification while the tab is hidden.
     */
    browser: boolean;
  }
}

namespace Private {
  /**
   * The command (and its args) that shows a watched run: the panel on its
   * v1 job, or a v2 job's details.
   */
  export function opener(
    run: WatchList.IWatched
  ): [string, { jobId: string; runId?: string }] {
    return run.jobId === TrainingJobsModel.SCOPE
      ? [RunCommandIDs.openDetails, { jobId: run.jobId, runId: run.runId }]
      : [CommandIDs.open, { jobId: run.jobId }];
  }

  export const TYPES: Record<string, Notification.TypeOptions> = {
    completed: 'success',
    failed: 'error',
    canceled: 'warning'
  };

  /**
   * The browser's Notification API, if there is one.
   */
  export function native(): typeof window.Notification | null {
    return typeof window !== 'undefined' && 'Notification' in window
      ? window.Notification
      : null;
  }

  export function browserNotify(
    title: string,
    body: string,
    run: WatchList.IWatched,
    open: () => void
  ): void {
    const api = native();
    if (
      !api ||
      api.permission !== 'granted' ||
      document.visibilityState !== 'hidden'
    ) {
      return;
    }
    // One notification per version, whichever tabs raise it.
    const tag = `jupyterlab-modelarts:${run.jobId}:${run.runId}`;
    const note = new api(title, { body, tag });
    note.onclick = () => {
      window.focus();
      open();
      note.close();
    };
  }
}
