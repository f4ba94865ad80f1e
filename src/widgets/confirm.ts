import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { StopFlow } from '../models/stopFlow';

/**
 * Ask the user to confirm stopping a version (or a v2 training job);
 * resolves true to stop.
 */
export async function confirmStop(
  request: StopFlow.IRequest,
  trans: TranslationBundle
): Promise<boolean> {
  const v2 = request.api === 'v2';
  const result = await showDialog({
    title: v2
      ? trans.__('Stop training job?')
      : trans.__('Stop training version?'),
    body: v2
      ? trans.__(
          'Stop training job "%1" (%2)? The training run ends and cannot be resumed.',
          request.runName,
          request.runId
        )
      : trans.__(
          'Stop version %1 (%2) of training job "%3" (%4)? The training run ends and cannot be resumed.',
          request.runName,
          request.runId,
          request.jobName,
          request.jobId
        ),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.warnButton({
        label: trans.__('Stop'),
        ariaLabel: trans.__('Stop version %1', request.runName)
      })
    ],
    defaultButton: 0
  });
  return result.button.accept;
}
