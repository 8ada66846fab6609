import type { UiLanguage } from '../../lib/i18n';

/** Display helpers for the options page: dates, ages, sizes, names of places and currencies. */

const DAY_MS = 24 * 60 * 60 * 1000;
export const STALE_AFTER_DAYS = 90;

/**
 * The first day an `asOf` can mean (`YYYY-MM-DD`, or `YYYY-MM` read as the month's first day),
 * in ms; undefined for `undated` or anything else.
 */
export function asOfTime(asOf: string): number | undefined {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(asOf);
  if (!match) return undefined;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? '1'));
}

/** Whole days between an `asOf` and now; undefined when the figure is undated. */
export function ageInDays(asOf: string, now: number): number | undefined {
  const time = asOfTime(asOf);
  return time === undefined ? undefined : Math.floor((now - time) / DAY_MS);
}

export type Freshness = { kind: 'fresh' } | { kind: 'stale'; days: number } | { kind: 'undated' };

export function freshness(asOf: string, now: number, staleAfterDays: number = STALE_AFTER_DAYS): Freshness {
  const days = ageInDays(asOf, now);
  if (days === undefined) return { kind: 'undated' };
  return days > staleAfterDays ? { kind: 'stale', days } : { kind: 'fresh' };
}

export function formatDay(asOf: string, language: UiLanguage): string {
  const time = asOfTime(asOf);
  if (time === undefined) return asOf;
  const options: Intl.DateTimeFormatOptions = /^\d{4}-\d{2}$/.test(asOf)
    ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
    : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(language, options).format(time);
}

/** A date and time; a value that is no date reads as `—` rather than throwing. */
export function formatTime(time: number | string, language: UiLanguage): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export function formatBytes(bytes: number, language: UiLanguage): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: BYTE_UNITS[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** "United States" / "美国" for `US`; the code itself where the runtime has no names. */
export function displayName(code: string, type: 'region' | 'currency' | 'language', language: UiLanguage): string {
  try {
    return new Intl.DisplayNames([language], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `https://host/*` for a URL the user typed, or undefined when it is not an http(s) URL. */
export function originPatternOfUrl(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    // No port: Chrome matches every port by default and Firefox rejects patterns with one.
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return undefined;
  }
}
