import { describe, expect, it } from 'vitest';
import type { PriceObservation, StoredListing } from '../../lib/db';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { readStore } from '../support/extension-db';
import { CARDS_PER_PAGE, ORDINARY_BASE, ORDINARY_PAGES, floodPage, ordinaryPage, settled, timedListings, usageBytes } from '../support/taobao-pages';

/**
 * A hostile Taobao page that renders 50,500 distinct cards, in real Chromium under s.taobao.com,
 * after ordinary browsing: the ordinary listings keep their histories, the flood stores at most one
 * page's card budget, one card whose price overflows is dropped alone, and the popup's listings
 * request keeps answering. Times are measured and printed for the report; the bound on them is
 * generous, not a speed goal. (Its own browser: the write budget per minute is not shared.)
 */
const session = useExtensionBrowser();

describe('capture budgets against a 50,500-card page', () => {
  it('keeps ordinary listings and their histories through a 50,500-card page, and drops an overflowing price alone', async () => {
    session.server.setOverride((_req, url) => {
      if (url.hostname !== 's.taobao.com' || url.pathname !== '/search') return null;
      const q = url.searchParams.get('q') ?? '';
      if (q.startsWith('ordinary-')) return { body: ordinaryPage(Number(q.slice('ordinary-'.length))) };
      if (q === 'flood') return { body: floodPage() };
      return null;
    });
    for (let n = 1; n <= ORDINARY_PAGES; n++) {
      const tab = await openPage(session.ext, `https://s.taobao.com/search?q=ordinary-${n}`);
      await tab.waitForFunction((want) => Number(document.documentElement.dataset.zcCaptured ?? 0) >= want, { timeout: 20_000 }, CARDS_PER_PAGE);
      await tab.close();
    }
    const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
    const ordinaryIds = new Set((await readStore<StoredListing>(options, 'listings')).filter((l) => l.title.startsWith('普通商品')).map((l) => l.id));
    // Every card of every ordinary page, the one with the overflowing price included (without a price).
    expect(ordinaryIds.size).toBe(ORDINARY_PAGES * CARDS_PER_PAGE);
    const overflow = (await readStore<StoredListing>(options, 'listings')).find((l) => l.itemId === String(ORDINARY_BASE + 105));
    expect(overflow?.priceCny).toBeUndefined();
    const usageBefore = await usageBytes(options);

    const flood = await openPage(session.ext, 'https://s.taobao.com/search?q=flood');
    await flood.waitForFunction(() => document.documentElement.dataset.floodRendered === '1', { timeout: 150_000 });
    await settled(flood);
    const counters = await flood.evaluate(() => ({ ...document.documentElement.dataset }));

    const listings = await readStore<StoredListing>(options, 'listings');
    const prices = await readStore<PriceObservation>(options, 'prices');
    const kept = listings.filter((l) => ordinaryIds.has(l.id));
    const flooded = listings.filter((l) => l.title.startsWith('灌水'));
    const popup = await timedListings(options, 'ordinary-3');
    const usageAfter = await usageBytes(options);
    console.info(`[budgets] flood: ${flooded.length} of 50,500 cards stored (page counters ${JSON.stringify(counters)}); ` +
      `ordinary listings kept ${kept.length}/${ordinaryIds.size}; popup answered ${popup.count} listings in ${popup.ms.toFixed(0)} ms; ` +
      `usage ${(usageBefore / 1e6).toFixed(2)} → ${(usageAfter / 1e6).toFixed(2)} MB`);

    expect(kept.length).toBe(ordinaryIds.size);
    for (const listing of kept) if (listing.priceCny !== undefined) expect(prices.some((p) => p.listingId === listing.id)).toBe(true);
    // At most one page's card budget from the flood.
    expect(flooded.length).toBeLessThanOrEqual(500);
    expect(Number(counters.zcOverBudget)).toBe(50_000);
    expect(popup.ok).toBe(true);
    expect(popup.count).toBeGreaterThan(0);
    expect(popup.ms).toBeLessThan(10_000);
    await flood.close();
    await options.close();
  }, 400_000);

});
