import type { Settings } from '../settings/schema';

/**
 * The settings a note page's translation needs. Type-only import of `Settings`: this module is
 * shared by the background and the Xiaohongshu content script, which must not pull zod in.
 *
 * The page learns which endpoint the user chose and whether it is set up — never its URL, key,
 * model or the errors its server returned: the page is someone else's, and scripts on it can read
 * whatever the content script is told.
 */
export interface PageSettings {
  translationEnabled: Settings['translationEnabled'];
  translationTarget: Settings['translationTarget'];
  translationProviders: Settings['translationProviders'];
  uiLanguage: Settings['uiLanguage'];
  endpoint: { provider: EndpointProviderId; configured: boolean };
}

export type EndpointProviderId = `endpoint:${Settings['endpoint']['kind']}`;

/** The id an endpoint's translations carry (provider names, the cache): `endpoint:libretranslate`. */
export function providerId(endpoint: Pick<Settings['endpoint'], 'kind'>): EndpointProviderId {
  return `endpoint:${endpoint.kind}`;
}

/** Ids of the keyless web services, as their translations carry them. */
export const WEB_PROVIDER_IDS = { 'google-web': 'web:google', 'microsoft-web': 'web:microsoft' } as const;
export type WebProviderKind = keyof typeof WEB_PROVIDER_IDS;

/** The machine providers' ids in the user's order, as they are keyed in the translation cache. */
export function machineProviderIds(settings: PageSettings): string[] {
  return settings.translationProviders.flatMap((kind) => {
    if (kind === 'on-device') return ['on-device'];
    if (kind === 'endpoint') return settings.endpoint.configured ? [settings.endpoint.provider] : [];
    if (kind === 'google-web' || kind === 'microsoft-web') return [WEB_PROVIDER_IDS[kind]];
    return [];
  });
}

export function pageSettingsFrom({ translationEnabled, translationTarget, translationProviders, uiLanguage, endpoint, endpointConfigured }: Settings): PageSettings {
  return {
    translationEnabled,
    translationTarget,
    translationProviders: [...translationProviders],
    uiLanguage,
    endpoint: { provider: providerId(endpoint), configured: endpointConfigured },
  };
}
