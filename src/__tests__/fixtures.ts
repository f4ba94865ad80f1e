import { IJobVersion, IVersionList, JobStatus } from '../tokens';

/**
 * Builders of REST payloads shaped like the server extension's answers.
 */

const LABELS: Record<number, [string, string]> = {
  [JobStatus.RUNNING]: ['JOBSTAT_RUNNING', 'Running'],
  [JobStatus.KILLING]: ['JOBSTAT_KILLING', 'Stopping'],
  [JobStatus.COMPLETED]: ['JOBSTAT_COMPLETED', 'Completed'],
  [JobStatus.FAILED]: ['JOBSTAT_FAILED', 'Failed'],
  [JobStatus.KILLED]: ['JOBSTAT_KILLED', 'Stopped'],
  [JobStatus.WAITING]: ['JOBSTAT_WAITING', 'Waiting']
};

export function makeVersion(
  versionId: number,
  status: number = JobStatus.COMPLETED,
  extra: Partial<IJobVersion> = {}
): IJobVersion {
  const [name, label] = LABELS[status] ?? ['JOBSTAT_UNKNOWN', 'Unknown'];
  return {
    version_id: versionId,
    version_name: `V${String(versionId).padStart(4, '0')}`,
    status: status as IJobVersion['status'],
    status_name: name as IJobVersion['status_name'],
    status_label: label,
    stoppable: status === JobStatus.RUNNING,
    create_time: 1_700_000_000_000 + versionId * 60_000,
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
  versions: IJobVersion[],
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
