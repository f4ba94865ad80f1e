import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { TranslationBundle } from '@jupyterlab/translation';

/**
 * The settings schema in the user's language.
 *
 * JupyterLab's server translates schemas only from its core language packs,
 * not from a catalog an extension bundles, so the plugin translates its own
 * schema through the registry's public `fetch` transform (the schema opts in
 * with `"jupyter.lab.transform": true`). The contexts are JupyterLab's own
 * (`schema` for the top title and description, `settings` for the rest), the
 * ones tools/i18n extracts the strings with.
 */
export namespace SettingsTranslation {
  /**
   * A copy of a schema with its titles and descriptions translated.
   */
  export function translateSchema(
    schema: ISettingRegistry.ISchema,
    trans: TranslationBundle
  ): ISettingRegistry.ISchema {
    const translated: ISettingRegistry.ISchema = { ...schema };
    for (const key of Private.TEXT_KEYS) {
      const text = schema[key];
      if (typeof text === 'string') {
        translated[key] = trans._p('schema', text);
      }
    }
    const label = schema[Private.ICON_LABEL];
    if (typeof label === 'string') {
      translated[Private.ICON_LABEL] = trans._p('settings', label);
    }
    if (schema.properties) {
      const properties: { [name: string]: ISettingRegistry.IProperty } = {};
      for (const [name, property] of Object.entries(schema.properties)) {
        properties[name] = { ...property };
        for (const key of Private.TEXT_KEYS) {
          const text = property[key];
          if (typeof text === 'string') {
            properties[name][key] = trans._p('settings', text);
          }
        }
      }
      translated.properties = properties;
    }
    return translated;
  }

  /**
   * Translate the schema of `pluginId` whenever the registry fetches it;
   * register before the plugin's settings are loaded.
   */
  export function register(
    registry: ISettingRegistry,
    pluginId: string,
    trans: TranslationBundle
  ): void {
    registry.transform(pluginId, {
      fetch: plugin => ({
        ...plugin,
        schema: translateSchema(plugin.schema, trans)
      })
    });
  }
}

namespace Private {
  export const TEXT_KEYS = ['title', 'description'] as const;
  export const ICON_LABEL = 'jupyter.lab.setting-icon-label';
}
