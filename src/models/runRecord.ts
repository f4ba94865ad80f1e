/**
 * Reading the fields of a version's full record (v1 details route, §5.2 of
 * the API notes) that the details view shows. The wire is loose: numbers
 * arrive as strings and metric lists as JSON-encoded strings or objects,
 * depending on the route; everything here tolerates both and missing
 * fields.
 */
export namespace RunRecord {
  export type Record = Readonly<{ [field: string]: unknown }>;

  /**
   * A label and its value, as shown.
   */
  export interface IEntry {
    readonly label: string;
    readonly value: string;
  }

  /**
   * The fields holding locations, in the order shown; the labels are
   * translated by the view.
   */
  export const URL_FIELDS = [
    'data_url',
    'train_url',
    'log_url',
    'app_url',
    'boot_file_url'
  ] as const;

  export type UrlField = (typeof URL_FIELDS)[number];

  /**
   * A text field, or '' when absent or not text.
   */
  export function text(record: Record, field: string): string {
    const value = record[field];
    return typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : '';
  }

  /**
   * An epoch-ms time field, or 0.
   */
  export function time(record: Record, field: string): number {
    const value = Number(record[field]);
    return Number.isFinite(value) && value > 0 ? value : 0;
  }

  /**
   * The run's hyperparameters (`parameter`: label/value pairs).
   */
  export function parameters(record: Record): IEntry[] {
    const list = record.parameter;
    if (!Array.isArray(list)) {
      return [];
    }
    return list
      .filter(Private.isObject)
      .map(item => ({
        label: Private.show(item.label),
        value: Private.show(item.value)
      }))
      .filter(entry => entry.label !== '');
  }

  /**
   * The model metrics: the totals, then each class's values prefixed by its
   * class name.
   */
  export function modelMetrics(record: Record): IEntry[] {
    const metrics = Private.decode(record.model_metric_list);
    if (!metrics) {
      return [];
    }
    const total = Private.isObject(metrics.total_metric)
      ? Private.entries(metrics.total_metric.total_metric_values)
      : [];
    const perClass: IEntry[] = [];
    const classes = Array.isArray(metrics.metric) ? metrics.metric : [];
    for (const item of classes.filter(Private.isObject)) {
      const meta = Private.isObject(item.metric_meta) ? item.metric_meta : {};
      const name = Private.show(meta.class_name);
      for (const entry of Private.entries(item.metric_values)) {
        const label = name ? `${name} · ${entry.label}` : entry.label;
        perClass.push({ label, value: entry.value });
      }
    }
    return [...total, ...perClass];
  }

  /**
   * The system metrics: the latest value of each series.
   */
  export function systemMetrics(record: Record): IEntry[] {
    const metrics = Private.decode(record.system_metric_list);
    if (!metrics) {
      return [];
    }
    return Object.entries(metrics)
      .filter(([, series]) => Array.isArray(series) && series.length > 0)
      .map(([label, series]) => ({
        label,
        value: Private.show(
          (series as unknown[])[(series as unknown[]).length - 1]
        )
      }));
  }

  /**
   * The data sources' URLs (`data_source[].data_url`) beyond `data_url`.
   */
  export function dataSources(record: Record): string[] {
    const list = record.data_source;
    const main = text(record, 'data_url');
    if (!Array.isArray(list)) {
      return [];
    }
    return list
      .filter(Private.isObject)
      .map(item => Private.show(item.data_url))
      .filter(url => url !== '' && url !== main);
  }
}

namespace Private {
  export function isObject(
    value: unknown
  ): value is { [key: string]: unknown } {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  export function show(value: unknown): string {
    if (typeof value === 'string') {
      return value;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    return value === null || value === undefined ? '' : JSON.stringify(value);
  }

  export function entries(values: unknown): RunRecord.IEntry[] {
    return isObject(values)
      ? Object.entries(values).map(([label, value]) => ({
          label,
          value: show(value)
        }))
      : [];
  }

  /**
   * An object, from itself or its JSON encoding; null otherwise.
   */
  export function decode(value: unknown): { [key: string]: unknown } | null {
    if (typeof value === 'string' && value.trim()) {
      try {
        const parsed: unknown = JSON.parse(value);
        return isObject(parsed) ? parsed : null;
      } catch {
        return null;
      }
    }
    return isObject(value) ? value : null;
  }
}
