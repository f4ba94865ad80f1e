import { nullTranslator } from '@jupyterlab/translation';
import {
  engineDetails,
  engineSummary,
  formatDuration,
  formatUpdated,
  sourceLabel
} from '../widgets/format';
import { Run } from '../models';
import { StatusBadge } from '../widgets/StatusBadge';
import { Code as JobStatus, SESSION_FIELDS, makeVersion } from './fixtures';

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
    const details = (v: typeof version) => Run.fromVersion(v).details;
    expect(engineSummary(details(version))).toBe(
      'PyTorch 1.8.0 · modelarts.vm.gpu.v100'
    );
    expect(
      engineSummary(
        details({ ...version, engine_version: 'PyTorch-1.8.0-python3.7' })
      )
    ).toBe('PyTorch-1.8.0-python3.7 · modelarts.vm.gpu.v100');
    expect(engineDetails(details(version), trans)).toContain('GPUs: 8 V100');
    expect(engineDetails(details(version), trans)).toContain('Nodes: 2');
  });

  it('names the credential source', () => {
    const base = { region: 'r', project_id: 'p', endpoint: 'e' };
    expect(
      sourceLabel(
        { ...base, source: 'emulator', emulated: true, ...SESSION_FIELDS },
        trans
      )
    ).toBe('emulator');
    expect(
      sourceLabel(
        { ...base, source: 'notebook', emulated: false, ...SESSION_FIELDS },
        trans
      )
    ).toBe('notebook session');
    expect(
      sourceLabel(
        { ...base, source: 'custom-chain', emulated: false, ...SESSION_FIELDS },
        trans
      )
    ).toBe('custom-chain');
  });

  it("renders the server's status kind, with no status table of its own", () => {
    // The grouping of codes is the server's (client/status.py, tested in
    // Python); the front end shows whatever kind and label it sends.
    const mountFailed = {
      status_name: 'MOUNT_FAILED',
      status_label: 'Mount failed',
      status_kind: 'failed' as const
    };
    const badge = StatusBadge.create(mountFailed, trans);
    expect(badge.dataset.status).toBe('Mount failed');
    expect(badge.dataset.kind).toBe('failed');
    expect(badge.textContent).toBe('Mount failed');
    StatusBadge.update(
      badge,
      { ...mountFailed, status_kind: 'canceled' },
      trans
    );
    expect(badge.dataset.kind).toBe('canceled');
    expect(badge.querySelector('svg')).not.toBeNull();
    expect(Run.isTicking(makeVersion(1, JobStatus.RUNNING))).toBe(true);
    expect(Run.isTicking(makeVersion(1, JobStatus.KILLING))).toBe(true);
    expect(Run.isTicking(makeVersion(1, JobStatus.COMPLETED))).toBe(false);
    // Scaling (15) is running for the server: its duration grows too.
    const scaling = { ...mountFailed, status_kind: 'running' as const };
    expect(Run.isTicking(scaling)).toBe(true);
  });
});
