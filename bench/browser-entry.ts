// Bundled by the benchmark and evaluated in an extension page, so IndexedDB timings come from the
// real Dexie code against Chromium's own IndexedDB in the extension's origin.
import { getDb } from '../lib/db';
import type { Listing } from '../lib/messaging/schemas';
import { listingsForQuery, storeListings } from '../lib/shops/store';
import { parseSearchPage } from '../lib/shops/parse';
import { createListingIndex, rankListings } from '../lib/match/rank';

(globalThis as unknown as { zcParse: unknown }).zcParse = parseSearchPage;
(globalThis as unknown as { zcBench: unknown }).zcBench = {
  async store(listings: Listing[]) {
    const start = performance.now();
    await storeListings(listings);
    return performance.now() - start;
  },
  async loadAndRank(query: string) {
    const start = performance.now();
    const listings = await listingsForQuery(query);
    const ranked = rankListings(createListingIndex(listings), { text: query, query }, { limit: 10 });
    return { ms: performance.now() - start, candidates: listings.length, top: ranked.length };
  },
  async count() {
    return getDb().listings.count();
  },
};
