import { describe, expect, it } from 'vitest';
import type { StoredListing } from '../../lib/db';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { readStore } from '../support/extension-db';
import { realFixtureIndex, type ExpectedListing } from '../fixtures/taobao-fixtures';

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
});
