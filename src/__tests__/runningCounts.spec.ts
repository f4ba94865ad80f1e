/**
 * The home view's running counts: a model over the home job list whose REST
 * layer is mocked at its module boundary, and the home view rendering it.
 */
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import * as api from '../api/client';
import { IVersionSummaryList } from '../api/contract';
import { JobSearchModel, PanelModels, RunningCounts } from '../models';
import { HomeView } from '../widgets/HomeView';
import { Code, makeJob, makeList, makeVersion } from './fixtures';

jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;
const trans = nullTranslator.load('jupyterlab_modelarts');

/**
 * Answers of listVersions the spec resolves when it chooses, by job id.
 */
class Answers {
  constructor() {
    mocked.listVersions.mockImplementation(
      jobId =>
        new Promise<IVersionSummaryList>((resolve, reject) => {
          this.waiting.push({ jobId, resolve, reject });
        })
    );
  }

  /**
   * The job ids asked for and not answered yet, in order.
   */
  get asked(): string[] {
    return this.waiting.map(w => w.jobId);
  }

  /**
   * Answer a job's request with versions of these statuses.
   */
  answer(jobId: string, ...statuses: number[]): void {
    this._take(jobId).resolve(
      makeList(statuses.map((status, i) => makeVersion(i + 1, status)))
    );
  }

  fail(jobId: string): void {
    this._take(jobId).reject(new Error('forbidden'));
  }

  private _take(jobId: string) {
    const index = this.waiting.findIndex(w => w.jobId === jobId);
    expect(index).toBeGreaterThanOrEqual(0);
    return this.waiting.splice(index, 1)[0];
  }

  waiting: {
    jobId: string;
    resolve: (list: IVersionSummaryList) => void;
    reject: (error: Error) => void;
  }[] = [];
}

function listJobs(...ids: number[]): void {
  mocked.listJobs.mockResolvedValue({
    job_total_count: 100,
    jobs: ids.map(id => makeJob(id, `job-${id}`))
  });
}

describe('RunningCounts', () => {
  let jobs: JobSearchModel;
  let counts: RunningCounts;
  let answers: Answers;

  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    answers = new Answers();
    jobs = new JobSearchModel({ perPage: 5 });
    counts = new RunningCounts({ jobs, concurrency: 2 });
  });

  afterEach(() => {
    counts.dispose();
    jobs.dispose();
    jest.useRealTimers();
  });

  it('counts the running versions of the page, a few jobs at a time', async () => {
    listJobs(1, 2, 3, 4);
    await jobs.load();
    expect(answers.asked).toEqual(['1', '2']);
    answers.answer('1', Code.RUNNING, Code.RUNNING, Code.FAILED, Code.WAITING);
    await jest.advanceTimersByTimeAsync(0);
    expect(counts.running('1')).toBe(2);
    expect(answers.asked).toEqual(['2', '3']);
    answers.answer('2', Code.COMPLETED, Code.KILLING);
    answers.fail('3');
    await jest.advanceTimersByTimeAsync(0);
    expect(counts.running('2')).toBe(0);
    expect(counts.running('3')).toBeNull();
    expect(answers.asked).toEqual(['4']);
    answers.answer('4', Code.RUNNING);
    await jest.advanceTimersByTimeAsync(0);
    expect(counts.running('4')).toBe(1);
    expect(answers.asked).toEqual([]);
    // The same page again costs nothing; each job was asked once.
    await jobs.load();
    expect(mocked.listVersions).toHaveBeenCalledTimes(4);
  });

  it('counts only the page shown, and again after a refresh', async () => {
    listJobs(1, 2, 3);
    await jobs.load();
    listJobs(7, 8);
    await jobs.setPage(2);
    answers.answer('1', Code.RUNNING);
    answers.answer('2', Code.RUNNING);
    await jest.advanceTimersByTimeAsync(0);
    // Job 3 is no longer shown: the next requests are page 2's.
    expect(answers.asked).toEqual(['7', '8']);
    answers.answer('7', Code.RUNNING);
    answers.answer('8');
    await jest.advanceTimersByTimeAsync(0);
    expect(mocked.listVersions).toHaveBeenCalledTimes(4);

    counts.refresh();
    expect(answers.asked).toEqual(['7', '8']);
    // The old count shows until the new one arrives.
    expect(counts.running('7')).toBe(1);
    answers.answer('7', Code.COMPLETED);
    await jest.advanceTimersByTimeAsync(0);
    expect(counts.running('7')).toBe(0);
  });

  it('drops an answer that a refresh made old, and asks again', async () => {
    listJobs(1);
    await jobs.load();
    counts.refresh();
    expect(answers.asked).toEqual(['1']);
    answers.answer('1', Code.RUNNING, Code.RUNNING);
    await jest.advanceTimersByTimeAsync(0);
    expect(counts.running('1')).toBeNull();
    expect(answers.asked).toEqual(['1']);
    answers.answer('1', Code.RUNNING);
    await jest.advanceTimersByTimeAsync(0);
    expect(counts.running('1')).toBe(1);
  });
});

describe('HomeView running counts', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows "N running" on a row, nothing when none, and refreshes', async () => {
    const answers = new Answers();
    listJobs(7, 6);
    const models = new PanelModels();
    const { home, versions } = models;
    const view = new HomeView({
      home,
      versions,
      running: models.homeRunning,
      trans
    });
    Widget.attach(view, document.body);
    view.load();
    await jest.advanceTimersByTimeAsync(0);
    view.render();
    const first = view.node.querySelector<HTMLElement>(
      '.jp-ModelArts-homeJob'
    )!;
    first.focus();
    answers.answer('7', Code.RUNNING, Code.COMPLETED);
    answers.answer('6', Code.COMPLETED);
    await jest.advanceTimersByTimeAsync(0);
    const running = () =>
      Array.from(
        view.node.querySelectorAll<HTMLElement>('.jp-ModelArts-homeJob')
      ).map(
        item =>
          item.querySelector('.jp-ModelArts-homeJob-running')?.textContent ??
          null
      );
    expect(running()).toEqual(['1 running', null]);
    // Counts are shown in place: the focused row stays, and keeps the focus.
    expect(view.node.querySelector('.jp-ModelArts-homeJob')).toBe(first);
    expect(document.activeElement).toBe(first);

    // The home view's refresh counts again.
    view.load(true);
    await jest.advanceTimersByTimeAsync(0);
    expect(answers.asked).toEqual(['7', '6']);
    answers.answer('7', Code.RUNNING, Code.RUNNING);
    answers.answer('6', Code.RUNNING);
    await jest.advanceTimersByTimeAsync(0);
    expect(running()).toEqual(['2 running', '1 running']);
    view.dispose();
    models.dispose();
  });
});
