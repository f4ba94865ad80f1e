/**
 * Generated from jupyterlab_modelarts/openapi.json by tools/contract/generate.mjs: do not edit;
 * run `jlpm contract`.
 */

/**
 * Query of GET /jupyterlab-modelarts/training-jobs.
 */
export interface IListJobsQuery {
  /**
   * Search text (ModelArts search_content).
   */
  search?: string;
  /**
   * Only jobs whose latest version has this status code.
   */
  status?: string;
  page?: number;
  per_page?: number;
  sort_by?:
    | 'create_time'
    | 'duration'
    | 'job_desc'
    | 'job_name'
    | 'status'
    | 'version_count';
  order?: 'asc' | 'desc';
}

/**
 * Query of GET /jupyterlab-modelarts/training-jobs/{job_id}/versions.
 */
export interface IListVersionsQuery {
  /**
   * full (default): every upstream field of each version; summary: only the fields a row shows (VersionSummary, at most 300 bytes a version). Anything else answers 400 without an upstream call.
   */
  view?: 'full' | 'summary';
}

/**
 * Query of GET /jupyterlab-modelarts/training-jobs/{job_id}/versions/{version_id}/log.
 */
export interface IReadLogQuery {
  /**
   * A name from the version's log-file list.
   */
  log_file: string;
  /**
   * Read from this position (exclusive): a start_line or end_line of an earlier answer. Empty: from the newest (order=desc) or the oldest (order=asc) line.
   */
  base_line?: string;
  /**
   * How many lines (default 50).
   */
  lines?: number;
  /**
   * desc (default): towards newer lines; asc: towards older lines.
   */
  order?: 'asc' | 'desc';
}

/**
 * Query of GET /jupyterlab-modelarts/v2/training-jobs.
 */
export interface IListTrainingJobsQuery {
  /**
   * Part of the job name.
   */
  search?: string;
  /**
   * Only jobs whose phase the panel shows as this kind.
   */
  status_kind?:
    'pending' | 'running' | 'stopping' | 'completed' | 'failed' | 'canceled';
  /**
   * Rows to skip (default 0).
   */
  offset?: number;
  /**
   * Rows to return (default 50).
   */
  limit?: number;
}

/**
 * Query of GET /jupyterlab-modelarts/v2/training-jobs/{job_id}/log-preview.
 */
export interface ITrainingJobLogPreviewQuery {
  /**
   * A task name from status.tasks (default worker-0).
   */
  task_id?: string;
}

/**
 * The syntax of a job or version id (`Job.id`); the server applies the full rule.
 */
export const ID_PATTERN = new RegExp('^[0-9]{1,19}$');
