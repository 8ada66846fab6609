import { browser } from 'wxt/browser';
import type { Handlers } from '../../lib/messaging/router';
import type { TabProbe } from '../../lib/messaging/protocol';
import { siteOf } from '../../lib/platform/hosts';
import { routeOf } from '../../lib/xhs/route';
import { pageSkeleton } from '../../lib/dom/skeleton';

type ScriptFiles = NonNullable<Parameters<typeof browser.scripting.executeScript>[0]['files']>;

/** Whether our content script claimed the page (lib/dom/claim-page.ts marks the document). */
async function contentScriptIn(tabId: number): Promise<boolean> {
  try {
    const [result] = await browser.scripting.executeScript({ target: { tabId }, func: () => document.documentElement.dataset.zcContent ?? null });
    return typeof result?.result === 'string';
  } catch {
    return false;
  }
}

/**
 * Tabs open when the extension is installed or updated have no content script (or one whose
 * extension context is gone). Each of our sites' tabs gets the manifest's scripts injected; a tab
 * where that fails is left to the popup, which says "Reload this page" for it.
 */
export async function injectIntoOpenTabs(): Promise<{ injected: number; failed: number }> {
  let injected = 0;
  let failed = 0;
  for (const script of browser.runtime.getManifest().content_scripts ?? []) {
    if (!script.matches?.length || !script.js?.length) continue;
    const tabs = await browser.tabs.query({ url: script.matches });
    for (const tab of tabs) {
      if (tab.id === undefined || tab.discarded) continue;
      try {
        if (script.css?.length) await browser.scripting.insertCSS({ target: { tabId: tab.id }, files: script.css });
        // The manifest's own script paths: WXT types `files` as the build's public paths.
        await browser.scripting.executeScript({ target: { tabId: tab.id }, files: script.js as ScriptFiles });
        injected++;
      } catch (error) {
        failed++;
        console.debug('[zhongcao] could not add the content script to an open tab', tab.id, error);
      }
    }
  }
  return { injected, failed };
}

export function createTabHandlers(): Pick<Handlers, 'tab:probe' | 'tab:reload' | 'tab:skeleton'> {
  return {
    'tab:probe': async ({ tabId }): Promise<TabProbe> => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      const site = siteOf(tab?.url);
      if (!tab || !site) return { page: 'other', alive: false };
      const page = site === 'xiaohongshu' && routeOf(tab.url!).kind === 'note' ? 'note' : 'page';
      return { page, alive: await contentScriptIn(tabId) };
    },
    'tab:reload': async ({ tabId }) => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      // Only our sites' pages: the popup cannot be made to reload anything else.
      if (!tab || !siteOf(tab.url)) return { reloaded: false };
      await browser.tabs.reload(tabId);
      return { reloaded: true };
    },
    'tab:skeleton': async ({ tabId }) => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (!tab || !siteOf(tab.url)) throw new Error('Diagnostics are only taken on Xiaohongshu and Taobao pages.');
      const [result] = await browser.scripting.executeScript({ target: { tabId }, func: pageSkeleton, args: [4000, 40] });
      const skeleton = typeof result?.result === 'string' ? result.result : '';
      return { skeleton: skeleton.slice(0, 400_000) };
    },
  };
}
