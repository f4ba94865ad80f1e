/**
 * The job picker on a real VersionsModel and JobSearchModel, with the REST
 * layer mocked at its module boundary (jest.mock('../api/client')).
 */
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import * as api from '../api/client';
import { JobSearchModel, VersionsModel } from '../models';
import { JobPicker } from '../widgets/picker/JobPicker';
import { makeJob, makeList } from './fixtures';

jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;
const trans = nullTranslator.load('jupyterlab_modelarts');

function key(target: HTMLElement, name: string): void {
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key: name, bubbles: true })
  );
}

describe('JobPicker', () => {
  let model: VersionsModel;
  let search: JobSearchModel;
  let picker: JobPicker;
  let idInput: HTMLInputElement;
  let searchInput: HTMLInputElement;

  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    mocked.listVersions.mockResolvedValue(makeList([]));
    mocked.listJobs.mockResolvedValue({
      is_success: true,
      job_total_count: 2,
      jobs: [101, 102].map(id => makeJob(id, `job-${id}`, 3))
    });
    model = new VersionsModel();
    search = new JobSearchModel({ delay: 10 });
    picker = new JobPicker({ versions: model, search, trans });
    Widget.attach(picker, document.body);
    idInput = picker.node.querySelector('input.jp-ModelArts-jobIdInput')!;
    searchInput = picker.node.querySelector('input.jp-ModelArts-jobSearch')!;
  });

  afterEach(() => {
    picker.dispose();
    search.dispose();
    model.dispose();
    jest.useRealTimers();
  });

  it('takes a job id, rejecting what is not a number', () => {
    const form = picker.node.querySelector('form')!;
    idInput.value = 'abc';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(model.jobId).toBeNull();
    expect(idInput.getAttribute('aria-invalid')).toBe('true');
    expect(
      picker.node.querySelector('.jp-ModelArts-jobIdError')!.textContent
    ).toContain('A job ID is a number');
    idInput.value = ' 12345 ';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(model.jobId).toBe('12345');
    expect(idInput.getAttribute('aria-invalid')).toBe('false');
  });

  it('shows the chosen job id when the job changes elsewhere', () => {
    idInput.focus();
    model.setJob('777');
    expect(idInput.value).toBe('777');
    idInput.value = '8';
    idInput.dispatchEvent(new Event('input'));
    model.setJob('778');
    expect(idInput.value).toBe('8');
  });

  it('lists and picks jobs by keyboard', async () => {
    searchInput.dispatchEvent(new Event('focus'));
    expect(searchInput.getAttribute('aria-expanded')).toBe('true');
    await jest.advanceTimersByTimeAsync(10);
    const options = picker.node.querySelectorAll<HTMLElement>(
      'li.jp-ModelArts-jobOption[role="option"]'
    );
    expect(Array.from(options).map(o => o.dataset.jobId)).toEqual([
      '101',
      '102'
    ]);
    expect(options[0].textContent).toContain('job-101');
    expect(
      picker.node.querySelector('.jp-ModelArts-jobListStatus')!.textContent
    ).toBe('2 of 2 jobs');
    key(searchInput, 'ArrowDown');
    key(searchInput, 'ArrowDown');
    expect(searchInput.getAttribute('aria-activedescendant')).toBe(
      options[1].id
    );
    key(searchInput, 'Enter');
    expect(model.jobId).toBe('102');
    expect(searchInput.getAttribute('aria-expanded')).toBe('false');
  });

  it('searches as the user types and picks by click', async () => {
    searchInput.dispatchEvent(new Event('focus'));
    searchInput.value = 'job-10';
    searchInput.dispatchEvent(new Event('input'));
    await jest.advanceTimersByTimeAsync(10);
    expect(mocked.listJobs).toHaveBeenLastCalledWith(
      { search: 'job-10', page: 1, per_page: 50 },
      undefined
    );
    picker.node
      .querySelector<HTMLElement>(
        'li.jp-ModelArts-jobOption[data-job-id="101"]'
      )!
      .click();
    expect(model.jobId).toBe('101');
    expect(idInput.value).toBe('101');
  });
});
