import { z } from 'zod/mini';
import { getDb, type ZhongcaoDb } from './';

/**
 * When the disk is full, a cache write that fails with `QuotaExceededError` evicts the
 * oldest cache entries — listings the user neither watches nor has in the basket, with their price
 * history, and translations least recently used — then tries once more. The user's own data (rate
 * cards, settings, watched listings, basket) is never evicted, and the options page tells the user
 * through the `storage-warning` meta record.
 */

export const STORAGE_WARNING_KEY = 'storage-warning';

export interface StorageWarning {
  /** When the quota was hit (ms since epoch). */
  at: number;
  /** What was evicted to make room. */
  evicted: { listings: number; translations: number };
  /** Whether the write went through after the eviction. */
  recovered: boolean;
}

const count = z.number().check(z.int(), z.gte(0));
/** The record as it must read: anything else (a hand-edited backup) is ignored, never shown. */
export const StorageWarningSchema = z.object({
  at: z.number().check(z.gte(0), z.lte(8.64e15)),
  evicted: z.object({ listings: count, translations: count }),
  recovered: z.boolean(),
});

/** Share of each cache evicted per quota error: enough to make room, little enough to keep most. */
export const EVICT_SHARE = 0.25;

/**
 * Dexie names its wrapped error `QuotaExceededError`; a transaction that aborted because of one
 * carries it as `inner`, and a bulk write lists it among its `failures`.
 */
export function isQuotaExceeded(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { name, inner, failures } = error as { name?: unknown; inner?: unknown; failures?: unknown };
  if (name === 'QuotaExceededError') return true;
  if (inner && isQuotaExceeded(inner, depth + 1)) return true;
  if (failures && typeof failures === 'object') return Object.values(failures).some((failure) => isQuotaExceeded(failure, depth + 1));
  return false;
}

/** Deletes the oldest `share` of each cache; the user's own data is never touched. */
export async function evictCaches(db: ZhongcaoDb, share: number = EVICT_SHARE): Promise<StorageWarning['evicted']> {
  return db.transaction('rw', [db.listings, db.prices, db.snapshots, db.basket, db.translations], async () => {
    const inBasket = new Set(await db.basket.toCollection().primaryKeys());
    const evictable = db.listings.orderBy('seenAt').filter((listing) => listing.watched === 0 && typeof listing.openedAt !== 'number' && !inBasket.has(listing.id));
    const listingCount = await evictable.clone().count();
    const listingVictims = (await evictable.limit(Math.ceil(listingCount * share)).primaryKeys()) as string[];
    if (listingVictims.length > 0) {
      await db.prices.where('listingId').anyOf(listingVictims).delete();
      await db.snapshots.where('listingId').anyOf(listingVictims).delete();
      await db.listings.bulkDelete(listingVictims);
    }
    const translationCount = await db.translations.count();
    const translationVictims = await db.translations.orderBy('usedAt').limit(Math.ceil(translationCount * share)).primaryKeys();
    await db.translations.bulkDelete(translationVictims);
    return { listings: listingVictims.length, translations: translationVictims.length };
  });
}

export interface QuotaOptions {
  db?: ZhongcaoDb;
  now?: () => number;
  share?: number;
}

/**
 * Runs a cache write; on a quota error evicts caches, records the warning and runs it once more.
 * `write` must be safe to run twice (a Dexie transaction that aborted wrote nothing).
 */
export async function withQuotaRecovery<T>(write: () => Promise<T>, { db = getDb(), now = Date.now, share = EVICT_SHARE }: QuotaOptions = {}): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaExceeded(error)) throw error;
    const evicted = await evictCaches(db, share);
    const warning: StorageWarning = { at: now(), evicted, recovered: false };
    try {
      const result = await write();
      warning.recovered = true;
      return result;
    } finally {
      // Best effort: with the disk this full, even the warning may not fit.
      await db.meta.put({ key: STORAGE_WARNING_KEY, value: warning }).catch(() => undefined);
    }
  }
}

export async function readStorageWarning(db: ZhongcaoDb = getDb()): Promise<StorageWarning | undefined> {
  const row = await db.meta.get(STORAGE_WARNING_KEY);
  const parsed = StorageWarningSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function dismissStorageWarning(db: ZhongcaoDb = getDb()): Promise<void> {
  await db.meta.delete(STORAGE_WARNING_KEY);
}
