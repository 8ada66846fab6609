import { storage } from 'wxt/utils/storage';

/**
 * A counter in `storage.session` that the background bumps whenever data the popup shows changes
 * (listings captured, the basket, a watch). The popup and side panel read everything through
 * messages and keep no Dexie connection, so this is how they learn to ask again: a storage change
 * reaches every extension page, and the session area is cleared with the browser session.
 */
const DATA_VERSION_KEY = 'session:dataVersion' as const;

export async function bumpDataVersion(): Promise<number> {
  const next = ((await storage.getItem<number>(DATA_VERSION_KEY)) ?? 0) + 1;
  await storage.setItem(DATA_VERSION_KEY, next);
  return next;
}

export async function currentDataVersion(): Promise<number> {
  return (await storage.getItem<number>(DATA_VERSION_KEY)) ?? 0;
}

/** Calls back with the new version after each bump. */
export function watchDataVersion(callback: (version: number) => void): () => void {
  return storage.watch<number>(DATA_VERSION_KEY, (version) => callback(version ?? 0));
}
