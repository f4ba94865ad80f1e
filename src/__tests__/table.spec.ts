/**
 * The runs table, banner and panel rendering real models whose REST layer is
 * mocked at its module boundary (jest.mock('../api/client') replaces only
 * the HTTP calls).
 */
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import * as api from '../api/client';
import { IVersion, IVersionSummary } from '../api/contract';
import { ModelArtsRequestError } from '../api/request';
import { PanelModels, StopFlow } from '../models';
import { SessionFooter } from '../widgets/SessionFooter';
import { StatusBanner } from '../widgets/StatusBanner';
import { RunsTable as VersionsTable } from '../widgets/table/RunsTable';
import { RowWindow } from '../widgets/table/window';
import { VersionsPanel } from '../widgets/VersionsPanel';
import {
  Code as JobStatus,
  SESSION_FIELDS,
  makeList,
  makeVersion,
  EMULATOR_SESSION
} from './fixtures';

jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;
const trans = nullTranslator.load('jupyterlab_modelarts');
const N = 2000;

function manyVersions(): Array<IVersion & IVersionSummary> {
  return Array.from({ length: N }, (_, i) =>
    makeVersion(N - i, i < 3 ? JobStatus.RUNNING : JobStatus.COMPLETED)
  );
}

function rowOf(table: VersionsTable, versionId: number | string): HTMLElement {
  const row = table.node.querySelector<HTMLElement>(
    `tr[data-version-id="${versionId}"]`
  );
  if (!row) {
    throw new Error(`no row for version ${versionId}`);
  }
  return row;
}

function stopButton(table: VersionsTable, versionId: number | string) {
  return rowOf(table, versionId).querySelector<HTMLButtonElement>(
    'button.jp-ModelArts-stopButton'
  )!;
}

