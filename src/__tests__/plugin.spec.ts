/**
 * The plugin wiring with a stand-in application shell, a real CommandRegistry
 * and StateDB, and a settings object whose changes are emitted like the
 * registry's. The REST layer is mocked at its module boundary
 * (jest.mock('../api/client') replaces only the HTTP calls).
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { StateDB } from '@jupyterlab/statedb';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import * as api from '../api/client';
import { CommandIDs } from '../commands';
import plugins from '../index';
import { Refresher } from '../models';
import schema from '../../schema/plugin.json';
import { VersionsPanel } from '../widgets/VersionsPanel';
import {
  Code as JobStatus,
  SESSION_FIELDS,
  makeList,
  makeVersion
} from './fixtures';

jest.mock('../api/client');

const mocked = api as jest.Mocked<typeof api>;

// The sidebar's plugin is the first of the extension's plugins.
const [plugin] = plugins;

class FakeSettings {
  constructor(public composite: Record<string, unknown>) {}
  readonly changed = new Signal<this, void>(this);
  set(values: Record<string, unknown>): void {
    this.composite = { ...this.composite, ...values };
    this.changed.emit();
  }
}

async function activate(saved: string | null, settings: FakeSettings) {
  const commands = new CommandRegistry();
  let panel: VersionsPanel | null = null;
  const shell = {
    add: jest.fn((widget: Widget) => {
      panel = widget as VersionsPanel;
    }),
    activateById: jest.fn()
  };
  const app = {
    commands,
    shell,
    contextMenu: { addItem: jest.fn() },
    contextMenuHitTest: () => undefined,
    serviceManager: { serverSettings: undefined }
  } as unknown as JupyterFrontEnd;
  const state = new StateDB();
  if (saved !== null) {
    await state.save('jupyterlab-modelarts:versions', { jobId: saved });
  }
  const registry = {
    load: jest.fn().mockResolvedValue(settings),
    transform: jest.fn()
  } as unknown as ISettingRegistry;
  plugin.activate(app, nullTranslator, null, registry, state, null);
  await jest.advanceTimersByTimeAsync(0);
  return { app, commands, shell, state, panel: panel! };
}

describe('plugin', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.resetAllMocks();
    mocked.getSession.mockResolvedValue({
      source: 'notebook',
      region: 'cn-north-4',
      project_id: 'p',
      endpoint: 'e',
      emulated: false,
      ...SESSION_FIELDS
    });
    mocked.listVersions.mockResolvedValue(
      makeList([makeVersion(2, JobStatus.RUNNING), makeVersion(1)])
    );
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('adds the panel to the left area and applies the settings', async () => {
    const settings = new FakeSettings({
      refreshInterval: 7,
      defaultJobId: '77',
      confirmStop: false
    });
    const { shell, panel } = await activate(null, settings);
    expect(shell.add).toHaveBeenCalledWith(panel, 'left', { rank: 850 });
    const { versions, stops } = panel.models;
    expect(versions.jobId).toBe('77');
    expect(versions.refresher.refreshInterval).toBe(7);
    expect(stops.confirmStop).toBe(false);
    expect(versions.refresher.poll.frequency.interval).toBe(7000);
    settings.set({ refreshInterval: 2, confirmStop: true, defaultJobId: '78' });
    expect(versions.refresher.poll.frequency.interval).toBe(2000);
    expect(stops.confirmStop).toBe(true);
    // The job came from the default, so a new default replaces it.
    expect(versions.jobId).toBe('78');
    panel.models.dispose();
  });

  it('prefers the remembered job and remembers new choices', async () => {
    const settings = new FakeSettings({ defaultJobId: '77' });
    const { panel, state } = await activate('55', settings);
    expect(panel.models.versions.jobId).toBe('55');
    settings.set({ defaultJobId: '99' });
    expect(panel.models.versions.jobId).toBe('55');
    panel.models.versions.setJob('66');
    await jest.advanceTimersByTimeAsync(0);
    expect(await state.fetch('jupyterlab-modelarts:versions')).toEqual({
      jobId: '66'
    });
    panel.models.dispose();
  });

  it('opens the panel on a job and stops the selected version', async () => {
    const { commands, shell, panel } = await activate(
      null,
      new FakeSettings({ confirmStop: false })
    );
    await commands.execute(CommandIDs.open, { jobId: 42 });
    expect(shell.activateById).toHaveBeenCalledWith(panel.id);
    const { versions, selection } = panel.models;
    expect(versions.jobId).toBe('42');
    versions.refresher.setVisible(true);
    await jest.advanceTimersByTimeAsync(0);

    expect(commands.isEnabled(CommandIDs.stopSelected)).toBe(false);
    selection.select('1');
    expect(commands.isEnabled(CommandIDs.stopSelected)).toBe(false);
    selection.select('2');
    expect(commands.isEnabled(CommandIDs.stopSelected)).toBe(true);
    mocked.stopVersion.mockResolvedValue({ is_success: true });
    await commands.execute(CommandIDs.stopSelected);
    expect(mocked.stopVersion).toHaveBeenCalledWith('42', '2', undefined);
    expect(commands.isEnabled(CommandIDs.stopSelected)).toBe(false);

    const calls = mocked.listVersions.mock.calls.length;
    await commands.execute(CommandIDs.refresh);
    await jest.advanceTimersByTimeAsync(0);
    expect(mocked.listVersions.mock.calls.length).toBeGreaterThan(calls);
    panel.models.dispose();
  });

  it("starts at the schema's refresh default, the one home of the value", () => {
    expect(Refresher.DEFAULT_INTERVAL).toBe(
      schema.properties.refreshInterval.default
    );
  });
});
