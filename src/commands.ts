import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, stopIcon } from '@jupyterlab/ui-components';
import { modelartsIcon } from './icons';
import { PanelModels, StopFlow } from './models';
import { VersionsPanel } from './widgets/VersionsPanel';

/**
 * The command ids of the extension.
 */
export namespace CommandIDs {
  /**
   * Open the panel; args `{ jobId?: string | number }` choose a job.
   */
  export const open = 'jupyterlab-modelarts:open';

  /**
   * Refresh the versions now.
   */
  export const refresh = 'jupyterlab-modelarts:refresh';

  /**
   * Stop the selected version (with the confirmation, if enabled).
   */
  export const stopSelected = 'jupyterlab-modelarts:stop-selected';
}

/**
 * Register the commands and add them to the palette.
 */
export function addCommands(
  app: JupyterFrontEnd,
  options: Commands.IOptions
): void {
  const { models, panel, trans, palette } = options;
  const { versions, selection, stops } = models;
  const { commands } = app;

  commands.addCommand(CommandIDs.open, {
    label: trans.__('Open ModelArts Training Versions'),
    caption: trans.__('Show the versions of a ModelArts training job'),
    icon: args => (args.isPalette ? undefined : modelartsIcon),
    describedBy: {
      args: {
        type: 'object',
        properties: {
          jobId: {
            type: ['string', 'number'],
            description: trans.__('The training job to show')
          }
        }
      }
    },
    execute: args => {
      const jobId = args.jobId;
      if (
        (typeof jobId === 'string' || typeof jobId === 'number') &&
        !versions.setJob(jobId)
      ) {
        Notification.warning(trans.__('"%1" is not a job ID.', String(jobId)));
      }
      app.shell.activateById(panel.id);
    }
  });

  commands.addCommand(CommandIDs.refresh, {
    label: trans.__('Refresh ModelArts Training Versions'),
    icon: args => (args.isPalette ? undefined : refreshIcon),
    isEnabled: () => versions.jobId !== null,
    execute: () => versions.refresh()
  });

  commands.addCommand(CommandIDs.stopSelected, {
    label: trans.__('Stop Selected ModelArts Training Version'),
    icon: args => (args.isPalette ? undefined : stopIcon),
    isEnabled: () => {
      const selected = selection.selectedId;
      return selected !== null && stops.canStop(selected);
    },
    execute: async () => {
      const selected = selection.selectedId;
      if (selected !== null) {
        await stops.stop(selected);
      }
    }
  });

  const notify = () => {
    commands.notifyCommandChanged(CommandIDs.refresh);
    commands.notifyCommandChanged(CommandIDs.stopSelected);
  };
  versions.jobChanged.connect(notify);
  versions.runsChanged.connect(notify);
  selection.changed.connect(notify);
  stops.changed.connect(notify);

  if (palette) {
    const category = trans.__('ModelArts');
    for (const command of Object.values(CommandIDs)) {
      palette.addItem({ command, category });
    }
  }
}

/**
 * Tell the user how each stop request ended: a success toast that closes
 * itself, an error that stays until dismissed.
 */
export function notifyStops(stops: StopFlow, trans: TranslationBundle): void {
  stops.finished.connect((_, { request, error }) => {
    // A v2 training job is its own run: it has no job name to prefix.
    const what =
      request.api === 'v2'
        ? request.runName
        : trans.__('%1 %2', request.jobName, request.runName);
    if (error === null) {
      Notification.success(trans.__('Stop requested for %1.', what), {
        autoClose: Commands.SUCCESS_AUTO_CLOSE
      });
    } else {
      Notification.error(
        trans.__(
          'Could not stop %1: %2 (%3)',
          what,
          trans.__(error.message),
          error.errorCode
        ),
        { autoClose: false }
      );
    }
  });
}

export namespace Commands {
  /**
   * How long a success notification stays (ms).
   */
  export const SUCCESS_AUTO_CLOSE = 5000;

  export interface IOptions {
    models: PanelModels;
    panel: VersionsPanel;
    trans: TranslationBundle;
    palette: ICommandPalette | null;
  }
}
