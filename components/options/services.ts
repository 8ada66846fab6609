import type { ZhongcaoDb } from '../../lib/db/index';
import type { UiLanguage } from '../../lib/i18n';
import type { Settings } from '../../lib/settings/schema';
import type { ProviderErrorDetail } from '../../lib/settings/secrets';
import type { TranslatorApi } from '../../lib/translate/on-device';
import type { DailyUsage } from '../../lib/translate/usage';
import type { OptionsStringKey } from './strings';

/**
 * Everything the options page needs from around it. The entrypoint passes the browser's; component
 * tests pass fakes and a fake-indexeddb database, so the page is tested without an extension.
 */
export interface OptionsServices {
  settings: {
    load(): Promise<Settings>;
    save(patch: Partial<Settings>): Promise<Settings>;
  };
  db: ZhongcaoDb;
  /**
   * `browser.permissions.request({ origins: [pattern] })`. Browsers grant it only during a user
   * gesture (Firefox: before the click handler's first `await`), so handlers call it first.
   */
  requestOrigin(pattern: string): Promise<boolean>;
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Hands text to the user as a file download. */
  download(fileName: string, text: string): void;
  estimateStorage(): Promise<{ usage?: number; quota?: number }>;
  now(): number;
  /** What each remote provider last failed with, in full, and what was sent today (absent: not shown). */
  translationStatus?(): Promise<{ errors: ProviderErrorDetail[]; usage: DailyUsage | null }>;
  /** Chrome's on-device `Translator` (absent in Firefox and older Chrome). */
  translatorApi?: TranslatorApi;
}

export type Translate = (key: OptionsStringKey, values?: Record<string, string | number>) => string;

/** What every section gets from the page. */
export interface SectionProps {
  services: OptionsServices;
  settings: Settings;
  language: UiLanguage;
  t: Translate;
  /** Saves a settings change and says so. */
  update(patch: Partial<Settings>): Promise<void>;
  /** Says something in the page's status line (a polite live region). */
  announce(message: string): void;
  /** Bumped after anything rewrites the database, so sections read it again. */
  revision: number;
  /** Call after a section rewrote the database. */
  changed(): void;
}
