import { ServerConnection } from '@jupyterlab/services';
import {
  IJobList,
  IListJobsQuery,
  ISession,
  IStopResult,
  IVersionList
} from './contract';
import { requestAPI } from './request';

/**
 * Typed calls to the server extension's REST routes. Ids are decimal
 * strings end to end: a 19-digit id does not survive a JavaScript number.
 */

/**
 * Where the server gets its credentials from, and its region and endpoint.
 */
export function getSession(
  settings?: ServerConnection.ISettings
): Promise<ISession> {
  return requestAPI<ISession>('session', {}, settings);
}

/**
 * The user's training jobs, optionally filtered.
 */
export function listJobs(
  query: IListJobsQuery = {},
  settings?: ServerConnection.ISettings
): Promise<IJobList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return requestAPI<IJobList>(
    search ? `training-jobs?${search}` : 'training-jobs',
    {},
    settings
  );
}

/**
 * Every version of a job, newest first.
 */
export function listVersions(
  jobId: string,
  settings?: ServerConnection.ISettings
): Promise<IVersionList> {
  return requestAPI<IVersionList>(Private.versionsPath(jobId), {}, settings);
}

/**
 * Ask ModelArts to stop a running version.
 */
export function stopVersion(
  jobId: string,
  versionId: string,
  settings?: ServerConnection.ISettings
): Promise<IStopResult> {
  const path = `${Private.versionsPath(jobId)}/${encodeURIComponent(versionId)}/stop`;
  return requestAPI<IStopResult>(path, { method: 'POST' }, settings);
}

namespace Private {
  export function versionsPath(jobId: string): string {
    return `training-jobs/${encodeURIComponent(jobId)}/versions`;
  }
}
