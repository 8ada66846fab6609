import { afterEach, describe, expect, it } from 'vitest';
import { ZhongcaoDb } from '../../../lib/db/index';
import type { Listing } from '../../../lib/messaging/schemas';
import { storeListings } from '../../../lib/shops/store';
import { clearAlerts, readAlerts, setListingPrefs } from '../../../lib/watch/prefs';
import { describeAlert } from '../../../lib/watch/alert-text';
import {
  isWatched,
  recordSightings,
  SAME_SIGHTING_MS,
  setWatched,
  snapshotsOf,
  watchedListings,
} from '../../../lib/watch/store';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 5, 11, 2);

let counter = 0;
let db: ZhongcaoDb;
function freshDb(): ZhongcaoDb {
  db = new ZhongcaoDb(`watch-store-test-${++counter}`);
  return db;
}
afterEach(async () => {
  await db?.delete();
});

function capture(itemId: string, fields: Partial<Listing> = {}): Listing {
  return {
    platform: 'taobao',
    itemId,
    title: '小熊刺绣卫衣女秋冬加绒',
    url: `https://item.taobao.com/item.htm?id=${itemId}`,
    priceCny: 89,
    sales: 20_000,
    seenAt: T0,
    ...fields,
  };
}

async function sight(db: ZhongcaoDb, listings: Listing[]) {
  await storeListings(listings, { db });
  return recordSightings(listings, db);
}

describe('watching', () => {
  it('refuses a listing never captured', async () => {
    await expect(setWatched('taobao:10001', true, { db: freshDb() })).rejects.toThrow(/not been captured/);
  });

  it('watching marks the listing and takes a first snapshot; unwatching keeps the history', async () => {
    const db = freshDb();
    await storeListings([capture('10001', { priceMaxCny: 129, shop: '卡蒙家' })], { db });
    expect(await setWatched('taobao:10001', true, { db })).toEqual({ watched: true });
    expect(await isWatched('taobao:10001', db)).toBe(true);
    expect((await watchedListings(db)).map((l) => l.id)).toEqual(['taobao:10001']);
    expect(await snapshotsOf('taobao:10001', db)).toMatchObject([
      { listingId: 'taobao:10001', seenAt: T0, priceCny: 89, priceMaxCny: 129, sales: 20_000, shop: '卡蒙家' },
    ]);
    await setWatched('taobao:10001', false, { db });
    expect(await isWatched('taobao:10001', db)).toBe(false);
    expect(await watchedListings(db)).toEqual([]);
    expect(await snapshotsOf('taobao:10001', db)).toHaveLength(1);
    // Watching again right away does not duplicate the same sighting.
    await setWatched('taobao:10001', true, { db });
    expect(await snapshotsOf('taobao:10001', db)).toHaveLength(1);
  });
});

