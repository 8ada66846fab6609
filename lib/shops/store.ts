import type { Listing } from '../messaging/schemas';
import { dayOf, getDb, type PriceObservation, type StoredListing, type ZhongcaoDb } from '../db/index';

/**
 * The listing cache in IndexedDB: every listing the user's browser showed, merged by `platform:itemId`,
 * with one price observation per listing per day for price history. The cache is capped; the oldest
 * listings the user does not watch (and has not put in the basket) go first.
 */

export const DEFAULT_MAX_LISTINGS = 50_000;

export interface StoreListingsOptions {
  db?: ZhongcaoDb;
  /** Evict down to this many listings after storing. */
  maxListings?: number;
}

export interface StoreListingsResult {
  added: number;
  updated: number;
  evicted: number;
}

export function listingKey(listing: Pick<Listing, 'platform' | 'itemId'>): string {
  return `${listing.platform}:${listing.itemId}`;
}

/** The fields a capture may lack; a capture without them keeps what an earlier one saw. */
const OPTIONAL_FIELDS = [
  'priceCny',
  'priceText',
  'priceMaxCny',
  'sales',
  'salesText',
  'shop',
  'location',
  'imageUrl',
] as const satisfies ReadonlyArray<keyof Listing>;

/**
 * Merges a capture into what was stored. The newer sighting wins field by field where it has a
 * value; a search card that lacks the sales line does not erase the sales an item page showed.
 */
export function mergeListing(stored: StoredListing | undefined, capture: Listing): StoredListing {
  const { query, ...fields } = capture;
  const queries = new Set(stored?.queries ?? []);
  if (query) queries.add(query);
  if (!stored) {
    return { ...capture, id: listingKey(capture), firstSeenAt: capture.seenAt, queries: [...queries], watched: 0 };
  }
  const [newer, older] = capture.seenAt >= stored.seenAt ? [fields, stored] : [stored, fields];
  const merged: StoredListing = {
    ...stored,
    platform: capture.platform,
    itemId: capture.itemId,
    title: newer.title || older.title,
    url: newer.url || older.url,
    seenAt: Math.max(stored.seenAt, capture.seenAt),
    firstSeenAt: Math.min(stored.firstSeenAt, capture.seenAt),
    queries: [...queries],
  };
  // Neither sighting having a field means `stored` lacks it too, so nothing needs deleting.
  for (const field of OPTIONAL_FIELDS) {
    const value = newer[field] ?? older[field];
    if (value !== undefined) Object.assign(merged, { [field]: value });
  }
  // The query a listing was last seen under stays readable as `query` too.
  if (query && capture.seenAt >= stored.seenAt) merged.query = query;
  return merged;
}

/** Stores captured listings and their price observations, then applies the size cap. */
export async function storeListings(
  captures: readonly Listing[],
  { db = getDb(), maxListings = DEFAULT_MAX_LISTINGS }: StoreListingsOptions = {},
): Promise<StoreListingsResult> {
  const result: StoreListingsResult = { added: 0, updated: 0, evicted: 0 };
  if (captures.length === 0) return result;
  await db.transaction('rw', db.listings, db.prices, async () => {
    const ids = [...new Set(captures.map(listingKey))];
    const stored = new Map<string, StoredListing>();
    for (const listing of await db.listings.bulkGet(ids)) if (listing) stored.set(listing.id, listing);
    const observations = new Map<string, PriceObservation>();
    for (const capture of captures) {
      const id = listingKey(capture);
      const before = stored.get(id);
      if (before) result.updated++;
      else result.added++;
      stored.set(id, mergeListing(before, capture));
      if (capture.priceCny !== undefined || capture.sales !== undefined) {
        const observation = observationOf(id, capture);
        const key = `${id}|${observation.day}`;
        const earlier = observations.get(key);
        if (!earlier || earlier.seenAt <= observation.seenAt) observations.set(key, observation);
      }
    }
    await db.listings.bulkPut([...stored.values()]);
    // Latest of the day wins, also against what an earlier capture the same day stored.
    const keys = [...observations.values()].map((observation): [string, string] => [observation.listingId, observation.day]);
    const existing = await db.prices.bulkGet(keys);
    const newer = [...observations.values()].filter((observation, index) => {
      const before = existing[index];
      return !before || before.seenAt <= observation.seenAt;
    });
    await db.prices.bulkPut(newer);
  });
  result.evicted = await evictOldListings(db, maxListings);
  return result;
}

function observationOf(listingId: string, capture: Listing): PriceObservation {
  const observation: PriceObservation = { listingId, day: dayOf(capture.seenAt), seenAt: capture.seenAt };
  if (capture.priceCny !== undefined) observation.priceCny = capture.priceCny;
  if (capture.priceMaxCny !== undefined) observation.priceMaxCny = capture.priceMaxCny;
  if (capture.sales !== undefined) observation.sales = capture.sales;
  return observation;
}

/**
 * Deletes the least recently seen listings beyond `maxListings`, with their price observations and
 * snapshots. Watched listings and listings in the basket are never evicted, even above the cap.
 */
export async function evictOldListings(db: ZhongcaoDb, maxListings: number): Promise<number> {
  return db.transaction('rw', [db.listings, db.prices, db.snapshots, db.basket], async () => {
    const excess = (await db.listings.count()) - maxListings;
    if (excess <= 0) return 0;
    const inBasket = new Set(await db.basket.toCollection().primaryKeys());
    const victims = (await db.listings
      .orderBy('seenAt')
      .filter((listing) => listing.watched === 0 && !inBasket.has(listing.id))
      .limit(excess)
      .primaryKeys()) as string[];
    if (victims.length === 0) return 0;
    await db.prices.where('listingId').anyOf(victims).delete();
    await db.snapshots.where('listingId').anyOf(victims).delete();
    await db.listings.bulkDelete(victims);
    return victims.length;
  });
}

/** Price observations of a listing, oldest day first. */
export async function priceHistory(listingId: string, db: ZhongcaoDb = getDb()): Promise<PriceObservation[]> {
  return db.prices.where('listingId').equals(listingId).sortBy('day');
}

/** Listings captured under a search query, most recently seen first. */
export async function listingsForQuery(query: string, db: ZhongcaoDb = getDb()): Promise<StoredListing[]> {
  const listings = await db.listings.where('queries').equals(query).toArray();
  return listings.sort((a, b) => b.seenAt - a.seenAt);
}
