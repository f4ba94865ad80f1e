/**
 * Watches and the live link: the watch list (explicit, implicit, muted,
 * remembered, ended), leases and pushed changes over a stand-in event stream,
 * the fallback to polling and the reload after a reconnect, the panel's
 * models applying pushes without a request, the notifications of the plugin
 * layer, and the Running sidebar section with the stop flow.
 *
 * The REST layer is mocked at its module boundary (jest.mock('../api/client')).
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { IRunningSessionManagers, IRunningSessions } from '@jupyterlab/running';
import { StateDB } from '@jupyterlab/statedb';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import * as api from '../api/client';
import { CommandIDs } from '../commands';
import { Live } from '../live';
import {
  PanelModels,
  Refresher,
  Run,
  WatchesModel,
  WatchList
} from '../models';
import { addRunningSection } from '../runningSection';
import { Code, makeList, makeVersion, EMULATOR_SESSION } from './fixtures';

import { FakeEvents } from './fakeEvents';

jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;
const trans = nullTranslator.load('jupyterlab_modelarts');

const running = Run.fromVersion(makeVersion(2, Code.RUNNING));
const queued = Run.fromVersion(makeVersion(3, Code.WAITING));
const done = Run.fromVersion(makeVersion(1, Code.COMPLETED));

async function flush(ms = 0): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

beforeEach(() => {
  jest.useFakeTimers();
  jest.resetAllMocks();
  Notification.dismiss();
  mocked.getSession.mockResolvedValue(EMULATOR_SESSION);
  mocked.leaseWatch.mockImplementation(async jobId => ({
    job_id: jobId,
    expires_in: 90,
    renew_every: 30
  }));
  mocked.listVersions.mockResolvedValue(
    makeList([makeVersion(2, Code.RUNNING), makeVersion(1)])
  );
});

afterEach(() => {
  jest.useRealTimers();
});

describe('WatchList', () => {
  it('watches active versions, except ended and unwatched ones', () => {
    const list = new WatchList();
    list.watchActive('42', 'resnet', [running, queued, done]);
    expect(list.runs.map(run => run.runId)).toEqual(['2', '3']);
    list.unwatch('42', '3');
    list.watchActive('42', 'resnet', [queued]);
    expect(list.has('42', '3')).toBe(false);
    list.watch('42', 'resnet', done);
    expect(list.has('42', '1')).toBe(false);
    list.toggle('42', 'resnet', queued);
    expect(list.has('42', '3')).toBe(true);
  });

  it('ends a watched version on a terminal status, once', () => {
    const list = new WatchList();
    const ended = jest.fn();
    list.ended.connect((_, run) => ended(run));
    list.watch('42', 'resnet', running);
    list.observe('42', null, [Run.fromVersion(makeVersion(2, Code.KILLING))]);
    expect(ended).not.toHaveBeenCalled();
    expect(list.runs[0].status_kind).toBe('stopping');
    const failed = Run.fromVersion(makeVersion(2, Code.FAILED));
    list.observe('42', null, [failed]);
    list.observe('42', null, [failed]);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(ended.mock.calls[0][0]).toMatchObject({
      jobName: 'resnet',
      runName: 'V0002',
      status_label: 'Failed',
      duration: 3_723_000
    });
    expect(list.runs).toEqual([]);
  });

  it('remembers watches and unwatched versions in the state database', async () => {
    const state = new StateDB();
    const first = new WatchList({ state });
    first.watch('42', 'resnet', running);
    first.unwatch('42', '3');
    await flush();
    const second = new WatchList({ state });
    await second.restore();
    expect(second.has('42', '2')).toBe(true);
    second.watchActive('42', 'resnet', [queued]);
    expect(second.has('42', '3')).toBe(false);
  });
});

describe('WatchesModel', () => {
  it('leases the jobs, renews them and passes on pushed changes', async () => {
    const events = new FakeEvents();
    const watches = new WatchesModel({ events: events as never });
    const live = jest.fn();
    const pushed = jest.fn();
    watches.liveChanged.connect((_, value) => live(value));
    watches.pushed.connect((_, change) => pushed(change));
    watches.list.watch('7', 'other', running);
    watches.setJobOnScreen('42');
    await watches.start();
    await flush();
    expect(mocked.leaseWatch.mock.calls.map(call => call[0]).sort()).toEqual([
      '42',
      '7'
    ]);
    expect(live).toHaveBeenCalledWith(true);
    expect(watches.live).toBe(true);
    await flush(WatchesModel.RENEW_INTERVAL * 1000);
    expect(mocked.leaseWatch).toHaveBeenCalledTimes(4);

    events.push('99', [makeVersion(5, Code.FAILED)]);
    expect(pushed).not.toHaveBeenCalled(); // not a job of this tab
    const ended = jest.fn();
    watches.list.ended.connect((_, run) => ended(run.runId));
    events.push('7', [makeVersion(2, Code.COMPLETED)]);
    expect(pushed).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledWith('2');
    watches.dispose();
  });

  it('polls the watched jobs without a live link, and reloads once after a reconnect', async () => {
    const events = new FakeEvents();
    const watches = new WatchesModel({ events: events as never });
    const reconnected = jest.fn();
    watches.reconnected.connect(reconnected);
    watches.list.watch('7', 'other', running);
    await watches.start();
    await flush();
    expect(watches.live).toBe(true);
    expect(mocked.listVersions).toHaveBeenCalledTimes(1); // the first look
    mocked.leaseWatch.mockRejectedValue(new Error('offline'));
    await flush(WatchesModel.RENEW_INTERVAL * 1000);
    expect(watches.live).toBe(false);
    expect(mocked.listVersions).toHaveBeenCalledTimes(2); // polling instead
    mocked.leaseWatch.mockResolvedValue({ job_id: '7', expires_in: 90 });
    await flush(WatchesModel.RENEW_INTERVAL * 1000);
    expect(watches.live).toBe(true);
    expect(reconnected).toHaveBeenCalledTimes(1);
    watches.dispose();
  });

  it('polls without an event stream and never leases', async () => {
    const watches = new WatchesModel({ events: null });
    watches.list.watch('7', 'other', running);
    await watches.start();
    await flush(WatchesModel.RENEW_INTERVAL * 1000);
    expect(mocked.leaseWatch).not.toHaveBeenCalled();
    expect(watches.live).toBe(false);
    expect(mocked.listVersions).toHaveBeenCalledTimes(2);
    watches.dispose();
  });
});

describe('Live', () => {
  function setUp() {
    const events = new FakeEvents();
    const models = new PanelModels({ confirm: async () => true });
    const watches = new WatchesModel({ events: events as never });
    const commands = new CommandRegistry();
    const opened = jest.fn();
    commands.addCommand(CommandIDs.open, { execute: args => opened(args) });
    Live.connect(models, watches);
    const settings = Live.notifyEnds(
      { commands } as unknown as JupyterFrontEnd,
      watches.list,
      trans
    );
    return { events, models, watches, opened, settings };
  }

  it('applies pushed changes without a request and slows the polling down', async () => {
    const { events, models, watches } = setUp();
    const { versions } = models;
    await models.start();
    versions.refresher.setVisible(true);
    versions.setJob('42');
    await watches.start();
    await flush();
    expect(watches.live).toBe(true);
    expect(versions.refresher.poll.frequency.interval).toBe(
      Refresher.LIVE_INTERVAL * 1000
    );
    // The version running when the job was opened is watched.
    expect(watches.list.has('42', '2')).toBe(true);
    const calls = mocked.listVersions.mock.calls.length;
    events.push('42', [makeVersion(2, Code.KILLING)]);
    expect(versions.findRun('2')!.status_kind).toBe('stopping');
    expect(versions.findRun('2')!.record.engine_name).toBe('PyTorch');
    await flush(10_000);
    expect(mocked.listVersions.mock.calls.length).toBe(calls);
    // A version not listed yet: one reload.
    events.push('42', [makeVersion(4, Code.RUNNING)], 3);
    await flush();
    expect(mocked.listVersions.mock.calls.length).toBe(calls + 1);
    // A refresh asked for keeps the refresh interval for a while.
    await versions.refresh();
    expect(versions.refresher.poll.frequency.interval).toBe(
      Refresher.DEFAULT_INTERVAL * 1000
    );
    await flush((Refresher.CHECK_PERIOD + Refresher.DEFAULT_INTERVAL) * 1000);
    expect(versions.refresher.poll.frequency.interval).toBe(
      Refresher.LIVE_INTERVAL * 1000
    );
    models.dispose();
    watches.dispose();
  });

  it('notifies when a watched version ends, with an action that opens its job', async () => {
    const { events, models, watches, opened, settings } = setUp();
    await models.start();
    models.versions.refresher.setVisible(true);
    models.versions.setJob('42');
    await watches.start();
    await flush();
    const emit = jest.spyOn(Notification, 'emit');
    events.push('42', [makeVersion(2, Code.FAILED)]);
    expect(emit).toHaveBeenCalledTimes(1);
    const [message, type, options] = emit.mock.calls[0];
    expect(message).toBe('resnet-train V0002 ended: Failed after 1:02:03.');
    expect(type).toBe('error');
    options!.actions![0].callback(new MouseEvent('click'));
    expect(opened).toHaveBeenCalledWith({ jobId: '42' });

    settings.notify = false;
    watches.list.watch(
      '42',
      'resnet-train',
      Run.fromVersion(makeVersion(5, Code.RUNNING))
    );
    events.push('42', [makeVersion(5, Code.COMPLETED)]);
    expect(emit).toHaveBeenCalledTimes(1);
    emit.mockRestore();
    models.dispose();
    watches.dispose();
  });
});

describe('the Running sidebar section', () => {
  it('lists watched running versions and stops one through the stop flow', async () => {
    const confirm = jest.fn().mockResolvedValue(true);
    const models = new PanelModels({ confirm });
    const list = new WatchList();
    let manager: IRunningSessions.IManager | null = null;
    const managers = {
      add: (added: IRunningSessions.IManager) => {
        manager = added;
        return { isDisposed: false, dispose: () => undefined };
      }
    } as unknown as IRunningSessionManagers;
    const open = jest.fn();
    addRunningSection(managers, { list, stops: models.stops, trans, open });
    list.watch('7', 'other', running);
    list.watch('7', 'other', queued);
    const items = manager!.running({ mode: 'list' });
    expect(items.map(item => item.context)).toEqual(['7:2', '7:3']);
    expect(items[0].label()).toBe('other · V0002');
    expect(items[1].shutdown).toBeUndefined(); // queued: not stoppable
    items[0].open!();
    expect(open).toHaveBeenCalledWith('7');

    mocked.stopVersion.mockResolvedValue({ is_success: true });
    items[0].shutdown!();
    await flush();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(mocked.stopVersion).toHaveBeenCalledWith('7', '2', undefined);
    // The guard: no second stop while the first settles.
    expect(manager!.running({ mode: 'list' })[0].shutdown).toBeUndefined();
    models.dispose();
  });
});
