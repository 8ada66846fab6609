import type { EntityTable } from 'dexie';
import type { CachedTranslation } from '../db/index';
import type { LanguageCode } from './provider';

/**
 * Translations already paid for (in time, tokens or a download), so reopening a note costs
 * nothing. The Dexie implementation lives where the database does — the background and extension
 * pages; a content script reaches it through a message-backed `TranslationCache`.
 */

export interface CacheKeyParts {
  text: string;
  source: LanguageCode;
  target: LanguageCode;
  provider: string;
}

export interface TranslationCache {
  /** The cached translation for each request (`undefined` on a miss); hits count as used now. */
  lookup(requests: CacheKeyParts[]): Promise<Array<string | undefined>>;
  store(entries: Array<CacheKeyParts & { translation: string }>): Promise<void>;
}

export const DEFAULT_CACHE_BYTES = 5 * 1024 * 1024;
/** Eviction goes below the cap, so the next few stores do not each trigger another eviction. */
const EVICT_TO_SHARE = 0.9;
/** Per-record overhead beyond its strings (key, numbers, IndexedDB bookkeeping), roughly. */
const RECORD_OVERHEAD_BYTES = 100;

/** A 106-bit hash of the four parts (two 53-bit cyrb53 halves), hex: short keys for any text length. */
export function translationCacheKey({ text, source, target, provider }: CacheKeyParts): string {
  const joined = [provider, source, target, text].join('\u0000');
  return cyrb53(joined, 1).toString(16).padStart(14, '0') + cyrb53(joined, 2).toString(16).padStart(14, '0');
}

/** cyrb53 by bryc (public domain): fast, well-mixed, 53 bits. https://github.com/bryc/code/blob/master/jshash/experimental/cyrb53.js */
function cyrb53(input: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = 0; index < input.length; index++) {
    const code = input.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function recordBytes(entry: CacheKeyParts & { translation: string }): number {
  // IndexedDB keeps strings as UTF-16: two bytes per code unit.
  const chars = entry.text.length + entry.translation.length + entry.source.length + entry.target.length + entry.provider.length;
  return chars * 2 + RECORD_OVERHEAD_BYTES;
}

export interface DexieCacheOptions {
  maxBytes?: number;
  now?: () => number;
}

export interface DexieTranslationCache extends TranslationCache {
  /** The bytes the cache holds now, by its own estimate. */
  sizeBytes(): Promise<number>;
  clear(): Promise<void>;
}

export function createDexieTranslationCache(
  table: EntityTable<CachedTranslation, 'key'>,
  { maxBytes = DEFAULT_CACHE_BYTES, now = Date.now }: DexieCacheOptions = {},
): DexieTranslationCache {
  // Running total so a store need not read the whole table; recounted exactly whenever it passes the cap.
  let knownBytes: number | undefined;

  async function countBytes(): Promise<number> {
    let total = 0;
    await table.each((record) => {
      total += record.size;
    });
    return total;
  }

  async function lookup(requests: CacheKeyParts[]): Promise<Array<string | undefined>> {
    if (requests.length === 0) return [];
    const records = await table.bulkGet(requests.map(translationCacheKey));
    const usedAt = now();
    const hits: string[] = [];
    const translations = records.map((record, index) => {
      const request = requests[index]!;
      // The key is a hash: compare the parts, so a collision is a miss, never a wrong translation.
      const matches =
        record &&
        record.text === request.text &&
        record.source === request.source &&
        record.target === request.target &&
        record.provider === request.provider;
      if (!matches) return undefined;
      hits.push(record.key);
      return record.translation;
    });
    if (hits.length > 0) await table.bulkUpdate(hits.map((key) => ({ key, changes: { usedAt } })));
    return translations;
  }

  async function store(entries: Array<CacheKeyParts & { translation: string }>): Promise<void> {
    if (entries.length === 0) return;
    const usedAt = now();
    const records: CachedTranslation[] = entries.map((entry) => ({
      key: translationCacheKey(entry),
      text: entry.text,
      source: entry.source,
      target: entry.target,
      provider: entry.provider,
      translation: entry.translation,
      usedAt,
      size: recordBytes(entry),
    }));
    await table.bulkPut(records);
    knownBytes = (knownBytes ?? (await countBytes())) + records.reduce((sum, record) => sum + record.size, 0);
    if (knownBytes > maxBytes) await evict();
  }

  /** Deletes the least recently used records until the cache is below the cap again. */
  async function evict(): Promise<void> {
    await table.db.transaction('rw', table, async () => {
      let total = await countBytes();
      const goal = maxBytes * EVICT_TO_SHARE;
      const doomed: string[] = [];
      if (total > maxBytes) {
        await table.orderBy('usedAt').until(() => total <= goal).each((record) => {
          total -= record.size;
          doomed.push(record.key);
        });
      }
      await table.bulkDelete(doomed);
      knownBytes = total;
    });
  }

  return {
    lookup,
    store,
    async sizeBytes() {
      knownBytes = await countBytes();
      return knownBytes;
    },
    async clear() {
      await table.clear();
      knownBytes = 0;
    },
  };
}
