import { JupyterFrontEnd } from '@jupyterlab/application';
import {
  Clipboard,
  ICommandPalette,
  MainAreaWidget,
  Notification,
  WidgetTracker
} from '@jupyterlab/apputils';
import { ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import {
  bellIcon,
  copyIcon,
  infoIcon,
  launchIcon,
  stopIcon
} from '@jupyterlab/ui-components';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { modelartsIcon } from './icons';
import {
  ConsoleLink,
  IRun,
  PanelModels,
  RunDetailsModel,
  TrainingJobsModel,
  WatchList
} from './models';
import { TrainingJobDetails } from './trainingJobDetails';
import { RunDetailsView } from './widgets/details/RunDetailsView';
import { VersionsPanel } from './widgets/VersionsPanel';

/**
 * The commands on one run (a version of the chosen job). Each acts on the
 * run named by `args.runId`, else on the row the context menu was opened
 * on, else on the selected row.
 */
export namespace RunCommandIDs {
  export const copyId = 'jupyterlab-modelarts:copy-version-id';
  export const copyTrainUrl = 'jupyterlab-modelarts:copy-train-url';
  export const openConsole = 'jupyterlab-modelarts:open-in-console';
  /**
   * Open a version's details; args `{ jobId?, runId? }` (default: the
   * chosen job's run as above); `jobId: 'v2'` names a v2 training job by
   * its UUID in `runId`.
   */
  export const openDetails = 'jupyterlab-modelarts:open-details';
  export const stop = 'jupyterlab-modelarts:stop-version';
  /**
   * Watch a version (a notification when it ends), or stop watching it.
   */
  export const toggleWatch = 'jupyterlab-modelarts:toggle-watch';
}

/**
 * Register the run commands, the rows' context menu, the details widgets
 * (restored with the layout) and the table's "open" requests.
 */
export function addRunCommands(
  app: JupyterFrontEnd,
  options: RunCommands.IOptions
): WidgetTracker<MainAreaWidget<RunDetailsView>> {
  const { models, panel, trans } = options;
  const { versions, selection, stops, session } = models;
  const { commands } = app;
  const tracker = new WidgetTracker<MainAreaWidget<RunDetailsView>>({
    namespace: 'jupyterlab-modelarts-details'
  });
  const runOf = (args: ReadonlyPartialJSONObject): IRun | null => {
    const row = app.contextMenuHitTest(node =>
      node.classList.contains('jp-ModelArts-VersionRow')
    );
    const id =
      typeof args.runId === 'string'
        ? args.runId
        : (row?.dataset.versionId ?? selection.selectedId);
    return versions.findRun(id ?? null);
  };
  const consoleUrl = (run: IRun | null) =>
    run && versions.jobId
      ? ConsoleLink.url(models.consoleBaseUrl, {
          region: session.session?.region ?? null,
          jobId: versions.jobId,
          versionId: run.id
        })
      : null;
  // Each caller words its whole message: a label glued into a sentence
  // does not translate.
  const copy = (text: string, message: string) => {
    Clipboard.copyToSystem(text);
    Notification.info(message, {
      autoClose: RunCommands.COPIED_AUTO_CLOSE
    });
  };

  commands.addCommand(RunCommandIDs.copyId, {
    label: trans.__('Copy Version ID'),
    icon: copyIcon,
    isEnabled: args => runOf(args) !== null,
    execute: args => {
      const run = runOf(args);
      if (run) {
        copy(run.id, trans.__('Copied version ID: %1', run.id));
      }
    }
  });
  commands.addCommand(RunCommandIDs.copyTrainUrl, {
    label: trans.__('Copy Train URL'),
    icon: copyIcon,
    isEnabled: args => runOf(args) !== null,
    execute: async args => {
      const run = runOf(args);
      // The list holds summaries; the train URL is in the full record.
      const url = run ? Private.trainUrl(await versions.readRun(run.id)) : '';
      if (url) {
        copy(url, trans.__('Copied train URL: %1', url));
      }
    }
  });
  commands.addCommand(RunCommandIDs.openConsole, {
    label: trans.__('Open in ModelArts Console'),
    icon: launchIcon,
    isEnabled: args => consoleUrl(runOf(args)) !== null,
    execute: args => {
      const url = consoleUrl(runOf(args));
      if (url) {
        window.open(url, '_blank', 'noopener');
      }
    }
  });
  commands.addCommand(RunCommandIDs.openDetails, {
    label: trans.__('View Version Details'),
    icon: infoIcon,
    isEnabled: args => typeof args.jobId === 'string' || runOf(args) !== null,
    execute: args => {
      const jobId =
        typeof args.jobId === 'string' ? args.jobId : versions.jobId;
      const runId =
        typeof args.runId === 'string' ? args.runId : runOf(args)?.id;
      if (!jobId || !runId) {
        return;
      }
      const id = `jupyterlab-modelarts-details-${jobId}-${runId}`;
      const open = tracker.find(widget => widget.id === id);
      if (open) {
        app.shell.activateById(id);
        return;
      }
      const sameJob = jobId === versions.jobId;
      const interval = versions.refresher.refreshInterval;
      const { serverSettings } = options;
      const v2 = jobId === TrainingJobsModel.SCOPE;
      // A v2 training job is its own run: the same view, its log preview.
      const { model, logs } = v2
        ? TrainingJobDetails.create({
            jobId: runId,
            trans,
            serverSettings,
            clock: models.trainingJobs.clock,
            interval
          })
        : {
            model: new RunDetailsModel({
              jobId,
              runId,
              jobName: sameJob ? versions.jobName : jobId,
              clock: sameJob ? versions.clock : undefined,
              interval,
              serverSettings
            }),
            logs: undefined
          };
      const content = new RunDetailsView({ model, trans, copy, logs });
      const widget = new MainAreaWidget({ content });
      widget.id = id;
      widget.addClass('jp-ModelArts-DetailsPanel');
      const name =
        (v2 ? models.trainingJobs : versions).findRun(runId)?.name ?? runId;
      widget.title.label = v2 ? name : trans.__('%1 · %2', model.jobName, name);
      widget.title.caption = v2
        ? trans.__('Training job %1 (%2)', name, runId)
        : trans.__('Version %1 (%2) of training job %3', name, runId, jobId);
      widget.title.icon = modelartsIcon;
      widget.title.closable = true;
      void tracker.add(widget);
      app.shell.add(widget, 'main');
      app.shell.activateById(id);
    }
  });
  commands.addCommand(RunCommandIDs.stop, {
    label: trans.__('Stop Version'),
    icon: stopIcon,
    isEnabled: args => {
      const run = runOf(args);
      return run !== null && stops.canStop(run.id);
    },
    execute: async args => {
      const run = runOf(args);
      if (run) {
        await stops.stop(run.id);
      }
    }
  });

  const { watches } = options;
  commands.addCommand(RunCommandIDs.toggleWatch, {
    label: trans.__('Notify When Version Ends'),
    icon: bellIcon,
    isToggled: args => {
      const run = runOf(args);
      return !!run && !!watches?.has(versions.jobId ?? '', run.id);
    },
    isEnabled: args => watches !== undefined && runOf(args) !== null,
    execute: args => {
      const run = runOf(args);
      if (run && versions.jobId) {
        watches?.toggle(versions.jobId, versions.jobName, run);
      }
    }
  });
  watches?.changed.connect(() =>
    commands.notifyCommandChanged(RunCommandIDs.toggleWatch)
  );

  const selector = '.jp-ModelArts-VersionRow';
  [
    RunCommandIDs.openDetails,
    RunCommandIDs.copyId,
    RunCommandIDs.copyTrainUrl,
    RunCommandIDs.openConsole,
    ...(watches ? [RunCommandIDs.toggleWatch] : []),
    RunCommandIDs.stop
  ].forEach((command, rank) =>
    app.contextMenu.addItem({ command, selector, rank })
  );
  for (const command of [
    RunCommandIDs.openDetails,
    RunCommandIDs.toggleWatch
  ]) {
    options.palette?.addItem({ command, category: trans.__('ModelArts') });
  }
  panel.table.openRequested.connect((_, runId) => {
    void commands.execute(RunCommandIDs.openDetails, { runId });
  });
  // A v2 job, chosen in its table or in the job picker, opens its details.
  const openTrainingJob = (_: unknown, runId: string) => {
    const jobId = TrainingJobsModel.SCOPE;
    void commands.execute(RunCommandIDs.openDetails, { jobId, runId });
  };
  panel.trainingJobs.table.openRequested.connect(openTrainingJob);
  models.search.trainingJobPicked.connect(openTrainingJob);
  return tracker;
}

export namespace RunCommands {
  /**
   * How long the "copied" notification stays (ms).
   */
  export const COPIED_AUTO_CLOSE = 2000;

  export interface IOptions {
    models: PanelModels;
    panel: VersionsPanel;
    trans: TranslationBundle;
    palette: ICommandPalette | null;
    serverSettings?: ServerConnection.ISettings;
    /**
     * The watched versions (the toggle-watch command).
     */
    watches?: WatchList;
  }
}

namespace Private {
  export function trainUrl(run: IRun | null): string {
    const url = run?.record.train_url;
    return typeof url === 'string' ? url : '';
  }
}
