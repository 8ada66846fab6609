import { storage } from 'wxt/utils/storage';
import type { TabNoteState } from './schemas';

/**
 * What each tab shows, kept in `storage.session`: the MV3 service worker is stopped when idle, so
 * module variables would forget it.
 */
const keyOf = (tabId: number) => `session:tab-${tabId}` as const;

export async function setTabState(tabId: number, state: TabNoteState): Promise<void> {
  await storage.setItem(keyOf(tabId), state);
}

export async function getTabState(tabId: number): Promise<TabNoteState | null> {
  return (await storage.getItem<TabNoteState>(keyOf(tabId))) ?? null;
}

export async function clearTabState(tabId: number): Promise<void> {
  await storage.removeItem(keyOf(tabId));
}

/** Calls back with a tab's state whenever it changes (the popup and side panel follow the note live). */
export function watchTabState(tabId: number, callback: (state: TabNoteState | null) => void): () => void {
  return storage.watch<TabNoteState>(keyOf(tabId), (state) => callback(state ?? null));
}
