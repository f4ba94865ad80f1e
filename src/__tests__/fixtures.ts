import { IJob, IVersion, IVersionList, StatusKind } from '../api/contract';

/**
 * Builders of REST payloads shaped like the server extension's answers
 * (status fields as the server's status table fills them in).
 */

/**
 * Status codes used by the specs.
 */
export const Code = {
  WAITING: 7,
  RUNNING: 8,
  KILLING: 9,
  COMPLETED: 10,
  FAILED: 11,
  KILLED: 12
} as const;

const STATUS: Record<number, [string, string, StatusKind]> = {
  [Code.RUNNING]: ['JOBSTAT_RUNNING', 'Running', 'running'],
  [Code.KILLING]: ['JOBSTAT_KILLING', 'Stopping', 'stopping'],
  [Code.COMPLETED]: ['JOBSTAT_COMPLETED', 'Completed', 'completed'],
  [Code.FAILED]: ['JOBSTAT_FAILED', 'Failed', 'failed'],
  [Code.KILLED]: ['JOBSTAT_KILLED', 'Canceled', 'canceled'],
  [Code.WAITING]: ['JOBSTAT_WAITING', 'Queued', 'pending']
};

function statusFields(status: number) {
  const [name, label, kind] = STATUS[status] ?? [
    'JOBSTAT_UNKNOWN',
    'Unknown',
    'unknown'
  ];
  return {
    status,
    status_name: name,
    status_label: label,
    status_kind: kind
  };
}

export function makeVersion(
  versionId: number | string,
  status: number = Code.COMPLETED,
  extra: Partial<IVersion> = {}
): IVersion {
  const id = String(versionId);
  const name = `V${id.padStart(4, '0')}`;
  return {
    id,
    name,
    version_id: Number(versionId),
    version_name: name,
    ...statusFields(status),
    stoppable: status === Code.RUNNING,
    create_time: 1_700_000_000_000 + (Number(versionId) % 1e6) * 60_000,
    duration: 3_723_000,
    engine_name: 'PyTorch',
    engine_version: '1.8.0',
    spec_code: 'modelarts.vm.gpu.v100',
    gpu_num: 1,
    worker_server_num: 1,
    ...extra
  };
}

export function makeList(
  versions: IVersion[],
  jobId = 42,
  jobName = 'resnet-train'
): IVersionList {
  return {
    job_id: jobId,
    job_name: jobName,
    job_desc: '',
    version_count: versions.length,
    versions
  };
}

export function makeJob(jobId: number, name: string, versionCount = 2): IJob {
  return {
    id: String(jobId),
    name,
    job_id: jobId,
    job_name: name,
    version_id: 1,
    ...statusFields(Code.RUNNING),
    create_time: 0,
    duration: 0,
    job_desc: '',
    version_count: versionCount
  };
}

/**
 * The session fields the specs do not vary (a cloud serving both APIs).
 */
export const SESSION_FIELDS = {
  notebook: false,
  detail: null,
  apis: { v1: true, v2: true }
};

/**
 * The session answer of a server on the embedded emulator.
 */
export const EMULATOR_SESSION = {
  source: 'emulator',
  region: 'r',
  project_id: 'p',
  endpoint: 'e',
  emulated: true,
  ...SESSION_FIELDS
};
