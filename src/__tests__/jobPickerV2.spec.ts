/**
 * The job picker lists new-version (v2) jobs beside the v1 jobs, marked as
 * such; picking one is told through the search model (its details open).
 * Real models; the REST layer mocked at its module boundary
 * (jest.mock of '../api/client' and '../api/trainingJobs').
 */
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import * as client from '../api/client';
import * as api from '../api/trainingJobs';
import { JobSearchModel, SessionModel, VersionsModel } from '../models';
import { JobPicker } from '../widgets/picker/JobPicker';
import {
  EMULATOR_SESSION,
  makeJob,
  makeList,
  makeTrainingJob,
  uuid
} from './fixtures';

jest.mock('../api/client');
jest.mock('../api/trainingJobs');

const mocked = api as jest.Mocked<typeof api>;
const mockedClient = client as jest.Mocked<typeof client>;
const trans = nullTranslator.load('jupyterlab_modelarts');

describe('JobPicker with new-version jobs', () => {
  let model: VersionsModel;
  let session: SessionModel;
  let search: JobSearchModel;
  let picker: JobPicker;
  let searchInput: HTMLInputElement;

  async function setUp(apis = { v1: true, v2: true }): Promise<void> {
    mockedClient.getSession.mockResolvedValue({ ...EMULATOR_SESSION, apis });
    session = new SessionModel();
    await session.load();
    search = new JobSearchModel({ delay: 10, session, trainingJobs: true });
    picker = new JobPicker({ versions: model, search, session, trans });
    Widget.attach(picker, document.body);
    searchInput = picker.node.querySelector('input.jp-ModelArts-jobSearch')!;
  }

  function options(): HTMLElement[] {
    return Array.from(
      picker.node.querySelectorAll<HTMLElement>('li.jp-ModelArts-jobOption')
    );
  }

  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    mockedClient.listVersions.mockResolvedValue(makeList([]));
    mockedClient.listJobs.mockResolvedValue({
      is_success: true,
      job_total_count: 1,
      jobs: [makeJob(101, 'job-101', 3)]
    });
    mocked.listTrainingJobs.mockResolvedValue({
      total: 300,
      offset: 0,
      limit: JobSearchModel.V2_LIMIT,
      has_more: true,
      items: [makeTrainingJob(7, 'Running')]
    });
    model = new VersionsModel();
  });

  afterEach(() => {
    picker.dispose();
    search.dispose();
    session.dispose();
    model.dispose();
    jest.useRealTimers();
  });

  it('lists both kinds, the v2 jobs marked, and searches both', async () => {
    await setUp();
    searchInput.dispatchEvent(new Event('focus'));
    searchInput.value = 'job';
    searchInput.dispatchEvent(new Event('input'));
    await jest.advanceTimersByTimeAsync(10);
    expect(mocked.listTrainingJobs).toHaveBeenLastCalledWith(
      { search: 'job', offset: 0, limit: JobSearchModel.V2_LIMIT },
      undefined
    );
    const [v1, v2] = options();
    expect(v1.dataset.jobId).toBe('101');
    expect(v2.dataset.jobId).toBeUndefined();
    expect(v2.dataset.trainingJobId).toBe(uuid(7));
    expect(v2.classList).toContain('jp-mod-trainingJob');
    expect(v2.querySelector('.jp-ModelArts-jobOption-kind')!.textContent).toBe(
      'new version'
    );
    expect(v2.textContent).toContain('job-7');
    expect(
      picker.node.querySelector('.jp-ModelArts-jobListStatus')!.textContent
    ).toBe('1 of 1 job, 1 new-version jobs');
  });

  it('tells which v2 job was picked, by click or keyboard, and chooses no v1 job', async () => {
    await setUp();
    const picked = jest.fn();
    search.trainingJobPicked.connect((_, id) => picked(id));
    searchInput.dispatchEvent(new Event('focus'));
    await jest.advanceTimersByTimeAsync(10);
    options()[1].click();
    expect(picked).toHaveBeenCalledWith(uuid(7));
    expect(model.jobId).toBeNull();
    searchInput.dispatchEvent(new Event('focus'));
    for (const key of ['ArrowDown', 'ArrowDown', 'Enter']) {
      searchInput.dispatchEvent(new KeyboardEvent('keydown', { key }));
    }
    expect(picked).toHaveBeenCalledTimes(2);
  });

  it('does not search v2 where the cloud does not serve it', async () => {
    await setUp({ v1: true, v2: false });
    searchInput.dispatchEvent(new Event('focus'));
    await jest.advanceTimersByTimeAsync(10);
    expect(mocked.listTrainingJobs).not.toHaveBeenCalled();
    expect(options().map(option => option.dataset.jobId)).toEqual(['101']);
  });
});