describe('RunsTable', () => {
  let models: PanelModels;
  let table: VersionsTable;
  let confirm: jest.Mock<Promise<boolean>, [StopFlow.IRequest]>;

  beforeEach(async () => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    mocked.getSession.mockResolvedValue(EMULATOR_SESSION);
    mocked.listVersions.mockResolvedValue(makeList(manyVersions()));
    confirm = jest.fn().mockResolvedValue(true);
    models = new PanelModels({ confirm });
    models.versions.refresher.setVisible(true);
    models.versions.setJob('42');
    await jest.advanceTimersByTimeAsync(0);
    table = createTable();
    Widget.attach(table, document.body);
    table.render(models.versions.lastUpdated!);
  });

  function createTable(pageSize?: number): VersionsTable {
    const { versions, selection, stops } = models;
    return new VersionsTable({ versions, selection, stops, trans, pageSize });
  }

  afterEach(() => {
    table.dispose();
    models.dispose();
    jest.useRealTimers();
  });

  /**
   * Lay the table out as a browser would: rows of 30 px (the stylesheet's
   * height) in a 300 px tall scroller (jsdom has no layout).
   */
  function layOut(height = 300): void {
    const element = table.node.querySelector('table')!;
    element.style.setProperty('--jp-modelarts-row-height', '30px');
    Object.defineProperty(table.node, 'clientHeight', {
      configurable: true,
      value: height
    });
    table.render(models.versions.lastUpdated!);
  }

  const rows = () =>
    table.node.querySelectorAll<HTMLElement>(
      'tbody tr.jp-ModelArts-VersionRow'
    );

  it('renders the newest versions first, the first rows until laid out', () => {
    expect(rows()).toHaveLength(VersionsTable.PAGE_SIZE);
    expect(rows()[0].dataset.versionId).toBe(String(N));
    expect(
      table.node.querySelector('table')!.getAttribute('aria-rowcount')
    ).toBe(String(N + 1));
    expect(rows()[0].getAttribute('aria-rowindex')).toBe('2');
  });

  it('holds only the rows in view plus the overscan, wherever it scrolls', () => {
    layOut();
    // 300 px of 30 px rows: 10 in view, one partly, and the overscan below.
    const inView = 11 + RowWindow.OVERSCAN;
    expect(rows()).toHaveLength(inView);
    const spacers = table.node.querySelectorAll<HTMLElement>(
      'tbody tr.jp-ModelArts-spacer'
    );
    expect(spacers[1].style.height).toBe(`${(N - inView) * 30}px`);
    table.node.scrollTop = 30 * 1000;
    table.node.dispatchEvent(new Event('scroll'));
    expect(rows().length).toBeLessThanOrEqual(inView + RowWindow.OVERSCAN);
    expect(rows()[0].getAttribute('aria-rowindex')).toBe(
      String(1000 - RowWindow.OVERSCAN + 2)
    );
    expect(spacers[0].style.height).toBe(
      `${(1000 - RowWindow.OVERSCAN) * 30}px`
    );
  });

  it('moves the selection over runs not rendered yet (End, Home)', () => {
    layOut();
    rowOf(table, N).click();
    rowOf(table, N).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'End', bubbles: true })
    );
    expect(models.selection.selectedId).toBe('1');
    const last = rowOf(table, 1);
    expect(last.getAttribute('aria-rowindex')).toBe(String(N + 1));
    expect(document.activeElement).toBe(last);
    expect(rows().length).toBeLessThan(3 * RowWindow.OVERSCAN + 12);
    last.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Home', bubbles: true })
    );
    expect(models.selection.selectedId).toBe(String(N));
    expect(document.activeElement).toBe(rowOf(table, N));
  });

  it('renders the DOM hooks of a row', () => {
    const running = rowOf(table, N);
    const badge = running.querySelector<HTMLElement>(
      '.jp-ModelArts-StatusBadge'
    )!;
    expect(badge.dataset.status).toBe('Running');
    expect(badge.textContent).toBe('Running');
    expect(badge.querySelector('svg')).not.toBeNull();
    expect(running.querySelector('.jp-ModelArts-cell-name')!.textContent).toBe(
      `V${N}`
    );
    expect(
      running.querySelector('.jp-ModelArts-cell-duration')!.textContent
    ).toBe('1:02:03');
    expect(running.querySelector('time')!.dateTime).toBe(
      new Date(makeVersion(N).create_time!).toISOString()
    );
  });

  it('enables Stop only on running versions, saying why otherwise', () => {
    const enabled = stopButton(table, N);
    expect(enabled.disabled).toBe(false);
    expect(enabled.getAttribute('aria-disabled')).toBe('false');
    expect(enabled.getAttribute('aria-label')).toBe(
      `Stop version V${N} of resnet-train`
    );
    const disabled = stopButton(table, N - 10);
    expect(disabled.disabled).toBe(true);
    expect(disabled.getAttribute('aria-disabled')).toBe('true');
    expect(disabled.title).toContain('Only running versions can be stopped');
  });

  it('updates 2,000 rows in place, touching only the rows that changed', () => {
    table.dispose();
    table = createTable(N + 1);
    Widget.attach(table, document.body);
    table.render(models.versions.lastUpdated!);
    expect(rows()).toHaveLength(N);
    const untouched = rowOf(table, N - 100);
    const next = manyVersions();
    next[5] = makeVersion(N - 5, JobStatus.FAILED);
    next.unshift(makeVersion(N + 1, JobStatus.WAITING));
    mocked.listVersions.mockResolvedValue(makeList(next));

    const records: MutationRecord[] = [];
    const observer = new MutationObserver(found => records.push(...found));
    observer.observe(table.node, {
      attributes: true,
      characterData: true,
      childList: true,
      subtree: true
    });
    return models.versions.refresh().then(async () => {
      await jest.advanceTimersByTimeAsync(0);
      table.render(models.versions.lastUpdated!);
      const touched = new Set<string>();
      records.push(...observer.takeRecords());
      for (const record of records) {
        if (record.attributeName === 'aria-rowindex') {
          // A new first run moves every row down one place (issue 13:
          // rows say where they are among all runs).
          continue;
        }
        const target =
          record.target instanceof Element
            ? record.target
            : record.target.parentElement;
        const row = target?.closest<HTMLElement>('tr');
        for (const added of Array.from(record.addedNodes)) {
          if (
            added instanceof HTMLElement &&
            added.matches('tr.jp-ModelArts-VersionRow')
          ) {
            touched.add(added.dataset.versionId!);
          }
        }
        if (row && row.parentElement?.tagName === 'TBODY') {
          touched.add(row.dataset.versionId ?? '?');
        }
      }
      observer.disconnect();
      // The new row, the changed row and the former first row (tab stop).
      expect([...touched].sort()).toEqual(
        [String(N + 1), String(N), String(N - 5)].sort()
      );
      expect(rowOf(table, N - 100)).toBe(untouched);
      expect(rows()).toHaveLength(N + 1);
      expect(
        rowOf(table, N - 5).querySelector<HTMLElement>(
          '.jp-ModelArts-StatusBadge'
        )!.dataset.status
      ).toBe('Failed');
    });
  });

  it('ticks the duration of running versions only', () => {
    const start = models.versions.lastUpdated!;
    table.tick(start + 5000);
    expect(
      rowOf(table, N).querySelector('.jp-ModelArts-cell-duration')!.textContent
    ).toBe('1:02:08');
    expect(
      rowOf(table, N - 10).querySelector('.jp-ModelArts-cell-duration')!
        .textContent
    ).toBe('1:02:03');
  });

  it('selects rows by click and arrow keys', () => {
    rowOf(table, N - 1).click();
    expect(models.selection.selectedId).toBe(String(N - 1));
    table.render(models.versions.lastUpdated!);
    const selected = rowOf(table, N - 1);
    expect(selected.getAttribute('aria-selected')).toBe('true');
    expect(selected.tabIndex).toBe(0);
    expect(rowOf(table, N).tabIndex).toBe(-1);
    selected.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })
    );
    expect(models.selection.selectedId).toBe(String(N - 2));
    expect(rowOf(table, N - 2).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(rowOf(table, N - 2));
  });

  it('shows "Stopping…" and cannot send a second stop', async () => {
    let finish: () => void = () => undefined;
    mocked.stopVersion.mockImplementation(
      () =>
        new Promise(resolve => (finish = () => resolve({ is_success: true })))
    );
    stopButton(table, N).click();
    await jest.advanceTimersByTimeAsync(0);
    table.render(models.versions.lastUpdated!);
    const button = stopButton(table, N);
    expect(button.textContent).toBe('Stopping…');
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    button.disabled = false; // even a forced second click is ignored
    button.click();
    await jest.advanceTimersByTimeAsync(0);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(mocked.stopVersion).toHaveBeenCalledTimes(1);
    finish();
    await jest.advanceTimersByTimeAsync(0);
  });
});

