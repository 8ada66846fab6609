import { afterEach, describe, expect, it } from 'vitest';
import { ZhongcaoDb } from '../../../lib/db/index';
import { createDexieTranslationCache, recordBytes, translationCacheKey } from '../../../lib/translate/cache';

let db: ZhongcaoDb | undefined;
function openDb(): ZhongcaoDb {
  db = new ZhongcaoDb(`translate-cache-${Math.random()}`);
  return db;
}
afterEach(async () => {
  await db?.delete();
});

const entry = (text: string, translation = `EN(${text})`, provider = 'endpoint:libretranslate') => ({
  text,
  source: 'zh',
  target: 'en',
  provider,
  translation,
});

describe('translationCacheKey', () => {
  it.each([
    ['text', { ...entry('种草'), text: '拔草' }],
    ['source', { ...entry('种草'), source: 'ja' }],
    ['target', { ...entry('种草'), target: 'fr' }],
    ['provider', { ...entry('种草'), provider: 'on-device' }],
  ])('changes with the %s', (_part, other) => {
    expect(translationCacheKey(other)).not.toBe(translationCacheKey(entry('种草')));
  });

  it('does not run parts together', () => {
    expect(translationCacheKey({ text: 'b', source: 'a', target: 'en', provider: 'p' })).not.toBe(
      translationCacheKey({ text: '', source: 'ab', target: 'en', provider: 'p' }),
    );
  });
});

describe('Dexie translation cache', () => {
  it('returns what was stored, per provider, and misses otherwise', async () => {
    const cache = createDexieTranslationCache(openDb().translations);
    await cache.store([entry('种草', 'recommended')]);
    expect(await cache.lookup([entry('种草'), entry('拔草'), entry('种草', '', 'on-device')])).toEqual(['recommended', undefined, undefined]);
  });

  it('treats a record whose parts differ from the request as a miss (hash collision guard)', async () => {
    const database = openDb();
    const cache = createDexieTranslationCache(database.translations);
    await database.translations.put({ key: translationCacheKey(entry('种草')), ...entry('别的'), usedAt: 0, size: 1 });
    expect(await cache.lookup([entry('种草')])).toEqual([undefined]);
  });

  it('marks hits as used now', async () => {
    let clock = 1000;
    const database = openDb();
    const cache = createDexieTranslationCache(database.translations, { now: () => clock });
    await cache.store([entry('种草')]);
    clock = 5000;
    await cache.lookup([entry('种草')]);
    expect((await database.translations.toArray())[0]!.usedAt).toBe(5000);
  });

  it('evicts the least recently used records beyond the size cap', async () => {
    let clock = 0;
    const database = openDb();
    const oneRecord = recordBytes(entry('条目0'));
    const cache = createDexieTranslationCache(database.translations, { maxBytes: oneRecord * 3, now: () => clock });
    for (const index of [0, 1, 2]) {
      clock = index;
      await cache.store([entry(`条目${index}`)]);
    }
    clock = 10;
    await cache.lookup([entry('条目0')]); // used again: now the most recent
    clock = 11;
    await cache.store([entry('条目3')]);
    const kept = (await database.translations.toArray()).map((record) => record.text).sort();
    expect(kept).toEqual(['条目0', '条目3']);
    expect(await cache.sizeBytes()).toBeLessThanOrEqual(oneRecord * 3);
  });

  it('clears everything', async () => {
    const cache = createDexieTranslationCache(openDb().translations);
    await cache.store([entry('种草')]);
    await cache.clear();
    expect(await cache.sizeBytes()).toBe(0);
    expect(await cache.lookup([entry('种草')])).toEqual([undefined]);
  });
});
