import { nullTranslator } from '@jupyterlab/translation';
import {
  engineDetails,
  engineSummary,
  formatDuration,
  formatUpdated,
  sourceLabel
} from '../widgets/format';
import { JobStatus, isTicking, statusKind } from '../tokens';
import { makeVersion } from './fixtures';

const trans = nullTranslator.load('jupyterlab_modelarts');

describe('format', () => {
  it('formats durations as h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00:00');
    expect(formatDuration(3_723_999)).toBe('1:02:03');
    expect(formatDuration(101 * 3600 * 1000)).toBe('101:00:00');
    expect(formatDuration(-5)).toBe('0:00:00');
  });

  it('says how long ago the data was updated', () => {
    expect(formatUpdated(null, 0, trans)).toBe('Not updated yet');
    expect(formatUpdated(1000, 8000, trans)).toBe('Updated 7 s ago');
    expect(formatUpdated(0, 125_000, trans)).toBe('Updated 2 min ago');
  });

  it('summarises the engine and the resources', () => {
    const version = makeVersion(1, JobStatus.RUNNING, {
      gpu_type: 'V100',
      gpu_num: 8,
      worker_server_num: 2
    });
    expect(engineSummary(version)).toBe(
      'PyTorch 1.8.0 · modelarts.vm.gpu.v100'
    );
    expect(
      engineSummary({ ...version, engine_version: 'PyTorch-1.8.0-python3.7' })
    ).toBe('PyTorch-1.8.0-python3.7 · modelarts.vm.gpu.v100');
    expect(engineDetails(version, trans)).toContain('GPUs: 8 V100');
    expect(engineDetails(version, trans)).toContain('Nodes: 2');
  });

  it('names the credential source', () => {
    const base = { region: 'r', project_id: 'p', endpoint: 'e' };
    expect(
      sourceLabel({ ...base, source: 'emulator', emulated: true }, trans)
    ).toBe('emulator');
    expect(
      sourceLabel({ ...base, source: 'notebook', emulated: false }, trans)
    ).toBe('notebook session');
    expect(
      sourceLabel({ ...base, source: 'custom-chain', emulated: false }, trans)
    ).toBe('custom-chain');
  });

  it('groups the status codes', () => {
    expect(statusKind(JobStatus.RUNNING)).toBe('running');
    expect(statusKind(JobStatus.KILLING)).toBe('stopping');
    expect(statusKind(JobStatus.MOUNT_FAILED)).toBe('failed');
    expect(statusKind(JobStatus.CANCELED)).toBe('stopped');
    expect(statusKind(99)).toBe('unknown');
    expect(isTicking(JobStatus.RUNNING)).toBe(true);
    expect(isTicking(JobStatus.COMPLETED)).toBe(false);
  });
});
