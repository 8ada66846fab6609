import { afterEach, describe, expect, it } from 'vitest';
import { ZhongcaoDb } from '../../../lib/db/index';
import type { Listing } from '../../../lib/messaging/schemas';
import { cacheBytes, listingsForQuery, mergeListing, storeListings } from '../../../lib/shops/store';
import { MAX_QUERIES_PER_LISTING, MAX_QUERY_LENGTH, RECENT_DAYS, WriteRateLimiter, storedQuery } from '../../../lib/shops/budget';
import { validListings } from '../../../lib/shops/capture';
import { parsePriceRange } from '../../../lib/shops/text';
import { parseSearchPage } from '../../../lib/shops/parse';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(2026, 11, 6, 12, 0, 0).getTime();

let counter = 0;
let db: ZhongcaoDb;
function freshDb(): ZhongcaoDb {
  db = new ZhongcaoDb(`budget-test-${++counter}`);
  return db;
}
afterEach(async () => {
  await db?.delete();
});

function listing(itemId: string, fields: Partial<Listing> = {}): Listing {
  return { platform: 'taobao', itemId, title: `商品 ${itemId}`, url: `https://item.taobao.com/item.htm?id=${itemId}`, seenAt: NOW, priceCny: 10, ...fields };
}

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

describe('eviction order', () => {
  it('takes listings older than the recent days first, and refuses new ones rather than evict recent ones', async () => {
    freshDb();
    const old = ids(10_000, 3).map((id) => listing(id, { seenAt: NOW - (RECENT_DAYS + 5) * DAY }));
    const recent = ids(20_000, 5).map((id) => listing(id, { seenAt: NOW - DAY }));
    await storeListings([...old, ...recent], { db, now: NOW });
    const flood = ids(30_000, 8).map((id) => listing(id));
    const result = await storeListings(flood, { db, maxListings: 10, now: NOW });
    // The three old ones go, making room for five of the eight; three are refused, every recent one stays.
    expect(result).toMatchObject({ added: 5, evicted: 3, refused: 3 });
    const kept = new Set(await db.listings.toCollection().primaryKeys());
    for (const id of recent) expect(kept.has(`taobao:${id.itemId}`)).toBe(true);
    for (const id of old) expect(kept.has(`taobao:${id.itemId}`)).toBe(false);
    expect(await db.prices.where('listingId').anyOf(recent.map((l) => `taobao:${l.itemId}`)).count()).toBe(5);
  });

  it('never evicts a listing the user opened, watched or put in the basket, however old', async () => {
    freshDb();
    const [opened, watched, basket, plain] = ids(10_000, 4).map((id) => listing(id, { seenAt: NOW - 100 * DAY }));
    await storeListings([opened!], { db, now: NOW, opened: true });
    await storeListings([watched!, basket!, plain!], { db, now: NOW });
    await db.listings.update(`taobao:${watched!.itemId}`, { watched: 1 });
    await db.basket.put({ listingId: `taobao:${basket!.itemId}`, quantity: 1, addedAt: NOW });
    const result = await storeListings(ids(20_000, 4).map((id) => listing(id)), { db, maxListings: 4, now: NOW });
    expect(result.evicted).toBe(1);
    const kept = new Set(await db.listings.toCollection().primaryKeys());
    expect(kept.has(`taobao:${plain!.itemId}`)).toBe(false);
    for (const keep of [opened!, watched!, basket!]) expect(kept.has(`taobao:${keep.itemId}`)).toBe(true);
  });
});

describe('byte budget', () => {
  it('keeps the estimated bytes under the budget, not only the count', async () => {
    freshDb();
    const big = (id: string) => listing(id, { title: '长'.repeat(1000), imageUrl: `https://img.alicdn.com/${'x'.repeat(3900)}` });
    const budget = 200_000;
    const first = await storeListings(ids(10_000, 100).map(big), { db, now: NOW, maxBytes: budget });
    expect(first.added).toBeGreaterThan(0);
    expect(first.refused).toBeGreaterThan(0);
    expect(await cacheBytes(db)).toBeLessThanOrEqual(budget);
    // The estimate kept up to date by writes matches one counted afresh from the records.
    const counted = await cacheBytes(new ZhongcaoDb(db.name));
    expect(Math.abs(counted - (await cacheBytes(db)))).toBeLessThan(1000);
  });
});

describe('stored queries', () => {
  it('keeps the newest queries per listing, each cut to length', () => {
    let stored = mergeListing(undefined, listing('10001', { query: 'q0' }));
    for (let i = 1; i < 30; i++) stored = mergeListing(stored, listing('10001', { query: `${i}${'查'.repeat(199)}`, seenAt: NOW + i }));
    expect(stored.queries).toHaveLength(MAX_QUERIES_PER_LISTING);
    expect(stored.queries.every((query) => query.length <= MAX_QUERY_LENGTH)).toBe(true);
    expect(stored.queries.at(-1)).toBe(storedQuery(`29${'查'.repeat(199)}`));
  });

  it('finds listings by a long query after it was cut', async () => {
    freshDb();
    const query = `长${'查'.repeat(150)}`;
    await storeListings([listing('10001', { query })], { db, now: NOW });
    expect((await listingsForQuery(query, db)).map((l) => l.itemId)).toEqual(['10001']);
  });
});

describe('writes per origin per minute', () => {
  it('grants up to the limit in a minute, then again after it', () => {
    const limiter = new WriteRateLimiter(100, 60_000);
    expect(limiter.take('https://s.taobao.com', 80, 0)).toBe(80);
    expect(limiter.take('https://s.taobao.com', 80, 1000)).toBe(20);
    expect(limiter.take('https://s.taobao.com', 5, 2000)).toBe(0);
    expect(limiter.take('https://item.taobao.com', 5, 2000)).toBe(5);
    expect(limiter.take('https://s.taobao.com', 80, 61_000)).toBe(80);
  });
});

describe('a bad card is dropped alone', () => {
  it('a price of 9…9万 is not a number after the unit: no price, not Infinity', () => {
    expect(parsePriceRange(`${'9'.repeat(305)}万`)).toBeUndefined();
    expect(parsePriceRange('1.2万')).toEqual({ min: 12_000 });
  });

  it('the card with the overflowing price keeps its other fields; the batch validates', () => {
    const card = (id: number, price: string) =>
      `<a id="item_id_${id}" class="doubleCardWrapperAdapt--x" href="//item.taobao.com/item.htm?id=${id}"><div class="title--a"><span>商品${id}</span></div><div class="priceInt--b">${price}</div></a>`;
    const page = new DOMParser().parseFromString(`<div>${card(100001, '19')}${card(100002, `${'9'.repeat(305)}万`)}${card(100003, '29')}</div>`, 'text/html');
    const listings = parseSearchPage(page, 'https://s.taobao.com/search?q=x', NOW);
    expect(listings.map((l) => [l.itemId, l.priceCny])).toEqual([['100001', 19], ['100002', undefined], ['100003', 29]]);
    expect(validListings(listings)).toHaveLength(3);
  });

  it('the background drops an invalid listing and keeps the rest of the batch', () => {
    const good = listing('10001');
    const bad = [{ ...listing('10002'), priceCny: Infinity }, { ...listing('10003'), itemId: 'x' }, null, 'text'];
    expect(validListings([good, ...bad]).map((l) => l.itemId)).toEqual(['10001']);
  });
});
