import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator } from '@jupyterlab/translation';
import { CommandIDs, notifyStops } from '../commands';
import { confirmStop } from '../widgets/confirm';
import { JobLeases } from './leases';
import { OutputRegistry } from './registry';
import { RunsOutput } from './RunsOutput';
import { RUNS_MIME } from './snapshot';
import { IModelArtsShared } from './tokens';

/**
 * The renderer's rank: before text/html (50), the static table.
 */
const RANK = 10;

/**
 * The extension's settings (schema/plugin.json), which the outputs follow.
 */
const SETTINGS_ID = 'jupyterlab-modelarts:plugin';

/**
 * Notebook outputs of ModelArts runs (RUNS_MIME, written by the SDK's
 * lists) rendered as live tables sharing the app's session, settings and
 * confirmation; one live model per job for all outputs of the page.
 */
export const notebookOutputPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-modelarts:notebook-output',
  description: 'Live tables of ModelArts training runs in notebook outputs.',
  autoStart: true,
  requires: [IRenderMimeRegistry, ITranslator, IModelArtsShared],
  optional: [ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    translator: ITranslator,
    shared: IModelArtsShared,
    settingRegistry: ISettingRegistry | null
  ): void => {
    const trans = translator.load('jupyterlab_modelarts');
    const serverSettings = app.serviceManager.serverSettings;
    const { models, watches } = shared;
    const leases = new JobLeases({
      serverSettings,
      events: app.serviceManager.events ?? null
    });
    const registry = new OutputRegistry({
      serverSettings,
      session: models.session,
      leases,
      confirm: request => confirmStop(request, trans),
      settings: () => ({
        refreshInterval: models.versions.refresher.refreshInterval,
        confirmStop: models.stops.confirmStop
      }),
      jobCreated: job => {
        notifyStops(job.stops, trans);
        // A version stopped from an output is watched, as from the panel.
        job.stops.finished.connect((_, { request, outcome }) => {
          const run = job.model.findRun(request.runId);
          if (outcome === 'stopped' && run && job.api === 'v1') {
            watches.list.watch(request.jobId, request.jobName, run);
          }
        });
      }
    });
    // The sidebar's plugin applies a change to the app's models first.
    void settingRegistry
      ?.load(SETTINGS_ID)
      .then(settings =>
        settings.changed.connect(() => registry.applySettings())
      )
      .catch(() => undefined);
    rendermime.addFactory(
      {
        safe: true,
        mimeTypes: [RUNS_MIME],
        defaultRank: RANK,
        createRenderer: () =>
          new RunsOutput({
            registry,
            session: models.session,
            trans,
            watches: watches.list,
            openJob: jobId =>
              void app.commands.execute(
                CommandIDs.open,
                jobId === null ? {} : { jobId }
              )
          })
      },
      RANK
    );
  }
};
