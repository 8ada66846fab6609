import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { storeListings } from '../../../lib/shops/store';
import {
  dismissStorageWarning,
  evictCaches,
  isQuotaExceeded,
  readStorageWarning,
  withQuotaRecovery,
} from '../../../lib/db/storage-quota';
import { deleteOpened, dump, freshDb, seedProfile, T0 } from './seed';

afterEach(deleteOpened);

const quotaError = () => new Dexie.QuotaExceededError('The quota has been exceeded.');

describe('isQuotaExceeded', () => {
  it.each([
    ['Dexie.QuotaExceededError', quotaError(), true],
    ['a DOMException by name', new DOMException('full', 'QuotaExceededError'), true],
    ['an aborted transaction carrying it', new Dexie.AbortError('aborted', quotaError()), true],
    ['a bulk error listing it', new Dexie.BulkError('bulk', { 0: quotaError() }), true],
    ['another error', new Error('nope'), false],
    ['a constraint error', new Dexie.ConstraintError('dup'), false],
    ['nothing', undefined, false],
  ])('%s → %s', (_name, error, expected) => {
    expect(isQuotaExceeded(error)).toBe(expected);
  });
});

describe('storage full', () => {
  it('evicts the oldest caches, never watched listings, basket, rate cards or meta, then retries once', async () => {
    const db = freshDb();
    await seedProfile(db);
    const before = await dump(db);
    const listings = db.listings;
    const realBulkPut = listings.bulkPut.bind(listings);
    let calls = 0;
    // The disk is full the first time the capture writes its listings.
    listings.bulkPut = ((...args: Parameters<typeof listings.bulkPut>) => {
      calls++;
      return calls === 1 ? Promise.reject(quotaError()) : realBulkPut(...args);
    }) as typeof listings.bulkPut;

    const capture = { platform: 'taobao' as const, itemId: '20001', title: '新卫衣', url: 'https://item.taobao.com/item.htm?id=20001', seenAt: T0 + 30 * 86_400_000 };
    const result = await withQuotaRecovery(() => storeListings([capture], { db }), { db, now: () => T0 + 1 });
    listings.bulkPut = realBulkPut;

    expect(result.added).toBe(1);
    expect(calls).toBe(2);
    const warning = await readStorageWarning(db);
    expect(warning).toEqual({ at: T0 + 1, evicted: { listings: 1, translations: 1 }, recovered: true });

    // 4 evictable listings (6 minus one watched, one in the basket): the oldest quarter of them (one) went.
    const ids = (await db.listings.toCollection().primaryKeys()).sort();
    expect(ids).toEqual(['taobao:10001', 'taobao:10002', 'taobao:10004', 'taobao:10005', 'taobao:10006', 'taobao:20001']);
    expect(await db.prices.where('listingId').equals('taobao:10003').count()).toBe(0);
    expect(await db.translations.toCollection().primaryKeys()).toEqual(['b2']);
    // The user's own data is untouched.
    const after = await dump(db);
    for (const table of ['rateCards', 'basket', 'snapshots', 'fxRates', 'taxRules']) expect(after[table]).toEqual(before[table]);
    expect(await db.listings.get('taobao:10001')).toMatchObject({ watched: 1 });

    await dismissStorageWarning(db);
    expect(await readStorageWarning(db)).toBeUndefined();
  });

  it('gives up after one retry, still telling the user', async () => {
    const db = freshDb();
    await seedProfile(db);
    let calls = 0;
    const write = () => {
      calls++;
      return Promise.reject(quotaError());
    };
    await expect(withQuotaRecovery(write, { db, now: () => 5 })).rejects.toThrow(/quota/);
    expect(calls).toBe(2);
    expect(await readStorageWarning(db)).toMatchObject({ at: 5, recovered: false });
  });

  it('does not catch other errors', async () => {
    const db = freshDb();
    await expect(withQuotaRecovery(() => Promise.reject(new Error('other')), { db })).rejects.toThrow('other');
    expect(await readStorageWarning(db)).toBeUndefined();
  });

  it('evicts nothing when the only listings are the user’s', async () => {
    const db = freshDb();
    await db.listings.put({ id: 'taobao:1', platform: 'taobao', itemId: '10000', title: 't', url: 'u', seenAt: 1, firstSeenAt: 1, queries: [], watched: 1 });
    expect(await evictCaches(db)).toEqual({ listings: 0, translations: 0 });
    expect(await db.listings.count()).toBe(1);
  });
});
