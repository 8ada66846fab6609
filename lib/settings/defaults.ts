import type { Settings } from './schema';

/**
 * The defaults of `SettingsSchema`, written out for pages that must not load zod at start-up (the
 * popup and side panel read settings from the background). A unit test holds this equal to
 * `SettingsSchema.parse({})`.
 */
export const SETTINGS_DEFAULTS: Settings = {
  version: 1,
  destination: 'US',
  currency: 'USD',
  uiLanguage: 'en',
  translationTarget: 'en',
  translationEnabled: true,
  translationProviders: ['on-device', 'endpoint', 'glossary'],
  endpoint: { kind: 'libretranslate', url: '', apiKey: '', model: '', allowHttp: false },
  endpointConfigured: false,
  translationBudget: { perNote: 20_000, perDay: 200_000 },
  markMentions: true,
  disabledLines: [],
  fxRefreshUrl: '',
  buyingAgents: [],
  currencyChosen: false,
};

/** Where the settings live in `storage.local` (`local:settings` for WXT's storage). */
export const SETTINGS_STORAGE_KEY = 'settings';

/** The same key as WXT's storage names it. */
export const SETTINGS_KEY = `local:${SETTINGS_STORAGE_KEY}` as const;
