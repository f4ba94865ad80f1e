/**
 * The panel's models (versions and polling, session, selection, the stop
 * flow): polling, backoff, standby, the stop flow and errors; and the stop
 * notifications the plugin layer attaches to the stop flow.
 *
 * The REST layer is replaced at its module boundary with
 * jest.mock('../api/client'): that module is the network boundary (every
 * function is one HTTP call), so everything above it — the models, their
 * Poll and the stop flow — runs for real.
 */
import { Notification } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import * as api from '../api/client';
import { ModelArtsRequestError } from '../api/request';
import { notifyStops } from '../commands';
import { PanelModels, StopFlow } from '../models';
import {
  Code as JobStatus,
  SESSION_FIELDS,
  makeList,
  makeVersion
} from './fixtures';

jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;

const SESSION = {
  source: 'emulator',
  region: 'cn-north-4',
  project_id: 'p',
  endpoint: 'http://127.0.0.1:1',
  emulated: true,
  ...SESSION_FIELDS
};

function upstreamError(status = 502, code = 'ModelArts.0001') {
  return new ModelArtsRequestError({
    status,
    errorCode: code,
    errorMsg: 'upstream said no',
    message: 'ModelArts is unavailable'
  });
}

async function flush(ms = 0): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

function setTabHidden(hidden: boolean): void {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible')
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('PanelModels', () => {
  let models: PanelModels;
  let confirm: jest.Mock<Promise<boolean>, [StopFlow.IRequest]>;

  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    setTabHidden(false);
    Notification.dismiss();
    mocked.getSession.mockResolvedValue(SESSION);
    mocked.listVersions.mockResolvedValue(
      makeList([makeVersion(2, JobStatus.RUNNING), makeVersion(1)])
    );
    confirm = jest.fn().mockResolvedValue(true);
    models = new PanelModels({ confirm });
    notifyStops(models.stops, nullTranslator.load('jupyterlab_modelarts'));
  });

  afterEach(() => {
    models.dispose();
    jest.useRealTimers();
  });

  async function startOn(jobId = '42'): Promise<void> {
    await models.start();
    models.versions.refresher.setVisible(true);
    models.versions.setJob(jobId);
    await flush();
  }

  describe('loading', () => {
    it('loads the versions of the chosen job', async () => {
      expect(models.versions.loading).toBe(false);
      await models.start();
      models.versions.refresher.setVisible(true);
      models.versions.setJob(' 42 ');
      expect(models.versions.loading).toBe(true);
      await flush();
      expect(mocked.listVersions).toHaveBeenCalledWith('42', undefined);
      expect(models.versions.loading).toBe(false);
      expect(models.versions.job?.job_name).toBe('resnet-train');
      expect(models.versions.runs.map(r => r.id)).toEqual(['2', '1']);
      expect(models.versions.lastUpdated).not.toBeNull();
      expect(models.session.session?.source).toBe('emulator');
    });

    it('keeps the objects of unchanged versions across refreshes', async () => {
      await startOn();
      const [running, done] = models.versions.runs;
      mocked.listVersions.mockResolvedValue(
        makeList([makeVersion(2, JobStatus.KILLING), makeVersion(1)])
      );
      await models.versions.refresh();
      await flush();
      expect(models.versions.runs[1]).toBe(done);
      expect(models.versions.runs[0]).not.toBe(running);
      expect(models.versions.runs[0].record.status).toBe(JobStatus.KILLING);
    });

    it('changes nothing but the updated time on an unchanged answer', async () => {
      // requestAPI answers a 304 with the previous answer itself.
      const list = makeList([makeVersion(2, JobStatus.RUNNING)]);
      mocked.listVersions.mockResolvedValue(list);
      await startOn();
      const runs = models.versions.runs;
      const before = models.versions.lastUpdated!;
      let changes = 0;
      models.versions.runsChanged.connect(() => {
        if (models.versions.runs !== runs) {
          changes++;
        }
      });
      await flush(1000);
      await models.versions.refresh();
      await flush();
      expect(mocked.listVersions).toHaveBeenCalledTimes(2);
      expect(models.versions.runs).toBe(runs);
      expect(changes).toBe(0);
      expect(models.versions.lastUpdated!).toBeGreaterThan(before);
    });

    it('rejects job ids that are not digits', () => {
      expect(models.versions.setJob('12a')).toBe(false);
      expect(models.versions.jobId).toBeNull();
      expect(models.versions.setJob('7')).toBe(true);
      expect(models.versions.jobId).toBe('7');
      expect(models.versions.setJob('')).toBe(true);
      expect(models.versions.jobId).toBeNull();
    });

    it('emits jobChanged and clears the previous job', async () => {
      const seen: Array<string | null> = [];
      models.versions.jobChanged.connect((_, id) => seen.push(id));
      await startOn('42');
      models.selection.select('2');
      models.versions.setJob('43');
      expect(seen).toEqual(['42', '43']);
      expect(models.versions.runs).toHaveLength(0);
      expect(models.selection.selectedId).toBeNull();
    });

    it('ignores an answer for a job that is no longer chosen', async () => {
      let resolveOld: (value: ReturnType<typeof makeList>) => void = () =>
        undefined;
      mocked.listVersions.mockImplementationOnce(
        () => new Promise(resolve => (resolveOld = resolve))
      );
      mocked.listVersions.mockResolvedValueOnce(
        makeList([makeVersion(9)], 43, 'other')
      );
      await startOn('42');
      models.versions.setJob('43');
      await flush();
      resolveOld(makeList([makeVersion(1)], 42, 'old'));
      await flush();
      expect(models.versions.job?.job_name).toBe('other');
      expect(models.versions.runs.map(r => r.id)).toEqual(['9']);
    });
  });

  describe('polling', () => {
    it('refreshes at the configured interval, applied live', async () => {
      await startOn();
      expect(mocked.listVersions).toHaveBeenCalledTimes(1);
      await flush(5000);
      expect(mocked.listVersions).toHaveBeenCalledTimes(2);
      models.versions.refresher.setRefreshInterval(2);
      await flush();
      expect(models.versions.refresher.poll.frequency.interval).toBe(2000);
      const before = mocked.listVersions.mock.calls.length;
      await flush(2000);
      expect(mocked.listVersions.mock.calls.length).toBe(before + 1);
    });

    it('stands by while the panel is hidden and refreshes on show', async () => {
      await models.start();
      models.versions.setJob('42');
      await flush(20000);
      expect(mocked.listVersions).not.toHaveBeenCalled();
      models.versions.refresher.setVisible(true);
      await flush();
      expect(mocked.listVersions).toHaveBeenCalledTimes(1);
      models.versions.refresher.setVisible(false);
      await flush(20000);
      expect(mocked.listVersions).toHaveBeenCalledTimes(1);
    });

    it('stands by while the browser tab is hidden', async () => {
      await startOn();
      setTabHidden(true);
      await flush(30000);
      // The poll lingers for one tick before it stands by.
      const whileHidden = mocked.listVersions.mock.calls.length;
      expect(whileHidden).toBeLessThanOrEqual(2);
      await flush(30000);
      expect(mocked.listVersions.mock.calls.length).toBe(whileHidden);
      setTabHidden(false);
      await flush();
      expect(mocked.listVersions.mock.calls.length).toBe(whileHidden + 1);
    });

    it('stands by when the server has no credentials', async () => {
      mocked.getSession.mockResolvedValue({
        ...SESSION,
        source: null,
        error: 'No credentials found',
        sources_tried: [{ name: 'env', reason: 'HUAWEICLOUD_SDK_AK unset' }]
      });
      await startOn();
      await flush(20000);
      expect(models.session.noCredentials).toBe(true);
      expect(mocked.listVersions).not.toHaveBeenCalled();
    });

    it('backs off on errors and recovers', async () => {
      jest.spyOn(Math, 'random').mockReturnValue(0.999);
      mocked.listVersions.mockRejectedValue(upstreamError());
      await startOn();
      expect(models.versions.error?.errorCode).toBe('ModelArts.0001');
      expect(models.versions.stale).toBe(false);
      expect(models.versions.refresher.poll.state.phase).toBe('rejected');
      // Never sooner than the refresh interval, then growing.
      expect(models.versions.refresher.poll.state.interval).toBe(5000);
      await flush(5000);
      expect(mocked.listVersions).toHaveBeenCalledTimes(2);
      const second = models.versions.refresher.poll.state.interval;
      expect(second).toBeGreaterThan(5000);
      await flush(second);
      expect(mocked.listVersions).toHaveBeenCalledTimes(3);
      expect(models.versions.refresher.poll.state.interval).toBeGreaterThan(
        second
      );
      mocked.listVersions.mockResolvedValue(makeList([makeVersion(1)]));
      await models.versions.refresh();
      await flush();
      expect(models.versions.error).toBeNull();
      expect(models.versions.refresher.poll.state.interval).toBe(5000);
      jest.spyOn(Math, 'random').mockRestore();
    });

    it('waits at least the Retry-After of a throttled answer', async () => {
      jest.spyOn(Math, 'random').mockReturnValue(0);
      mocked.listVersions.mockRejectedValue(
        new ModelArtsRequestError({
          status: 503,
          errorCode: 'ModelArts.0010',
          errorMsg: 'throttled',
          message: 'Too many requests',
          retryAfter: 60
        })
      );
      await startOn();
      expect(models.versions.refresher.poll.state.interval).toBe(60000);
      await flush(59000);
      expect(mocked.listVersions).toHaveBeenCalledTimes(1);
      await flush(1000);
      expect(mocked.listVersions).toHaveBeenCalledTimes(2);
      jest.spyOn(Math, 'random').mockRestore();
    });

    it('keeps the last good rows, marked stale, on error', async () => {
      await startOn();
      mocked.listVersions.mockRejectedValue(upstreamError(504, 'Timeout'));
      await models.versions.refresh();
      await flush();
      expect(models.versions.runs).toHaveLength(2);
      expect(models.versions.stale).toBe(true);
      expect(models.versions.error?.status).toBe(504);
      mocked.listVersions.mockResolvedValue(makeList([makeVersion(1)]));
      await models.versions.retry();
      await flush();
      expect(models.versions.stale).toBe(false);
      expect(models.versions.runs).toHaveLength(1);
    });

    it('loads a job chosen just before the link goes live', async () => {
      // The home view's leases can be granted between choosing a job and
      // its first request: that request must not wait for the live interval.
      await models.start();
      models.versions.refresher.setVisible(true);
      await flush();
      models.versions.setJob('42');
      models.versions.refresher.setLive(true);
      await flush();
      expect(mocked.listVersions).toHaveBeenCalledTimes(1);
      expect(models.versions.loading).toBe(false);
      expect(models.versions.refresher.poll.state.interval).toBe(60000);
    });

    it('records a failing session request', async () => {
      mocked.getSession.mockRejectedValue(upstreamError(404, 'HTTP 404'));
      await models.start();
      expect(models.session.error?.status).toBe(404);
      expect(models.session.noCredentials).toBe(false);
    });
  });

  describe('stop', () => {
    it('confirms, stops once, notifies and follows up until settled', async () => {
      await startOn();
      let finish: () => void = () => undefined;
      mocked.stopVersion.mockImplementation(
        () =>
          new Promise(resolve => {
            finish = () => resolve({ is_success: true });
          })
      );
      const pending = models.stops.stop('2');
      await flush();
      expect(confirm).toHaveBeenCalledWith({
        jobId: '42',
        jobName: 'resnet-train',
        runId: '2',
        runName: 'V0002'
      });
      expect(models.stops.stopState('2')).toBe('stopping');
      expect(models.stops.canStop('2')).toBe(false);
      expect(mocked.stopVersion).toHaveBeenCalledWith('42', '2', undefined);

      mocked.listVersions.mockResolvedValue(
        makeList([makeVersion(2, JobStatus.KILLING), makeVersion(1)])
      );
      const callsBefore = mocked.listVersions.mock.calls.length;
      finish();
      await expect(pending).resolves.toBe('stopped');
      await flush();
      // An immediate refresh, then quick follow-ups while it is killing.
      expect(mocked.listVersions.mock.calls.length).toBe(callsBefore + 1);
      expect(models.stops.stopState('2')).toBeNull();
      expect(models.versions.refresher.poll.frequency.interval).toBe(1000);
      await flush(1000);
      expect(mocked.listVersions.mock.calls.length).toBe(callsBefore + 2);

      const messages = Notification.manager.notifications;
      expect(messages).toHaveLength(1);
      expect(messages[0].type).toBe('success');
      expect(messages[0].message).toContain('resnet-train V0002');

      mocked.listVersions.mockResolvedValue(
        makeList([makeVersion(2, JobStatus.KILLED), makeVersion(1)])
      );
      await flush(1000);
      expect(models.versions.findRun('2')?.record.status).toBe(
        JobStatus.KILLED
      );
      expect(models.versions.refresher.poll.frequency.interval).toBe(5000);
    });

    it('keeps "stopping" until a refresh shows the version stopped', async () => {
      await startOn();
      mocked.stopVersion.mockResolvedValue({ is_success: true });
      // The upstream still reports it running right after the stop.
      await models.stops.stop('2');
      await flush();
      expect(models.stops.stopState('2')).toBe('stopping');
      expect(models.stops.canStop('2')).toBe(false);
      await models.stops.stop('2');
      expect(mocked.stopVersion).toHaveBeenCalledTimes(1);
    });

    it('ignores a second click while the first is pending', async () => {
      await startOn();
      let answer: (ok: boolean) => void = () => undefined;
      confirm.mockImplementation(
        () => new Promise<boolean>(resolve => (answer = resolve))
      );
      mocked.stopVersion.mockResolvedValue({ is_success: true });
      const first = models.stops.stop('2');
      const second = models.stops.stop('2');
      await expect(second).resolves.toBe('ignored');
      expect(models.stops.stopState('2')).toBe('confirming');
      answer(true);
      await expect(first).resolves.toBe('stopped');
      await expect(models.stops.stop('2')).resolves.toBe('ignored');
      expect(confirm).toHaveBeenCalledTimes(1);
      expect(mocked.stopVersion).toHaveBeenCalledTimes(1);
    });

    it('forgets a stop in progress when the job changes', async () => {
      await startOn();
      mocked.stopVersion.mockResolvedValue({ is_success: true });
      await models.stops.stop('2');
      expect(models.stops.stopState('2')).toBe('stopping');
      models.versions.setJob('43');
      expect(models.stops.stopState('2')).toBeNull();
      expect(models.versions.refresher.poll.frequency.interval).toBe(5000);
    });

    it('sends nothing when the confirmation is declined', async () => {
      await startOn();
      confirm.mockResolvedValue(false);
      await expect(models.stops.stop('2')).resolves.toBe('cancelled');
      expect(mocked.stopVersion).not.toHaveBeenCalled();
      expect(models.stops.stopState('2')).toBeNull();
      expect(models.stops.canStop('2')).toBe(true);
    });

    it('skips the confirmation when confirmStop is off', async () => {
      await startOn();
      models.stops.confirmStop = false;
      mocked.stopVersion.mockResolvedValue({ is_success: true });
      await expect(models.stops.stop('2')).resolves.toBe('stopped');
      expect(confirm).not.toHaveBeenCalled();
    });

    it('ignores versions that are not running', async () => {
      await startOn();
      await expect(models.stops.stop('1')).resolves.toBe('ignored');
      await expect(models.stops.stop('99')).resolves.toBe('ignored');
      expect(confirm).not.toHaveBeenCalled();
      expect(mocked.stopVersion).not.toHaveBeenCalled();
    });

    it('reports a refused stop with the server message and code', async () => {
      await startOn();
      mocked.stopVersion.mockRejectedValue(
        new ModelArtsRequestError({
          status: 409,
          errorCode: 'ModelArts.0105',
          errorMsg: 'The job is not running.',
          message: 'Version V0002 is not running'
        })
      );
      await expect(models.stops.stop('2')).resolves.toBe('failed');
      const [note] = Notification.manager.notifications;
      expect(note.type).toBe('error');
      expect(note.message).toContain('Version V0002 is not running');
      expect(note.message).toContain('ModelArts.0105');
      expect(models.stops.stopState('2')).toBeNull();
      const calls = mocked.listVersions.mock.calls.length;
      await flush();
      expect(mocked.listVersions.mock.calls.length).toBe(calls + 1);
    });

    it('follows up while the server says the run is running, whatever its code', async () => {
      await startOn();
      mocked.stopVersion.mockResolvedValue({ is_success: true });
      await models.stops.stop('2');
      // In review (19): not stoppable, but of kind "running" for the server.
      mocked.listVersions.mockResolvedValue(
        makeList([
          makeVersion(2, 19, {
            status_name: 'JOBSTAT_CHECK_RUNNING',
            status_label: 'In review',
            status_kind: 'running',
            stoppable: false
          }),
          makeVersion(1)
        ])
      );
      await flush(1000);
      expect(models.stops.stopState('2')).toBeNull();
      expect(models.versions.refresher.poll.frequency.interval).toBe(1000);
      mocked.listVersions.mockResolvedValue(
        makeList([makeVersion(2, JobStatus.KILLED), makeVersion(1)])
      );
      await flush(1000);
      expect(models.versions.refresher.poll.frequency.interval).toBe(5000);
    });
  });
});
