import { storage } from 'wxt/utils/storage';
import { SETTINGS_KEY } from './defaults';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from './schema';

/** The stored settings item. Reads always go through `parseSettings`, so damage never throws. */
const settingsItem = storage.defineItem<Record<string, unknown>>(SETTINGS_KEY, {
  fallback: {},
  version: 1,
});

export async function loadSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = parseSettings({ ...(await loadSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}

export function watchSettings(callback: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => callback(parseSettings(value)));
}

export { DEFAULT_SETTINGS };
