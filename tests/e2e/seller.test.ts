import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot, StoredListing } from '../../lib/db';
import { screenshotFolder } from '../support/screenshots';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { readStore } from '../support/extension-db';
import { clickInShadow, inShadow, shadowText } from '../support/closed-shadow';
import { PAGES_DIR } from '../support/fixture-server';

const ITEM_ID = '727851748466';
const ITEM_URL = `https://item.taobao.com/item.htm?id=${ITEM_ID}`;
/** The fixture's highlighted price, and the lower one the second visit shows. */
const FIRST_PRICE = 'priceText--sOhUlYk0">79.9';
const LOWER_PRICE = 'priceText--sOhUlYk0">59.9';

const session = useExtensionBrowser();

async function badgeText(): Promise<string> {
  return session.ext.worker.evaluate(() => {
    const api = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome;
    return api.action.getBadgeText({});
  });
}

async function waitForCapture(url: string) {
  const page = await openPage(session.ext, url);
  // In front, and polled by time: a background tab (behind the install's welcome page) draws no frames.
  await page.bringToFront();
  await page.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) >= 1, { timeout: 15_000, polling: 200 });
  return page;
}

describe('watching a competitor\'s listing', () => {
  it('watch on the item page, a cheaper second visit: two points on the chart, the drop announced', async () => {
    // First visit: the button appears in its shadow root, next to the title, and watches.
    const first = await waitForCapture(ITEM_URL);
    await first.waitForSelector('zhongcao-watch[data-state="idle"]', { timeout: 10_000 });
    // A bare word names our `data-zc-ui` hosts: the watch button's host is named by a selector.
    expect(await shadowText(first, 'zhongcao-watch[data-zc-watch]', 'button')).toBe('☆ Watch price');
    await clickInShadow(first, 'zhongcao-watch', /Watch price/);
    await first.waitForSelector('zhongcao-watch[data-state="watching"]', { timeout: 10_000 });
    expect(await inShadow(first, 'zhongcao-watch', (root) => root.querySelector('button')?.getAttribute('aria-pressed'))).toBe('true');
    expect(await badgeText()).toBe('');
    await first.close();

    // Second visit: the same item, served cheaper.
    const original = readFileSync(join(PAGES_DIR, 'taobao', 'item-2025-taobao.html'), 'utf8');
    expect(original).toContain(FIRST_PRICE);
    session.server.setOverride((_req, url) =>
      url.hostname === 'item.taobao.com' && url.searchParams.get('id') === ITEM_ID ? { body: original.replace(FIRST_PRICE, LOWER_PRICE) } : null,
    );
    const second = await waitForCapture(ITEM_URL);
    // The button remembers the listing is watched.
    await second.waitForSelector('zhongcao-watch[data-state="watching"]', { timeout: 10_000 });
    session.server.setOverride(null);
    await second.close();

    // The toolbar badge says something got cheaper.
    await expect.poll(badgeText, { timeout: 10_000 }).toBe('↓');

    const seller = await openPage(session.ext, session.ext.pageUrl('seller.html'));
    await seller.bringToFront();
    await seller.setViewport({ width: 1280, height: 900 });
    const snapshots = (await readStore<Snapshot>(seller, 'snapshots')).filter((s) => s.listingId === `taobao:${ITEM_ID}`);
    expect(snapshots.map((s) => s.priceCny)).toEqual([79.9, 59.9]);
    const listing = (await readStore<StoredListing>(seller, 'listings')).find((l) => l.itemId === ITEM_ID);
    expect(listing?.watched).toBe(1);

    // The chart has drawn both sightings.
    await seller.waitForSelector('[data-testid="history-chart"][data-points="2"] canvas', { timeout: 15_000 });
    expect(await seller.$$eval('[data-testid="history"] tbody tr', (rows) => rows.length)).toBe(2);
    // The drop is announced in a visible notice.
    const notice = await seller.$eval('[data-testid="drop-notices"]', (el) => (el as HTMLElement).innerText);
    expect(notice).toContain('Price down from ¥79.90 to ¥59.90');
    expect(await seller.$eval('[data-testid="drop-notices"]', (el) => (el as HTMLElement).offsetHeight)).toBeGreaterThan(0);
    expect(await seller.$eval('[data-testid="change"]', (el) => el.textContent)).toBe('-¥20.00 (-25%)');
    // The diff of the two snapshots names the price change.
    expect(await seller.$eval('[data-testid="snapshot-diff"]', (el) => el.textContent)).toContain('¥79.90 → ¥59.90');

    // The committed screenshot changes only on request, so a test run leaves the work tree clean.
    const shots = screenshotFolder('screenshots');
    await seller.screenshot({ path: join(shots, 'seller.png'), fullPage: true });

    // Dismissing the notice clears the badge; unwatching empties the list.
    await seller.click('[data-testid="drop-notices"] button');
    await expect.poll(badgeText, { timeout: 5_000 }).toBe('');
    await seller.click('.zc-actions button');
    await seller.waitForSelector('[data-testid="empty"]', { timeout: 5_000 });
    await seller.close();
  });
});
