import type { Listing } from '../messaging/schemas';
import { dayOf, getDb, type PriceObservation, type StoredListing, type ZhongcaoDb } from '../db/index';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_LISTINGS, MAX_QUERIES_PER_LISTING, RECENT_DAYS, storedQuery } from './budget';

/**
 * The listing cache in IndexedDB: every listing the user's browser showed, merged by `platform:itemId`,
 * with one price observation per listing per day for price history. The cache has a count and a
 * byte budget; the oldest listings the user never looked at go first, recent ones only after them.
 */

export { DEFAULT_MAX_LISTINGS } from './budget';

export interface StoreListingsOptions {
  db?: ZhongcaoDb;
  /** Evict down to this many listings after storing. */
  maxListings?: number;
  /** The byte budget of listings and their price history, estimated. */
  maxBytes?: number;
  /** The user opened these captures (an item page): their history is kept like a watched listing's. */
  opened?: boolean;
  now?: number;
}

export interface StoreListingsResult {
  added: number;
  updated: number;
  evicted: number;
  /** New listings not stored because the cache is full of recent or protected ones. */
  refused: number;
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
  'availability',
] as const satisfies ReadonlyArray<keyof Listing>;

/** The queries a listing keeps: the newest last, at most MAX_QUERIES_PER_LISTING, each cut to length. */
function withQuery(queries: readonly string[], query: string | undefined): string[] {
  const list = queries.filter((stored) => stored !== (query && storedQuery(query)));
  if (query && storedQuery(query)) list.push(storedQuery(query));
  return list.slice(-MAX_QUERIES_PER_LISTING);
}

/**
 * Merges a capture into what was stored. The newer sighting wins field by field where it has a
 * value; a search card that lacks the sales line does not erase the sales an item page showed.
 */
