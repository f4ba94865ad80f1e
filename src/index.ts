import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IRunningSessionManagers } from '@jupyterlab/running';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator } from '@jupyterlab/translation';
import { addCommands, CommandIDs, notifyStops } from './commands';
import { Live } from './live';
import {
  ConsoleLink,
  PanelModels,
  Refresher,
  TrainingJobsModel,
  WatchesModel
} from './models';
import { addRunCommands, RunCommandIDs } from './runCommands';
import { notebookOutputPlugin } from './notebookOutput/plugin';
import { IModelArtsShared } from './notebookOutput/tokens';
import { addRunningSection } from './runningSection';
import { SettingsTranslation } from './settingsTranslation';
import { confirmStop } from './widgets/confirm';
import { VersionsPanel } from './widgets/VersionsPanel';

export { CommandIDs } from './commands';
export { RunCommandIDs } from './runCommands';
export { IModelArtsShared } from './notebookOutput/tokens';
export * from './api/contract';
export { IRun, IRunDetails, IRunStatus, Run, RunApi } from './models';

/**
 * The plugin id; also the id of the settings in schema/plugin.json.
 */
const PLUGIN_ID = 'jupyterlab-modelarts:plugin';

/**
 * The state-database key holding the last chosen job.
 */
const STATE_KEY = 'jupyterlab-modelarts:versions';

/**
 * The rank of the panel in the left area.
 */
const PANEL_RANK = 850;

const plugin: JupyterFrontEndPlugin<IModelArtsShared> = {
  id: PLUGIN_ID,
  description:
    'List and stop ModelArts training-job versions from the left sidebar.',
  autoStart: true,
  provides: IModelArtsShared,
  requires: [ITranslator],
  optional: [
    ILayoutRestorer,
    ISettingRegistry,
    IStateDB,
    ICommandPalette,
    IRunningSessionManagers
  ],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator,
    restorer: ILayoutRestorer | null,
    registry: ISettingRegistry | null,
    state: IStateDB | null,
    palette: ICommandPalette | null,
    running: IRunningSessionManagers | null
  ): IModelArtsShared => {
    const trans = translator.load('jupyterlab_modelarts');
    if (registry) {
      SettingsTranslation.register(registry, PLUGIN_ID, trans);
    }
    const serverSettings = app.serviceManager.serverSettings;
    const models = new PanelModels({
      serverSettings,
      state,
      confirm: request => confirmStop(request, trans)
    });
    // The plugin, not the panel, holds the watches: they outlive the panel.
    const watches = new WatchesModel({
      serverSettings,
      events: app.serviceManager.events ?? null,
      state
    });
    const panel = new VersionsPanel({
      models,
      translator,
      watches: watches.list
    });
    panel.id = 'jupyterlab-modelarts-versions';
    app.shell.add(panel, 'left', { rank: PANEL_RANK });
    restorer?.add(panel, panel.id);
    addCommands(app, { models, panel, trans, palette });
    const details = addRunCommands(app, {
      models,
      panel,
      trans,
      palette,
      serverSettings,
      watches: watches.list
    });
    void restorer?.restore(details, {
      command: RunCommandIDs.openDetails,
      args: widget => ({
        jobId: widget.content.model.jobId,
        runId: widget.content.model.runId
      }),
      name: widget =>
        `${widget.content.model.jobId}:${widget.content.model.runId}`
    });
    notifyStops(models.stops, trans);
    notifyStops(models.trainingJobStops, trans);
    Live.connect(models, watches);
    const notifications = Live.notifyEnds(app, watches.list, trans);
    if (running) {
      addRunningSection(running, {
        list: watches.list,
        stops: models.stops,
        trainingJobStops: models.trainingJobStops,
        trans,
        open: jobId => void app.commands.execute(CommandIDs.open, { jobId }),
        openTrainingJob: runId =>
          void app.commands.execute(RunCommandIDs.openDetails, {
            jobId: TrainingJobsModel.SCOPE,
            runId
          })
      });
    }

    void Private.restore(models, registry, state, notifications).then(() => {
      models.versions.jobChanged.connect((_, jobId) => {
        void state?.save(STATE_KEY, { jobId });
      });
      void watches.start();
      return models.start();
    });
    return { models, watches };
  }
};

export default [plugin, notebookOutputPlugin];

namespace Private {
  /**
   * Apply the settings (and follow their changes) and choose the job: the
   * one of the last session, else the default job of the settings.
   */
  export async function restore(
    models: PanelModels,
    registry: ISettingRegistry | null,
    state: IStateDB | null,
    notifications: Live.ISettings
  ): Promise<void> {
    const { versions, stops } = models;
    const [settings, saved] = await Promise.all([
      registry?.load(PLUGIN_ID).catch(() => null) ?? null,
      state?.fetch(STATE_KEY).catch(() => undefined)
    ]);
    const savedJob = savedJobId(saved);
    if (savedJob && versions.jobId === null) {
      versions.setJob(savedJob);
    }
    if (!settings) {
      return;
    }
    let defaultJob = '';
    const apply = () => {
      const previous = defaultJob;
      const { composite } = settings;
      defaultJob = String(composite.defaultJobId ?? '').trim();
      versions.refresher.setRefreshInterval(
        Number(composite.refreshInterval ?? Refresher.DEFAULT_INTERVAL)
      );
      stops.confirmStop = composite.confirmStop !== false;
      models.consoleBaseUrl = String(
        composite.consoleBaseUrl ?? ConsoleLink.DEFAULT_BASE
      );
      const browser = composite.browserNotifications === true;
      if (browser && !notifications.browser && started) {
        // Only when the user turns it on, never at start-up.
        Live.askPermission();
      }
      notifications.notify = composite.notifyWhenWatchedEnds !== false;
      notifications.browser = browser;
      if (
        versions.jobId === null ||
        (previous && versions.jobId === previous)
      ) {
        versions.setJob(defaultJob);
      }
    };
    let started = false;
    apply();
    started = true;
    settings.changed.connect(apply);
  }

  export function savedJobId(saved: unknown): string {
    if (typeof saved === 'object' && saved !== null && 'jobId' in saved) {
      const jobId = (saved as { jobId: unknown }).jobId;
      return typeof jobId === 'string' ? jobId : '';
    }
    return '';
  }
}
