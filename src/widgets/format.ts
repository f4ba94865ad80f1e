import { Time } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ISession } from '../api/contract';
import { IRunDetails } from '../models/run';

/**
 * Text formatting shared by the views.
 *
 * Dates and relative times are formatted by Intl in the translator's
 * language: JupyterLab's translation plugin writes `translator.languageCode`
 * (e.g. `zh-CN`) to `<html lang>` before any extension starts, and a language
 * change reloads the page, so that attribute is read here (as JupyterLab's own
 * `Time.format` does) instead of threading the translator through every view.
 * Durations are digital (h:mm:ss), which reads the same in every supported
 * language.
 */

/**
 * A duration in ms as h:mm:ss.
 */
export function formatDuration(ms: number): string {
  const { MS_PER_SECOND, SECONDS_PER_MINUTE, SECONDS_PER_HOUR } = Private;
  const total = Math.max(0, Math.floor((Number(ms) || 0) / MS_PER_SECOND));
  const hours = Math.floor(total / SECONDS_PER_HOUR);
  const minutes = Math.floor((total % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
  const seconds = total % SECONDS_PER_MINUTE;
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
 * An epoch-ms time relative to `now`, short ("3h ago", "2d ago"), in the
 * page's language; '' if it is not set.
 */
export function formatShortRelativeTime(
  epochMs: number | undefined,
  now: number
): string {
  if (!epochMs) {
    return '';
  }
  const seconds = Math.round((epochMs - now) / Private.MS_PER_SECOND);
  const [value, unit] = Private.relativeUnit(seconds);
  return Private.relativeFormat().format(value, unit);
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
  const { MS_PER_SECOND, SECONDS_PER_MINUTE, MINUTES_PER_HOUR } = Private;
  const seconds = Math.max(0, Math.round((now - lastUpdated) / MS_PER_SECOND));
  if (seconds < SECONDS_PER_MINUTE) {
    return trans.__('Updated %1 s ago', seconds);
  }
  const minutes = Math.floor(seconds / SECONDS_PER_MINUTE);
  if (minutes < MINUTES_PER_HOUR) {
    return trans.__('Updated %1 min ago', minutes);
  }
  return trans.__('Updated at %1', formatLocalTime(lastUpdated));
}

/**
 * A one-line engine and resource summary of a run.
 */
export function engineSummary(details: IRunDetails): string {
  const name = details.engine;
  const release = details.engineVersion;
  // ModelArts engine versions often repeat the name ("PyTorch-1.8.0-…").
  const engine =
    name && release.toLowerCase().startsWith(name.toLowerCase())
      ? release
      : [name, release].filter(Boolean).join(' ');
  const parts = [engine, details.spec].filter(Boolean);
  return parts.join(' · ');
}

/**
 * The full engine and resource details of a run (for a tooltip).
 */
export function engineDetails(
  details: IRunDetails,
  trans: TranslationBundle
): string {
  const lines: string[] = [];
  const engine = engineSummary(details);
  if (engine) {
    lines.push(engine);
  }
  if (details.gpuCount) {
    lines.push(
      trans.__('GPUs: %1 %2', details.gpuCount, details.gpuType).trim()
    );
  }
  if (details.cpu) {
    lines.push(trans.__('CPU: %1', details.cpu));
  }
  if (details.nodes) {
    lines.push(trans.__('Nodes: %1', details.nodes));
  }
  return lines.join('\n');
}

/**
 * A readable name of the server's credential source.
 */
export function sourceLabel(
  session: ISession,
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
  export const MS_PER_SECOND = 1000;
  export const SECONDS_PER_MINUTE = 60;
  export const MINUTES_PER_HOUR = 60;
  export const SECONDS_PER_HOUR = SECONDS_PER_MINUTE * MINUTES_PER_HOUR;

  export const HOURS_PER_DAY = 24;
  export const DAYS_PER_MONTH = 30;
  export const DAYS_PER_YEAR = 365;

  /**
   * The largest unit in which a signed number of seconds is at least one.
   */
  export function relativeUnit(
    seconds: number
  ): [number, Intl.RelativeTimeFormatUnit] {
    const size = Math.abs(seconds);
    const days = size / SECONDS_PER_HOUR / HOURS_PER_DAY;
    const sign = Math.sign(seconds) || -1;
    const steps: [number, Intl.RelativeTimeFormatUnit][] = [
      [days / DAYS_PER_YEAR, 'year'],
      [days / DAYS_PER_MONTH, 'month'],
      [days, 'day'],
      [size / SECONDS_PER_HOUR, 'hour'],
      [size / SECONDS_PER_MINUTE, 'minute']
    ];
    for (const [amount, unit] of steps) {
      if (amount >= 1) {
        return [sign * Math.floor(amount), unit];
      }
    }
    return [sign * size, 'second'];
  }

  /**
   * A getter of one value per page language (the translator's, see the top
   * of this file), made again only when the language changes (creating a
   * formatter per call costs more than the rest of a row).
   */
  export function perLanguage<T>(
    make: (lang: string | undefined) => T
  ): () => T {
    let value: T | null = null;
    let valueLang: string | undefined;
    return () => {
      const lang = document.documentElement.lang || undefined;
      if (value === null || lang !== valueLang) {
        valueLang = lang;
        value = make(lang);
      }
      return value;
    };
  }

  /**
   * One narrow relative-time formatter in the page's language.
   */
  export const relativeFormat = perLanguage(
    lang => new Intl.RelativeTimeFormat(lang, { style: 'narrow' })
  );

  /**
   * One formatter for all rows, in the page's language like Time.format.
   */
  export const dateTimeFormat = perLanguage(
    lang =>
      new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' })
  );
}
