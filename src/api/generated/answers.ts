/**
 * Generated from jupyterlab_modelarts/openapi.json by tools/contract/generate.mjs: do not edit;
 * run `jlpm contract`.
 */

export interface ISession {
  /**
   * The credential source that won (e.g. config, environment, notebook session, metadata service, IAM password, emulator); null when none did.
   */
  source: string | null;
  region: string | null;
  project_id: string | null;
  /**
   * ModelArts base URL calls go to.
   */
  endpoint: string | null;
  /**
   * True when the server runs the in-process emulator.
   */
  emulated: boolean;
  /**
   * True inside a ModelArts notebook (INSTANCE_ID and PROJECT_ID set, or a notebook image's folder exists).
   */
  notebook: boolean;
  /**
   * Where the credentials came from beyond the source's name, e.g. the interpreter whose modelarts.session.Session() gave them; never a secret.
   */
  detail: string | null;
  /**
   * Only when source is null: why, naming the sources tried.
   */
  error?: string;
  sources_tried?: Array<ISourceTried>;
  doctor?: IDoctor;
  apis: IApis;
}

export interface ISourceTried {
  name: string;
  reason: string;
}

/**
 * Only when source is null: what `jupyter modelarts doctor` would say about credentials; the panel's no-credentials banner shows it.
 */
export interface IDoctor {
  /**
   * The command that explains every step (run in a notebook terminal).
   */
  command: string;
  steps: Array<IDoctorStep>;
  /**
   * The one thing to do next.
   */
  next_step: string;
}

export interface IDoctorStep {
  step: string;
  ok: boolean;
  outcome: string;
}

/**
 * What the panel renders a status as; from the server's one status table (client/status.py).
 */
export type StatusKind =
  | 'pending'
  | 'running'
  | 'stopping'
  | 'completed'
  | 'failed'
  | 'canceled'
  | 'unknown';

export interface IJob {
  /**
   * The job id as a decimal string (exact beyond 2^53); the run's id.
   */
  id: string;
  /**
   * job_name; the run's name.
   */
  name: string;
  job_id: number;
  job_name: string;
  version_id?: number;
  /**
   * ModelArts status code (0-22).
   */
  status: number;
  /**
   * e.g. JOBSTAT_RUNNING; 'unknown (N)' for codes the table does not know.
   */
  status_name: string;
  /**
   * e.g. Running.
   */
  status_label: string;
  status_kind: StatusKind;
  create_time?: number;
  duration?: number;
  job_desc?: string;
  version_count?: number;
  /**
   * Any other upstream field, as ModelArts sent it.
   */
  [field: string]: unknown;
}

export interface IJobList {
  is_success?: true;
  job_total_count: number;
  job_count_limit?: number;
  quotas?: number;
  jobs: Array<IJob>;
  /**
   * Any other upstream field, as ModelArts sent it.
   */
  [field: string]: unknown;
}

/**
 * Every upstream field of the version as ModelArts sent it, plus the run fields (id, name), status_name, status_label, status_kind and stoppable.
 */
export interface IVersion {
  /**
   * The version id as a decimal string (exact beyond 2^53); the run's id.
   */
  id: string;
  /**
   * version_name; the run's name.
   */
  name: string;
  job_id?: number;
  version_id: number;
  version_name?: string;
  pre_version_id?: number | null;
  /**
   * ModelArts status code (0-22).
   */
  status: number;
  /**
   * e.g. JOBSTAT_RUNNING; 'unknown (N)' for codes the table does not know.
   */
  status_name: string;
  /**
   * e.g. Running.
   */
  status_label: string;
  status_kind: StatusKind;
  /**
   * True when the stop route would send a stop (from the status table: the documented stoppable status, Running).
   */
  stoppable: boolean;
  create_time?: number;
  duration?: number;
  /**
   * Epoch ms the version started running.
   */
  start_time?: number;
  engine_name?: string;
  engine_version?: string;
  spec_code?: string;
  gpu_num?: number;
  gpu_type?: string;
  /**
   * Node count.
   */
  worker_server_num?: number;
  data_url?: string;
  train_url?: string;
  log_url?: string;
  /**
   * Any other upstream field, as ModelArts sent it.
   */
  [field: string]: unknown;
}

export interface IVersionList {
  job_id: number;
  job_name: string;
  job_desc: string;
  version_count: number;
  versions: Array<IVersion>;
}

export interface IStopResult {
  is_success: true;
}

export interface IError {
  is_success: false;
  /**
   * ModelArts' own code where there is one (e.g. ModelArts.0105, ModelArts.0102, APIGW.0301), else ModelArts.0104 for invalid input, Jupyter.<status> for Jupyter's own refusals.
   */
  error_code: string;
  /**
   * The upstream (or validation) message.
   */
  error_msg: string | null;
  /**
   * What it means for the person using the panel.
   */
  message: string | null;
  /**
   * ModelArts request id, when it gave one.
   */
  request_id?: string;
  /**
   * For missing credentials.
   */
  sources_tried?: Array<ISourceTried>;
}

export interface ILogFiles {
  log_file_list: Array<string>;
}

export interface ILogChunk {
  /**
   * The lines, joined with newlines.
   */
  content: string;
  /**
   * How many lines content holds.
   */
  lines: number;
  /**
   * Position of the first line (decimal; send as base_line with order=asc to read older lines).
   */
  start_line: string | null;
  /**
   * Position of the last line (decimal; send as base_line with order=desc to read newer lines).
   */
  end_line: string | null;
}

export interface IWatch {
  /**
   * The API of the leased job: v1 (its versions are watched) or v2 (the job is its one run).
   */
  api?: 'v1' | 'v2';
  /**
   * The job id: canonical decimal (v1) or lower-case UUID (v2).
   */
  job_id: string;
  /**
   * Seconds until the lease expires without a renewal (0 once ended).
   */
  expires_in: number;
  /**
   * Seconds between renewals a client should keep.
   */
  renew_every?: number;
  /**
   * Seconds between the server's polls of the job.
   */
  interval?: number;
}

/**
 * Which ModelArts APIs this cloud serves, learned from answers: true after a successful answer, false after the gateway's 404 APIGW.0101, null until known.
 */
export interface IApis {
  /**
   * Old-version training jobs (the job/version routes).
   */
  v1: boolean | null;
  /**
   * New-version training jobs (the v2 routes).
   */
  v2: boolean | null;
}
