import { browser } from 'wxt/browser';
import type { Settings } from '../../lib/settings/schema';
import { providerId, type PageSettings } from '../../lib/translate/page-settings';
import { SETTINGS_DEFAULTS, SETTINGS_STORAGE_KEY } from '../../lib/settings/defaults';

/**
 * The few settings the note page needs, read straight from `storage.local`. `lib/settings-store`
 * would bring zod and WXT's storage layer into every Xiaohongshu page and build the whole settings
 * schema when the page loads, about a third of this script's cost. The checks follow
 * `parseSettings` field by field: a valid field is kept, a missing or invalid one gets its default;
 * tests/unit/translate-ui/page-settings.test.ts holds the two to the same answers.
 */

export type { PageSettings };

/** Where `lib/settings-store` keeps the settings (`local:settings`). */
const AREA = 'local';
const KEY = SETTINGS_STORAGE_KEY;

// Every value of each union, and no other: the compiler checks these against `Settings`.
const TARGETS = { en: 1, zh: 1, ja: 1, ko: 1, fr: 1, de: 1, es: 1, it: 1, pt: 1, ru: 1, ms: 1, vi: 1 } satisfies Record<Settings['translationTarget'], 1>;
const PROVIDERS = { 'on-device': 1, endpoint: 1, 'google-web': 1, 'microsoft-web': 1, glossary: 1 } satisfies Record<
  Settings['translationProviders'][number],
  1
>;
const ENDPOINT_KINDS = { libretranslate: 1, deepl: 1, openai: 1 } satisfies Record<Settings['endpoint']['kind'], 1>;
const UI_LANGUAGES = { en: 1, 'zh-CN': 1 } satisfies Record<Settings['uiLanguage'], 1>;

const isOneOf = <T extends string>(values: Record<T, 1>, value: unknown): value is T => typeof value === 'string' && Object.hasOwn(values, value);

/** Only the endpoint's kind is read: its URL, key and model are not in `storage.local` at all. */
function endpointKindOf(value: unknown): Settings['endpoint']['kind'] {
  const fallback = SETTINGS_DEFAULTS.endpoint.kind;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fallback;
  const { kind = fallback, url = '', apiKey = '', model = '', allowHttp = false } = value as Record<string, unknown>;
  // parseSettings drops the whole endpoint when any field is damaged: so does this.
  const valid = isOneOf(ENDPOINT_KINDS, kind) && typeof url === 'string' && typeof apiKey === 'string' && typeof model === 'string' && typeof allowHttp === 'boolean';
  return valid ? kind : fallback;
}

/** The page's settings from the stored value, as `parseSettings` and then `pageSettingsFrom` would read them. */
export function pageSettingsOf(raw: unknown): PageSettings {
  const stored = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const { translationEnabled, translationTarget, translationProviders, uiLanguage, endpointConfigured } = stored;
  return {
    translationEnabled: typeof translationEnabled === 'boolean' ? translationEnabled : SETTINGS_DEFAULTS.translationEnabled,
    translationTarget: isOneOf(TARGETS, translationTarget) ? translationTarget : SETTINGS_DEFAULTS.translationTarget,
    translationProviders:
      Array.isArray(translationProviders) && translationProviders.every((provider) => isOneOf(PROVIDERS, provider))
        ? [...translationProviders]
        : [...SETTINGS_DEFAULTS.translationProviders],
    uiLanguage: isOneOf(UI_LANGUAGES, uiLanguage) ? uiLanguage : SETTINGS_DEFAULTS.uiLanguage,
    endpoint: {
      provider: providerId({ kind: endpointKindOf(stored.endpoint) }),
      configured: typeof endpointConfigured === 'boolean' ? endpointConfigured : SETTINGS_DEFAULTS.endpointConfigured,
    },
  };
}

export async function loadPageSettings(): Promise<PageSettings> {
  const stored = await browser.storage[AREA].get(KEY);
  return pageSettingsOf(stored[KEY]);
}

type SettingsListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
const watchers = new Set<(settings: PageSettings) => void>();
let listener: SettingsListener | undefined;

/**
 * Registers the page's one `storage.onChanged` listener, shared by every note opened in the page.
 * The first touch of `storage` builds the API's bindings in the page (about a millisecond on our
 * bench): the content script calls this when the page goes idle after loading, so that
 * opening a note does not pay it. Watching calls it too, for a note that opens before that.
 */
export function listenForSettings(): void {
  if (listener && browser.storage.onChanged.hasListener(listener)) return;
  listener = (changes, area) => {
    if (area !== AREA || !Object.hasOwn(changes, KEY)) return;
    const next = pageSettingsOf(changes[KEY]!.newValue);
    for (const watcher of [...watchers]) watcher(next);
  };
  browser.storage.onChanged.addListener(listener);
}

/** Calls `callback` with the new settings whenever they are saved; returns the unwatch function. */
export function watchPageSettings(callback: (settings: PageSettings) => void): () => void {
  listenForSettings();
  // A function given twice is still called once per change: wrap it so each watch is its own.
  const watcher = (settings: PageSettings) => callback(settings);
  watchers.add(watcher);
  return () => void watchers.delete(watcher);
}