describe('StatusBanner', () => {
  let models: PanelModels;
  let banner: StatusBanner;

  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    models = new PanelModels();
    models.versions.refresher.setVisible(true);
    const { versions, session } = models;
    banner = new StatusBanner({ versions, session, trans });
  });

  afterEach(() => {
    banner.dispose();
    models.dispose();
    jest.useRealTimers();
  });

  it('asks for a job, then shows loading and empty states', async () => {
    expect(banner.node.dataset.state).toBe('no-job');
    mocked.listVersions.mockResolvedValue(makeList([]));
    models.versions.setJob('42');
    banner.render();
    expect(banner.node.dataset.state).toBe('loading');
    await jest.advanceTimersByTimeAsync(0);
    banner.render();
    expect(banner.node.dataset.state).toBe('no-versions');
    expect(banner.node.textContent).toContain('This job has no versions.');
  });

  it('shows the ModelArts error with a retry, marking old rows stale', async () => {
    mocked.getSession.mockResolvedValue({
      source: 'env',
      region: 'r',
      project_id: 'p',
      endpoint: 'e',
      emulated: false,
      ...SESSION_FIELDS
    });
    mocked.listVersions.mockResolvedValueOnce(makeList([makeVersion(1)]));
    models.versions.setJob('42');
    await jest.advanceTimersByTimeAsync(0);
    mocked.listVersions.mockRejectedValue(
      new ModelArtsRequestError({
        status: 502,
        errorCode: 'ModelArts.4101',
        errorMsg: 'Token expired',
        message: 'ModelArts rejected the credentials'
      })
    );
    await models.versions.refresh();
    await jest.advanceTimersByTimeAsync(0);
    banner.render();
    expect(banner.node.dataset.state).toBe('error');
    expect(banner.node.getAttribute('role')).toBe('alert');
    expect(banner.node.textContent).toContain('ModelArts.4101');
    expect(banner.node.textContent).toContain(
      'ModelArts rejected the credentials'
    );
    expect(banner.node.textContent).toContain('may be out of date');
    expect(models.versions.runs).toHaveLength(1);
    const retry = banner.node.querySelector<HTMLButtonElement>(
      'button.jp-ModelArts-retryButton'
    )!;
    expect(retry.getAttribute('aria-label')).toBe('Retry loading versions');
    mocked.listVersions.mockResolvedValue(makeList([makeVersion(1)]));
    retry.click();
    await jest.advanceTimersByTimeAsync(0);
    expect(mocked.getSession).toHaveBeenCalled();
    banner.render();
    expect(banner.node.dataset.state).toBe('none');
  });

  it('lists the credential sources tried', async () => {
    mocked.getSession.mockResolvedValue({
      source: null,
      region: 'r',
      project_id: '',
      endpoint: 'e',
      emulated: false,
      ...SESSION_FIELDS,
      error: 'No credentials found',
      sources_tried: [
        { name: 'env', reason: 'HUAWEICLOUD_SDK_AK is not set' },
        { name: 'metadata', reason: 'not on ECS' }
      ]
    });
    await models.start();
    banner.render();
    expect(banner.node.dataset.state).toBe('no-credentials');
    // The server's summary repeats the list, so only the list is shown.
    expect(banner.node.textContent).not.toContain('No credentials found');
    const items = banner.node.querySelectorAll('li[data-source]');
    expect(Array.from(items).map(i => i.textContent)).toEqual([
      'env: HUAWEICLOUD_SDK_AK is not set',
      'metadata: not on ECS'
    ]);
  });

  it("shows the doctor's next step, steps and command", async () => {
    mocked.getSession.mockResolvedValue({
      source: null,
      region: 'r',
      project_id: 'p',
      endpoint: 'e',
      emulated: false,
      ...SESSION_FIELDS,
      notebook: true,
      error: 'No credentials found',
      sources_tried: [{ name: 'notebook session', reason: 'no SDK' }],
      doctor: {
        command: 'jupyter modelarts doctor',
        next_step: 'Set notebook_python to the kernel interpreter.',
        steps: [
          { step: 'ModelArts notebook', ok: true, outcome: 'detected' },
          {
            step: 'credential source: notebook session',
            ok: false,
            outcome: 'no SDK'
          }
        ]
      }
    });
    await models.start();
    banner.render();
    expect(banner.node.dataset.state).toBe('no-credentials');
    const node = banner.node;
    expect(node.querySelector('.jp-ModelArts-nextStep')!.textContent).toBe(
      'Set notebook_python to the kernel interpreter.'
    );
    const steps = Array.from(
      node.querySelectorAll<HTMLElement>('li.jp-ModelArts-doctorStep')
    );
    expect(steps.map(step => [step.dataset.ok, step.textContent])).toEqual([
      ['true', 'OK ModelArts notebook: detected'],
      ['false', 'failed credential source: notebook session: no SDK']
    ]);
    // The doctor's steps name the sources, so they are not listed twice.
    expect(node.querySelector('li[data-source]')).toBeNull();
    const command = node.querySelector('.jp-ModelArts-doctorCommand')!;
    expect(command.textContent).toBe(
      'Run jupyter modelarts doctor in a terminal for details.'
    );
    expect(command.querySelector('code')!.textContent).toBe(
      'jupyter modelarts doctor'
    );
    expect(
      node.querySelector('button.jp-ModelArts-retryButton')
    ).not.toBeNull();
  });
});

