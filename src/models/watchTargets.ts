import { ServerConnection } from '@jupyterlab/services';
import { leaseWatch, listVersions } from '../api/client';
import { getTrainingJob, leaseTrainingJobWatch } from '../api/trainingJobs';
import { Run, RunApi } from './run';
import { TrainingJobsModel } from './trainingJobs';
import { WatchList } from './watchList';

/**
 * The jobs the watches lease and read: a v1 job (its watched versions) or a
 * v2 job (watched as its own run, under the scope `TrainingJobsModel.SCOPE`
 * in the watch list), each through its API's routes.
 */
export namespace WatchTargets {
  /**
   * A leased job.
   */
  export interface ITarget {
    api: RunApi;
    /**
     * A v1 job's decimal id, a v2 job's UUID.
     */
    id: string;
  }

  /**
   * The key of a target (v1 ids and v2 UUIDs never collide; the API is
   * named anyway).
   */
  export function key(target: ITarget): string {
    return `${target.api}:${target.id}`;
  }

  /**
   * The v1 jobs with watched versions.
   */
  export function v1Jobs(list: WatchList): string[] {
    return list.jobs.filter(job => job !== TrainingJobsModel.SCOPE);
  }

  /**
   * The watched v2 jobs.
   */
  export function trainingJobs(list: WatchList): string[] {
    return list.runs
      .filter(run => run.jobId === TrainingJobsModel.SCOPE)
      .map(run => run.runId);
  }

  /**
   * Lease (or renew) the server's watch of a target; resolves whether it
   * was granted.
   */
  export function lease(
    target: ITarget,
    settings?: ServerConnection.ISettings
  ): Promise<boolean> {
    const call = target.api === 'v2' ? leaseTrainingJobWatch : leaseWatch;
    return call(target.id, settings).then(
      () => true,
      () => false
    );
  }

  /**
   * Read a target now and let the watch list take in its runs' statuses
   * (a watched run in a terminal kind ends). Rejects if the read fails.
   */
  export async function read(
    target: ITarget,
    list: WatchList,
    settings?: ServerConnection.ISettings
  ): Promise<void> {
    if (target.api === 'v2') {
      const job = await getTrainingJob(target.id, settings);
      list.observe(TrainingJobsModel.SCOPE, null, [Run.fromTrainingJob(job)]);
    } else {
      const versions = await listVersions(target.id, settings);
      const runs = versions.versions.map(Run.fromSummary);
      list.observe(target.id, versions.job_name, runs);
    }
  }
}
