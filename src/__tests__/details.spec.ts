/**
 * The run clock (durations never go back), the full record of a version
 * (RunRecord, RunDetailsModel over a mocked REST boundary) and its view.
 */
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import * as api from '../api/client';
import { ModelArtsRequestError } from '../api/request';
import {
  ConsoleLink,
  Run,
  RunClock,
  RunDetailsModel,
  RunRecord
} from '../models';
import { RunDetailsView } from '../widgets/details/RunDetailsView';
import { Code, makeVersion } from './fixtures';

jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;
const trans = nullTranslator.load('jupyterlab_modelarts');

const FULL = makeVersion(7, Code.RUNNING, {
  duration: 60_000,
  start_time: 1_700_000_100_000,
  parameter: [
    { label: 'learning_rate', value: 0.01 },
    { label: 'epochs', value: '10' }
  ],
  model_metric_list: JSON.stringify({
    metric: [
      {
        metric_values: { recall: 0.9 },
        metric_meta: { class_name: 'cat', class_id: 0 }
      }
    ],
    total_metric: { total_metric_values: { accuracy: 0.93 } }
  }),
  system_metric_list: { cpuUsage: ['1.0', '3.5'], interval: 1 },
  data_url: '/bucket/data/',
  train_url: '/bucket/output/V0007/',
  log_url: '',
  data_source: [{ type: 'obs', data_url: '/bucket/extra/' }],
  pool_name: 'pool-a'
});

describe('RunClock', () => {
  it('ticks a running run and never goes back on a late refresh', () => {
    const clock = new RunClock();
    const run = Run.fromVersion(
      makeVersion(1, Code.RUNNING, { duration: 10_000 })
    );
    clock.observe(run, 1_000_000);
    expect(clock.elapsed(run, 1_005_000)).toBe(15_000);
    // The next answer was computed a second before it arrived (a cache, time in flight).
    const late = Run.fromVersion(
      makeVersion(1, Code.RUNNING, { duration: 14_000 })
    );
    clock.observe(late, 1_005_000);
    expect(clock.elapsed(late, 1_005_000)).toBe(15_000);
    expect(clock.elapsed(late, 1_006_000)).toBe(16_000);
  });

  it('shows the reported duration of a run that is not running', () => {
    const clock = new RunClock();
    const done = Run.fromVersion(
      makeVersion(1, Code.COMPLETED, { duration: 9_000 })
    );
    clock.observe(done, 1_000_000);
    expect(clock.elapsed(done, 2_000_000)).toBe(9_000);
    const running = Run.fromVersion(
      makeVersion(2, Code.RUNNING, { duration: 0 })
    );
    clock.observeAll([running], 1_000_000);
    clock.observeAll([], 1_001_000);
    expect(clock.elapsed(running, 1_002_000)).toBe(0);
  });
});

describe('RunRecord', () => {
  it('reads parameters, metrics and locations of either wire form', () => {
    expect(RunRecord.parameters(FULL)).toEqual([
      { label: 'learning_rate', value: '0.01' },
      { label: 'epochs', value: '10' }
    ]);
    expect(RunRecord.modelMetrics(FULL)).toEqual([
      { label: 'accuracy', value: '0.93' },
      { label: 'cat · recall', value: '0.9' }
    ]);
    expect(RunRecord.systemMetrics(FULL)).toEqual([
      { label: 'cpuUsage', value: '3.5' }
    ]);
    expect(RunRecord.dataSources(FULL)).toEqual(['/bucket/extra/']);
    expect(RunRecord.modelMetrics({ model_metric_list: 'not json' })).toEqual(
      []
    );
    expect(RunRecord.time({ start_time: 'x' }, 'start_time')).toBe(0);
  });
});

describe('ConsoleLink', () => {
  const place = { region: 'cn-north-4', jobId: '10', versionId: '20' };

  it('builds the console URL from the region and the ids', () => {
    expect(ConsoleLink.url(ConsoleLink.DEFAULT_BASE, place)).toBe(
      'https://console.huaweicloud.com/modelarts/?region=cn-north-4#/trainingJobs/trainingJobDetail?jobId=10&versionId=20'
    );
    expect(
      ConsoleLink.url(
        'https://example.test/{region}/jobs/{jobId}/v/{versionId}',
        place
      )
    ).toBe('https://example.test/cn-north-4/jobs/10/v/20');
    expect(ConsoleLink.url('', { ...place, region: null })).toBeNull();
  });
});

describe('RunDetailsModel and RunDetailsView', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('fetches the full record through the single-version route and renders it', async () => {
    mocked.getVersion.mockResolvedValue(FULL);
    const model = new RunDetailsModel({
      jobId: '42',
      runId: '7',
      jobName: 'resnet'
    });
    const copy = jest.fn();
    const view = new RunDetailsView({ model, trans, copy });
    Widget.attach(view, document.body);
    await jest.advanceTimersByTimeAsync(0);
    expect(mocked.getVersion).toHaveBeenCalledWith('42', '7', undefined);
    view.render();
    const node = view.node;
    expect(node.querySelector('.jp-ModelArts-detailsTitle')!.textContent).toBe(
      'resnet · V0007'
    );
    const sections = Array.from(
      node.querySelectorAll<HTMLElement>('.jp-ModelArts-detailsSection')
    ).map(section => section.dataset.section);
    expect(sections).toEqual([
      'status',
      'resources',
      'parameters',
      'metrics',
      'locations',
      'logs'
    ]);
    const duration = node.querySelector('.jp-ModelArts-detailsDuration')!;
    expect(duration.textContent).toBe('0:01:00');
    await jest.advanceTimersByTimeAsync(3000);
    expect(duration.textContent).toBe('0:01:03');
    const text = node.textContent!;
    expect(text).toContain('learning_rate');
    expect(text).toContain('0.93');
    expect(text).toContain('pool-a');
    expect(node.querySelector('.jp-ModelArts-logsSlot')).not.toBeNull();
    const buttons = Array.from(
      node.querySelectorAll<HTMLButtonElement>('.jp-ModelArts-copyButton')
    );
    expect(buttons.map(button => button.dataset.copy)).toEqual([
      '/bucket/data/',
      '/bucket/output/V0007/',
      '/bucket/extra/'
    ]);
    buttons[1].click();
    expect(copy).toHaveBeenCalledWith('/bucket/output/V0007/', 'Train URL');
    view.dispose();
    expect(model.isDisposed).toBe(true);
  });

  it('shows the error of a failed load', async () => {
    mocked.getVersion.mockRejectedValue(
      new ModelArtsRequestError({
        status: 404,
        errorCode: 'ModelArts.0105',
        errorMsg: 'gone',
        message: 'The version does not exist.'
      })
    );
    const model = new RunDetailsModel({ jobId: '42', runId: '7' });
    const view = new RunDetailsView({ model, trans, copy: jest.fn() });
    Widget.attach(view, document.body);
    await jest.advanceTimersByTimeAsync(0);
    view.render();
    expect(
      view.node.querySelector('.jp-ModelArts-detailsMessage')!.textContent
    ).toBe('ModelArts error ModelArts.0105: The version does not exist.');
    view.dispose();
  });
});
