/**
 * VersionsModel: polling, backoff, standby, the stop flow and errors.
 *
 * The REST layer is replaced at its module boundary with jest.mock('../api'):
 * that module is the network boundary (every function is one HTTP call), so
 * everything above it — the model, its Poll and the stop flow — runs for real.
 */
import { Notification } from '@jupyterlab/apputils';
import * as api from '../api';
import { VersionsModel } from '../model';
import { ModelArtsRequestError } from '../request';
import { JobStatus } from '../tokens';
import { makeList, makeVersion } from './fixtures';

jest.mock('../api');

const mocked = api as jest.Mocked<typeof api>;

const SESSION = {
  source: 'emulator',
  region: 'cn-north-4',
  project_id: 'p',
  endpoint: 'http://127.0.0.1:1',
  emulated: true
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

describe('VersionsModel', () => {
  let model: VersionsModel;
  let confirm: jest.Mock<Promise<boolean>, [VersionsModel.IStopRequest]>;

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
    model = new VersionsModel({ confirm });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  async function startOn(jobId = '42'): Promise<void> {
    await model.start();
    model.setVisible(true);
    model.setJob(jobId);
    await flush();
  }

  describe('loading', () => {
    it('loads the versions of the chosen job', async () => {
      expect(model.loading).toBe(false);
      await model.start();
      model.setVisible(true);
      model.setJob(' 42 ');
      expect(model.loading).toBe(true);
      await flush();
      expect(mocked.listVersions).toHaveBeenCalledWith('42', undefined);
      expect(model.loading).toBe(false);
      expect(model.job?.job_name).toBe('resnet-train');
      expect(model.versions.map(v => v.version_id)).toEqual([2, 1]);
      expect(model.lastUpdated).not.toBeNull();
      expect(model.session?.source).toBe('emulator');
    });

    it('keeps the objects of unchanged versions across refreshes', async () => {
      await startOn();
      const [running, done] = model.versions;
      mocked.listVersions.mockResolvedValue(
        makeList([makeVersion(2, JobStatus.KILLING), makeVersion(1)])
      );
      await model.refresh();
      await flush();
      expect(model.versions[1]).toBe(done);
      expect(model.versions[0]).not.toBe(running);
      expect(model.versions[0].status).toBe(JobStatus.KILLING);
    });

    it('rejects job ids that are not digits', () => {
      expect(model.setJob('12a')).toBe(false);
      expect(model.jobId).toBeNull();
      expect(model.setJob('7')).toBe(true);
      expect(model.jobId).toBe('7');
      expect(model.setJob('')).toBe(true);
      expect(model.jobId).toBeNull();
    });

    it('emits jobChanged and clears the previous job', async () => {
      const seen: Array<string | null> = [];
      model.jobChanged.connect((_, id) => seen.push(id));
      await startOn('42');
      model.select(2);
      model.setJob('43');
      expect(seen).toEqual(['42', '43']);
      expect(model.versions).toHaveLength(0);
      expect(model.selectedVersionId).toBeNull();
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
      model.setJob('43');
      await flush();
      resolveOld(makeList([makeVersion(1)], 42, 'old'));
      await flush();
      expect(model.job?.job_name).toBe('other');
      expect(model.versions.map(v => v.version_id)).toEqual([9]);
    });
  });

  describe('polling', () => {
    it('refreshes at the configured interval, applied live', async () => {
      await startOn();
      expect(mocked.listVersions).toHaveBeenCalledTimes(1);
      await flush(5000);
      expect(mocked.listVersions).toHaveBeenCalledTimes(2);
      model.configure({ refreshInterval: 2 });
      await flush();
      expect(model.poll.frequency.interval).toBe(2000);
      const before = mocked.listVersions.mock.calls.length;
      await flush(2000);
      expect(mocked.listVersions.mock.calls.length).toBe(before + 1);
    });

    it('stands by while the panel is hidden and refreshes on show', async () => {
      await model.start();
      model.setJob('42');
      await flush(20000);
      expect(mocked.listVersions).not.toHaveBeenCalled();
      model.setVisible(true);
      await flush();
      expect(mocked.listVersions).toHaveBeenCalledTimes(1);
      model.setVisible(false);
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
      expect(model.noCredentials).toBe(true);
      expect(mocked.listVersions).not.toHaveBeenCalled();
    });

    it('backs off on errors and recovers', async () => {
      jest.spyOn(Math, 'random').mockReturnValue(0.999);
      mocked.listVersions.mockRejectedValue(upstreamError());
      await startOn();
      expect(model.error?.errorCode).toBe('ModelArts.0001');
      expect(model.stale).toBe(false);
      expect(model.poll.state.phase).toBe('rejected');
      // Never sooner than the refresh interval, then growing.
      expect(model.poll.state.interval).toBe(5000);
      await flush(5000);
      expect(mocked.listVersions).toHaveBeenCalledTimes(2);
      const second = model.poll.state.interval;
      expect(second).toBeGreaterThan(5000);
      await flush(second);
      expect(mocked.listVersions).toHaveBeenCalledTimes(3);
      expect(model.poll.state.interval).toBeGreaterThan(second);
      mocked.listVersions.mockResolvedValue(makeList([makeVersion(1)]));
      await model.refresh();
      await flush();
      expect(model.error).toBeNull();
      expect(model.poll.state.interval).toBe(5000);
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
      expect(model.poll.state.interval).toBe(60000);
      await flush(59000);
      expect(mocked.listVersions).toHaveBeenCalledTimes(1);
      await flush(1000);
      expect(mocked.listVersions).toHaveBeenCalledTimes(2);
      jest.spyOn(Math, 'random').mockRestore();
    });

    it('keeps the last good rows, marked stale, on error', async () => {
      await startOn();
      mocked.listVersions.mockRejectedValue(upstreamError(504, 'Timeout'));
      await model.refresh();
      await flush();
      expect(model.versions).toHaveLength(2);
      expect(model.stale).toBe(true);
      expect(model.error?.status).toBe(504);
      mocked.listVersions.mockResolvedValue(makeList([makeVersion(1)]));
      await model.retry();
      await flush();
      expect(model.stale).toBe(false);
      expect(model.versions).toHaveLength(1);
    });

    it('records a failing session request', async () => {
      mocked.getSession.mockRejectedValue(upstreamError(404, 'HTTP 404'));
      await model.start();
      expect(model.sessionError?.status).toBe(404);
      expect(model.noCredentials).toBe(false);
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
      const pending = model.stop(2);
      await flush();
      expect(confirm).toHaveBeenCalledWith({
        jobId: '42',
        jobName: 'resnet-train',
        versionId: 2,
        versionName: 'V0002'
      });
      expect(model.stopState(2)).toBe('stopping');
      expect(model.canStop(2)).toBe(false);
      expect(mocked.stopVersion).toHaveBeenCalledWith('42', 2, undefined);

      mocked.listVersions.mockResolvedValue(
        makeList([makeVersion(2, JobStatus.KILLING), makeVersion(1)])
      );
      const callsBefore = mocked.listVersions.mock.calls.length;
      finish();
      await expect(pending).resolves.toBe('stopped');
      await flush();
      // An immediate refresh, then quick follow-ups while it is killing.
      expect(mocked.listVersions.mock.calls.length).toBe(callsBefore + 1);
      expect(model.stopState(2)).toBeNull();
      expect(model.poll.frequency.interval).toBe(1000);
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
      expect(model.findVersion(2)?.status).toBe(JobStatus.KILLED);
      expect(model.poll.frequency.interval).toBe(5000);
    });

    it('keeps "stopping" until a refresh shows the version stopped', async () => {
      await startOn();
      mocked.stopVersion.mockResolvedValue({ is_success: true });
      // The upstream still reports it running right after the stop.
      await model.stop(2);
      await flush();
      expect(model.stopState(2)).toBe('stopping');
      expect(model.canStop(2)).toBe(false);
      await model.stop(2);
      expect(mocked.stopVersion).toHaveBeenCalledTimes(1);
    });

    it('ignores a second click while the first is pending', async () => {
      await startOn();
      let answer: (ok: boolean) => void = () => undefined;
      confirm.mockImplementation(
        () => new Promise<boolean>(resolve => (answer = resolve))
      );
      mocked.stopVersion.mockResolvedValue({ is_success: true });
      const first = model.stop(2);
      const second = model.stop(2);
      await expect(second).resolves.toBe('ignored');
      expect(model.stopState(2)).toBe('confirming');
      answer(true);
      await expect(first).resolves.toBe('stopped');
      await expect(model.stop(2)).resolves.toBe('ignored');
      expect(confirm).toHaveBeenCalledTimes(1);
      expect(mocked.stopVersion).toHaveBeenCalledTimes(1);
    });

    it('forgets a stop in progress when the job changes', async () => {
      await startOn();
      mocked.stopVersion.mockResolvedValue({ is_success: true });
      await model.stop(2);
      expect(model.stopState(2)).toBe('stopping');
      model.setJob('43');
      expect(model.stopState(2)).toBeNull();
      expect(model.poll.frequency.interval).toBe(5000);
    });

    it('sends nothing when the confirmation is declined', async () => {
      await startOn();
      confirm.mockResolvedValue(false);
      await expect(model.stop(2)).resolves.toBe('cancelled');
      expect(mocked.stopVersion).not.toHaveBeenCalled();
      expect(model.stopState(2)).toBeNull();
      expect(model.canStop(2)).toBe(true);
    });

    it('skips the confirmation when confirmStop is off', async () => {
      await startOn();
      model.configure({ confirmStop: false });
      mocked.stopVersion.mockResolvedValue({ is_success: true });
      await expect(model.stop(2)).resolves.toBe('stopped');
      expect(confirm).not.toHaveBeenCalled();
    });

    it('ignores versions that are not running', async () => {
      await startOn();
      await expect(model.stop(1)).resolves.toBe('ignored');
      await expect(model.stop(99)).resolves.toBe('ignored');
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
      await expect(model.stop(2)).resolves.toBe('failed');
      const [note] = Notification.manager.notifications;
      expect(note.type).toBe('error');
      expect(note.message).toContain('Version V0002 is not running');
      expect(note.message).toContain('ModelArts.0105');
      expect(model.stopState(2)).toBeNull();
      const calls = mocked.listVersions.mock.calls.length;
      await flush();
      expect(mocked.listVersions.mock.calls.length).toBe(calls + 1);
    });
  });
});
