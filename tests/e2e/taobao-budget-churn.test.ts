import { describe, expect, it } from 'vitest';
import type { StoredListing } from '../../lib/db';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { readStore } from '../support/extension-db';
import { CARDS_PER_PAGE, CHURN_BASE, churnPage, ordinaryPage, settled, timedListings, usageBytes } from '../support/taobao-pages';

/**
 * A hostile Taobao page that re-renders the same 200 cards under a new 200-character query every
 * 400 ms, in real Chromium under s.taobao.com: what it stores stays bounded (queries per listing and
 * their length, the write budget) and the popup's listings request keeps answering meanwhile. Times
 * are measured and printed for the report; the bound on them is generous, not a speed goal.
 */
const session = useExtensionBrowser();

describe('capture budgets against a query-churn page', () => {
  it('bounds what a page re-rendering its cards under new long queries can store, and the popup keeps answering', async () => {
    const seconds = 15;
    session.server.setOverride((_req, url) => {
      if (url.hostname !== 's.taobao.com') return null;
      const q = url.searchParams.get('q');
      return q === 'churn' ? { body: churnPage(seconds) } : q === 'ordinary-2' ? { body: ordinaryPage(2) } : null;
    });
    // One ordinary search first, for the popup to rank while the churn runs.
    const ordinary = await openPage(session.ext, 'https://s.taobao.com/search?q=ordinary-2');
    await ordinary.waitForFunction((want) => Number(document.documentElement.dataset.zcCaptured ?? 0) >= want, { timeout: 20_000 }, CARDS_PER_PAGE);
    await ordinary.close();
    const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
    const usageBefore = await usageBytes(options);
    const churn = await openPage(session.ext, 'https://s.taobao.com/search?q=churn');
    const times: number[] = [];
    while ((await churn.evaluate(() => document.documentElement.dataset.churnDone)) !== '1') {
      const popup = await timedListings(options, 'ordinary-2');
      expect(popup.ok).toBe(true);
      expect(popup.count).toBeGreaterThan(0);
      times.push(popup.ms);
    }
    await settled(churn);
    const rounds = Number(await churn.evaluate(() => document.documentElement.dataset.churnRounds));
    const listings = (await readStore<StoredListing>(options, 'listings')).filter((l) => Number(l.itemId) >= CHURN_BASE && Number(l.itemId) < CHURN_BASE + 200);
    const usageAfter = await usageBytes(options);
    const worst = Math.max(...times);
    console.info(`[budgets] churn: ${rounds} renders of 200 cards under new 200-char queries in ${seconds} s; ` +
      `${listings.length} listings, at most ${Math.max(...listings.map((l) => l.queries.length))} queries each; ` +
      `popup answered ${times.length} times, worst ${worst.toFixed(0)} ms, median ${times.sort((a, b) => a - b)[Math.floor(times.length / 2)]?.toFixed(0)} ms; ` +
      `their records ${(JSON.stringify(listings).length * 2 / 1e6).toFixed(2)} MB (queries ${(listings.reduce((sum, l) => sum + l.queries.join('').length, 0) * 2 / 1e3).toFixed(0)} KB); ` +
      `origin usage ${(usageBefore / 1e6).toFixed(2)} → ${(usageAfter / 1e6).toFixed(2)} MB`);

    expect(rounds).toBeGreaterThan(10);
    for (const listing of listings) {
      expect(listing.queries.length).toBeLessThanOrEqual(8);
      for (const query of listing.queries) expect(query.length).toBeLessThanOrEqual(100);
    }
    expect(times.length).toBeGreaterThan(0);
    expect(worst).toBeLessThan(10_000);
    await churn.close();
    await options.close();
  }, 120_000);
});
