import { storage } from 'wxt/utils/storage';
import { SETTINGS_KEY } from './defaults';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './schema';
import { loadEndpointSecrets, saveEndpointSecrets } from './secrets';

/** The stored settings item. Reads always go through `parseSettings`, so damage never throws. */
const settingsItem = storage.defineItem<Record<string, unknown>>(SETTINGS_KEY, {
  fallback: {},
  version: 1,
});

/** Whether the user set up a translation endpoint (DeepL's public API needs only a key). */
export function isEndpointConfigured(endpoint: Settings['endpoint']): boolean {
  return endpoint.url.trim() !== '' || (endpoint.kind === 'deepl' && endpoint.apiKey.trim() !== '');
}

/** What `storage.local` gets: everything but the endpoint's URL, key and model. */
function publicPart(settings: Settings): Settings {
  return {
    ...settings,
    endpoint: { ...settings.endpoint, url: '', apiKey: '', model: '' },
    endpointConfigured: isEndpointConfigured(settings.endpoint),
  };
}

const hasSecrets = ({ url, apiKey, model }: Settings['endpoint']) => Boolean(url || apiKey || model);

/**
 * The settings with the endpoint's URL, key and model joined back in: for the background and
 * extension pages only (content scripts cannot open the secrets store, and read `storage.local`).
 */
export async function loadSettings(): Promise<Settings> {
  const stored = parseSettings(await settingsItem.getValue());
  // Earlier versions kept the whole endpoint in storage.local: move it out on first read.
  if (hasSecrets(stored.endpoint)) {
    await saveEndpointSecrets(stored.endpoint);
    await settingsItem.setValue(publicPart(stored));
    return { ...stored, endpointConfigured: isEndpointConfigured(stored.endpoint) };
  }
  // Nothing set up: no need to open the secrets store (and nothing stale from it to show).
  if (!stored.endpointConfigured) return stored;
  const secrets = await loadEndpointSecrets().catch(() => undefined);
  return secrets ? { ...stored, endpoint: { ...stored.endpoint, ...secrets } } : stored;
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = parseSettings({ ...(await loadSettings()), ...patch });
  const settled = { ...next, endpointConfigured: isEndpointConfigured(next.endpoint) };
  await saveEndpointSecrets(settled.endpoint);
  await settingsItem.setValue(publicPart(settled));
  return settled;
}

export function watchSettings(callback: (settings: Settings) => void): () => void {
  return settingsItem.watch(() => void loadSettings().then(callback, () => undefined));
}

export { DEFAULT_SETTINGS };
