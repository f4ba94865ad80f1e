/**
 * Notebook outputs of runs: the checked snapshot, the registry of shared
 * models (one per job, leased, pushed changes applied, disposed with the
 * last output), the runs an output shows, and the renderer widget.
 *
 * The REST layer is mocked at its module boundary (jest.mock('../api/client')).
 */
import { Event } from '@jupyterlab/services';
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import * as api from '../api/client';
import * as v2api from '../api/trainingJobs';
import { SessionModel, VersionsModel } from '../models';
import { JobLeases } from '../notebookOutput/leases';
import { OutputRuns } from '../notebookOutput/outputRuns';
import { OutputRegistry } from '../notebookOutput/registry';
import { RunsOutput } from '../notebookOutput/RunsOutput';
import { RUNS_MIME, RunsSnapshot } from '../notebookOutput/snapshot';
import { Code, EMULATOR_SESSION, makeList, makeVersion } from './fixtures';

import { FakeEvents } from './liveFakes';

jest.mock('../api/client');
jest.mock('../api/trainingJobs');

const mocked = api as jest.Mocked<typeof api>;
const mockedV2 = v2api as jest.Mocked<typeof v2api>;
const trans = nullTranslator.load('jupyterlab_modelarts');
const UUID = '3faf5c03-aaa1-4cbe-879d-24b05d997347';

/** A runs bundle as sdk_display.py writes it. */
function bundle(extra: Record<string, unknown> = {}) {
  return {
    api: 'v1',
    job_id: '42',
    job_name: 'resnet-train',
    read_at: 1_700_000_000_000,
    complete: false,
    rows: [makeVersion(2, Code.RUNNING), makeVersion(1)],
    ...extra
  };
}

async function flush(ms = 0): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

function setup() {
  const events = new FakeEvents();
  const leases = new JobLeases({
    events: events as unknown as Event.IManager
  });
  const registry = new OutputRegistry({
    session: new SessionModel(),
    leases,
    confirm: () => Promise.resolve(true),
    settings: () => ({ refreshInterval: 5, confirmStop: true })
  });
  return { events, leases, registry };
}

beforeEach(() => {
  jest.useFakeTimers();
  jest.resetAllMocks();
  mocked.getSession.mockResolvedValue(EMULATOR_SESSION);
  mocked.leaseWatch.mockImplementation(async jobId => ({
    job_id: jobId,
    expires_in: 90,
    renew_every: 30
  }));
  mocked.listVersions.mockResolvedValue(
    makeList([makeVersion(3, Code.WAITING), makeVersion(2, Code.RUNNING)])
  );
});

afterEach(() => {
  jest.useRealTimers();
});

describe('RunsSnapshot', () => {
  it('reads a bundle; its runs are never stoppable', () => {
    const snapshot = RunsSnapshot.parse(bundle())!;
    expect(snapshot).toMatchObject({ api: 'v1', jobId: '42', complete: false });
    expect(snapshot.runs.map(run => [run.id, run.status_kind])).toEqual([
      ['2', 'running'],
      ['1', 'completed']
    ]);
    expect(snapshot.runs.some(run => run.stoppable)).toBe(false);
  });

  it('refuses ids that break the rule and drops such rows', () => {
    for (const job_id of ['../42', '12345678901234567890', 42, '']) {
      expect(RunsSnapshot.parse(bundle({ job_id }))).toBeNull();
    }
    expect(RunsSnapshot.parse(bundle({ api: 'v3' }))).toBeNull();
    expect(RunsSnapshot.parse('<script>')).toBeNull();
    const rows = [{ id: '7/stop', status_kind: 'running' }, { id: '8' }];
    const snapshot = RunsSnapshot.parse(bundle({ rows }))!;
    expect(snapshot.runs.map(run => [run.id, run.status_kind])).toEqual([
      ['8', 'unknown']
    ]);
  });

  it('reads v2 jobs by their UUIDs', () => {
    const rows = [
      { id: UUID, name: 'j', status_kind: 'running' },
      { id: UUID.toUpperCase() },
      { id: '42' }
    ];
    const snapshot = RunsSnapshot.parse({ api: 'v2', rows })!;
    expect(snapshot.jobId).toBe('');
    expect(snapshot.runs.map(run => [run.api, run.id])).toEqual([['v2', UUID]]);
  });
});

describe('OutputRegistry', () => {
  it('shares one model per job, leased once, disposed with the last output', async () => {
    const { registry } = setup();
    const first = registry.acquire('v1', '42');
    const second = registry.acquire('v1', '42');
    await flush();
    expect(second.job).toBe(first.job);
    expect(registry.size).toBe(1);
    expect(mocked.listVersions).toHaveBeenCalledTimes(1);
    expect(mocked.leaseWatch).toHaveBeenCalledTimes(1);
    const model = first.job.model as VersionsModel;
    first.dispose();
    first.dispose();
    expect(model.isDisposed).toBe(false);
    second.dispose();
    expect(model.isDisposed).toBe(true);
    expect(registry.size).toBe(0);
  });

  it('applies pushed changes of its jobs without a request', async () => {
    const { events, registry } = setup();
    const handle = registry.acquire('v1', '42');
    await flush();
    events.push('42', [makeVersion(2, Code.KILLED)]);
    const model = handle.job.model;
    expect(model.findRun('2')?.status_kind).toBe('canceled');
    expect(mocked.listVersions).toHaveBeenCalledTimes(1);
    handle.dispose();
  });
});

