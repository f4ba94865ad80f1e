import { ServerConnection } from '@jupyterlab/services';
import {
  IJobList,
  IListJobsQuery,
  ISession,
  IStopResult,
  IVersion,
  IVersionList
} from './contract';
import { requestAPI, withQuery } from './request';

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
  return requestAPI<IJobList>(
    withQuery('training-jobs', { ...query }),
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
 * The full record of one version: every upstream field of the v1 details
 * route, plus the run and status fields.
 */
export function getVersion(
  jobId: string,
  versionId: string,
  settings?: ServerConnection.ISettings
): Promise<IVersion> {
  return requestAPI<IVersion>(
    Private.versionPath(jobId, versionId),
    {},
    settings
  );
}

/**
 * The log file names of a version.
 *
 * NOT SERVED YET: the server extension has no log routes today; a later
 * server change adds `…/versions/{version_id}/log/file-names` (over the v1
 * `log/file-names` route). Nothing calls this until then.
 */
export function listLogFiles(
  jobId: string,
  versionId: string,
  settings?: ServerConnection.ISettings
): Promise<ILogFileNames> {
  const path = `${Private.versionPath(jobId, versionId)}/log/file-names`;
  return requestAPI<ILogFileNames>(path, {}, settings);
}

/**
 * Lines of one log file of a version.
 *
 * NOT SERVED YET: a later server change adds `…/versions/{version_id}/aom-log`
 * (over the v1 `aom-log` route). Nothing calls this until then.
 */
export function getLogLines(
  jobId: string,
  versionId: string,
  query: ILogQuery,
  settings?: ServerConnection.ISettings
): Promise<ILogLines> {
  const params = new URLSearchParams({ log_file: query.logFile });
  if (query.baseLine !== undefined) {
    params.set('base_line', query.baseLine);
  }
  if (query.lines !== undefined) {
    params.set('lines', String(query.lines));
  }
  if (query.order !== undefined) {
    params.set('order', query.order);
  }
  const path = `${Private.versionPath(jobId, versionId)}/aom-log?${params}`;
  return requestAPI<ILogLines>(path, {}, settings);
}

/**
 * The answer of the (future) log-file-names route.
 */
export interface ILogFileNames {
  log_file_list: string[];
}

/**
 * What lines of a log file to read (the future aom-log route).
 */
export interface ILogQuery {
  logFile: string;
  /**
   * Position to read from (exclusive); empty or absent: the latest lines.
   */
  baseLine?: string;
  lines?: number;
  order?: 'asc' | 'desc';
}

/**
 * The answer of the (future) aom-log route.
 */
export interface ILogLines {
  content: string;
  lines?: number;
  start_line?: string;
  end_line?: string;
  [field: string]: unknown;
}

/**
 * Ask ModelArts to stop a running version.
 */
export function stopVersion(
  jobId: string,
  versionId: string,
  settings?: ServerConnection.ISettings
): Promise<IStopResult> {
  const path = `${Private.versionPath(jobId, versionId)}/stop`;
  return requestAPI<IStopResult>(path, { method: 'POST' }, settings);
}

namespace Private {
  export function versionsPath(jobId: string): string {
    return `training-jobs/${encodeURIComponent(jobId)}/versions`;
  }

  export function versionPath(jobId: string, versionId: string): string {
    return `${versionsPath(jobId)}/${encodeURIComponent(versionId)}`;
  }
}
