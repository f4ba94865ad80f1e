import { ServerConnection } from '@jupyterlab/services';
import {
  IJobList,
  IListJobsQuery,
  IListVersionsQuery,
  ILogChunk,
  ILogFiles,
  IReadLogQuery,
  IWatch,
  ISession,
  IStopResult,
  IVersion,
  IVersionSummaryList
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
 * Every version of a job, newest first, in the summary view (what a row
 * shows; the server's default `full` view is for notebook code): the panel
 * reads one version's full record with `getVersion`.
 */
export function listVersions(
  jobId: string,
  settings?: ServerConnection.ISettings
): Promise<IVersionSummaryList> {
  const query = { view: 'summary' } satisfies IListVersionsQuery;
  return requestAPI<IVersionSummaryList>(
    withQuery(Private.versionsPath(jobId), query),
    {},
    settings
  );
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
 * The log file names of a version (one per node).
 */
export function listLogFiles(
  jobId: string,
  versionId: string,
  settings?: ServerConnection.ISettings
): Promise<ILogFiles> {
  const path = `${Private.versionPath(jobId, versionId)}/log-files`;
  return requestAPI<ILogFiles>(path, {}, settings);
}

/**
 * Lines of one log file of a version: `order=desc` (the default) reads
 * towards newer lines, `asc` towards older ones, from `base_line`
 * (exclusive; none: the newest or the oldest lines).
 */
export function getLogLines(
  jobId: string,
  versionId: string,
  query: IReadLogQuery,
  settings?: ServerConnection.ISettings
): Promise<ILogChunk> {
  const path = `${Private.versionPath(jobId, versionId)}/log${Private.search(query)}`;
  return requestAPI<ILogChunk>(path, {}, settings);
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

/**
 * Lease (or renew) the server's watch of a job: while leased, the server
 * polls the job and pushes its changes on the event bus. Renew every
 * `renew_every` seconds; a lease not renewed expires.
 */
export function leaseWatch(
  jobId: string,
  settings?: ServerConnection.ISettings
): Promise<IWatch> {
  const path = `watches/${encodeURIComponent(jobId)}`;
  return requestAPI<IWatch>(path, { method: 'PUT' }, settings);
}

namespace Private {
  /**
   * A query string ('?a=1&b=2', or '' when empty) of the set fields.
   */
  export function search(query: object): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const text = params.toString();
    return text ? `?${text}` : '';
  }

  export function versionsPath(jobId: string): string {
    return `training-jobs/${encodeURIComponent(jobId)}/versions`;
  }

  export function versionPath(jobId: string, versionId: string): string {
    return `${versionsPath(jobId)}/${encodeURIComponent(versionId)}`;
  }
}
