import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { CommandIDs } from './commands';
import { PanelModels, WatchesModel, WatchList } from './models';
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
   * watched.
   */
  export function connect(models: PanelModels, watches: WatchesModel): void {
    const { versions, stops } = models;
    const list = watches.list;
    let opened = versions.jobId !== null;
    watches.setJobOnScreen(versions.jobId);
    versions.jobChanged.connect((_, jobId) => {
      opened = jobId !== null;
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
   * panel on the job, and the browser's own while the tab is hidden (if
   * the user turned that on). Returns the settings it follows.
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
      const message = trans.__(
        '%1 %2 ended: %3 after %4.',
        run.jobName,
        run.runName,
        trans.__(run.status_label),
        formatDuration(run.duration)
      );
      const open = () =>
        void app.commands.execute(CommandIDs.open, { jobId: run.jobId });
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