describe('recordSightings', () => {
  it('ignores listings that are not watched', async () => {
    const db = freshDb();
    expect(await sight(db, [capture('10001')])).toEqual({ snapshots: 0, drops: [], alerts: [], changed: 0 });
    expect(await db.snapshots.count()).toBe(0);
  });

  it('adds a snapshot per sighting of a watched listing with only what that page showed', async () => {
    const db = freshDb();
    await sight(db, [capture('10001', { shop: '卡蒙家' })]);
    await setWatched('taobao:10001', true, { db });
    // A search card two hours later: no shop line, a variant range.
    const result = await sight(db, [capture('10001', { seenAt: T0 + 2 * HOUR, priceMaxCny: 129, sales: 21_000 }), capture('10002')]);
    expect(result).toEqual({ snapshots: 1, drops: [], alerts: [], changed: 1 });
    const snapshots = await snapshotsOf('taobao:10001', db);
    expect(snapshots).toHaveLength(2);
    expect(snapshots[1]).toEqual({ id: snapshots[1]!.id, listingId: 'taobao:10001', seenAt: T0 + 2 * HOUR, title: '小熊刺绣卫衣女秋冬加绒', priceCny: 89, priceMaxCny: 129, sales: 21_000 });
  });

  it('a reload that reads the same within the window is one sighting; after it, a new one', async () => {
    const db = freshDb();
    await sight(db, [capture('10001')]);
    await setWatched('taobao:10001', true, { db });
    expect((await sight(db, [capture('10001', { seenAt: T0 + 60_000 })])).snapshots).toBe(0);
    expect((await sight(db, [capture('10001', { seenAt: T0 + SAME_SIGHTING_MS + 1 })])).snapshots).toBe(1);
  });

  it('a cheaper sighting adds a price-down alert (the default), kept until cleared', async () => {
    const db = freshDb();
    await sight(db, [capture('10001')]);
    await setWatched('taobao:10001', true, { db });
    const result = await sight(db, [capture('10001', { seenAt: T0 + HOUR, priceCny: 69 })]);
    const notice = { listingId: 'taobao:10001', title: '小熊刺绣卫衣女秋冬加绒', fromCny: 89, toCny: 69, seenAt: T0 + HOUR };
    expect(result.drops).toEqual([notice]);
    expect(await readAlerts(db)).toEqual([{ ...notice, kind: 'price-down' }]);
    // Dearer again: no price-down alert, and no price-up alert unless asked for.
    expect((await sight(db, [capture('10001', { seenAt: T0 + 2 * HOUR, priceCny: 79 })])).alerts).toEqual([]);
    await clearAlerts(db);
    expect(await readAlerts(db)).toEqual([]);
  });

  it('a target price crossed alerts once; the kinds the seller picked alert, the others do not', async () => {
    const db = freshDb();
    await sight(db, [capture('10001')]);
    await setWatched('taobao:10001', true, { db });
    await setListingPrefs('taobao:10001', { targetCny: 70, alerts: ['price-up', 'title'] }, db);
    const down = await sight(db, [capture('10001', { seenAt: T0 + HOUR, priceCny: 69 })]);
    expect(down.alerts.map((alert) => alert.kind)).toEqual(['target']);
    expect(down.alerts[0]).toMatchObject({ fromCny: 89, toCny: 69, targetCny: 70 });
    // Still under the target: nothing more.
    expect((await sight(db, [capture('10001', { seenAt: T0 + 2 * HOUR, priceCny: 65 })])).alerts).toEqual([]);
    const up = await sight(db, [capture('10001', { seenAt: T0 + 3 * HOUR, priceCny: 99, title: '新标题' })]);
    expect(up.alerts.map((alert) => alert.kind)).toEqual(['price-up', 'title']);
    expect(await readAlerts(db)).toHaveLength(3);
  });

  it('sold out alerts once per change, only when picked; a sighting that says nothing about stock changes nothing', async () => {
    const db = freshDb();
    await sight(db, [capture('10001', { availability: 'in-stock' })]);
    await setWatched('taobao:10001', true, { db });
    // Not picked: a sold-out page raises nothing, but the snapshot keeps what the page said.
    expect((await sight(db, [capture('10001', { seenAt: T0 + HOUR, availability: 'sold-out' })])).alerts).toEqual([]);
    expect((await snapshotsOf('taobao:10001', db)).map((s) => s.availability)).toEqual(['in-stock', 'sold-out']);
    await setListingPrefs('taobao:10001', { alerts: ['sold-out'] }, db);
    // Still sold out: no alert (the change happened before it was picked, and it is not new).
    expect((await sight(db, [capture('10001', { seenAt: T0 + 2 * HOUR, availability: 'sold-out', priceCny: 88 })])).alerts).toEqual([]);
    expect((await sight(db, [capture('10001', { seenAt: T0 + 3 * HOUR, availability: 'in-stock', priceCny: 87 })])).alerts).toEqual([]);
    const gone = await sight(db, [capture('10001', { seenAt: T0 + 4 * HOUR, availability: 'sold-out', priceCny: 86 })]);
    expect(gone.alerts).toEqual([{ listingId: 'taobao:10001', title: '小熊刺绣卫衣女秋冬加绒', seenAt: T0 + 4 * HOUR, kind: 'sold-out', availability: 'sold-out' }]);
    // A search card (no stock shown), then the item page sold out again: still the same state, no alert.
    expect((await sight(db, [capture('10001', { seenAt: T0 + 5 * HOUR, priceCny: 85 })])).alerts).toEqual([]);
    expect((await sight(db, [capture('10001', { seenAt: T0 + 6 * HOUR, availability: 'sold-out', priceCny: 84 })])).alerts).toEqual([]);
    // Taken down: a page with no title. The alert names the listing by its last title.
    const delisted = await sight(db, [{ ...capture('10001', { seenAt: T0 + 7 * HOUR, availability: 'delisted', title: '' }), priceCny: undefined, sales: undefined }]);
    expect(delisted.alerts).toMatchObject([{ kind: 'sold-out', availability: 'delisted', title: '小熊刺绣卫衣女秋冬加绒' }]);
    expect(await readAlerts(db)).toHaveLength(2);
    // The stored listing keeps its title and says what the page said last.
    expect(await db.listings.get('taobao:10001')).toMatchObject({ title: '小熊刺绣卫衣女秋冬加绒', availability: 'delisted' });
  });

  it('back in stock alerts once when a sold-out or taken-down item can be bought again, only when picked', async () => {
    const db = freshDb();
    await sight(db, [capture('10001', { availability: 'in-stock' })]);
    await setWatched('taobao:10001', true, { db });
    await setListingPrefs('taobao:10001', { alerts: ['back-in-stock'] }, db);
    // In stock to in stock, then sold out: nothing (the sold-out alert is not picked).
    expect((await sight(db, [capture('10001', { seenAt: T0 + HOUR, availability: 'in-stock' })])).alerts).toEqual([]);
    expect((await sight(db, [capture('10001', { seenAt: T0 + 2 * HOUR, availability: 'sold-out' })])).alerts).toEqual([]);
    // A search card says nothing about stock: no alert, and the item is still sold out as far as we know.
    expect((await sight(db, [capture('10001', { seenAt: T0 + 3 * HOUR, priceCny: 70 })])).alerts).toEqual([]);
    const back = await sight(db, [capture('10001', { seenAt: T0 + 4 * HOUR, availability: 'in-stock' })]);
    expect(back.alerts).toEqual([{ listingId: 'taobao:10001', title: '小熊刺绣卫衣女秋冬加绒', seenAt: T0 + 4 * HOUR, kind: 'back-in-stock', availability: 'sold-out' }]);
    expect(describeAlert(back.alerts[0]!, 'en')).toBe('Back in stock (was sold out)');
    expect(describeAlert(back.alerts[0]!, 'zh-CN')).toBe('恢复有货（之前已售罄）');
    // Still in stock: once per change.
    expect((await sight(db, [capture('10001', { seenAt: T0 + 5 * HOUR, availability: 'in-stock' })])).alerts).toEqual([]);
    // Taken down, then listed again.
    await sight(db, [{ ...capture('10001', { seenAt: T0 + 6 * HOUR, availability: 'delisted', title: '' }), priceCny: undefined, sales: undefined }]);
    const relisted = await sight(db, [capture('10001', { seenAt: T0 + 7 * HOUR, availability: 'in-stock' })]);
    expect(relisted.alerts).toMatchObject([{ kind: 'back-in-stock', availability: 'delisted' }]);
    expect(describeAlert(relisted.alerts[0]!, 'en')).toBe('On sale again (was taken down)');
    expect(await readAlerts(db)).toHaveLength(2);
  });

  it('watching with the page\'s own reading snapshots that reading', async () => {
    const db = freshDb();
    await sight(db, [capture('10001', { priceCny: 99 })]);
    await setWatched('taobao:10001', true, { db, capture: capture('10001', { seenAt: T0 + HOUR, priceCny: 79 }) });
    expect((await snapshotsOf('taobao:10001', db)).map((s) => s.priceCny)).toEqual([79]);
  });
});
