import type { Settings } from '../settings/schema';

/**
 * The settings a note page's translation needs. Type-only import of `Settings`: this module is
 * shared by the background and the Xiaohongshu content script, which must not pull zod in.
 */
export type PageSettings = Pick<Settings, 'translationEnabled' | 'translationTarget' | 'translationProviders' | 'endpoint'>;

/** Whether the user set up a translation endpoint (DeepL's public API needs only a key). */
export function endpointConfigured(endpoint: PageSettings['endpoint']): boolean {
  return endpoint.url.trim() !== '' || (endpoint.kind === 'deepl' && endpoint.apiKey.trim() !== '');
}

/** The id an endpoint's translations carry (provider names, the cache): `endpoint:libretranslate`. */
export function providerId(endpoint: PageSettings['endpoint']): string {
  return `endpoint:${endpoint.kind}`;
}

/** The machine providers' ids in the user's order, as they are keyed in the translation cache. */
export function machineProviderIds(settings: PageSettings): string[] {
  return settings.translationProviders.flatMap((kind) =>
    kind === 'on-device' ? ['on-device'] : kind === 'endpoint' && endpointConfigured(settings.endpoint) ? [providerId(settings.endpoint)] : [],
  );
}

export function pageSettingsFrom({ translationEnabled, translationTarget, translationProviders, endpoint }: PageSettings): PageSettings {
  return { translationEnabled, translationTarget, translationProviders: [...translationProviders], endpoint: { ...endpoint } };
}
