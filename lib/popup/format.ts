import type { UiLanguage } from '../i18n';

/**
 * Numbers as the popup writes them, through `Intl` so the user's language decides the separators.
 * Amounts in the user's currency carry the ISO code (`USD 12.30`): `$` alone would not tell
 * US from Canadian or Australian dollars.
 */

const formats = new Map<string, Intl.NumberFormat>();

function format(language: UiLanguage, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let cached = formats.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(language, options);
    formats.set(key, cached);
  }
  return cached;
}

export function formatMoney(amount: number, currency: string, language: UiLanguage): string {
  if (currency === 'CNY') return `¥${format(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)}`;
  return format(language, { style: 'currency', currency, currencyDisplay: 'code' }).format(amount);
}

export function formatCount(value: number, language: UiLanguage): string {
  return format(language, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatPercent(fraction: number, language: UiLanguage): string {
  return format(language, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** A title cut into plain and highlighted runs, from `rankListings`' highlight ranges (rendered as text, never HTML). */
export function highlightRuns(title: string, highlights: ReadonlyArray<{ start: number; end: number }>): Array<{ text: string; marked: boolean }> {
  const runs: Array<{ text: string; marked: boolean }> = [];
  let at = 0;
  for (const { start, end } of highlights) {
    if (start < at || end <= start || end > title.length) continue;
    if (start > at) runs.push({ text: title.slice(at, start), marked: false });
    runs.push({ text: title.slice(start, end), marked: true });
    at = end;
  }
  if (at < title.length) runs.push({ text: title.slice(at), marked: false });
  return runs;
}
