import {
  IJob,
  ITrainingJob,
  IVersion,
  IVersionList,
  IVersionSummary,
  IVersionSummaryList,
  StatusKind
} from '../api/contract';

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
): IVersion & IVersionSummary {
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
  versions: Array<IVersion & IVersionSummary>,
  jobId = 42,
  jobName = 'resnet-train'
): IVersionList & IVersionSummaryList {
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

/**
 * The v2 phases used by the specs: label, kind, stoppable (as the server's
 * phase table says).
 */
const PHASES: Record<string, [string, StatusKind, boolean]> = {
  Running: ['Running', 'running', true],
  Pending: ['Pending', 'pending', true],
  Terminating: ['Stopping', 'stopping', false],
  Terminated: ['Stopped', 'canceled', false],
  Completed: ['Completed', 'completed', false],
  Failed: ['Failed', 'failed', false]
};

/**
 * A v2 job id for a number.
 */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/**
 * A v2 training job as the server's run view shows it.
 */
export function makeTrainingJob(n: number, phase = 'Completed'): ITrainingJob {
  const [label, kind, stoppable] = PHASES[phase];
  return {
    api: 'v2',
    id: uuid(n),
    name: `job-${n}`,
    status_name: phase,
    status_label: label,
    status_kind: kind,
    stoppable,
    terminal: !stoppable && kind !== 'stopping',
    create_time: 1_700_000_000_000 + n * 60_000,
    start_time: 1_700_000_000_000 + n * 60_000,
    duration: 90_000,
    kind: 'job',
    metadata: { id: uuid(n), name: `job-${n}` },
    status: { phase, tasks: ['worker-0', 'worker-1'] },
    algorithm: {
      engine: { engine_name: 'PyTorch', engine_version: 'PyTorch-1.4.0' }
    },
    spec: {
      resource: {
        flavor_id: 'modelarts.vm.pnt1.large.eco',
        node_count: 2,
        flavor_detail: {
          flavor_info: {
            cpu: { core_num: 8 },
            gpu: { unit_num: 1, product_name: 'GP-Pnt1' }
          }
        }
      }
    }
  };
}
