/**
 * The bundled Simplified Chinese catalog through JupyterLab's own translator
 * (a TranslationManager fed the catalog as the server serves it), and dates
 * in the page language JupyterLab sets from the translator.
 */
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import {
  nullTranslator,
  TranslationBundle,
  TranslationManager
} from '@jupyterlab/translation';
import catalog from '../../jupyterlab_modelarts/locale/zh_CN/LC_MESSAGES/jupyterlab_modelarts.json';
import schema from '../../schema/plugin.json';
import { SettingsTranslation } from '../settingsTranslation';
import {
  formatLocalTime,
  formatShortRelativeTime,
  formatUpdated
} from '../widgets/format';
import { StatusBadge } from '../widgets/StatusBadge';

const DOMAIN = 'jupyterlab_modelarts';

async function chinese(): Promise<TranslationBundle> {
  // The shape GET /lab/api/translations/zh_CN answers with.
  const connector = {
    fetch: async () => ({ data: { [DOMAIN]: catalog }, message: '' })
  };
  const manager = new TranslationManager(
    '',
    undefined,
    undefined,
    connector as unknown as ConstructorParameters<typeof TranslationManager>[3]
  );
  await manager.fetch('zh_CN');
  return manager.load(DOMAIN);
}

describe('the zh_CN catalog', () => {
  it('translates the panel, plurals and placeholders included', async () => {
    const trans = await chinese();
    expect(trans.__('ModelArts training versions')).toBe('ModelArts 训练版本');
    expect(trans.__('Stop')).toBe('停止');
    expect(trans._n('%1 version', '%1 versions', 1)).toBe('1 个版本');
    expect(trans._n('%1 version', '%1 versions', 12)).toBe('12 个版本');
    expect(formatUpdated(1000, 8000, trans)).toBe('7 秒前更新');
  });

  it("translates the server's English status labels where they are rendered", async () => {
    const badge = StatusBadge.create(
      {
        status_name: 'JOBSTAT_RUNNING',
        status_label: 'Running',
        status_kind: 'running'
      },
      await chinese()
    );
    expect(badge.textContent).toBe('运行中');
    expect(badge.dataset.status).toBe('Running');
  });

  it('translates the settings schema in the contexts JupyterLab uses', async () => {
    const translated = SettingsTranslation.translateSchema(
      schema as ISettingRegistry.ISchema,
      await chinese()
    );
    expect(translated.description).toBe('ModelArts 训练版本面板的设置。');
    expect(translated.properties?.confirmStop.title).toBe('停止前确认');
    expect(translated.properties?.refreshInterval.default).toBe(5);
    // English stays English, and the schema itself is not changed.
    const english = SettingsTranslation.translateSchema(
      schema as ISettingRegistry.ISchema,
      nullTranslator.load(DOMAIN)
    );
    expect(english).toEqual(schema);
    expect(schema.properties.confirmStop.title).toBe('Confirm before stopping');
  });

  it('registers the translation as the fetch transform of the plugin', async () => {
    const transform = jest.fn();
    const registry = { transform } as unknown as ISettingRegistry;
    SettingsTranslation.register(registry, 'p:plugin', await chinese());
    const [id, { fetch }] = transform.mock.calls[0];
    expect(id).toBe('p:plugin');
    const plugin = { id, schema, data: {}, raw: '{}', version: '1' };
    expect(fetch(plugin).schema.title).toBe('ModelArts');
    expect(fetch(plugin).schema.properties.defaultJobId.title).toBe(
      '默认作业 ID'
    );
  });
});

describe('dates in the page language', () => {
  const lang = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = lang;
  });

  it("follow the language JupyterLab sets from the translator's locale", () => {
    const now = Date.UTC(2026, 10, 29, 12, 0, 0);
    const threeHoursAgo = now - 3 * 3600 * 1000;
    document.documentElement.lang = 'en';
    expect(formatShortRelativeTime(threeHoursAgo, now)).toBe('3h ago');
    document.documentElement.lang = 'zh-CN';
    expect(formatShortRelativeTime(threeHoursAgo, now)).toBe('3小时前');
    expect(formatLocalTime(now)).toMatch(/^2026\/11\/29 \d{2}:00$/);
  });
});
