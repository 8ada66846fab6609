import type { UiLanguage } from '../../lib/i18n';
import { formatMoney } from '../../lib/popup/format';

/** Numbers and times on the seller page, in the page's language; prices as the popup writes them (`¥89.00`). */
export function formatPrice(value: number, language: UiLanguage): string {
  return formatMoney(value, 'CNY', language);
}

/** A price change with its sign always shown: `-¥20.00 (-22.5%)`, `+¥5.00`. */
export function formatChange(change: { delta: number; percent: number | null }, language: UiLanguage): string {
  const sign = change.delta > 0 ? '+' : change.delta < 0 ? '-' : '±';
  const percent = change.percent === null ? '' : ` (${change.percent > 0 ? '+' : ''}${change.percent}%)`;
  return `${sign}${formatPrice(Math.abs(change.delta), language)}${percent}`;
}

export function formatCount(value: number, language: UiLanguage): string {
  return value.toLocaleString(language);
}

export function formatTime(timestamp: number, language: UiLanguage): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

export const PLATFORM_NAMES: Record<string, string> = { taobao: 'Taobao', tmall: 'Tmall', 'tmall-hk': 'Tmall Global' };
