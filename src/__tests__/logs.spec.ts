/**
 * The logs of a run (LogsModel over a mocked REST boundary, LogLines) and
 * their view: the newest lines first, reading on from the last end_line
 * while following, "load older" from the first start_line, one file per
 * node, the error banner.
 */
import { nullTranslator } from '@jupyterlab/translation';
import * as api from '../api/client';
import { ILogChunk, IReadLogQuery } from '../api/contract';
import { ModelArtsRequestError } from '../api/request';
import { LogsModel } from '../models';
import { LogLines } from '../models/logLines';
import { LogsView } from '../widgets/details/LogsView';

jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;
const trans = nullTranslator.load('jupyterlab_modelarts');

/**
 * A log that answers like the server: positions are line numbers (as
 * decimal strings), desc reads newer lines after the base, asc older ones
 * before it; no base: the newest lines.
 */
class FakeLog {
  constructor(public count: number) {}

  read(query: IReadLogQuery): ILogChunk {
    const size = query.lines ?? 50;
    const base = query.base_line;
    let first: number;
    let last: number;
    if (base === undefined) {
      first = Math.max(0, this.count - size);
      last = this.count;
    } else if ((query.order ?? 'desc') === 'desc') {
      first = Number(base) + 1;
      last = Math.min(this.count, first + size);
    } else {
      last = Number(base);
      first = Math.max(0, last - size);
    }
    const lines = [];
    for (let n = first; n < last; n++) {
      lines.push(`${query.log_file} line ${n}`);
    }
    return {
      content: lines.join('\n'),
      lines: lines.length,
      start_line: lines.length ? String(first) : (base ?? ''),
      end_line: lines.length ? String(last - 1) : (base ?? '')
    };
  }
}

function lineNumbers(model: LogsModel): number[] {
  return model.lines.map(line => Number(line.split(' ').pop()));
}

