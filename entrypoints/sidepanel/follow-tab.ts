import { browser } from 'wxt/browser';
import { watchTabState } from '../../lib/messaging/tab-state';

/**
 * The side panel stays open while the user moves between tabs and notes: it shows the active tab
 * of its own window, and says when that tab's note may have changed.
 */
export async function followActiveTab(onTab: (tabId: number | null) => void): Promise<() => void> {
  const windowId = (await browser.windows.getCurrent()).id;
  const [active] = await browser.tabs.query({ active: true, windowId });
  onTab(active?.id ?? null);
  const activated = (info: { tabId: number; windowId: number }) => {
    if (info.windowId === windowId) onTab(info.tabId);
  };
  browser.tabs.onActivated.addListener(activated);
  return () => browser.tabs.onActivated.removeListener(activated);
}

/** Changes to a tab's note: the content script's report, and navigation in the tab itself. */
export function watchTab(tabId: number, onChange: () => void): () => void {
  const stopState = watchTabState(tabId, onChange);
  const updated = (updatedId: number, change: { status?: string; url?: string }) => {
    if (updatedId === tabId && (change.url !== undefined || change.status === 'complete')) onChange();
  };
  browser.tabs.onUpdated.addListener(updated);
  return () => {
    stopState();
    browser.tabs.onUpdated.removeListener(updated);
  };
}
