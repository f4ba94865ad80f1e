import { ServerConnection } from '@jupyterlab/services';
import {
  IListTrainingJobsQuery,
  ILogPreview,
  IStopResult,
  ITrainingJob,
  ITrainingJobList,
  IWatch
} from './contract';
import { requestAPI, withQuery } from './request';

/**
 * Typed calls to the server extension's routes of new-version (v2) training
 * jobs. A v2 job has no versions: each job is a run, its id a UUID.
 */

/**
 * A window of the v2 training jobs, newest first.
 */
export function listTrainingJobs(
  query: IListTrainingJobsQuery = {},
  settings?: ServerConnection.ISettings
): Promise<ITrainingJobList> {
  return requestAPI<ITrainingJobList>(
    withQuery(Private.BASE, { ...query }),
    {},
    settings
  );
}

/**
 * One v2 training job (a fresh read).
 */
export function getTrainingJob(
  jobId: string,
  settings?: ServerConnection.ISettings
): Promise<ITrainingJob> {
  return requestAPI<ITrainingJob>(Private.jobPath(jobId), {}, settings);
}

/**
 * Ask ModelArts to terminate a v2 training job (the server re-reads it and
 * sends one terminate if the job can be stopped; 409 otherwise).
 */
export function stopTrainingJob(
  jobId: string,
  settings?: ServerConnection.ISettings
): Promise<IStopResult> {
  return requestAPI<IStopResult>(
    `${Private.jobPath(jobId)}/stop`,
    { method: 'POST' },
    settings
  );
}

/**
 * The log (or its latest part) of one task of a v2 training job.
 */
export function getTrainingJobLogPreview(
  jobId: string,
  taskId: string,
  settings?: ServerConnection.ISettings
): Promise<ILogPreview> {
  const params = new URLSearchParams({ task_id: taskId });
  return requestAPI<ILogPreview>(
    `${Private.jobPath(jobId)}/log-preview?${params}`,
    {},
    settings
  );
}

/**
 * Lease (or renew) the server's watch of a v2 training job: while leased,
 * the server polls the job and pushes its phase changes on the event bus.
 * Renew every `renew_every` seconds; a lease not renewed expires.
 */
export function leaseTrainingJobWatch(
  jobId: string,
  settings?: ServerConnection.ISettings
): Promise<IWatch> {
  const path = `v2/watches/${encodeURIComponent(jobId)}`;
  return requestAPI<IWatch>(path, { method: 'PUT' }, settings);
}

namespace Private {
  export const BASE = 'v2/training-jobs';

  export function jobPath(jobId: string): string {
    return `${BASE}/${encodeURIComponent(jobId)}`;
  }
}
