/**
 * JobSearchModel with the REST layer mocked at its module boundary
 * (jest.mock('../api/client') replaces the HTTP calls only).
 */
import * as api from '../api/client';
import { IJobList } from '../api/contract';
import { JobSearchModel } from '../models';
import { makeJob } from './fixtures';

jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;

function jobs(...names: string[]): IJobList {
  return {
    is_success: true,
    job_total_count: names.length + 10,
    jobs: names.map((name, i) => makeJob(100 + i, name))
  };
}

describe('JobSearchModel', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('debounces typing into one request', async () => {
    mocked.listJobs.mockResolvedValue(jobs('resnet'));
    const model = new JobSearchModel({ delay: 300 });
    void model.search('r');
    void model.search('re');
    void model.search(' res ');
    await jest.advanceTimersByTimeAsync(299);
    expect(mocked.listJobs).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(mocked.listJobs).toHaveBeenCalledTimes(1);
    expect(mocked.listJobs.mock.calls[0][0]).toEqual({
      search: 'res',
      page: 1,
      per_page: 50
    });
    expect(model.jobs.map(j => j.job_name)).toEqual(['resnet']);
    expect(model.total).toBe(11);
    model.dispose();
  });

  it('keeps only the answer of the latest search', async () => {
    let first: (value: IJobList) => void = () => undefined;
    mocked.listJobs
      .mockImplementationOnce(() => new Promise(resolve => (first = resolve)))
      .mockResolvedValueOnce(jobs('bert'));
    const model = new JobSearchModel();
    const slow = model.load();
    await model.load();
    first(jobs('stale'));
    await slow;
    expect(model.jobs.map(j => j.job_name)).toEqual(['bert']);
    expect(model.loading).toBe(false);
    model.dispose();
  });

  it('records an error', async () => {
    mocked.listJobs.mockRejectedValue(new Error('boom'));
    const model = new JobSearchModel();
    await model.load();
    expect(model.error?.message).toBe('boom');
    expect(model.loading).toBe(false);
    model.dispose();
  });
});
