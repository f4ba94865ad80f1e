/**
 * Watches of new-version (v2) training jobs, each its own run: the lease
 * through the v2 route, the pushed v2 event, the reads without a live link,
 * the implicit watches (running on the home view, stopped by the user), the
 * end-of-run notification that opens the job's details, and the Running
 * sidebar section stopping a v2 job through the v2 stop flow.
 *
 * The REST layer is replaced at its module boundary (jest.mock of
 * '../api/client' and '../api/trainingJobs'); the models run for real.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import * as client from '../api/client';
import * as api from '../api/trainingJobs';
import { Live } from '../live';
import {
  PanelModels,
  Run,
  TrainingJobsModel,
  WatchesModel,
  WatchList
} from '../models';
import { RunCommandIDs } from '../runCommands';
import { addRunningSection } from '../runningSection';
import { EMULATOR_SESSION, makeTrainingJob, uuid } from './fixtures';
import { FakeEvents, fakeRunningManagers } from './liveFakes';

jest.mock('../api/client');
jest.mock('../api/trainingJobs');

const mocked = api as jest.Mocked<typeof api>;
const mockedClient = client as jest.Mocked<typeof client>;
const trans = nullTranslator.load('jupyterlab_modelarts');
const SCOPE = TrainingJobsModel.SCOPE;

/**
 * Watch v2 job `n` (running) in `list`.
 */
function watchJob(list: WatchList, n: number, phase = 'Running'): void {
  list.watch(SCOPE, '', Run.fromTrainingJob(makeTrainingJob(n, phase)));
}

async function flush(ms = 0): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

/**
 * An animation frame (the poll's immediate ticks wait for one), ms.
 */
const FRAME = 20;

