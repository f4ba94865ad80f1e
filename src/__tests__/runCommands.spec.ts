/**
 * The run commands and the rows' context menu with a real CommandRegistry
 * and a stand-in application; the home view over a mocked REST boundary.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';
import * as api from '../api/client';
import { PanelModels } from '../models';
import { addRunCommands, RunCommandIDs } from '../runCommands';
import { HomeView } from '../widgets/HomeView';
import { VersionsPanel } from '../widgets/VersionsPanel';
import {
  Code,
  makeJob,
  makeList,
  makeVersion,
  EMULATOR_SESSION
} from './fixtures';

jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;
const trans = nullTranslator.load('jupyterlab_modelarts');

describe('run commands', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    mocked.getSession.mockResolvedValue({
      ...EMULATOR_SESSION,
      region: 'cn-north-4'
    });
    mocked.listVersions.mockResolvedValue(
      makeList([
        makeVersion(2, Code.RUNNING, { train_url: '/out/V0002/' }),
        makeVersion(1)
      ])
    );
    mocked.getVersion.mockResolvedValue(
      makeVersion(2, Code.RUNNING, { train_url: '/out/V0002/' })
    );
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('act on the row of the context menu, with the stop guard', async () => {
    const commands = new CommandRegistry();
    const menu: string[] = [];
    let hit: HTMLElement | undefined;
    const main: Widget[] = [];
    const app = {
      commands,
      shell: {
        add: (widget: Widget) => main.push(widget),
        activateById: jest.fn()
      },
      contextMenu: {
        addItem: (item: { command: string; selector: string }) => {
          expect(item.selector).toBe('.jp-ModelArts-VersionRow');
          menu.push(item.command);
        }
      },
      contextMenuHitTest: (test: (node: HTMLElement) => boolean) =>
        hit && test(hit) ? hit : undefined
    } as unknown as JupyterFrontEnd;
    const models = new PanelModels({ confirm: () => Promise.resolve(false) });
    const panel = new VersionsPanel({ models, translator: nullTranslator });
    addRunCommands(app, { models, panel, trans, palette: null });
    expect(menu).toEqual([
      RunCommandIDs.openDetails,
      RunCommandIDs.copyId,
      RunCommandIDs.copyTrainUrl,
      RunCommandIDs.openConsole,
      RunCommandIDs.stop
    ]);
    await models.session.load();
    models.versions.refresher.setVisible(true);
    models.versions.setJob('42');
    await jest.advanceTimersByTimeAsync(0);

    hit = document.createElement('tr');
    hit.className = 'jp-ModelArts-VersionRow';
    hit.dataset.versionId = '1';
    const copy = jest.spyOn(Clipboard, 'copyToSystem').mockReturnValue();
    await commands.execute(RunCommandIDs.copyId);
    expect(copy).toHaveBeenLastCalledWith('1');
    // The row is a summary: the train URL is read from the full record.
    expect(commands.isEnabled(RunCommandIDs.copyTrainUrl)).toBe(true);
    expect(commands.isEnabled(RunCommandIDs.stop)).toBe(false);

    hit.dataset.versionId = '2';
    await commands.execute(RunCommandIDs.copyTrainUrl);
    expect(copy).toHaveBeenLastCalledWith('/out/V0002/');
    const open = jest.spyOn(window, 'open').mockReturnValue(null);
    await commands.execute(RunCommandIDs.openConsole);
    expect(open).toHaveBeenCalledWith(
      'https://console.huaweicloud.com/modelarts/?region=cn-north-4#/trainingJobs/trainingJobDetail?jobId=42&versionId=2',
      '_blank',
      'noopener'
    );
    models.consoleBaseUrl = 'https://other.test/?r={region}';
    await commands.execute(RunCommandIDs.openConsole);
    expect(open.mock.calls[1][0]).toMatch(
      /^https:\/\/other\.test\/\?r=cn-north-4#/
    );

    // The same confirmation as the button: declined, nothing is sent.
    expect(commands.isEnabled(RunCommandIDs.stop)).toBe(true);
    await commands.execute(RunCommandIDs.stop);
    expect(mocked.stopVersion).not.toHaveBeenCalled();

    await commands.execute(RunCommandIDs.openDetails);
    expect(main).toHaveLength(1);
    expect(main[0].id).toBe('jupyterlab-modelarts-details-42-2');
    expect(main[0].title.label).toBe('resnet-train · V0002');

    // A click on a run's name asks for its details too.
    Widget.attach(panel, document.body);
    await jest.advanceTimersByTimeAsync(0);
    panel.table.render();
    const name = panel.node.querySelector<HTMLElement>(
      'tr[data-version-id="1"] .jp-ModelArts-runName'
    )!;
    name.click();
    expect(main).toHaveLength(2);
    expect(main[1].id).toBe('jupyterlab-modelarts-details-42-1');
    main.forEach(widget => widget.dispose());
    panel.dispose();
    models.dispose();
    copy.mockRestore();
    open.mockRestore();
  });
});

describe('HomeView', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('lists the newest jobs by page and opens the chosen one', async () => {
    mocked.listJobs.mockResolvedValue({
      job_total_count: 45,
      jobs: [makeJob(7, 'bert'), makeJob(6, 'mnist')]
    });
    mocked.listVersions.mockResolvedValue(makeList([makeVersion(1)]));
    const models = new PanelModels();
    const { home, versions } = models;
    const view = new HomeView({ home, versions, trans });
    Widget.attach(view, document.body);
    view.load();
    await jest.advanceTimersByTimeAsync(0);
    expect(mocked.listJobs).toHaveBeenCalledWith(
      {
        search: '',
        page: 1,
        per_page: PanelModels.HOME_PER_PAGE,
        sort_by: 'create_time',
        order: 'desc'
      },
      undefined
    );
    view.render();
    const items = view.node.querySelectorAll<HTMLButtonElement>(
      '.jp-ModelArts-homeJob'
    );
    expect(Array.from(items).map(item => item.dataset.jobId)).toEqual([
      '7',
      '6'
    ]);
    expect(items[0].querySelector('.jp-ModelArts-StatusBadge')).not.toBeNull();
    expect(
      view.node.querySelector('.jp-ModelArts-pageLabel')!.textContent
    ).toBe('Page 1 of 3');
    view.node
      .querySelector<HTMLButtonElement>('.jp-ModelArts-nextPage')!
      .click();
    await jest.advanceTimersByTimeAsync(0);
    expect(mocked.listJobs.mock.calls[1][0]?.page).toBe(2);
    view.node
      .querySelectorAll<HTMLButtonElement>('.jp-ModelArts-homeJob')[1]
      .click();
    expect(versions.jobId).toBe('6');
    view.render();
    expect(view.isHidden).toBe(true);
    versions.setJob(null);
    await jest.advanceTimersByTimeAsync(0);
    expect(view.isHidden).toBe(false);
    expect(mocked.listJobs).toHaveBeenCalledTimes(3);
    view.dispose();
    models.dispose();
  });
});
