import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator } from '@jupyterlab/translation';
import { addCommands } from './commands';
import { JobSearchModel } from './jobSearch';
import { VersionsModel } from './model';
import { confirmStop } from './widgets/confirm';
import { VersionsPanel } from './widgets/VersionsPanel';

export { CommandIDs } from './commands';
export * from './tokens';

/**
 * The plugin id; also the id of the settings in schema/plugin.json.
 */
const PLUGIN_ID = 'jupyterlab-modelarts:plugin';

/**
 * The state-database key holding the last chosen job.
 */
const STATE_KEY = 'jupyterlab-modelarts:versions';

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'List and stop ModelArts training-job versions from the left sidebar.',
  autoStart: true,
  requires: [ITranslator],
  optional: [ILayoutRestorer, ISettingRegistry, IStateDB, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator,
    restorer: ILayoutRestorer | null,
    registry: ISettingRegistry | null,
    state: IStateDB | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = translator.load('jupyterlab_modelarts');
    const serverSettings = app.serviceManager.serverSettings;
    const model = new VersionsModel({
      serverSettings,
      translator,
      confirm: request => confirmStop(request, trans)
    });
    const search = new JobSearchModel({ serverSettings });
    const panel = new VersionsPanel({ model, search, translator });
    panel.id = 'jupyterlab-modelarts-versions';
    app.shell.add(panel, 'left', { rank: 850 });
    restorer?.add(panel, panel.id);
    addCommands(app, { model, panel, trans, palette });

    void Private.restore(model, registry, state).then(() => {
      model.jobChanged.connect((_, jobId) => {
        void state?.save(STATE_KEY, { jobId });
      });
      return model.start();
    });
  }
};

export default plugin;

namespace Private {
  /**
   * Apply the settings (and follow their changes) and choose the job: the
   * one of the last session, else the default job of the settings.
   */
  export async function restore(
    model: VersionsModel,
    registry: ISettingRegistry | null,
    state: IStateDB | null
  ): Promise<void> {
    const [settings, saved] = await Promise.all([
      registry?.load(PLUGIN_ID).catch(() => null) ?? null,
      state?.fetch(STATE_KEY).catch(() => undefined)
    ]);
    const savedJob = savedJobId(saved);
    if (savedJob && model.jobId === null) {
      model.setJob(savedJob);
    }
    if (!settings) {
      return;
    }
    let defaultJob = '';
    const apply = () => {
      const previous = defaultJob;
      defaultJob = String(settings.composite.defaultJobId ?? '').trim();
      model.configure({
        refreshInterval: Number(settings.composite.refreshInterval ?? 5),
        confirmStop: settings.composite.confirmStop !== false
      });
      if (model.jobId === null || (previous && model.jobId === previous)) {
        model.setJob(defaultJob);
      }
    };
    apply();
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