export function mergeListing(stored: StoredListing | undefined, capture: Listing): StoredListing {
  const { query: rawQuery, ...fields } = capture;
  const query = rawQuery ? storedQuery(rawQuery) || undefined : undefined;
  const queries = withQuery(stored?.queries ?? [], query);
  if (!stored) {
    const created: StoredListing = { ...fields, id: listingKey(capture), firstSeenAt: capture.seenAt, queries, watched: 0 };
    if (query) created.query = query;
    return created;
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
    queries,
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

/** Stores captured listings and their price observations within the cache's budgets. */
export async function storeListings(
  captures: readonly Listing[],
  { db = getDb(), maxListings = DEFAULT_MAX_LISTINGS, maxBytes = DEFAULT_MAX_BYTES, opened = false, now = Date.now() }: StoreListingsOptions = {},
): Promise<StoreListingsResult> {
  const result: StoreListingsResult = { added: 0, updated: 0, evicted: 0, refused: 0 };
  if (captures.length === 0) return result;
  const ids = [...new Set(captures.map(listingKey))];
  const known = new Set((await db.listings.bulkGet(ids)).filter((listing) => listing !== undefined).map((listing) => listing.id));
  const fresh = ids.filter((id) => !known.has(id));
  // Room for new listings: older listings are evicted to make it, never recent or protected ones;
  // when only those are left, the new listings are refused instead.
  const admitted = new Set<string>();
  if (fresh.length) {
    if ((await db.listings.count()) + fresh.length > maxListings) {
      result.evicted += await evictOldListings(db, maxListings - fresh.length, { now, includeRecent: false });
    }
    let room = Math.max(0, maxListings - (await db.listings.count()));
    const firstCapture = new Map<string, Listing>();
    for (const capture of captures) if (!firstCapture.has(listingKey(capture))) firstCapture.set(listingKey(capture), capture);
    const sizes = fresh.map((id) => listingBytes(mergeListing(undefined, firstCapture.get(id)!)) + PRICE_BYTES);
    const wanted = sizes.reduce((sum, size) => sum + size, 0);
    let bytes = await cacheBytes(db);
    if (bytes + wanted > maxBytes) {
      result.evicted += await evictForBytes(db, bytes + wanted - maxBytes, now);
      bytes = await cacheBytes(db);
    }
    fresh.forEach((id, index) => {
      if (room <= 0 || bytes + sizes[index]! > maxBytes) return;
      admitted.add(id);
      room--;
      bytes += sizes[index]!;
    });
  }
  result.refused = fresh.length - admitted.size;

  await db.transaction('rw', db.listings, db.prices, async () => {
    const stored = new Map<string, StoredListing>();
    for (const listing of await db.listings.bulkGet(ids)) if (listing) stored.set(listing.id, listing);
    const observations = new Map<string, PriceObservation>();
    const counted = new Set<string>();
    for (const capture of captures) {
      const id = listingKey(capture);
      const before = stored.get(id);
      if (!before && !admitted.has(id)) continue;
      if (!counted.has(id)) {
        counted.add(id);
        if (before) result.updated++;
        else result.added++;
      }
      const merged = mergeListing(before, capture);
      if (opened) merged.openedAt = capture.seenAt;
      stored.set(id, merged);
      if (capture.priceCny !== undefined || capture.sales !== undefined || capture.availability !== undefined) {
        const observation = observationOf(id, capture);
        const key = `${id}|${observation.day}`;
        const earlier = observations.get(key);
        if (!earlier || earlier.seenAt <= observation.seenAt) observations.set(key, observation);
      }
    }
    const rows = [...stored.values()];
    const before = await db.listings.bulkGet(rows.map((row) => row.id));
    await db.listings.bulkPut(rows);
    addBytes(db, rows.reduce((sum, row, index) => sum + listingBytes(row) - (before[index] ? listingBytes(before[index]) : 0), 0));
    // Latest of the day wins, also against what an earlier capture the same day stored.
    const keys = [...observations.values()].map((observation): [string, string] => [observation.listingId, observation.day]);
    const existing = await db.prices.bulkGet(keys);
    let newDays = 0;
    const newer = [...observations.values()].filter((observation, index) => {
      const before = existing[index];
      if (!before) newDays++;
      return !before || before.seenAt <= observation.seenAt;
    });
    addBytes(db, newDays * PRICE_BYTES);
    await db.prices.bulkPut(newer);
  });
  return result;
}

function observationOf(listingId: string, capture: Listing): PriceObservation {
  const observation: PriceObservation = { listingId, day: dayOf(capture.seenAt), seenAt: capture.seenAt };
  if (capture.priceCny !== undefined) observation.priceCny = capture.priceCny;
  if (capture.priceMaxCny !== undefined) observation.priceMaxCny = capture.priceMaxCny;
  if (capture.sales !== undefined) observation.sales = capture.sales;
  if (capture.availability !== undefined) observation.availability = capture.availability;
  return observation;
}

/** A listing the user looked at: watched, in the basket, or opened (its item page was read). */
function isProtected(listing: StoredListing, inBasket: ReadonlySet<string>): boolean {
  return listing.watched === 1 || typeof listing.openedAt === 'number' || inBasket.has(listing.id);
}

/**
 * Deletes the least recently seen listings beyond `maxListings`, with their price observations and
 * snapshots. Listings the user looked at (watched, basket, opened) are never evicted, even above
 * the cap, and listings seen in the last RECENT_DAYS only after every older one.
 */
export async function evictOldListings(db: ZhongcaoDb, maxListings: number, { now = Date.now(), includeRecent = true }: { now?: number; includeRecent?: boolean } = {}): Promise<number> {
  const evicted = await db.transaction('rw', [db.listings, db.prices, db.snapshots, db.basket], async () => {
    const excess = (await db.listings.count()) - Math.max(0, maxListings);
    if (excess <= 0) return 0;
    const inBasket = new Set(await db.basket.toCollection().primaryKeys());
    const cutoff = now - RECENT_DAYS * DAY_MS;
    const older = (await db.listings
      .where('seenAt')
      .below(cutoff)
      .filter((listing) => !isProtected(listing, inBasket))
      .limit(excess)
      .primaryKeys()) as string[];
    let victims = older;
    if (includeRecent && victims.length < excess) {
      const recent = (await db.listings
        .where('seenAt')
        .aboveOrEqual(cutoff)
        .filter((listing) => !isProtected(listing, inBasket))
        .limit(excess - victims.length)
        .primaryKeys()) as string[];
      victims = [...victims, ...recent];
    }
    if (victims.length === 0) return 0;
    await deleteListings(db, victims);
    return victims.length;
  });
  return evicted;
}

async function deleteListings(db: ZhongcaoDb, victims: string[]): Promise<void> {
  const rows = await db.listings.bulkGet(victims);
  const prices = await db.prices.where('listingId').anyOf(victims).count();
  await db.prices.where('listingId').anyOf(victims).delete();
  await db.snapshots.where('listingId').anyOf(victims).delete();
  await db.listings.bulkDelete(victims);
  addBytes(db, -(rows.reduce((sum, row) => sum + (row ? listingBytes(row) : 0), 0) + prices * PRICE_BYTES));
}

/** Evicts listings seen before the last RECENT_DAYS, oldest first, until about `bytes` are freed. */
async function evictForBytes(db: ZhongcaoDb, bytes: number, now: number): Promise<number> {
  return db.transaction('rw', [db.listings, db.prices, db.snapshots, db.basket], async () => {
    const inBasket = new Set(await db.basket.toCollection().primaryKeys());
    const victims: string[] = [];
    let freed = 0;
    await db.listings
      .where('seenAt')
      .below(now - RECENT_DAYS * DAY_MS)
      .until(() => freed >= bytes)
      .each((listing) => {
        if (isProtected(listing, inBasket)) return;
        victims.push(listing.id);
        freed += listingBytes(listing) + PRICE_BYTES;
      });
    if (victims.length) await deleteListings(db, victims);
    return victims.length;
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Bytes are estimated from what is stored: a record's JSON (two bytes a character, as IndexedDB
 * keeps strings), an index entry per query, and a fixed size per price observation. The total is
 * counted once per database from the records, then kept up to date by every write and eviction.
 * `unlimitedStorage` means the browser's own quota never stops the cache from growing: this does.
 */
export const PRICE_BYTES = 160;
const INDEX_ENTRY_BYTES = 64;
const byteEstimates = new WeakMap<ZhongcaoDb, number>();

export function listingBytes(listing: StoredListing): number {
  return 2 * JSON.stringify(listing).length + INDEX_ENTRY_BYTES * (5 + listing.queries.length);
}

/** The estimated bytes of the listing cache (listings and price history). */
export async function cacheBytes(db: ZhongcaoDb): Promise<number> {
  const known = byteEstimates.get(db);
  if (known !== undefined) return known;
  let total = (await db.prices.count()) * PRICE_BYTES;
  await db.listings.each((listing) => {
    total += listingBytes(listing);
  });
  byteEstimates.set(db, total);
  return total;
}

function addBytes(db: ZhongcaoDb, delta: number): void {
  const known = byteEstimates.get(db);
  if (known !== undefined) byteEstimates.set(db, Math.max(0, known + delta));
}

/** Price observations of a listing, oldest day first. */
export async function priceHistory(listingId: string, db: ZhongcaoDb = getDb()): Promise<PriceObservation[]> {
  return db.prices.where('listingId').equals(listingId).sortBy('day');
}

/** Listings captured under a search query, most recently seen first. */
export async function listingsForQuery(query: string, db: ZhongcaoDb = getDb()): Promise<StoredListing[]> {
  const listings = await db.listings.where('queries').equals(storedQuery(query)).toArray();
  return listings.sort((a, b) => b.seenAt - a.seenAt);
}
