import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../lib/db';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage, ROOT } from '../support/chromium';
import { readStore } from '../support/extension-db';
import { clickInShadow } from '../support/closed-shadow';
import { PAGES_DIR } from '../support/fixture-server';
import { REAL_TAOBAO_FIXTURES } from '../fixtures/taobao-fixtures';

/**
 * The seller's watchlist in real Chromium: charts from real visits, overlays, a target price's
 * notification, and "Check my watchlist now" against loopback item pages.
 */

const A = '727851748466';
const A_URL = `https://item.taobao.com/item.htm?id=${A}`;
const A_PRICE = 'priceText--sOhUlYk0">79.9';
const A_HTML = readFileSync(join(PAGES_DIR, 'taobao', 'item-2025-taobao.html'), 'utf8');
const B = '666725802421';
const B_URL = `https://detail.tmall.com/item.htm?id=${B}`;

/** A 2012–2020 item page that shows its stock count (tests/fixtures/real/taobao/stock). */
const C = '600111222333';
const C_URL = `https://item.taobao.com/item.htm?id=${C}`;
const C_HTML = readFileSync(join(REAL_TAOBAO_FIXTURES, 'stock', 'item-2016-taobao-stock.html'), 'utf8');
const C_COUNT = 'class="tb-count">86<';

const session = useExtensionBrowser();

/** Item C with `count` left, or taken down (its page sends the visitor to Taobao's "no such item" page); A and B as usual. */
function serveC(count: number | 'delisted') {
  expect(C_HTML).toContain(C_COUNT);
  session.server.setOverride((_req, url) => {
    if (url.hostname === 'item.taobao.com' && url.searchParams.get('id') === C) {
      if (count !== 'delisted') return { body: C_HTML.replace(C_COUNT, `class="tb-count">${count}<`) };
      return { status: 302, body: '', headers: { location: `https://error.item.taobao.com/error/noitem?type=noitem&itemid=${C}` } };
    }
    if (url.hostname === 'error.item.taobao.com') return { body: readFileSync(join(REAL_TAOBAO_FIXTURES, 'stock', 'noitem-taobao.html'), 'utf8') };
    return null;
  });
}

async function setCheckInterval(ms: number) {
  await session.ext.worker.evaluate(
    (value) => (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }).chrome.storage.session.set({ 'test:checkIntervalMs': value }),
    ms,
  );
}

/** Item A as served with another highlighted price. */
function pricedA(price: string) {
  expect(A_HTML).toContain(A_PRICE);
  return A_HTML.replace(A_PRICE, `priceText--sOhUlYk0">${price}`);
}

function serveA(price: string | (() => string)) {
  session.server.setOverride((_req, url) =>
    url.hostname === 'item.taobao.com' && url.searchParams.get('id') === A ? { body: pricedA(typeof price === 'string' ? price : price()) } : null,
  );
}

/**
 * A page in front: a tab in the background (behind the welcome page the install opens) draws no
 * frames, so waits that poll on animation frames would never run. Polling by time as well.
 */
async function inFront(url: string): Promise<Page> {
  const page = await openPage(session.ext, url);
  await page.bringToFront();
  return page;
}

async function visit(url: string): Promise<Page> {
  const page = await inFront(url);
  await page.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) >= 1, { timeout: 20_000, polling: 200 });
  return page;
}

async function watch(url: string) {
  const page = await visit(url);
  await page.waitForSelector('zhongcao-watch[data-state="idle"]', { timeout: 10_000 });
  // The button's shadow root is closed: a real mouse click at its place (tests/support/closed-shadow.ts).
  await clickInShadow(page, 'zhongcao-watch', /Watch price/);
  await page.waitForSelector('zhongcao-watch[data-state="watching"]', { timeout: 10_000 });
  await page.close();
}

async function snapshotsOf(page: Page, itemId: string): Promise<Snapshot[]> {
  return (await readStore<Snapshot>(page, 'snapshots')).filter((s) => s.listingId.endsWith(`:${itemId}`)).sort((a, b) => a.seenAt - b.seenAt);
}

async function notifications(): Promise<string[]> {
  return session.ext.worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, unknown>> } } }).chrome;
    return Object.keys(await api.notifications.getAll());
  });
}

async function sellerPage(): Promise<Page> {
  const page = await inFront(session.ext.pageUrl('seller.html'));
  await page.setViewport({ width: 1280, height: 1000 });
  return page;
}

