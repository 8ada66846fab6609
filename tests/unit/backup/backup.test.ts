import { afterEach, describe, expect, it } from 'vitest';
import {
  backupToJson,
  checkBackup,
  countRecords,
  deleteEverything,
  exportEverything,
  mergeRestoredSettings,
  restoreEverything,
  type BackupDocument,
} from '../../../lib/backup/index';
import { BACKUP_TABLE_NAMES } from '../../../lib/backup/schema';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { deleteOpened, dump, freshDb, seedProfile, T0 } from './seed';

afterEach(deleteOpened);

const SETTINGS: Settings = { ...DEFAULT_SETTINGS, destination: 'GB', currency: 'GBP', uiLanguage: 'zh-CN', disabledLines: ['cssbuy-us-ems'] };

async function exported(includeTranslations = true): Promise<{ text: string; document: BackupDocument; source: Record<string, unknown[]> }> {
  const db = freshDb();
  await seedProfile(db);
  const document = await exportEverything(db, SETTINGS, { includeTranslations, now: T0 });
  return { text: backupToJson(document), document, source: await dump(db) };
}

describe('export everything and restore', () => {
  it('covers every table of the database', async () => {
    const db = freshDb();
    expect(db.tables.map((table) => table.name).sort()).toEqual([...BACKUP_TABLE_NAMES].sort());
  });

  it('gives back the same data and settings in a fresh database', async () => {
    const { text, source } = await exported();
    const target = freshDb();
    let saved: Settings | undefined;
    const result = await restoreEverything(text, target, { saveSettings: async (settings) => (saved = settings) });
    expect(result).toMatchObject({ ok: true, counts: { listings: 6, snapshots: 2, basket: 1, translations: 2, meta: 1 } });
    expect(await dump(target)).toEqual(source);
    expect(saved).toEqual(SETTINGS);
  });

  it('writes a versioned document with the database version and every table', async () => {
    const { document } = await exported(false);
    expect(document).toMatchObject({ format: 'zhongcao-backup', version: 1, dbVersion: 1, exportedAt: new Date(T0).toISOString() });
    expect(Object.keys(document.tables).sort()).toEqual(BACKUP_TABLE_NAMES.filter((name) => name !== 'translations').sort());
    expect(document.tables.rateCards!.some((row) => (row as { origin: string }).origin === 'user')).toBe(true);
  });

  it('replaces what the target held, but keeps its translation cache when the file has none', async () => {
    const { text } = await exported(false);
    const target = freshDb();
    await target.listings.put({ id: 'taobao:99999', platform: 'taobao', itemId: '99999', title: 'old', url: 'u', seenAt: 1, firstSeenAt: 1, queries: [], watched: 0 });
    await target.translations.put({ key: 'keep', text: 'x', source: 'zh', target: 'en', provider: 'glossary', translation: 'y', usedAt: 1, size: 1 });
    expect((await restoreEverything(text, target)).ok).toBe(true);
    expect(await target.listings.get('taobao:99999')).toBeUndefined();
    expect(await target.translations.get('keep')).toBeDefined();
  });
});

describe('the translation endpoint key', () => {
  const withKey: Settings = { ...SETTINGS, endpoint: { kind: 'deepl', url: '', apiKey: 'secret:fx', model: '', allowHttp: false } };

  it('is left out of the file unless asked for', async () => {
    const db = freshDb();
    expect((await exportEverything(db, withKey)).settings.endpoint.apiKey).toBe('');
    expect((await exportEverything(db, withKey, { includeApiKey: true })).settings.endpoint.apiKey).toBe('secret:fx');
  });

  it('already stored for the same endpoint is kept when the file has none', () => {
    const fromFile = { ...withKey, endpoint: { ...withKey.endpoint, apiKey: '' } };
    expect(mergeRestoredSettings(fromFile, withKey).endpoint.apiKey).toBe('secret:fx');
    expect(mergeRestoredSettings(fromFile, { ...withKey, endpoint: { ...withKey.endpoint, kind: 'openai' } }).endpoint.apiKey).toBe('');
    expect(mergeRestoredSettings({ ...withKey, endpoint: { ...withKey.endpoint, apiKey: 'other' } }, withKey).endpoint.apiKey).toBe('other');
  });
});

