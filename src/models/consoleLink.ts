/**
 * Links to a run in the ModelArts web console.
 *
 * The console's own address of an old-version (v1) training-job version is
 * not documented; the fragment below is a best guess, unverified against a
 * live console. The `consoleBaseUrl` setting overrides the base (other
 * clouds, other regions' consoles) and may place `{region}`, `{jobId}` and
 * `{versionId}` itself; without `{jobId}` the fragment is appended.
 */
export namespace ConsoleLink {
  /**
   * The default console base (Huawei Cloud), `{region}` filled in.
   */
  export const DEFAULT_BASE =
    'https://console.huaweicloud.com/modelarts/?region={region}';

  /**
   * The page of a version in the console, appended to a base that does not
   * name the job itself (unverified).
   */
  export const VERSION_FRAGMENT =
    '#/trainingJobs/trainingJobDetail?jobId={jobId}&versionId={versionId}';

  export interface IPlace {
    region: string | null;
    jobId: string;
    versionId: string;
  }

  /**
   * The console URL of a version, or null when the base needs a region and
   * the session has none.
   */
  export function url(base: string, place: IPlace): string | null {
    const chosen = base.trim() || DEFAULT_BASE;
    const template = chosen.includes('{jobId}')
      ? chosen
      : `${chosen}${VERSION_FRAGMENT}`;
    if (template.includes('{region}') && !place.region) {
      return null;
    }
    const values: Record<string, string> = {
      region: place.region ?? '',
      jobId: place.jobId,
      versionId: place.versionId
    };
    return template.replace(/\{(region|jobId|versionId)\}/g, (_, name) =>
      encodeURIComponent(values[name])
    );
  }
}
