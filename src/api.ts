import { ServerConnection } from '@jupyterlab/services';
import { requestAPI } from './request';
import {
  IJobList,
  IJobQuery,
  ISessionInfo,
  IStopResult,
  IVersionList
} from './tokens';

/**
 * Typed calls to the server extension's REST routes.
 */

function versionsPath(jobId: string): string {
  return `training-jobs/${encodeURIComponent(jobId)}/versions`;
}

/**
 * Where the server gets its credentials from, and its region and endpoint.
 */
export function getSession(
  settings?: ServerConnection.ISettings
): Promise<ISessionInfo> {
  return requestAPI<ISessionInfo>('session', {}, settings);
}

/**
 * The user's training jobs, optionally filtered.
 */
export function listJobs(
  query: IJobQuery = {},
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
  return requestAPI<IVersionList>(versionsPath(jobId), {}, settings);
}

/**
 * Ask ModelArts to stop a running version.
 */
export function stopVersion(
  jobId: string,
  versionId: number,
  settings?: ServerConnection.ISettings
): Promise<IStopResult> {
  return requestAPI<IStopResult>(
    `${versionsPath(jobId)}/${versionId}/stop`,
    { method: 'POST' },
    settings
  );
}