describe('SessionFooter', () => {
  it('names the source, region, endpoint and the session detail', async () => {
    jest.resetAllMocks();
    mocked.getSession.mockResolvedValue({
      source: 'notebook session',
      region: 'cn-north-4',
      project_id: 'p',
      endpoint: 'https://modelarts.example',
      emulated: false,
      ...SESSION_FIELDS,
      notebook: true,
      detail: '/home/ma-user/anaconda3/envs/py3/bin/python'
    });
    const models = new PanelModels();
    const footer = new SessionFooter({ session: models.session, trans });
    await models.session.load();
    footer.render();
    expect(footer.node.textContent).toBe(
      'Session: notebook session · cn-north-4'
    );
    expect(footer.node.title).toBe(
      'Endpoint: https://modelarts.example\n' +
        'From: /home/ma-user/anaconda3/envs/py3/bin/python'
    );
    footer.dispose();
    models.dispose();
  });
});

describe('VersionsPanel', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    mocked.listVersions.mockResolvedValue(makeList([makeVersion(1)]));
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('polls only while it is shown', async () => {
    const models = new PanelModels();
    const panel = new VersionsPanel({ models, translator: nullTranslator });
    models.versions.setJob('42');
    await jest.advanceTimersByTimeAsync(10000);
    expect(mocked.listVersions).not.toHaveBeenCalled();
    Widget.attach(panel, document.body);
    await jest.advanceTimersByTimeAsync(0);
    expect(mocked.listVersions).toHaveBeenCalledTimes(1);
    expect(panel.node.querySelector('.jp-ModelArts-jobIdInput')).not.toBeNull();
    expect(panel.hasClass('jp-ModelArts-Panel')).toBe(true);
    panel.hide();
    await jest.advanceTimersByTimeAsync(20000);
    expect(mocked.listVersions).toHaveBeenCalledTimes(1);
    panel.dispose();
    models.dispose();
  });
});

