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

const session = useExtensionBrowser();

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
    const before = await notifications();

    serveA('45');
    await (await visit(A_URL)).close();
    await expect.poll(async () => (await notifications()).length - before.length, { timeout: 10_000 }).toBe(1);
    // Lower still: no second notification.
    serveA('40');
    await (await visit(A_URL)).close();
    session.server.setOverride(null);
    expect((await snapshotsOf(seller, A)).map((s) => s.priceCny).slice(-2)).toEqual([45, 40]);
    expect((await notifications()).length - before.length).toBe(1);
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
});
