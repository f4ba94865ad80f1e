/**
 * New-version (v2) training jobs as runs: Run.fromTrainingJob, the
 * TrainingJobsModel (windows, search, the stop flow's run source), the v2
 * stop through the same StopFlow, the log preview, and the session's
 * "this API is gone".
 *
 * The REST layer is replaced at its module boundary (jest.mock of
 * '../api/trainingJobs' and '../api/client'); the models run for real.
 */
import { Notification } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import * as client from '../api/client';
import { ITrainingJob } from '../api/contract';
import { ModelArtsRequestError } from '../api/request';
import * as api from '../api/trainingJobs';
import { notifyStops } from '../commands';
import {
  LogPreviewModel,
  PanelModels,
  Run,
  StopFlow,
  TrainingJobsModel
} from '../models';
import { EMULATOR_SESSION, makeTrainingJob as makeJob, uuid } from './fixtures';

jest.mock('../api/trainingJobs');
jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;
const mockedClient = client as jest.Mocked<typeof client>;

function page(items: ITrainingJob[], hasMore = false, offset = 0) {
  return { total: 300, offset, limit: 20, has_more: hasMore, items };
}

function gone(code = 'jupyterlab-modelarts.v1-retired') {
  return new ModelArtsRequestError({
    status: 502,
    errorCode: code,
    errorMsg: 'gone',
    message: 'This region no longer serves old-version training jobs.'
  });
}

/**
 * An animation frame (the poll's immediate ticks wait for one), ms.
 */
const FRAME = 20;

async function flush(ms = 0): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

describe('Run.fromTrainingJob', () => {
  it('is a v2 run with the engine, flavor and nodes of the record', () => {
    const run = Run.fromTrainingJob(makeJob(3, 'Running'));
    expect(run).toMatchObject({
      api: 'v2',
      id: uuid(3),
      name: 'job-3',
      status_kind: 'running',
      stoppable: true,
      duration: 90_000
    });
    expect(run.details).toEqual({
      engine: 'PyTorch',
      engineVersion: 'PyTorch-1.4.0',
      spec: 'modelarts.vm.pnt1.large.eco',
      gpuCount: 1,
      gpuType: 'GP-Pnt1',
      cpu: '8',
      nodes: 2
    });
  });

  it('tolerates a record without algorithm or spec', () => {
    const { algorithm, spec, ...bare } = makeJob(4);
    expect(algorithm && spec).toBeTruthy();
    const run = Run.fromTrainingJob(bare as ITrainingJob);
    expect(run.details.engine).toBe('');
    expect(run.details.nodes).toBe(0);
  });
});

