import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db/index';
import { siteOf } from '../../lib/platform/hosts';
import { httpsUrl } from '../../lib/dom/safe-url';
import { CHECK_INTERVAL_MS, createChecker, type Checker } from '../../lib/watch/check';
import { watchedListings } from '../../lib/watch/store';
import { readSellerSettings, saveSellerSettings } from '../../lib/watch/prefs';

/**
 * The background half of "Check my watchlist now" and the daily check: tabs, timers and the alarm
 * around lib/watch/check.ts.
 */

export const DAILY_ALARM = 'watch:daily-check';
/**
 * A shorter interval for the e2e tests only: read from `storage.session`, which pages and content
 * scripts cannot write and which empties when the browser closes. No screen sets it.
 */
const TEST_INTERVAL_KEY = 'test:checkIntervalMs';
/**
 * The run in progress, step by step, so a new service worker goes on with it (lib/watch/check.ts).
 * `storage.session`: kept while the browser runs, out of reach of pages and content scripts.
 */
export const CHECK_RUN_KEY = 'watch:check-run';

async function intervalMs(): Promise<number> {
  const found: Record<string, unknown> = await browser.storage.session.get(TEST_INTERVAL_KEY).catch(() => ({}));
  const stored = found[TEST_INTERVAL_KEY];
  return typeof stored === 'number' && Number.isFinite(stored) && stored >= 0 ? stored : CHECK_INTERVAL_MS;
}

export function createBackgroundChecker(): Checker {
  return createChecker({
    // Only watched listings' own https pages on the Taobao hosts the content script reads.
    targets: async () =>
      (await watchedListings(getDb()))
        .map((listing) => ({ id: listing.id, url: httpsUrl(listing.url) ?? '', title: listing.title }))
        .filter((target) => target.url && siteOf(target.url) === 'taobao'),
    openTab: async (url) => (await browser.tabs.create({ url, active: false })).id ?? -1,
    navigate: async (tabId, url) => {
      await browser.tabs.update(tabId, { url });
    },
    closeTab: async (tabId) => {
      await browser.tabs.remove(tabId);
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: Date.now,
    intervalMs,
    store: {
      load: async () => ((await browser.storage.session.get(CHECK_RUN_KEY)) as Record<string, unknown>)[CHECK_RUN_KEY],
      save: (run) => browser.storage.session.set({ [CHECK_RUN_KEY]: run }),
    },
  });
}

/** Wires the checker to tab events and the daily alarm. */
export function listenForChecks(checker: Checker): void {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url) checker.onNavigate(tabId, change.url);
    // A loaded page whose URL is hidden from us is off our hosts (see `onLeftSite`).
    else if (change.status === 'complete' && !tab.url) checker.onLeftSite(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => checker.onTabRemoved(tabId));
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === DAILY_ALARM) void checker.ready.then(() => checker.start());
  });
  void syncDailyAlarm().catch((error: unknown) => console.debug('[zhongcao] daily check alarm', error));
  // A watched listing's notification opens the seller page, where the alert is listed.
  browser.notifications?.onClicked.addListener((id) => {
    if (!id.startsWith('zc-alert:')) return;
    void browser.tabs.create({ url: browser.runtime.getURL('/seller.html') });
    void browser.notifications.clear(id);
  });
}

/**
 * The alarm follows the stored setting whenever the background starts: a restored backup or a
 * browser profile copied elsewhere may hold one without the other.
 */
export async function syncDailyAlarm(): Promise<void> {
  const { dailyCheck } = await readSellerSettings();
  const existing = await browser.alarms.get(DAILY_ALARM);
  if (dailyCheck && !existing) await browser.alarms.create(DAILY_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 24 * 60 });
  if (!dailyCheck && existing) await browser.alarms.clear(DAILY_ALARM);
}

/** Turns the daily check on or off: an alarm while the browser is open, off by default. */
export async function setDailyCheck(enabled: boolean): Promise<{ enabled: boolean }> {
  await saveSellerSettings({ dailyCheck: enabled });
  if (enabled) await browser.alarms.create(DAILY_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 24 * 60 });
  else await browser.alarms.clear(DAILY_ALARM);
  return { enabled: (await readSellerSettings()).dailyCheck };
}
