import { TranslationBundle } from '@jupyterlab/translation';
import { IJob } from '../../api/contract';
import { DOM } from '../dom';
import { StatusBadge } from '../StatusBadge';

/**
 * One job of the search list.
 *
 * DOM: `li.jp-ModelArts-jobOption[role=option][data-job-id]` with the name,
 * a status badge and `.jp-ModelArts-jobOption-meta` (id · version count).
 */
export function createJobOption(
  job: IJob,
  id: string,
  trans: TranslationBundle
): HTMLLIElement {
  const node = DOM.create('li', 'jp-ModelArts-jobOption');
  node.id = id;
  node.dataset.jobId = job.id;
  node.setAttribute('role', 'option');
  node.setAttribute('aria-selected', 'false');
  const meta = trans._n(
    '%2 · %1 version',
    '%2 · %1 versions',
    job.version_count ?? 0,
    job.id
  );
  node.append(
    DOM.create('span', 'jp-ModelArts-jobOption-name', job.name),
    StatusBadge.create(job, trans),
    DOM.create('span', 'jp-ModelArts-jobOption-meta', meta)
  );
  return node;
}
