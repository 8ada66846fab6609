import { describe, expect, it } from 'vitest';
import type { StoredListing } from '../../lib/db';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { readStore } from '../support/extension-db';
import { readRealFixture, realFixtureIndex, type ExpectedListing } from '../fixtures/taobao-fixtures';

/**
 * Every page of the real-structure corpus (tests/fixtures/real/taobao) in real Chromium under its
 * real hostname: the built extension stores each listing with the id, title, price, shop and sales
 * the page shows a user (the expectations are written from the pages by hand, in index.json).
 */
const session = useExtensionBrowser();
const index = realFixtureIndex();

function shown(listing: StoredListing | undefined): ExpectedListing | undefined {
  if (!listing) return undefined;
  const { platform, itemId, title, priceCny, shop, salesText, sales, location } = listing;
  const picked: Record<string, unknown> = { platform, itemId, title, priceCny, shop, salesText, sales, location };
  for (const key of Object.keys(picked)) if (picked[key] === undefined) delete picked[key];
  return picked as unknown as ExpectedListing;
}

async function storedListings(): Promise<Map<string, StoredListing>> {
  const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
  const listings = await readStore<StoredListing>(options, 'listings');
  await options.close();
  return new Map(listings.map((listing) => [listing.itemId, listing]));
}

describe('the real-structure Taobao corpus, read by the built extension', () => {
  for (const [query, entry] of Object.entries(index.search)) {
    it(`stores every listing of ${entry.file} (${entry.layout}) as the page shows it`, async () => {
      const page = await openPage(session.ext, `https://${entry.host}/search?q=${encodeURIComponent(query)}&tab=all`);
      const wanted = entry.expected.listings.length;
      await page.waitForFunction((n) => Number(document.documentElement.dataset.zcCaptured ?? 0) >= n, { timeout: 20_000 }, wanted);
      const stored = await storedListings();
      for (const expected of entry.expected.listings) {
        expect(shown(stored.get(expected.itemId))).toEqual(expected);
        expect(stored.get(expected.itemId)?.queries).toContain(query);
      }
      await page.close();
    });
  }

  for (const [id, entry] of Object.entries(index.items)) {
    it(`stores ${entry.file} on ${entry.host} (${entry.layout}) with its title, price, shop and sales`, async () => {
      const page = await openPage(session.ext, `https://${entry.host}/item.htm?id=${id}`);
      await page.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) >= 1, { timeout: 20_000 });
      const { missing: _missing, ...expected } = entry.expected;
      const stored = await storedListings();
      expect(shown(stored.get(id))).toEqual(expected);
      // Opening an item page counts as looking at it: its history is never evicted.
      expect(stored.get(id)?.openedAt).toBeTypeOf('number');
      await page.close();
    });
  }

  it('tells in the popup what an item page did not show', async () => {
    // The 2025 item page without its price block: the reader stores the rest and says price is missing.
    const html = readRealFixture('item-2025-taobao.html').replace(/<div class="priceWrap--[\s\S]*?<\/div>\n<\/div>/, '');
    session.server.setOverride((_req, url) => (url.hostname === 'item.taobao.com' && url.searchParams.get('id') === '829377145999' ? { body: html } : null));
    const page = await openPage(session.ext, 'https://item.taobao.com/item.htm?id=829377145999');
    await page.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) >= 1, { timeout: 20_000 });
    const tabId = await session.ext.tabIdOf(page);
    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${tabId}`));
    const missing = await popup.waitForSelector('[data-testid="shop-report-missing"]', { timeout: 20_000 });
    expect(await missing?.evaluate((el) => el.textContent)).toBe('Price not found on this item page.');
    const stored = (await storedListings()).get('829377145999');
    expect(stored?.title).toBe('浅茶家 茉莉花茶 2025新茶 浓香型 横县茉莉 罐装250g');
    expect(stored?.priceCny).toBeUndefined();
    session.server.setOverride(null);
    await popup.close();
    await page.close();
  });

  it('reports a search page whose cards it does not know as not recognised, with a skeleton to copy', async () => {
    // A future layout: cards under class names no reader knows.
    const html = readRealFixture('search-2024-adapt-card.html').replaceAll('doubleCardWrapperAdapt--mEcC7olq', 'itemCardV9--Zz0').replace(/ id="item_id_\d+"/g, '');
    session.server.setOverride((_req, url) => (url.hostname === 's.taobao.com' && url.searchParams.get('q') === 'future' ? { body: html } : null));
    const page = await openPage(session.ext, 'https://s.taobao.com/search?q=future');
    const tabId = await session.ext.tabIdOf(page);
    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${tabId}`));
    const none = await popup.waitForSelector('[data-testid="shop-report-none"]', { timeout: 30_000 });
    expect(await none?.evaluate((el) => el.textContent)).toBe('No listing was recognised on this search page.');
    expect(await popup.$('[data-testid="copy-diagnostics"]')).not.toBeNull();
    session.server.setOverride(null);
    await popup.close();
    await page.close();
  });
});
