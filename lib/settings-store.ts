import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_KEY, type Settings } from './settings';

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
