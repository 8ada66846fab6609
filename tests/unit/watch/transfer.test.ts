import { afterEach, describe, expect, it } from 'vitest';
import { ZhongcaoDb } from '../../../lib/db/index';
import type { Listing } from '../../../lib/messaging/schemas';
import { storeListings } from '../../../lib/shops/store';
import { recordSightings, setWatched, snapshotsOf } from '../../../lib/watch/store';
import {
  exportWatchlist,
  importWatchlist,
  parseCsvRows,
  parseWatchlistFile,
  toCsv,
  toJson,
  type WatchlistFile,
} from '../../../lib/watch/transfer';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 5, 11, 2);

let counter = 0;
const dbs: ZhongcaoDb[] = [];
function freshDb(): ZhongcaoDb {
  const db = new ZhongcaoDb(`watch-transfer-test-${++counter}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

function capture(itemId: string, fields: Partial<Listing> = {}): Listing {
  return {
    platform: 'taobao',
    itemId,
    title: '小熊刺绣卫衣女秋冬加绒',
    url: `https://item.taobao.com/item.htm?id=${itemId}`,
    priceCny: 89,
    sales: 20_000,
    shop: '卡蒙家, "旗舰"',
    seenAt: T0,
    ...fields,
  };
}

/** Two watched listings with three and one snapshots, one unwatched listing. */
async function seeded(): Promise<ZhongcaoDb> {
  const db = freshDb();
  await storeListings([capture('10001'), capture('20002', { platform: 'tmall', url: 'https://detail.tmall.com/item.htm?id=20002', title: '=HYPERLINK("x") 得力便利贴' }), capture('30003')], { db });
  await setWatched('taobao:10001', true, { db });
  await setWatched('tmall:20002', true, { db });
  for (const [offset, price] of [[HOUR, 79], [2 * HOUR, 69.9]] as const) {
    const sighting = capture('10001', { seenAt: T0 + offset, priceCny: price, priceMaxCny: 129, title: '小熊刺绣卫衣女春秋\n新款' });
    await storeListings([sighting], { db });
    await recordSightings([sighting], db);
  }
  return db;
}

async function dump(db: ZhongcaoDb) {
  const listings = (await db.listings.toArray()).map(({ id, watched }) => ({ id, watched })).sort((a, b) => a.id.localeCompare(b.id));
  const snapshots = (await db.snapshots.toArray()).map(({ id: _id, ...rest }) => rest).sort((a, b) => a.listingId.localeCompare(b.listingId) || a.seenAt - b.seenAt);
  return { listings, snapshots };
}

describe('export', () => {
  it('takes any set of watched listings; an unwatched or unknown id adds nothing; none given means all', async () => {
    const db = await seeded();
    const only = await exportWatchlist(db, T0, ['tmall:20002', 'taobao:30003', 'taobao:99999']);
    expect(only.listings.map((l) => `${l.platform}:${l.itemId}`)).toEqual(['tmall:20002']);
    expect(toCsv(only).split('\r\n').filter(Boolean)).toHaveLength(2);
    expect((await exportWatchlist(db, T0, [])).listings).toHaveLength(2);
  });

  it('refuses a file whose export date or sighting time is no date', () => {
    const file = (exportedAt: string, seenAt: number) =>
      JSON.stringify({ format: 'zhongcao-watchlist', version: 1, exportedAt, listings: [{ platform: 'taobao', itemId: '10001', title: 'x', url: 'https://item.taobao.com/item.htm?id=10001', snapshots: [{ seenAt, title: 'x' }] }] });
    expect(parseWatchlistFile(file('2025-06-11T02:00:00.000Z', T0)).ok).toBe(true);
    const badDate = parseWatchlistFile(file('not a date', T0));
    expect(badDate.ok).toBe(false);
    if (!badDate.ok) expect(badDate.errors[0]).toMatch(/^exportedAt: /);
    const farFuture = parseWatchlistFile(file('2025-06-11T02:00:00.000Z', 1e300));
    expect(farFuture.ok).toBe(false);
    if (!farFuture.ok) expect(farFuture.errors[0]).toMatch(/snapshots\[0\]\.seenAt/);
  });

  it('has the watched listings only, each with its snapshots oldest first', async () => {
    const file = await exportWatchlist(await seeded(), T0 + 3 * HOUR);
    expect(file.format).toBe('zhongcao-watchlist');
    expect(file.exportedAt).toBe(new Date(T0 + 3 * HOUR).toISOString());
    expect(file.listings.map((l) => `${l.platform}:${l.itemId}`)).toEqual(['taobao:10001', 'tmall:20002']);
    expect(file.listings[0]!.snapshots.map((s) => s.priceCny)).toEqual([89, 79, 69.9]);
    expect(file.listings[1]!.snapshots).toHaveLength(1);
  });

  it('CSV has a row per snapshot, quotes what needs it and defuses formulas', async () => {
    const csv = toCsv(await exportWatchlist(await seeded()));
    expect(csv.startsWith('\uFEFFplatform,itemId,url,seenAt,title,')).toBe(true);
    const rows = parseCsvRows(csv);
    expect(rows).toHaveLength(1 + 4);
    expect(rows[3]![4]).toBe('小熊刺绣卫衣女春秋\n新款');
    expect(rows[3]![8]).toBe('卡蒙家, "旗舰"');
    expect(rows[4]![4]).toBe('\'=HYPERLINK("x") 得力便利贴');
  });
});

