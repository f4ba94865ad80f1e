/**
 * Types mirroring the server extension's REST contract, and the ModelArts
 * training-job status table (codes 0–22).
 */

/**
 * ModelArts training-job status codes, keyed by the suffix of their
 * `JOBSTAT_*` name.
 */
export const JobStatus = {
  UNKNOWN: 0,
  INIT: 1,
  IMAGE_CREATING: 2,
  IMAGE_FAILED: 3,
  SUBMIT_TRYING: 4,
  SUBMIT_FAILED: 5,
  DELETE_FAILED: 6,
  WAITING: 7,
  RUNNING: 8,
  KILLING: 9,
  COMPLETED: 10,
  FAILED: 11,
  KILLED: 12,
  CANCELED: 13,
  LOST: 14,
  SCALING: 15,
  SUBMIT_MODEL_FAILED: 16,
  DEPLOY_SERVICE_FAILED: 17,
  CHECK_INIT: 18,
  CHECK_RUNNING: 19,
  CHECK_RUNNING_COMPLETED: 20,
  CHECK_FAILED: 21,
  MOUNT_FAILED: 22
} as const;

/**
 * A ModelArts status code (0–22).
 */
export type JobStatusCode = (typeof JobStatus)[keyof typeof JobStatus];

/**
 * A ModelArts status name such as `JOBSTAT_RUNNING`.
 */
export type JobStatusName = `JOBSTAT_${keyof typeof JobStatus}`;

/**
 * The coarse groups the UI uses to pick a badge icon and style.
 */
export type StatusKind =
  | 'pending'
  | 'running'
  | 'stopping'
  | 'completed'
  | 'failed'
  | 'stopped'
  | 'unknown';

/**
 * The group a status code belongs to.
 */
export function statusKind(status: number): StatusKind {
  switch (status) {
    case JobStatus.INIT:
    case JobStatus.IMAGE_CREATING:
    case JobStatus.SUBMIT_TRYING:
    case JobStatus.WAITING:
    case JobStatus.CHECK_INIT:
      return 'pending';
    case JobStatus.RUNNING:
    case JobStatus.SCALING:
    case JobStatus.CHECK_RUNNING:
      return 'running';
    case JobStatus.KILLING:
      return 'stopping';
    case JobStatus.COMPLETED:
    case JobStatus.CHECK_RUNNING_COMPLETED:
      return 'completed';
    case JobStatus.KILLED:
    case JobStatus.CANCELED:
      return 'stopped';
    case JobStatus.IMAGE_FAILED:
    case JobStatus.SUBMIT_FAILED:
    case JobStatus.DELETE_FAILED:
    case JobStatus.FAILED:
    case JobStatus.LOST:
    case JobStatus.SUBMIT_MODEL_FAILED:
    case JobStatus.DEPLOY_SERVICE_FAILED:
    case JobStatus.CHECK_FAILED:
    case JobStatus.MOUNT_FAILED:
      return 'failed';
    default:
      return 'unknown';
  }
}

/**
 * Whether a version in this status is still consuming run time, so its
 * duration keeps growing between refreshes.
 */
export function isTicking(status: number): boolean {
  const kind = statusKind(status);
  return kind === 'running' || kind === 'stopping';
}

/**
 * Whether a stop request is still settling for a version in this status
 * (running or being killed): the model refreshes quickly while it is.
 */
export function isSettling(status: number): boolean {
  return status === JobStatus.RUNNING || status === JobStatus.KILLING;
}

/**
 * One credential source the server tried.
 */
export interface ISourceTried {
  name: string;
  reason: string;
}

/**
 * GET jupyterlab-modelarts/session
 */
export interface ISessionInfo {
  source: string | null;
  region: string | null;
  project_id: string | null;
  endpoint: string | null;
  emulated: boolean;
  error?: string;
  sources_tried?: ISourceTried[];
}

/**
 * One job in GET jupyterlab-modelarts/training-jobs.
 */
export interface IJobSummary {
  job_id: number;
  job_name: string;
  version_id: number;
  status: JobStatusCode;
  status_name: JobStatusName;
  status_label: string;
  create_time: number;
  duration: number;
  job_desc: string;
  version_count: number;
}

/**
 * GET jupyterlab-modelarts/training-jobs
 */
export interface IJobList {
  is_success: boolean;
  job_total_count: number;
  jobs: IJobSummary[];
}

/**
 * Query of the job-list route.
 */
export interface IJobQuery {
  search?: string;
  status?: number;
  page?: number;
  per_page?: number;
}

/**
 * One training-job version: every ModelArts field plus the server's
 * `status_name`, `status_label` and `stoppable`.
 */
export interface IJobVersion {
  version_id: number;
  version_name: string;
  status: JobStatusCode;
  status_name: JobStatusName;
  status_label: string;
  stoppable: boolean;
  create_time: number;
  start_time?: number;
  duration: number;
  engine_name?: string;
  engine_version?: string;
  spec_code?: string;
  core?: string;
  cpu?: string;
  gpu_num?: number;
  gpu_type?: string;
  worker_server_num?: number;
  [field: string]: unknown;
}

/**
 * GET jupyterlab-modelarts/training-jobs/{job_id}/versions (newest first).
 */
export interface IVersionList {
  job_id: number;
  job_name: string;
  job_desc: string;
  version_count: number;
  versions: IJobVersion[];
}

/**
 * POST .../versions/{version_id}/stop on success.
 */
export interface IStopResult {
  is_success: boolean;
}

/**
 * The body of every error response.
 */
export interface IErrorBody {
  is_success: false;
  error_code: string;
  error_msg: string;
  message: string;
}