describe('a bad file changes nothing', () => {
  async function targetWithData() {
    const target = freshDb();
    await seedProfile(target);
    await target.meta.put({ key: 'marker', value: 'before' });
    return { target, before: await dump(target) };
  }

  it('one bad record in the last table: every error reported, target unchanged', async () => {
    const { document } = await exported();
    const meta = document.tables.meta as Array<Record<string, unknown>>;
    meta.push({ key: 42, value: 'not a string key' });
    (document.tables.basket as Array<Record<string, unknown>>)[0]!.quantity = -1;
    const { target, before } = await targetWithData();
    const result = await restoreEverything(JSON.stringify(document), target);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({ table: 'basket', index: 0, id: 'taobao:10002', path: 'quantity' }),
      expect.objectContaining({ table: 'meta', index: 1, path: 'key' }),
    ]);
    expect(await dump(target)).toEqual(before);
  });

  it('a write that fails halfway through the transaction rolls everything back', async () => {
    const { text } = await exported();
    const { target, before } = await targetWithData();
    const meta = target.table('meta');
    const realBulkAdd = meta.bulkAdd.bind(meta);
    // The last table's write fails after every other table was cleared and refilled.
    meta.bulkAdd = (() => Promise.reject(new Error('disk on fire'))) as unknown as typeof meta.bulkAdd;
    const result = await restoreEverything(text, target);
    meta.bulkAdd = realBulkAdd;
    expect(result).toMatchObject({ ok: false, errors: [{ table: 'file', message: expect.stringContaining('nothing was changed') }] });
    expect(await dump(target)).toEqual(before);
  });

  it.each([
    ['not JSON', '{"format": "zhongcao-backup", ', 'file', 'not JSON'],
    ['another format', JSON.stringify({ format: 'something-else' }), 'file', ''],
    ['a table missing', JSON.stringify({ format: 'zhongcao-backup', version: 1, dbVersion: 1, exportedAt: '2026-01-02T03:04:05.000Z', settings: {}, tables: {} }), 'file', 'missing'],
    ['a newer version', JSON.stringify({ format: 'zhongcao-backup', version: 99, dbVersion: 1, exportedAt: '2026-01-02T03:04:05.000Z', settings: {}, tables: {} }), 'file', 'newer version'],
  ])('%s is refused with a readable error', async (_name, text, table, message) => {
    const { target, before } = await targetWithData();
    const result = await restoreEverything(text, target);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ table, message: expect.stringContaining(message) });
    expect(await dump(target)).toEqual(before);
  });

  it('reports bad settings, a bad rate card with its field path, and duplicate keys', async () => {
    const { document } = await exported();
    (document.settings as Record<string, unknown>).currency = 'XXX';
    const cards = document.tables.rateCards as Array<{ card: Record<string, unknown> }>;
    cards[3]!.card.roundingStepKg = 'heavy';
    const listings = document.tables.listings as unknown[];
    listings.push(structuredClone(listings[0]));
    const result = checkBackup(JSON.stringify(document));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'settings', path: 'currency' }),
        expect.objectContaining({ table: 'rateCards', index: 3, path: 'card.roundingStepKg', message: expect.stringContaining('number') }),
        expect.objectContaining({ table: 'listings', index: 6, id: 'taobao:10001', message: expect.stringContaining('duplicate') }),
      ]),
    );
  });

  it('lists at most 100 errors and counts the rest', async () => {
    const { document } = await exported();
    document.tables.prices = Array.from({ length: 150 }, () => ({ listingId: 'x' }));
    const result = checkBackup(JSON.stringify(document));
    expect(result).toMatchObject({ ok: false, more: expect.any(Number) });
    if (!result.ok) expect(result.errors.length + result.more).toBeGreaterThan(150);
  });
});

describe('delete everything and counts', () => {
  it('empties every table', async () => {
    const db = freshDb();
    await seedProfile(db);
    expect((await countRecords(db)).listings).toBe(6);
    await deleteEverything(db);
    expect(Object.values(await countRecords(db)).every((count) => count === 0)).toBe(true);
  });
});

describe('crafted backups are refused, naming the record', () => {
  async function withMeta(record: unknown, exportedAt?: string) {
    const source = freshDb();
    await seedProfile(source);
    const document = await exportEverything(source, DEFAULT_SETTINGS, { now: T0 });
    (document.tables.meta as unknown[]).push(record);
    return checkBackup(JSON.stringify(exportedAt === undefined ? document : { ...document, exportedAt }));
  }

  it('a storage warning of the wrong shape', async () => {
    const result = await withMeta({ key: 'storage-warning', value: { at: 'yesterday', evicted: 3 } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toContainEqual(expect.objectContaining({ table: 'meta', id: 'storage-warning', path: 'value.at' }));
      expect(result.errors).toContainEqual(expect.objectContaining({ table: 'meta', id: 'storage-warning', path: 'value.evicted' }));
    }
  });

  it('a meta record nothing reads', async () => {
    const result = await withMeta({ key: 'surprise', value: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ table: 'meta', path: 'key', message: 'unknown meta record "surprise"' });
  });

  it('an export date that is not a date, and a time past what a date can show', async () => {
    const notADate = await withMeta({ key: 'watch:settings', value: { colours: 'neutral', dailyCheck: false } }, 'not a date');
    expect(notADate.ok).toBe(false);
    if (!notADate.ok) expect(notADate.errors[0]).toMatchObject({ table: 'file', path: 'exportedAt' });
    const farFuture = await withMeta({ key: 'watch:alerts', value: [{ listingId: 'taobao:10001', title: 'x', kind: 'target', seenAt: 1e300 }] });
    expect(farFuture.ok).toBe(false);
    if (!farFuture.ok) expect(farFuture.errors[0]).toMatchObject({ table: 'meta', id: 'watch:alerts', path: 'value.0.seenAt' });
  });

  it('well-shaped seller records restore', async () => {
    const result = await withMeta({ key: 'watch:settings', value: { colours: 'market', dailyCheck: true } });
    expect(result.ok).toBe(true);
  });
});
