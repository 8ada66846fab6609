import { ZhongcaoDb } from '../../../lib/db/index';
import { bundledRateCards } from '../../../lib/landed/bundled';
import { saveUserRateCard, seedLandedData } from '../../../lib/landed/store';
import { storeListings } from '../../../lib/shops/store';

/** Databases opened by a test file, deleted after each test. */
const opened: ZhongcaoDb[] = [];
let counter = 0;

export function freshDb(prefix = 'backup-test'): ZhongcaoDb {
  const db = new ZhongcaoDb(`${prefix}-${++counter}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}

export async function deleteOpened(): Promise<void> {
  await Promise.all(opened.splice(0).map((db) => db.delete()));
}

export const T0 = Date.UTC(2026, 10, 1, 10);
const DAY = 24 * 60 * 60 * 1000;

/** A profile with something in every table: captured listings, a watched one with snapshots, a basket, a user card. */
export async function seedProfile(db: ZhongcaoDb): Promise<void> {
  await seedLandedData(db, undefined, T0);
  await storeListings(
    Array.from({ length: 6 }, (_, index) => ({
      platform: 'taobao' as const,
      itemId: String(10001 + index),
      title: `小熊刺绣卫衣 ${index}`,
      url: `https://item.taobao.com/item.htm?id=${10001 + index}`,
      priceCny: 60 + index,
      sales: 100 * index,
      query: '刺绣卫衣',
      seenAt: T0 + index * DAY,
    })),
    { db },
  );
  await db.listings.update('taobao:10001', { watched: 1 });
  await db.snapshots.bulkAdd([
    { listingId: 'taobao:10001', seenAt: T0, title: '小熊刺绣卫衣 0', priceCny: 60 },
    { listingId: 'taobao:10001', seenAt: T0 + DAY, title: '小熊刺绣卫衣 0', priceCny: 58, shop: '小熊工作室' },
  ]);
  await db.basket.put({ listingId: 'taobao:10002', quantity: 2, addedAt: T0, weightKg: 0.9, category: 'hoodie' });
  const card = structuredClone(bundledRateCards()[0]!);
  await saveUserRateCard({ ...card, id: 'my-own-line', name: 'My own line' }, db, T0);
  await db.translations.bulkPut([
    { key: 'a1', text: '种草', source: 'zh', target: 'en', provider: 'glossary', translation: 'want to buy', usedAt: T0, size: 120 },
    { key: 'b2', text: '拔草', source: 'zh', target: 'en', provider: 'glossary', translation: 'bought it', usedAt: T0 + DAY, size: 120 },
  ]);
  await db.meta.put({ key: 'watch:prefs', value: { 'taobao:10001': { mine: true, targetCny: 50, alerts: ['price-down', 'title'] } } });
}

/** Every table's records in primary-key order, for deep comparison. */
export async function dump(db: ZhongcaoDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}