describe('ids as strings', () => {
  // Above 2^53: a JavaScript number would round it to ...5808.
  const BIG = '9223372036854775807';

  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('keeps a 19-digit id through the model, the row and the stop request', async () => {
    const models = new PanelModels();
    models.stops.confirmStop = false;
    models.versions.refresher.setVisible(true);
    // The wire's version_id is a lossy number; the run's id is the string.
    const version = makeVersion(BIG, JobStatus.RUNNING, {
      version_id: Number(BIG)
    });
    mocked.listVersions.mockResolvedValue(makeList([version]));
    mocked.stopVersion.mockResolvedValue({ is_success: true });
    models.versions.setJob(BIG);
    await jest.advanceTimersByTimeAsync(0);
    expect(mocked.listVersions).toHaveBeenCalledWith(BIG, undefined);
    expect(models.versions.runs[0].id).toBe(BIG);
    const { versions, selection, stops } = models;
    const table = new VersionsTable({ versions, selection, stops, trans });
    Widget.attach(table, document.body);
    table.render(versions.lastUpdated!);
    const row = rowOf(table, BIG);
    expect(row.querySelector('.jp-ModelArts-cell-id')!.textContent).toBe(BIG);
    stopButton(table, BIG).click();
    await jest.advanceTimersByTimeAsync(0);
    expect(selection.selectedId).toBe(BIG);
    expect(mocked.stopVersion).toHaveBeenCalledWith(BIG, BIG, undefined);
    table.dispose();
    models.dispose();
  });
});