describe('parseCsvRows', () => {
  it.each([
    ['a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['a,"b,c"\n"say ""hi""",\n', [['a', 'b,c'], ['say "hi"', '']]],
    ['"multi\nline",x', [['multi\nline', 'x']]],
    ['\uFEFFa\n\n\nb', [['a'], ['b']]],
  ])('%j', (input, rows) => expect(parseCsvRows(input)).toEqual(rows));
});

describe('import', () => {
  it.each(['json', 'csv'] as const)('a %s export round-trips into an empty database, and again adds nothing', async (kind) => {
    const source = await seeded();
    const file = await exportWatchlist(source);
    const text = kind === 'json' ? toJson(file) : toCsv(file);
    const parsed = parseWatchlistFile(text);
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    const target = freshDb();
    expect(await importWatchlist(parsed.file, target)).toEqual({ listings: 2, snapshots: 4 });
    const expected = await dump(source);
    expect(await dump(target)).toEqual({ listings: expected.listings.filter((l) => l.watched === 1), snapshots: expected.snapshots });
    expect(await exportWatchlist(target, 0)).toEqual(await exportWatchlist(source, 0));
    expect(await importWatchlist(parsed.file, target)).toEqual({ listings: 2, snapshots: 0 });
  });

  it('into a database that already has the listing: watches it and adds only new snapshots', async () => {
    const file = await exportWatchlist(await seeded());
    const target = freshDb();
    await storeListings([capture('10001', { seenAt: T0 + 5 * HOUR, priceCny: 59 })], { db: target });
    await importWatchlist(file, target);
    const listing = await target.listings.get('taobao:10001');
    expect(listing).toMatchObject({ watched: 1, priceCny: 59, seenAt: T0 + 5 * HOUR });
    expect((await snapshotsOf('taobao:10001', target)).map((s) => s.priceCny)).toEqual([89, 79, 69.9]);
  });

  const good = (): WatchlistFile => ({
    format: 'zhongcao-watchlist',
    version: 1,
    exportedAt: '2025-06-11T02:00:00.000Z',
    listings: [
      { platform: 'taobao', itemId: '10001', title: 't', url: 'https://item.taobao.com/item.htm?id=10001', snapshots: [{ seenAt: T0, title: 't', priceCny: 5 }] },
      { platform: 'taobao', itemId: '10002', title: 't', url: 'https://item.taobao.com/item.htm?id=10002', snapshots: [] },
    ],
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"format": ', /Not valid JSON/],
    ['another format', JSON.stringify({ ...good(), format: 'other' }), /^format: /],
    ['a negative price', JSON.stringify({ ...good(), listings: [good().listings[0], { ...good().listings[1], snapshots: [{ seenAt: T0, title: 't', priceCny: -1 }] }] }), /^listings\[1\] \(taobao:10002\)\.snapshots\[0\]\.priceCny: /],
    ['a bad item id', JSON.stringify({ ...good(), listings: [{ ...good().listings[0], itemId: 'abc' }] }), /^listings\[0\] \(taobao:abc\)\.itemId: /],
    ['a javascript: URL', JSON.stringify({ ...good(), listings: [{ ...good().listings[0], url: 'javascript:alert(1)' }] }), /\.url: /],
    ['a CSV without the columns', 'a,b\n1,2\n', /CSV header lacks: platform, itemId/],
    ['a CSV with a bad number and a bad date', 'platform,itemId,url,seenAt,title,priceCny,priceMaxCny,sales,shop,imageUrl\ntaobao,10001,https://x,yesterday,t,cheap,,,,\n', /line 2: priceCny: not a number/],
  ])('rejects %s and changes nothing', async (_name, text, error) => {
    const db = await seeded();
    const before = await dump(db);
    const parsed = parseWatchlistFile(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.some((e) => error.test(e))).toBe(true);
    expect(await dump(db)).toEqual(before);
  });

  it('lists every problem, not only the first', () => {
    const file = good();
    const broken = { ...file, listings: file.listings.map((l) => ({ ...l, itemId: 'x', platform: 'ebay' })) };
    const parsed = parseWatchlistFile(JSON.stringify(broken));
    expect(parsed.ok ? [] : parsed.errors).toHaveLength(4);
  });

  it('a failure while writing rolls back everything written before it', async () => {
    const db = await seeded();
    const before = await dump(db);
    const parsed = parseWatchlistFile(toJson(good()));
    if (!parsed.ok) throw new Error('fixture should parse');
    // After the first listing was written, a snapshot the database refuses: its key is taken.
    const taken = (await db.snapshots.toCollection().primaryKeys())[0];
    parsed.file.listings[1]!.snapshots.push({ seenAt: T0 + HOUR, title: 'x', id: taken } as never);
    await expect(importWatchlist(parsed.file, db)).rejects.toThrow();
    expect(await dump(db)).toEqual(before);
  });
});