describe('LogsModel', () => {
  let log: FakeLog;

  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    log = new FakeLog(5);
    mocked.listLogFiles.mockResolvedValue({
      log_file_list: ['job-a.0', 'job-a.1']
    });
    mocked.getLogLines.mockImplementation(async (_job, _run, query) =>
      log.read(query)
    );
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  function create(): LogsModel {
    return new LogsModel({
      jobId: '42',
      runId: '7',
      pageSize: 3,
      interval: 2
    });
  }

  it('reads the newest lines, then reads on from the last end_line', async () => {
    const model = create();
    await model.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(mocked.listLogFiles).toHaveBeenCalledWith('42', '7', undefined);
    expect(model.files).toEqual(['job-a.0', 'job-a.1']);
    expect(model.file).toBe('job-a.0');
    expect(mocked.getLogLines).toHaveBeenCalledWith(
      '42',
      '7',
      { log_file: 'job-a.0', lines: 3 },
      undefined
    );
    expect(lineNumbers(model)).toEqual([2, 3, 4]);
    expect(model.hasOlder).toBe(true);

    log.count = 9; // the run wrote four lines: two pages to catch up
    await jest.advanceTimersByTimeAsync(2000);
    expect(mocked.getLogLines).toHaveBeenCalledWith(
      '42',
      '7',
      { log_file: 'job-a.0', lines: 3, base_line: '4' },
      undefined
    );
    expect(lineNumbers(model)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    model.dispose();
  });

  it('loads older lines from the first start_line until there are none', async () => {
    const model = create();
    await model.start();
    await jest.advanceTimersByTimeAsync(0);
    await model.loadOlder();
    expect(mocked.getLogLines).toHaveBeenLastCalledWith(
      '42',
      '7',
      { log_file: 'job-a.0', lines: 3, order: 'asc', base_line: '2' },
      undefined
    );
    expect(lineNumbers(model)).toEqual([0, 1, 2, 3, 4]);
    expect(model.hasOlder).toBe(false);
    model.dispose();
  });

  it('reads once more when the run stops, then no more', async () => {
    const model = create();
    await model.start();
    await jest.advanceTimersByTimeAsync(0);
    log.count = 6;
    model.setFollowing(false);
    await jest.advanceTimersByTimeAsync(0);
    expect(lineNumbers(model)).toEqual([2, 3, 4, 5]);
    const calls = mocked.getLogLines.mock.calls.length;
    log.count = 8;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(mocked.getLogLines.mock.calls.length).toBe(calls);
    model.dispose();
  });

  it('reads another file from its newest lines', async () => {
    const model = create();
    await model.start();
    await jest.advanceTimersByTimeAsync(0);
    model.selectFile('job-a.1');
    await jest.advanceTimersByTimeAsync(0);
    expect(model.file).toBe('job-a.1');
    expect(model.lines).toEqual([
      'job-a.1 line 2',
      'job-a.1 line 3',
      'job-a.1 line 4'
    ]);
    model.dispose();
  });

  it('keeps at most maxLines, dropping the oldest pages', () => {
    const lines = new LogLines(4);
    lines.append({ lines: ['a', 'b', 'c'], start_line: '1', end_line: '3' });
    lines.append({ lines: ['d', 'e'], start_line: '4', end_line: '5' });
    expect(lines.lines).toEqual(['d', 'e']);
    expect(lines.first).toBe('4');
    expect(lines.last).toBe('5');
    expect(lines.hasOlder).toBe(true);
  });
});

describe('LogsView', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows the lines as they grow, and older ones on request', async () => {
    const log = new FakeLog(4);
    mocked.listLogFiles.mockResolvedValue({ log_file_list: ['job-a.0'] });
    mocked.getLogLines.mockImplementation(async (_job, _run, query) =>
      log.read(query)
    );
    const model = new LogsModel({ jobId: '42', runId: '7', pageSize: 3 });
    const view = new LogsView(model, trans);
    expect(view.node.dataset.state).toBe('loading');
    await model.start();
    await jest.advanceTimersByTimeAsync(0);
    const pre = view.node.querySelector('.jp-ModelArts-logLines')!;
    expect(view.node.dataset.state).toBe('lines');
    expect(pre.textContent).toBe(
      'job-a.0 line 1\njob-a.0 line 2\njob-a.0 line 3\n'
    );
    const select = view.node.querySelector('select')!;
    expect(select.value).toBe('job-a.0');
    expect(view.node.textContent).toContain('Following new lines');
    log.count = 5;
    await jest.advanceTimersByTimeAsync(LogsModel.INTERVAL * 1000);
    expect(pre.textContent).toMatch(/line 3\njob-a.0 line 4\n$/);
    const older = view.node.querySelector<HTMLButtonElement>(
      '.jp-ModelArts-logsOlder'
    )!;
    expect(older.hidden).toBe(false);
    older.click();
    await jest.advanceTimersByTimeAsync(0);
    expect(
      pre.textContent!.startsWith('job-a.0 line 0\njob-a.0 line 1\n')
    ).toBe(true);
    expect(older.hidden).toBe(true);
    view.dispose();
    model.dispose();
  });

  it('shows a failed read in the error banner, and retries', async () => {
    mocked.listLogFiles.mockRejectedValueOnce(
      new ModelArtsRequestError({
        status: 502,
        errorCode: 'ModelArts.2818',
        errorMsg: 'the log file is not generated',
        message: 'ModelArts could not read the logs.'
      })
    );
    mocked.listLogFiles.mockResolvedValue({ log_file_list: [] });
    const model = new LogsModel({ jobId: '42', runId: '7' });
    const view = new LogsView(model, trans);
    await model.start();
    await jest.advanceTimersByTimeAsync(0);
    const banner = view.node.querySelector<HTMLElement>(
      '.jp-ModelArts-StatusBanner'
    )!;
    expect(banner.hidden).toBe(false);
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain(
      'ModelArts error ModelArts.2818: ModelArts could not read the logs.'
    );
    banner
      .querySelector<HTMLButtonElement>('.jp-ModelArts-retryButton')!
      .click();
    await jest.advanceTimersByTimeAsync(0);
    expect(banner.hidden).toBe(true);
    expect(view.node.dataset.state).toBe('no-files');
    expect(view.node.textContent).toContain('This version has no logs.');
    view.dispose();
    model.dispose();
  });
});
