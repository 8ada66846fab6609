import { describe, expect, it } from 'vitest';
import type { StoredListing, PriceObservation } from '../../lib/db';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { readStore } from '../support/extension-db';

const session = useExtensionBrowser();

describe('capturing listings from the user\'s own Taobao browsing', () => {
  it('stores every card of a search page with its price and a price observation', async () => {
    const page = await openPage(session.ext, `https://s.taobao.com/search?q=${encodeURIComponent('刺绣卫衣')}&tab=all`);
    const cards = await page.$$eval('[id^="item_id_"]', (els) => new Set(els.map((e) => e.id)).size);
    await page.waitForFunction((n) => Number(document.documentElement.dataset.zcCaptured ?? 0) >= n, { timeout: 15_000 }, cards);
    const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
    const listings = await readStore<StoredListing>(options, 'listings');
    const fromQuery = listings.filter((l) => l.queries.includes('刺绣卫衣'));
    // Every product card the page shows is stored, once per item.
    expect(new Set(fromQuery.map((l) => l.itemId)).size).toBe(cards);
    expect(fromQuery.length).toBeGreaterThanOrEqual(40);
    const priced = fromQuery.filter((l) => typeof l.priceCny === 'number' && l.priceCny > 0);
    expect(priced.length).toBeGreaterThan(40);
    expect(fromQuery.every((l) => l.url.startsWith('https://'))).toBe(true);
    const prices = await readStore<PriceObservation>(options, 'prices');
    // One observation per item today, for every card that showed a price or sales.
    const observed = fromQuery.filter((l) => l.priceCny !== undefined || l.sales !== undefined);
    expect(prices.filter((p) => fromQuery.some((l) => l.id === p.listingId)).length).toBe(observed.length);
    await options.close();
    await page.close();
  });

  it('stores an item page under its item id', async () => {
    const page = await openPage(session.ext, 'https://item.taobao.com/item.htm?id=727851748466');
    await page.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) >= 1, { timeout: 15_000 });
    const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
    const listing = (await readStore<StoredListing>(options, 'listings')).find((l) => l.itemId === '727851748466');
    const shownTitle = await page.$eval('[class^="mainTitle--"]', (el) => el.getAttribute('title') ?? el.textContent ?? '');
    expect(listing?.title).toBe(shownTitle.trim());
    expect(listing?.priceCny).toBeGreaterThan(0);
    await options.close();
    await page.close();
  });

  it('seeds the bundled rate cards on install', async () => {
    const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
    await options.waitForFunction(async () => true);
    const cards = await readStore<{ id: string; origin: string }>(options, 'rateCards');
    expect(cards.length).toBeGreaterThan(10);
    expect(cards.every((c) => c.origin === 'bundled')).toBe(true);
    await options.close();
  });
});
