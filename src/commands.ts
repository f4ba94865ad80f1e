import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, stopIcon } from '@jupyterlab/ui-components';
import { modelartsIcon } from './icons';
import { VersionsModel } from './model';
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
  const { model, panel, trans, palette } = options;
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
        !model.setJob(jobId)
      ) {
        Notification.warning(trans.__('"%1" is not a job ID.', String(jobId)));
      }
      app.shell.activateById(panel.id);
    }
  });

  commands.addCommand(CommandIDs.refresh, {
    label: trans.__('Refresh ModelArts Training Versions'),
    icon: args => (args.isPalette ? undefined : refreshIcon),
    isEnabled: () => model.jobId !== null,
    execute: () => model.refresh()
  });

  commands.addCommand(CommandIDs.stopSelected, {
    label: trans.__('Stop Selected ModelArts Training Version'),
    icon: args => (args.isPalette ? undefined : stopIcon),
    isEnabled: () => {
      const selected = model.selectedVersionId;
      return selected !== null && model.canStop(selected);
    },
    execute: async () => {
      const selected = model.selectedVersionId;
      if (selected !== null) {
        await model.stop(selected);
      }
    }
  });

  model.changed.connect(() => {
    commands.notifyCommandChanged(CommandIDs.refresh);
    commands.notifyCommandChanged(CommandIDs.stopSelected);
  });

  if (palette) {
    const category = trans.__('ModelArts');
    for (const command of Object.values(CommandIDs)) {
      palette.addItem({ command, category });
    }
  }
}

export namespace Commands {
  export interface IOptions {
    model: VersionsModel;
    panel: VersionsPanel;
    trans: TranslationBundle;
    palette: ICommandPalette | null;
  }
}
