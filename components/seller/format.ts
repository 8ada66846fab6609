import type { UiLanguage } from '../../lib/i18n';

/** Numbers and times on the seller page, in the page's language. */
export function formatCount(value: number, language: UiLanguage): string {
  return value.toLocaleString(language);
}

export function formatTime(timestamp: number, language: UiLanguage): string {
  return new Date(timestamp).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

export const PLATFORM_NAMES: Record<string, string> = { taobao: 'Taobao', tmall: 'Tmall', 'tmall-hk': 'Tmall Global' };