beforeEach(() => {
  jest.useFakeTimers();
  jest.resetAllMocks();
  Notification.dismiss();
  mockedClient.getSession.mockResolvedValue(EMULATOR_SESSION);
  mockedClient.leaseWatch.mockImplementation(async jobId => ({
    job_id: jobId,
    expires_in: 90
  }));
  mocked.leaseTrainingJobWatch.mockImplementation(async jobId => ({
    api: 'v2',
    job_id: jobId,
    expires_in: 90
  }));
  mocked.getTrainingJob.mockResolvedValue(makeTrainingJob(2, 'Running'));
  mocked.listTrainingJobs.mockResolvedValue({
    total: 2,
    offset: 0,
    limit: 20,
    has_more: false,
    items: [makeTrainingJob(2, 'Running'), makeTrainingJob(1)]
  });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('WatchesModel with v2 jobs', () => {
  it('leases a watched v2 job by its own route and ends it on a pushed phase', async () => {
    const events = new FakeEvents();
    const watches = new WatchesModel({ events: events as never });
    const pushed = jest.fn();
    const ended = jest.fn();
    watches.pushed.connect((_, change) => pushed(change));
    watches.list.ended.connect((_, run) => ended(run));
    watchJob(watches.list, 2);
    await watches.start();
    await flush();
    expect(watches.jobs).toEqual([]); // no v1 job is leased for it
    expect(watches.trainingJobs).toEqual([uuid(2)]);
    expect(mocked.leaseTrainingJobWatch).toHaveBeenCalledWith(
      uuid(2),
      undefined
    );
    expect(mockedClient.leaseWatch).not.toHaveBeenCalled();
    expect(mocked.getTrainingJob).toHaveBeenCalledTimes(1); // the first look
    expect(watches.live).toBe(true);

    events.pushJob(makeTrainingJob(9, 'Failed')); // not watched here
    events.pushJob(makeTrainingJob(2, 'Terminating'));
    expect(ended).not.toHaveBeenCalled();
    expect(watches.list.runs[0].status_kind).toBe('stopping');
    events.pushJob(makeTrainingJob(2, 'Terminated'));
    expect(ended).toHaveBeenCalledTimes(1);
    expect(ended.mock.calls[0][0]).toMatchObject({
      jobId: SCOPE,
      runId: uuid(2),
      runName: 'job-2',
      status_label: 'Stopped',
      duration: 90_000
    });
    expect(pushed).not.toHaveBeenCalled(); // the v1 versions model never sees v2
    expect(watches.trainingJobs).toEqual([]);
    watches.dispose();
  });

  it('reads watched v2 jobs itself without an event stream', async () => {
    const watches = new WatchesModel({ events: null });
    const ended = jest.fn();
    watches.list.ended.connect((_, run) => ended(run.runId));
    watchJob(watches.list, 2);
    await watches.start();
    await flush();
    mocked.getTrainingJob.mockResolvedValue(makeTrainingJob(2, 'Completed'));
    await flush(WatchesModel.RENEW_INTERVAL * 1000);
    expect(mocked.leaseTrainingJobWatch).not.toHaveBeenCalled();
    expect(mocked.getTrainingJob).toHaveBeenCalledTimes(2);
    expect(ended).toHaveBeenCalledWith(uuid(2));
    watches.dispose();
  });

  it('leases a v2 job as soon as it is watched, not at the next renewal', async () => {
    const watches = new WatchesModel({ events: new FakeEvents() as never });
    await watches.start();
    await flush();
    watchJob(watches.list, 3, 'Pending');
    await flush();
    expect(mocked.leaseTrainingJobWatch).toHaveBeenCalledWith(
      uuid(3),
      undefined
    );
    watches.dispose();
  });
});

describe('Live with v2 jobs', () => {
  function setUp() {
    const events = new FakeEvents();
    const models = new PanelModels({ confirm: async () => true });
    const watches = new WatchesModel({ events: events as never });
    const commands = new CommandRegistry();
    const opened = jest.fn();
    commands.addCommand(RunCommandIDs.openDetails, {
      execute: args => opened(args)
    });
    Live.connect(models, watches);
    Live.notifyEnds(
      { commands } as unknown as JupyterFrontEnd,
      watches.list,
      trans
    );
    return { events, models, watches, opened };
  }

  it('watches the v2 jobs running on the home view and notifies when one ends', async () => {
    const { events, models, watches, opened } = setUp();
    await models.start();
    models.trainingJobs.refresher.setVisible(true);
    await watches.start();
    await flush(FRAME);
    expect(watches.list.has(SCOPE, uuid(2))).toBe(true);
    expect(watches.list.has(SCOPE, uuid(1))).toBe(false); // completed
    const emit = jest.spyOn(Notification, 'emit');
    events.pushJob(makeTrainingJob(2, 'Terminated'));
    expect(emit).toHaveBeenCalledTimes(1);
    const [message, type, options] = emit.mock.calls[0];
    expect(message).toBe('job-2 ended: Stopped after 0:01:30.');
    expect(type).toBe('warning');
    options!.actions![0].callback(new MouseEvent('click'));
    expect(opened).toHaveBeenCalledWith({ jobId: SCOPE, runId: uuid(2) });
    emit.mockRestore();
    models.dispose();
    watches.dispose();
  });

  it('watches a v2 job the user stopped', async () => {
    const { models, watches } = setUp();
    await models.start();
    models.trainingJobs.refresher.setVisible(true);
    await flush(FRAME);
    watches.list.unwatch(SCOPE, uuid(2)); // not watched implicitly any more
    mocked.stopTrainingJob.mockResolvedValue({ is_success: true });
    expect(await models.trainingJobStops.stop(uuid(2))).toBe('stopped');
    expect(watches.list.has(SCOPE, uuid(2))).toBe(true);
    models.dispose();
    watches.dispose();
  });

  it('watches a running v2 job picked in the job picker', async () => {
    const { models, watches } = setUp();
    mocked.listTrainingJobs.mockResolvedValue({
      total: 2,
      offset: 0,
      limit: 20,
      has_more: false,
      items: [makeTrainingJob(5, 'Pending'), makeTrainingJob(6)]
    });
    mockedClient.listJobs.mockResolvedValue({
      is_success: true,
      job_total_count: 0,
      jobs: []
    });
    await models.search.load();
    models.search.pickTrainingJob(uuid(6));
    expect(watches.list.has(SCOPE, uuid(6))).toBe(false); // completed
    models.search.pickTrainingJob(uuid(5));
    expect(watches.list.has(SCOPE, uuid(5))).toBe(true);
    models.dispose();
    watches.dispose();
  });
});

describe('the Running sidebar section with v2 jobs', () => {
  it('lists a watched v2 job by its name, opens its details and stops it as v2', async () => {
    const confirm = jest.fn().mockResolvedValue(true);
    const models = new PanelModels({ confirm });
    const list = new WatchList();
    const { managers, section } = fakeRunningManagers();
    const openTrainingJob = jest.fn();
    addRunningSection(managers, {
      list,
      stops: models.stops,
      trainingJobStops: models.trainingJobStops,
      trans,
      open: jest.fn(),
      openTrainingJob
    });
    watchJob(list, 2);
    const [item] = section().running({ mode: 'list' });
    expect(item.context).toBe(`${SCOPE}:${uuid(2)}`);
    expect(item.label()).toBe('job-2');
    item.open!();
    expect(openTrainingJob).toHaveBeenCalledWith(uuid(2));

    mocked.stopTrainingJob.mockResolvedValue({ is_success: true });
    item.shutdown!();
    await flush();
    expect(confirm).toHaveBeenCalledWith(
      expect.objectContaining({ api: 'v2', runId: uuid(2), runName: 'job-2' })
    );
    expect(mocked.stopTrainingJob).toHaveBeenCalledWith(uuid(2), undefined);
    expect(mockedClient.stopVersion).not.toHaveBeenCalled();
    expect(section().running({ mode: 'list' })[0].shutdown).toBeUndefined();
    models.dispose();
  });
});