describe('OutputRegistry (v2 and settings)', () => {
  it('reads one window of v2 jobs for every v2 output', async () => {
    const job = {
      ...makeVersion(1, Code.RUNNING),
      api: 'v2',
      id: UUID
    } as never;
    mockedV2.listTrainingJobs.mockResolvedValue({
      total: 1,
      offset: 0,
      limit: 50,
      has_more: false,
      items: [job]
    });
    const { registry } = setup();
    const handles = [registry.acquire('v2', ''), registry.acquire('v2', '')];
    await flush();
    expect(mockedV2.listTrainingJobs).toHaveBeenCalledTimes(1);
    expect(mockedV2.listTrainingJobs.mock.calls[0][0]).toMatchObject({
      limit: OutputRegistry.V2_WINDOW
    });
    const runs = new OutputRuns(
      RunsSnapshot.parse({ api: 'v2', rows: [{ id: UUID }] })!,
      handles[0].job.model
    );
    expect(runs.runs.map(run => [run.id, run.stoppable])).toEqual([
      [UUID, true]
    ]);
    expect(mocked.leaseWatch).not.toHaveBeenCalled();
    runs.dispose();
    handles.forEach(handle => handle.dispose());
  });

  it('applies changed settings to the live models', () => {
    const settings = { refreshInterval: 5, confirmStop: true };
    const registry = new OutputRegistry({
      session: new SessionModel(),
      leases: new JobLeases(),
      confirm: () => Promise.resolve(true),
      settings: () => settings
    });
    const handle = registry.acquire('v1', '42');
    settings.refreshInterval = 30;
    settings.confirmStop = false;
    registry.applySettings();
    expect(handle.job.model.refresher.refreshInterval).toBe(30);
    expect(handle.job.stops.confirmStop).toBe(false);
    registry.dispose();
    expect(handle.job.model.isDisposed).toBe(true);
  });
});

describe('OutputRuns', () => {
  it('shows the snapshot until the model has loaded, then live runs', async () => {
    const { registry } = setup();
    const handle = registry.acquire('v1', '42');
    const few = new OutputRuns(RunsSnapshot.parse(bundle())!, handle.job.model);
    const all = new OutputRuns(
      RunsSnapshot.parse(bundle({ complete: true }))!,
      handle.job.model
    );
    expect(few.live).toBe(false);
    expect(few.runs.map(run => run.id)).toEqual(['2', '1']);
    await flush();
    expect(few.live).toBe(true);
    // A chosen few: each replaced by the listed run (1 is no longer listed).
    expect(few.runs.map(run => [run.id, run.stoppable])).toEqual([
      ['2', true],
      ['1', false]
    ]);
    // All the versions: new ones too.
    expect(all.runs.map(run => run.id)).toEqual(['3', '2']);
    few.dispose();
    all.dispose();
    handle.dispose();
  });
});

describe('RunsOutput', () => {
  it('renders the snapshot, then live rows; lets go of the job when disposed', async () => {
    const { registry } = setup();
    const open = jest.fn();
    const output = new RunsOutput({
      registry,
      session: new SessionModel(),
      trans,
      openJob: open
    });
    Widget.attach(output, document.body);
    const data = bundle({ job_name: '<img src=x onerror=alert(1)>' });
    await output.renderModel({ data: { [RUNS_MIME]: data } } as never);
    expect(output.node.dataset.state).toBe('snapshot');
    expect(output.node.querySelector('img')).toBeNull();
    const asOf = output.node.querySelector('.jp-ModelArts-outputAsOf')!;
    expect(asOf.textContent).toContain('as of');
    expect(output.node.querySelectorAll('tr[data-version-id]').length).toBe(2);
    await flush();
    expect(output.node.dataset.state).toBe('live');
    expect(asOf.textContent).toBe('');
    output.node
      .querySelector<HTMLButtonElement>('.jp-ModelArts-openInSidebar')!
      .click();
    expect(open).toHaveBeenCalledWith('42');
    output.dispose();
    expect(registry.size).toBe(0);
  });

  it('says so when the data is not a runs bundle', async () => {
    const { registry } = setup();
    const output = new RunsOutput({
      registry,
      session: new SessionModel(),
      trans,
      openJob: jest.fn()
    });
    await output.renderModel({
      data: { [RUNS_MIME]: { api: 'v1', job_id: '1/../2' } }
    } as never);
    expect(output.node.dataset.state).toBe('invalid');
    expect(registry.size).toBe(0);
    output.dispose();
  });
});
