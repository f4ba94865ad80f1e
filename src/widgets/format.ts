import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import { IJobVersion, ISessionInfo } from '../tokens';

/**
 * Text formatting shared by the views.
 */

/**
 * A duration in ms as h:mm:ss.
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor((Number(ms) || 0) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${hours}:${pad(minutes)}:${pad(seconds)}`;
}

/**
 * An epoch-ms time in the local time zone, or '' if it is not set.
 */
export function formatLocalTime(epochMs: number | undefined): string {
  return epochMs ? Private.dateTimeFormat().format(new Date(epochMs)) : '';
}

/**
 * An epoch-ms time relative to now ("5 minutes ago").
 */
export function formatRelativeTime(epochMs: number | undefined): string {
  return epochMs ? Time.formatHuman(new Date(epochMs)) : '';
}

/**
 * "Updated N s ago" for the refresh stamp.
 */
export function formatUpdated(
  lastUpdated: number | null,
  now: number,
  trans: TranslationBundle
): string {
  if (lastUpdated === null) {
    return trans.__('Not updated yet');
  }
  const seconds = Math.max(0, Math.round((now - lastUpdated) / 1000));
  if (seconds < 60) {
    return trans.__('Updated %1 s ago', seconds);
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return trans.__('Updated %1 min ago', minutes);
  }
  return trans.__('Updated at %1', formatLocalTime(lastUpdated));
}

/**
 * A one-line engine and resource summary of a version.
 */
export function engineSummary(version: IJobVersion): string {
  const name = version.engine_name ?? '';
  const release = version.engine_version ?? '';
  // ModelArts engine versions often repeat the name ("PyTorch-1.8.0-…").
  const engine =
    name && release.toLowerCase().startsWith(name.toLowerCase())
      ? release
      : [name, release].filter(Boolean).join(' ');
  const parts = [engine, version.spec_code].filter(Boolean);
  return parts.join(' · ');
}

/**
 * The full engine and resource details of a version (for a tooltip).
 */
export function engineDetails(
  version: IJobVersion,
  trans: TranslationBundle
): string {
  const lines: string[] = [];
  const engine = engineSummary(version);
  if (engine) {
    lines.push(engine);
  }
  if (version.gpu_num) {
    lines.push(
      trans.__('GPUs: %1 %2', version.gpu_num, version.gpu_type ?? '').trim()
    );
  }
  if (version.cpu || version.core) {
    lines.push(trans.__('CPU: %1', version.cpu || version.core || ''));
  }
  if (version.worker_server_num) {
    lines.push(trans.__('Nodes: %1', version.worker_server_num));
  }
  return lines.join('\n');
}

/**
 * A readable name of the server's credential source.
 */
export function sourceLabel(
  session: ISessionInfo,
  trans: TranslationBundle
): string {
  if (session.emulated) {
    return trans.__('emulator');
  }
  const source = (session.source ?? '').toLowerCase();
  if (source.includes('notebook')) {
    return trans.__('notebook session');
  }
  if (source.includes('env')) {
    return trans.__('environment variables');
  }
  if (source.includes('metadata')) {
    return trans.__('instance metadata');
  }
  if (source.includes('password') || source.includes('iam')) {
    return trans.__('IAM password');
  }
  if (source.includes('explicit') || source.includes('config')) {
    return trans.__('server configuration');
  }
  return session.source ?? '';
}

namespace Private {
  let formatter: Intl.DateTimeFormat | null = null;
  let formatterLang: string | undefined;

  /**
   * One formatter for all rows, in the page's language like Time.format
   * (creating a formatter per call costs more than the rest of a row).
   */
  export function dateTimeFormat(): Intl.DateTimeFormat {
    const lang = document.documentElement.lang || undefined;
    if (!formatter || lang !== formatterLang) {
      formatterLang = lang;
      formatter = new Intl.DateTimeFormat(lang, {
        dateStyle: 'short',
        timeStyle: 'short'
      });
    }
    return formatter;
  }
}
