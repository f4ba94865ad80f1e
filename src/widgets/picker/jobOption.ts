import { TranslationBundle } from '@jupyterlab/translation';
import { IJob, ITrainingJob } from '../../api/contract';
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
  const node = Private.option(id, 'jp-ModelArts-jobOption');
  node.dataset.jobId = job.id;
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

/**
 * One new-version (v2) job of the search list, marked as such: picking it
 * opens its details (it is its own run).
 *
 * DOM: `li.jp-ModelArts-jobOption.jp-mod-trainingJob[role=option]
 * [data-training-job-id]` with the name, `.jp-ModelArts-jobOption-kind`, a
 * status badge and `.jp-ModelArts-jobOption-meta` (the job's UUID).
 */
export function createTrainingJobOption(
  job: ITrainingJob,
  id: string,
  trans: TranslationBundle
): HTMLLIElement {
  const node = Private.option(id, 'jp-ModelArts-jobOption jp-mod-trainingJob');
  node.dataset.trainingJobId = job.id;
  const kind = DOM.create(
    'span',
    'jp-ModelArts-jobOption-kind',
    trans.__('new version')
  );
  kind.title = trans.__('A new-version training job: each job is one run');
  node.append(
    DOM.create('span', 'jp-ModelArts-jobOption-name', job.name),
    kind,
    StatusBadge.create(job, trans),
    DOM.create('span', 'jp-ModelArts-jobOption-meta', job.id)
  );
  return node;
}

namespace Private {
  /**
   * An option of the listbox, not selected.
   */
  export function option(id: string, className: string): HTMLLIElement {
    const node = DOM.create('li', className);
    node.id = id;
    node.setAttribute('role', 'option');
    node.setAttribute('aria-selected', 'false');
    return node;
  }
}