describe('TrainingJobsModel and its stop flow', () => {
  let models: PanelModels;
  let confirm: jest.Mock<Promise<boolean>, [StopFlow.IRequest]>;

  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    Notification.dismiss();
    mockedClient.getSession.mockResolvedValue(EMULATOR_SESSION);
    mocked.listTrainingJobs.mockResolvedValue(
      page([makeJob(2, 'Running'), makeJob(1)], true)
    );
    confirm = jest.fn().mockResolvedValue(true);
    models = new PanelModels({ confirm });
    notifyStops(
      models.trainingJobStops,
      nullTranslator.load('jupyterlab_modelarts')
    );
  });

  afterEach(() => {
    models.dispose();
    jest.useRealTimers();
  });

  async function show(): Promise<TrainingJobsModel> {
    await models.start();
    models.trainingJobs.refresher.setVisible(true);
    await flush();
    return models.trainingJobs;
  }

  it('stands by until shown, then lists a window of runs', async () => {
    await models.start();
    await flush();
    expect(mocked.listTrainingJobs).not.toHaveBeenCalled();
    const jobs = await show();
    expect(mocked.listTrainingJobs).toHaveBeenCalledWith(
      { search: '', offset: 0, limit: TrainingJobsModel.LIMIT },
      undefined
    );
    expect(jobs.runs.map(run => run.id)).toEqual([uuid(2), uuid(1)]);
    expect(jobs.hasMore).toBe(true);
    expect(jobs.findRun(uuid(2))?.api).toBe('v2');
  });

  it('pages by row offset and searches from the first row', async () => {
    const jobs = await show();
    await jobs.page(1);
    await flush(FRAME);
    expect(mocked.listTrainingJobs).toHaveBeenLastCalledWith(
      { search: '', offset: 20, limit: 20 },
      undefined
    );
    void jobs.search(' mnist ');
    // The debounce, then the poll's immediate tick (an animation frame).
    await flush(TrainingJobsModel.DELAY + FRAME);
    expect(mocked.listTrainingJobs).toHaveBeenLastCalledWith(
      { search: 'mnist', offset: 0, limit: 20 },
      undefined
    );
    mocked.listTrainingJobs.mockResolvedValue(page([makeJob(1)]));
    void jobs.refresh();
    await flush(FRAME);
    expect(jobs.hasMore).toBe(false);
    await jobs.page(1);
    await jobs.page(-1);
    expect(jobs.offset).toBe(0);
  });

  it('stops a job with the same confirmation, once, through the v2 route', async () => {
    const jobs = await show();
    let finish: () => void = () => undefined;
    mocked.stopTrainingJob.mockImplementation(
      () =>
        new Promise(resolve => (finish = () => resolve({ is_success: true })))
    );
    const stops = models.trainingJobStops;
    const pending = stops.stop(uuid(2));
    await flush();
    expect(confirm).toHaveBeenCalledWith({
      api: 'v2',
      jobId: TrainingJobsModel.SCOPE,
      jobName: '',
      runId: uuid(2),
      runName: 'job-2'
    });
    expect(stops.stopState(uuid(2))).toBe('stopping');
    expect(await stops.stop(uuid(2))).toBe('ignored');
    mocked.listTrainingJobs.mockResolvedValue(
      page([makeJob(2, 'Terminating'), makeJob(1)])
    );
    finish();
    await expect(pending).resolves.toBe('stopped');
    await flush();
    expect(mocked.stopTrainingJob).toHaveBeenCalledTimes(1);
    expect(mocked.stopTrainingJob).toHaveBeenCalledWith(uuid(2), undefined);
    expect(jobs.findRun(uuid(2))?.status_kind).toBe('stopping');
    expect(stops.stopState(uuid(2))).toBeNull();
    expect(stops.canStop(uuid(1))).toBe(false);
    const messages = Notification.manager.notifications;
    expect(messages).toHaveLength(1);
    expect(messages[0].message).toBe('Stop requested for job-2.');
  });

  it('stops offering v1 when a v1 answer says it is gone', async () => {
    await models.start();
    expect(models.session.serves('v1')).toBe(true);
    mockedClient.listJobs.mockRejectedValue(gone());
    await models.home.load();
    expect(models.session.serves('v1')).toBe(false);
    expect(models.session.serves('v2')).toBe(true);
  });
});

describe('LogPreviewModel', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    mocked.getTrainingJobLogPreview.mockResolvedValue({
      task_id: 'worker-0',
      content: 'epoch 1\nepoch 2',
      current_size: 15,
      full_size: 15,
      ready: true
    });
  });

  afterEach(() => jest.useRealTimers());

  it('reads the first task, follows a running job and reads once more at its end', async () => {
    const model = new LogPreviewModel({ jobId: uuid(2), interval: 5 });
    await model.start();
    expect(model.task).toBeNull();
    model.setRun(Run.fromTrainingJob(makeJob(2, 'Running')));
    await flush();
    expect(model.tasks).toEqual(['worker-0', 'worker-1']);
    expect(mocked.getTrainingJobLogPreview).toHaveBeenCalledWith(
      uuid(2),
      'worker-0',
      undefined
    );
    expect(model.preview?.content).toBe('epoch 1\nepoch 2');
    await flush(5000);
    expect(mocked.getTrainingJobLogPreview).toHaveBeenCalledTimes(2);
    model.setRun(Run.fromTrainingJob(makeJob(2, 'Terminated')));
    await flush();
    expect(mocked.getTrainingJobLogPreview).toHaveBeenCalledTimes(3);
    await flush(20_000);
    expect(mocked.getTrainingJobLogPreview).toHaveBeenCalledTimes(3);
    model.setTask('worker-1');
    await flush();
    expect(mocked.getTrainingJobLogPreview).toHaveBeenLastCalledWith(
      uuid(2),
      'worker-1',
      undefined
    );
    model.dispose();
  });

  it('reads a finished job once', async () => {
    const model = new LogPreviewModel({ jobId: uuid(1) });
    await model.start();
    model.setRun(Run.fromTrainingJob(makeJob(1, 'Completed')));
    await flush(60_000);
    expect(mocked.getTrainingJobLogPreview).toHaveBeenCalledTimes(1);
    expect(model.loading).toBe(false);
    model.dispose();
  });
});
