import { storage } from 'wxt/utils/storage';
import type { TranslatorAvailability } from './on-device';

/**
 * What Chrome's on-device Translator said about each language pair, as pages reported it, kept by
 * the background for the browser session. Asking `Translator.availability()` costs a
 * note page a couple of milliseconds; with this, only the first page of the session per pair asks,
 * and the others get the answer with `note:read`. A page that sees a different state (a model
 * downloaded elsewhere, say) reports it again; answers older than `MAX_AGE_MS` are not handed out.
 */

const KEY = 'session:onDeviceStates' as const;
export const ON_DEVICE_STATE_MAX_AGE_MS = 60 * 60 * 1000;

/** Keyed by pair, `zh>en` (checked by the `translate:on-device-state` schema). */
type States = Record<string, { state: TranslatorAvailability; at: number }>;

export async function onDeviceStates(now = Date.now()): Promise<Array<[pair: string, state: TranslatorAvailability]>> {
  const states = (await storage.getItem<States>(KEY)) ?? {};
  return Object.entries(states)
    .filter(([, { at }]) => now - at < ON_DEVICE_STATE_MAX_AGE_MS)
    .map(([pair, { state }]) => [pair, state]);
}

export async function rememberOnDeviceState(pair: string, state: TranslatorAvailability, now = Date.now()): Promise<void> {
  const states = (await storage.getItem<States>(KEY)) ?? {};
  states[pair] = { state, at: now };
  await storage.setItem(KEY, states);
}