describe('the seller\'s watchlist', () => {
  it('three visits at three prices draw three points on an axis of hours and minutes', async () => {
    await watch(A_URL);
    for (const price of ['69.9', '59.9']) {
      serveA(price);
      await (await visit(A_URL)).close();
    }
    session.server.setOverride(null);
    const seller = await sellerPage();
    const snapshots = await snapshotsOf(seller, A);
    expect(snapshots.map((s) => s.priceCny)).toEqual([79.9, 69.9, 59.9]);
    const chart = await seller.waitForSelector('[data-testid="history-chart"][data-points="3"] canvas', { timeout: 15_000 });
    expect(chart).toBeTruthy();
    const axis = await seller.$eval('[data-testid="history-chart"]', (el) => ({ min: Number(el.getAttribute('data-x-min')), max: Number(el.getAttribute('data-x-max')), ticks: el.getAttribute('data-ticks') ?? '' }));
    // Seconds apart: a two-hour window around them, not years and not milliseconds.
    expect(axis.max - axis.min).toBeGreaterThanOrEqual(7190);
    expect(axis.max - axis.min).toBeLessThanOrEqual(7210);
    expect(axis.min).toBeLessThanOrEqual(snapshots[0]!.seenAt / 1000);
    expect(axis.max).toBeGreaterThanOrEqual(snapshots[2]!.seenAt / 1000);
    const ticks = axis.ticks.split('|');
    expect(ticks.length).toBeGreaterThan(1);
    for (const tick of ticks) expect(tick).toMatch(/^\d{2}:\d{2}(\n|$)/);
    // Prices as the popup writes them.
    expect(await seller.$eval('[data-testid="history"] tbody tr td:nth-child(2)', (el) => el.textContent)).toBe('¥59.90');
    await seller.close();
  });

  it('two listings overlaid on one chart, with their statistics', async () => {
    await watch(B_URL);
    const seller = await sellerPage();
    await seller.waitForSelector('[data-testid="compare-chart"][data-series="2"][data-points="4"] canvas', { timeout: 15_000 });
    const rows = await seller.$$eval('[data-testid="stats"] tbody tr', (trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-listing'), min: tr.querySelector('[data-stat="min"]')?.textContent, max: tr.querySelector('[data-stat="max"]')?.textContent, last: tr.querySelector('[data-stat="last-change"]')?.textContent })),
    );
    expect(rows).toContainEqual({ id: `taobao:${A}`, min: '¥59.90', max: '¥79.90', last: '-¥10.00 (-14.3%)' });
    expect(rows.find((row) => row.id === `tmall:${B}`)).toMatchObject({ min: '¥12.90', max: '¥12.90' });
    // The legend's series toggles are keyboard buttons: Tab reaches one, Enter hides the series.
    const toggle = '[data-testid="compare-chart"] .u-legend .u-series th[role="button"]';
    await seller.waitForSelector(toggle, { timeout: 10_000 });
    expect(await seller.$$eval(toggle, (labels) => labels.map((label) => label.getAttribute('aria-pressed')))).toEqual(['true', 'true']);
    await seller.focus(toggle);
    await seller.keyboard.press('Enter');
    await seller.waitForFunction((selector) => document.querySelector(selector)?.getAttribute('aria-pressed') === 'false', { timeout: 10_000, polling: 100 }, toggle);
    await seller.keyboard.press(' ');
    await seller.waitForFunction((selector) => document.querySelector(selector)?.getAttribute('aria-pressed') === 'true', { timeout: 10_000, polling: 100 }, toggle);
    // Tagging B as mine shows in the list.
    await seller.click(`tr[data-listing="tmall:${B}"] [data-testid="mine"]`);
    await seller.waitForFunction((id) => document.querySelector(`[data-testid="stats"] tr[data-listing="${id}"] .zc-tag`) !== null, { timeout: 10_000, polling: 200 }, `tmall:${B}`);
    await seller.close();
  });

  it('a target price crossed gives one notification', async () => {
    const seller = await sellerPage();
    const rowButton = await seller.waitForSelector(`tr[data-listing="taobao:${A}"] button.zc-link`, { timeout: 15_000 });
    await rowButton!.click();
    await seller.waitForSelector(`tr[data-listing="taobao:${A}"][aria-current="true"]`, { timeout: 10_000 });
    await seller.waitForSelector('[data-testid="alert-settings"]', { timeout: 10_000 });
    // Only the target alerts for this listing.
    await seller.click('[data-testid="alert-settings"] input[name="alert-price-down"]');
    await seller.type('[data-testid="alert-settings"] input[name="target"]', '50');
    await seller.click('[data-testid="alert-settings"] button[type="submit"]');
    await expect
      .poll(async () => ((await readStore<{ key: string; value: Record<string, unknown> }>(seller, 'meta')).find((m) => m.key === 'watch:prefs')?.value ?? {})[`taobao:${A}`], { timeout: 10_000 })
      .toEqual({ alerts: [], targetCny: 50 });
    // Target notifications stay until the user acts (others may time out of the list).
    const targets = async () => (await notifications()).filter((id) => id.includes(':target:'));
    expect(await targets()).toEqual([]);

    serveA('45');
    await (await visit(A_URL)).close();
    await expect.poll(async () => (await targets()).length, { timeout: 10_000 }).toBe(1);
    // Lower still: no second notification.
    serveA('40');
    await (await visit(A_URL)).close();
    session.server.setOverride(null);
    expect((await snapshotsOf(seller, A)).map((s) => s.priceCny).slice(-2)).toEqual([45, 40]);
    expect(await targets()).toHaveLength(1);
    // Price-down alerts were switched off for this listing: no other notification about it since.
    const since = (await snapshotsOf(seller, A)).at(-2)!.seenAt;
    expect((await notifications()).filter((id) => id.startsWith(`zc-alert:taobao:${A}:`) && !id.includes(':target:') && Number(id.split(':').pop()) >= since)).toEqual([]);
    const alerts = await seller.$$eval('[data-testid="alerts"] li', (items) => items.map((li) => li.getAttribute('data-kind')));
    expect(alerts.filter((kind) => kind === 'target')).toHaveLength(1);
    expect(await seller.$eval('[data-testid="alerts"]', (el) => el.textContent)).toContain('Reached your target ¥50.00: now ¥45.00');

    // The seller page as the README shows it: two listings overlaid, one of them mine, alerts.
    // The committed screenshot changes only on request, so a test run leaves the work tree clean.
    await seller.waitForSelector('[data-testid="compare-chart"][data-series="2"] canvas', { timeout: 15_000 });
    const shots = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs', 'screenshots') : tmpdir();
    mkdirSync(shots, { recursive: true });
    await seller.screenshot({ path: join(shots, 'seller.png'), fullPage: true });
    await seller.close();
  });

  it('"Check now" reads each watched page, records each change, and stops at a login wall', async () => {
    // The 15-second pause between pages, shortened for the test only.
    await session.ext.worker.evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }).chrome.storage.session.set({ 'test:checkIntervalMs': 300 }),
    );
    const seller = await sellerPage();
    await seller.waitForSelector('[data-testid="check-now"]', { timeout: 15_000 });

    // The daily check is off until ticked; ticking sets a daily alarm, unticking clears it.
    const alarm = () =>
      session.ext.worker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> } } }).chrome;
        return (await api.alarms.get('watch:daily-check'))?.periodInMinutes ?? null;
      });
    const daily = await seller.waitForSelector('[data-testid="check"] input[type="checkbox"]', { timeout: 10_000 });
    expect(await daily!.evaluate((el) => (el as HTMLInputElement).checked)).toBe(false);
    expect(await alarm()).toBeNull();
    await daily!.click();
    await expect.poll(alarm, { timeout: 10_000 }).toBe(24 * 60);
    await daily!.click();
    await expect.poll(alarm, { timeout: 10_000 }).toBeNull();

    const prices = ['31', '32'];
    let served = 0;
    serveA(() => prices[Math.min(served++, prices.length - 1)]!);
    const requestsBefore = session.server.requests.length;
    for (const expected of [31, 32]) {
      await seller.click('[data-testid="check-now"]');
      await seller.waitForSelector('[data-testid="check-status"][data-state="done"]', { timeout: 60_000 });
      expect(await seller.$eval('[data-testid="check-status"]', (el) => el.textContent)).toContain('Checked 2 of 2 listings');
      expect((await snapshotsOf(seller, A)).at(-1)?.priceCny).toBe(expected);
    }
    // Only the listings' own pages (and what those pages load) were asked for; no API host.
    const hosts = new Set(session.server.requests.slice(requestsBefore).map((request) => request.host));
    expect([...hosts].every((host) => host === 'item.taobao.com' || host === 'detail.tmall.com')).toBe(true);

    // The Tmall page now sends the visitor to log in.
    session.server.setOverride((_req, url) => {
      if (url.hostname === 'detail.tmall.com' && url.pathname === '/item.htm') {
        return { status: 302, body: '', headers: { location: `https://login.taobao.com/member/login.jhtml?redirectURL=${encodeURIComponent(url.href)}` } };
      }
      if (url.hostname === 'login.taobao.com') return { body: '<!doctype html><title>登录</title><p>请登录</p>' };
      if (url.hostname === 'item.taobao.com' && url.searchParams.get('id') === A) return { body: pricedA('33') };
      return null;
    });
    await seller.click('[data-testid="check-now"]');
    await seller.waitForSelector('[data-testid="check-status"][data-state="stopped"][data-stopped-by="login"]', { timeout: 60_000 });
    expect(await seller.$eval('[data-testid="check-status"]', (el) => el.textContent)).toContain('Taobao asks you to log in');
    session.server.setOverride(null);
    await seller.close();
  });

  it('"Check now" where an item goes sold out between visits gives one sold-out alert; taken down, another; listed again, a back-in-stock alert', { timeout: 180_000 }, async () => {
    await setCheckInterval(300);
    serveC(86);
    await watch(C_URL);
    const seller = await sellerPage();
    const row = `tr[data-listing="taobao:${C}"]`;
    await seller.waitForSelector(`${row} [data-testid="stock"][data-availability="in-stock"]`, { timeout: 15_000 });
    // The seller picks the sold-out alert for C (price drops stay on, as by default).
    await (await seller.waitForSelector(`${row} button.zc-link`))!.click();
    await seller.waitForSelector(`${row}[aria-current="true"]`, { timeout: 10_000 });
    await seller.click('[data-testid="alert-settings"] input[name="alert-sold-out"]');
    await expect
      .poll(async () => ((await readStore<{ key: string; value: Record<string, { alerts?: string[] }> }>(seller, 'meta')).find((m) => m.key === 'watch:prefs')?.value ?? {})[`taobao:${C}`]?.alerts, { timeout: 10_000 })
      .toEqual(['price-down', 'sold-out']);
    const soldOutNotices = async () => (await notifications()).filter((id) => id.startsWith(`zc-alert:taobao:${C}:sold-out:`));
    expect(await soldOutNotices()).toEqual([]);
    expect(
      await session.ext.worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({})),
    ).toBe('↓');

    const check = async () => {
      await seller.click('[data-testid="check-now"]');
      await seller.waitForSelector('[data-testid="check-status"][data-state="running"]', { timeout: 10_000 }).catch(() => null);
      await seller.waitForSelector('[data-testid="check-status"][data-state="done"]', { timeout: 60_000 });
    };
    // Between visits the last one sells: one alert.
    serveC(0);
    await check();
    await seller.waitForSelector(`${row} [data-testid="stock"][data-availability="sold-out"]`, { timeout: 10_000 });
    expect(await seller.$eval(`${row} [data-testid="stock"]`, (el) => el.textContent)).toBe('Sold out');
    await expect.poll(async () => (await soldOutNotices()).length, { timeout: 10_000 }).toBe(1);
    // The toolbar badge says "!" (a sold-out item, not a price fall: the target alert left "↓").
    const badge = () =>
      session.ext.worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));
    expect(await badge()).toBe('!');
    // Still sold out at the next check: no second alert.
    await check();
    expect((await snapshotsOf(seller, C)).map((s) => s.availability)).toEqual(['in-stock', 'sold-out']);
    expect(await soldOutNotices()).toHaveLength(1);
    const soldOutAlerts = () => seller.$$eval('[data-testid="alerts"] li[data-kind="sold-out"]', (items) => items.map((li) => li.textContent ?? ''));
    expect(await soldOutAlerts()).toHaveLength(1);
    expect((await soldOutAlerts())[0]).toContain('Sold out');
    expect((await soldOutAlerts())[0]).toContain('手工编织草帽');

    // Then the listing is taken down: Taobao sends its page to "no such item". Not a login wall.
    serveC('delisted');
    await check();
    await seller.waitForSelector(`${row} [data-testid="stock"][data-availability="delisted"]`, { timeout: 10_000 });
    expect(await seller.$eval('[data-testid="check-status"]', (el) => el.textContent)).toContain('Checked 3 of 3');
    // Newest first.
    expect(await soldOutAlerts()).toHaveLength(2);
    expect((await soldOutAlerts())[0]).toContain('Taken down');
    expect((await soldOutAlerts())[1]).toContain('Sold out');
    // The listing keeps its title and its history.
    expect(await seller.$eval(`${row} button.zc-link`, (el) => el.textContent)).toBe('手工编织草帽 夏季遮阳 宽檐 可折叠');
    expect((await snapshotsOf(seller, C)).map((s) => s.availability)).toEqual(['in-stock', 'sold-out', 'delisted']);

    // The seller also asks to hear when C can be bought again; it is listed again, with 12 left.
    await seller.click('[data-testid="alert-settings"] input[name="alert-back-in-stock"]');
    await expect
      .poll(async () => ((await readStore<{ key: string; value: Record<string, { alerts?: string[] }> }>(seller, 'meta')).find((m) => m.key === 'watch:prefs')?.value ?? {})[`taobao:${C}`]?.alerts, { timeout: 10_000 })
      .toEqual(['price-down', 'sold-out', 'back-in-stock']);
    serveC(12);
    await check();
    await seller.waitForSelector(`${row} [data-testid="stock"][data-availability="in-stock"]`, { timeout: 10_000 });
    const backNotices = async () => (await notifications()).filter((id) => id.startsWith(`zc-alert:taobao:${C}:back-in-stock:`));
    await expect.poll(async () => (await backNotices()).length, { timeout: 10_000 }).toBe(1);
    const backAlerts = () => seller.$$eval('[data-testid="alerts"] li[data-kind="back-in-stock"]', (items) => items.map((li) => li.textContent ?? ''));
    await expect.poll(async () => (await backAlerts()).length, { timeout: 10_000 }).toBe(1);
    expect((await backAlerts())[0]).toContain('On sale again (was taken down)');
    // In stock at the next check too: no second alert.
    await check();
    expect(await backNotices()).toHaveLength(1);

    // Browsing, not checking: Tmall shows B's page without the item, only "此商品已下架".
    const gone = readFileSync(join(REAL_TAOBAO_FIXTURES, 'stock', 'item-2016-tmall-delisted.html'), 'utf8');
    session.server.setOverride((_req, url) => (url.hostname === 'detail.tmall.com' && url.searchParams.get('id') === B ? { body: gone } : null));
    await (await visit(B_URL)).close();
    await seller.bringToFront();
    await seller.waitForSelector(`tr[data-listing="tmall:${B}"] [data-testid="stock"][data-availability="delisted"]`, { timeout: 10_000 });
    expect(await seller.$eval(`tr[data-listing="tmall:${B}"] button.zc-link`, (el) => el.textContent)).toBe('得力便利贴多规格可选 办公学生用便签');
    session.server.setOverride(null);
    await seller.close();
  });

  it('"Check now" goes on after Chrome stops the service worker mid-run, and says so', { timeout: 240_000 }, async () => {
    // Long enough between pages to stop the worker while the run waits.
    await setCheckInterval(6_000);
    serveC(5);
    const seller = await sellerPage();
    await seller.waitForSelector('[data-testid="check-now"]', { timeout: 15_000 });
    await session.ext.worker.evaluate(() => {
      (globalThis as unknown as { zcTestMarker: number }).zcTestMarker = 1;
    });
    await seller.click('[data-testid="check-now"]');
    // The first page read, the run waiting for the second.
    await seller.waitForFunction(() => /Checking 2 of 3/.test(document.querySelector('[data-testid="check-status"]')?.textContent ?? ''), { timeout: 60_000, polling: 100 });
    const cdp = await seller.createCDPSession();
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // The seller page keeps asking for the status; that starts a new worker, which goes on. The test
    // harness has DevTools attached to the worker, so Chromium holds the new one until told to run
    // (a user's browser does not): told so until the page shows the run resumed.
    const client = (session.ext.worker as unknown as { client: { send(method: 'Runtime.runIfWaitingForDebugger'): Promise<unknown> } }).client;
    await expect
      .poll(
        async () => {
          await client.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
          return seller.$eval('[data-testid="check-status"]', (el) => el.getAttribute('data-resumed'));
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe('1');
    await seller.waitForSelector('[data-testid="check-status"][data-state="done"]', { timeout: 90_000 });
    expect(await seller.$eval('[data-testid="check-status"]', (el) => el.getAttribute('data-resumed'))).toBe('1');
    const text = await seller.$eval('[data-testid="check-status"]', (el) => el.textContent);
    expect(text).toContain('Checked 3 of 3');
    expect(text).toContain('went on where it was');
    // A new worker indeed: the old one's globals are gone (asked through a fresh DevTools session:
    // the old handle's context died with the old worker).
    const target = session.ext.browser.targets().find((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${session.ext.extensionId}/`));
    const fresh = await target!.createCDPSession();
    const marker = await fresh.send('Runtime.evaluate', { expression: 'globalThis.zcTestMarker ?? null', returnByValue: true });
    expect(marker.result.value).toBeNull();
    await fresh.detach();
    expect((await snapshotsOf(seller, C)).at(-1)?.availability).toBe('in-stock');
    session.server.setOverride(null);
    await seller.close();
  });
});
