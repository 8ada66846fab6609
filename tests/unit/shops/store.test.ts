import { afterEach, describe, expect, it } from 'vitest';
import { dayOf, ZhongcaoDb } from '../../../lib/db/index';
import type { Listing } from '../../../lib/messaging/schemas';
import { evictOldListings, listingsForQuery, mergeListing, priceHistory, storeListings } from '../../../lib/shops/store';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date(2025, 5, 11, 10, 0, 0).getTime();

let counter = 0;
let db: ZhongcaoDb;
function freshDb(): ZhongcaoDb {
  db = new ZhongcaoDb(`store-test-${++counter}`);
  return db;
}
afterEach(async () => {
  await db?.delete();
});

function listing(itemId: string, fields: Partial<Listing> = {}): Listing {
  return {
    platform: 'taobao',
    itemId,
    title: `小熊刺绣卫衣 ${itemId}`,
    url: `https://item.taobao.com/item.htm?id=${itemId}`,
    seenAt: T0,
    ...fields,
  };
}

describe('mergeListing', () => {
  it('creates a stored listing from a first capture', () => {
    expect(mergeListing(undefined, listing('10001', { query: '刺绣卫衣', priceCny: 89 }))).toEqual({
      ...listing('10001', { query: '刺绣卫衣', priceCny: 89 }),
      id: 'taobao:10001',
      firstSeenAt: T0,
      queries: ['刺绣卫衣'],
      watched: 0,
    });
  });

  it('keeps fields a newer capture lacks, takes the ones it has, and adds its query', () => {
    const first = mergeListing(undefined, listing('10001', { query: '刺绣卫衣', sales: 23_000, salesText: '2.3万+人付款', priceCny: 89, shop: '卡蒙家' }));
    const merged = mergeListing({ ...first, watched: 1 }, listing('10001', { seenAt: T0 + DAY, query: '小熊卫衣', priceCny: 79, title: '' }));
    expect(merged).toMatchObject({
      title: '小熊刺绣卫衣 10001',
      priceCny: 79,
      sales: 23_000,
      salesText: '2.3万+人付款',
      shop: '卡蒙家',
      seenAt: T0 + DAY,
      firstSeenAt: T0,
      queries: ['刺绣卫衣', '小熊卫衣'],
      query: '小熊卫衣',
      watched: 1,
    });
  });

  it('an older capture arriving late fills gaps but does not overwrite newer values', () => {
    const newer = mergeListing(undefined, listing('10001', { seenAt: T0 + DAY, priceCny: 79 }));
    const merged = mergeListing(newer, listing('10001', { seenAt: T0, priceCny: 89, location: '浙江 杭州' }));
    expect(merged).toMatchObject({ priceCny: 79, location: '浙江 杭州', seenAt: T0 + DAY, firstSeenAt: T0 });
  });
});

describe('storeListings', () => {
  it('upserts by platform:itemId and counts added and updated', async () => {
    freshDb();
    expect(await storeListings([listing('10001'), listing('10002')], { db })).toEqual({ added: 2, updated: 0, evicted: 0, refused: 0 });
    expect(await storeListings([listing('10001', { seenAt: T0 + 1000 }), listing('10003')], { db })).toEqual({ added: 1, updated: 1, evicted: 0, refused: 0 });
    expect((await db.listings.toCollection().primaryKeys()).sort()).toEqual(['taobao:10001', 'taobao:10002', 'taobao:10003']);
  });

  it('keeps one price observation per listing per day, the latest of the day', async () => {
    freshDb();
    await storeListings([listing('10001', { priceCny: 89, sales: 100 })], { db });
    await storeListings([listing('10001', { seenAt: T0 + 3_600_000, priceCny: 79, priceMaxCny: 99 })], { db });
    // A capture from earlier the same day, arriving last, does not replace the later one.
    await storeListings([listing('10001', { seenAt: T0 - 3_600_000, priceCny: 95 })], { db });
    await storeListings([listing('10001', { seenAt: T0 + DAY, priceCny: 69 })], { db });
    expect(await priceHistory('taobao:10001', db)).toEqual([
      { listingId: 'taobao:10001', day: dayOf(T0), seenAt: T0 + 3_600_000, priceCny: 79, priceMaxCny: 99 },
      { listingId: 'taobao:10001', day: dayOf(T0 + DAY), seenAt: T0 + DAY, priceCny: 69 },
    ]);
  });

  it('the daily observation keeps what the page said about stock, a taken-down page included', async () => {
    freshDb();
    await storeListings([listing('10001', { priceCny: 89, availability: 'in-stock' })], { db });
    await storeListings([{ ...listing('10001', { seenAt: T0 + DAY, availability: 'delisted' }), title: '' }], { db });
    expect(await priceHistory('taobao:10001', db)).toEqual([
      { listingId: 'taobao:10001', day: dayOf(T0), seenAt: T0, priceCny: 89, availability: 'in-stock' },
      { listingId: 'taobao:10001', day: dayOf(T0 + DAY), seenAt: T0 + DAY, availability: 'delisted' },
    ]);
  });

  it('within one batch, the latest capture of a day wins too', async () => {
    freshDb();
    await storeListings([listing('10001', { seenAt: T0 + 60_000, priceCny: 70 }), listing('10001', { priceCny: 80 })], { db });
    expect((await priceHistory('taobao:10001', db)).map((observation) => observation.priceCny)).toEqual([70]);
    expect((await db.listings.get('taobao:10001'))?.priceCny).toBe(70);
  });

  it('writes no observation for a capture without price or sales', async () => {
    freshDb();
    await storeListings([listing('10001')], { db });
    expect(await db.prices.count()).toBe(0);
  });

  it('finds listings by query, most recent first', async () => {
    freshDb();
    await storeListings([listing('10001', { query: '刺绣卫衣' }), listing('10002', { query: '刺绣卫衣', seenAt: T0 + 5 }), listing('10003', { query: '便利贴' })], { db });
    expect((await listingsForQuery('刺绣卫衣', db)).map((stored) => stored.itemId)).toEqual(['10002', '10001']);
  });
});

describe('eviction', () => {
  it('evicts the oldest unwatched listings beyond the cap, with their observations and snapshots', async () => {
    freshDb();
    const captures = Array.from({ length: 6 }, (_, index) => listing(String(10001 + index), { seenAt: T0 + index * 1000, priceCny: 10 + index }));
    await storeListings(captures, { db });
    await db.listings.update('taobao:10001', { watched: 1 });
    await db.basket.put({ listingId: 'taobao:10002', quantity: 1, addedAt: T0 });
    await db.snapshots.add({ listingId: 'taobao:10003', seenAt: T0, title: 'x' });

    const result = await storeListings([listing('10007', { seenAt: T0 + 10_000 })], { db, maxListings: 4 });
    expect(result).toEqual({ added: 1, updated: 0, evicted: 3, refused: 0 });
    expect((await db.listings.toCollection().primaryKeys()).sort()).toEqual(['taobao:10001', 'taobao:10002', 'taobao:10006', 'taobao:10007']);
    expect((await db.prices.toArray()).map((observation) => observation.listingId).sort()).toEqual(['taobao:10001', 'taobao:10002', 'taobao:10006']);
    expect(await db.snapshots.count()).toBe(0);
  });

  it('never evicts watched listings, even when they alone exceed the cap', async () => {
    freshDb();
    await storeListings([listing('10001'), listing('10002')], { db });
    await db.listings.toCollection().modify({ watched: 1 });
    expect(await evictOldListings(db, 1)).toBe(0);
    expect(await db.listings.count()).toBe(2);
  });
});
