import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { VersionsModel } from '../model';

/**
 * Ask the user to confirm stopping a version; resolves true to stop.
 */
export async function confirmStop(
  request: VersionsModel.IStopRequest,
  trans: TranslationBundle
): Promise<boolean> {
  const result = await showDialog({
    title: trans.__('Stop training version?'),
    body: trans.__(
      'Stop version %1 (%2) of training job "%3" (%4)? The training run ends and cannot be resumed.',
      request.versionName,
      request.versionId,
      request.jobName,
      request.jobId
    ),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.warnButton({
        label: trans.__('Stop'),
        ariaLabel: trans.__('Stop version %1', request.versionName)
      })
    ],
    defaultButton: 0
  });
  return result.button.accept;
}
