import { browser } from 'wxt/browser';
import { CEDICT_ASSET, parseCedict, type Cedict } from './cedict';

/**
 * The dictionary as extension contexts get it: fetched from the packaged file on first use, so it
 * is in no script's first bytes. The background asks for it when a note first needs a reading.
 */
export async function loadCedictAsset(): Promise<Cedict> {
  // A packaged data file, not among WXT's typed public paths.
  const response = await fetch((browser.runtime.getURL as (path: string) => string)(CEDICT_ASSET));
  if (!response.ok) throw new Error(`Could not load the dictionary (${response.status})`);
  return parseCedict(await response.text());
}
