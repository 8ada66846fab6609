import { z } from 'zod/mini';

/**
 * User settings: defined once here, with defaults. Stored in `storage.local` under one key and
 * always read through `parseSettings`, so a missing, old or damaged value still yields a usable object.
 */

export const DESTINATIONS = ['US', 'GB', 'CA', 'AU', 'JP', 'SG', 'MY', 'DE', 'FR', 'IT', 'ES', 'NL', 'IE'] as const;
export const CURRENCIES = ['USD', 'GBP', 'CAD', 'AUD', 'JPY', 'SGD', 'MYR', 'EUR', 'CNY'] as const;
export const UI_LANGUAGES = ['en', 'zh-CN'] as const;
export const TRANSLATION_TARGETS = ['en', 'zh', 'ja', 'ko', 'fr', 'de', 'es', 'it', 'pt', 'ru', 'ms', 'vi'] as const;
/** `google-web` and `microsoft-web`: the keyless web endpoints, off until the user turns one on. */
export const TRANSLATION_PROVIDERS = ['on-device', 'endpoint', 'google-web', 'microsoft-web', 'glossary'] as const;

export const EndpointSettingsSchema = z.object({
  kind: z._default(z.enum(['libretranslate', 'deepl', 'openai']), 'libretranslate'),
  url: z._default(z.string(), ''),
  apiKey: z._default(z.string(), ''),
  model: z._default(z.string(), ''),
  /** The user's "I understand" for a plain-http endpoint that is not on this machine. */
  allowHttp: z._default(z.boolean(), false),
});

/** Characters a note, and a day, may send to remote providers (an endpoint, the web services). */
export const TranslationBudgetSchema = z.object({
  perNote: z._default(z.number().check(z.int(), z.gte(0), z.lte(10_000_000)), 20_000),
  perDay: z._default(z.number().check(z.int(), z.gte(0), z.lte(100_000_000)), 200_000),
});

export const SettingsSchema = z.object({
  /** Settings format version, for migrations. */
  version: z._default(z.literal(1), 1),
  destination: z._default(z.enum(DESTINATIONS), 'US'),
  currency: z._default(z.enum(CURRENCIES), 'USD'),
  uiLanguage: z._default(z.enum(UI_LANGUAGES), 'en'),
  translationTarget: z._default(z.enum(TRANSLATION_TARGETS), 'en'),
  translationEnabled: z._default(z.boolean(), true),
  translationProviders: z._default(z.array(z.enum(TRANSLATION_PROVIDERS)), ['on-device', 'endpoint', 'glossary']),
  /**
   * The endpoint as the background and Options see it. `storage.local` (which content scripts can
   * read) holds only its kind: its URL, key and model live in the extension's IndexedDB
   * (lib/settings/secrets.ts); the settings store joins the two.
   */
  endpoint: z._default(EndpointSettingsSchema, { kind: 'libretranslate', url: '', apiKey: '', model: '', allowHttp: false }),
  /** Written by the settings store, never set by hand: whether an endpoint is set up. */
  endpointConfigured: z._default(z.boolean(), false),
  translationBudget: z._default(TranslationBudgetSchema, { perNote: 20_000, perDay: 200_000 }),
  markMentions: z._default(z.boolean(), true),
  /** Forwarder line ids switched off by the user. */
  disabledLines: z._default(z.array(z.string()), []),
  /** URL the user chose for exchange-rate refreshes; empty means bundled rates only. */
  fxRefreshUrl: z._default(z.string(), ''),
  /** Buying agents the user picked for "Buy via …" links (lib/buy/agents.json ids); none by default. */
  buyingAgents: z._default(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(50)), []),
  /** True once the user chose a currency: until then the currency follows the destination. */
  currencyChosen: z._default(z.boolean(), false),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type Destination = Settings['destination'];
export type Currency = Settings['currency'];

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/**
 * Reads stored settings leniently: every valid field is kept, every invalid or missing one falls
 * back to its default, so one bad field never throws away the rest of the user's choices.
 */
export function parseSettings(raw: unknown): Settings {
  const whole = SettingsSchema.safeParse(raw ?? {});
  if (whole.success) return whole.data;
  const kept: Record<string, unknown> = {};
  if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) {
      const field = (SettingsSchema.shape as Record<string, z.ZodMiniType>)[key];
      if (field && field.safeParse(value).success) kept[key] = value;
    }
  }
  return SettingsSchema.parse(kept);
}

