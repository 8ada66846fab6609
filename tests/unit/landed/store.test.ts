import { afterEach, describe, expect, it } from 'vitest';
import { ZhongcaoDb } from '../../../lib/db';
import { bundledFxRates, bundledRateCards, bundledTaxRules } from '../../../lib/landed/bundled';
import type { RateCard } from '../../../lib/landed/rate-card';
import {
  exportRateCards,
  importRateCards,
  loadFxRates,
  loadQuoteContext,
  loadRateCards,
  refreshFxRates,
  resetRateCard,
  saveUserRateCard,
  seedLandedData,
  type FetchLike,
} from '../../../lib/landed/store';

let opened: ZhongcaoDb[] = [];
let counter = 0;
function freshDb(): ZhongcaoDb {
  const db = new ZhongcaoDb(`landed-test-${++counter}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(opened.map((db) => db.delete()));
  opened = [];
});

const BUNDLE = { cards: bundledRateCards(), taxRules: bundledTaxRules(), fx: bundledFxRates() };
const SEA_ID = 'cainiao-us-sea-tax-included';
const sea = () => structuredClone(BUNDLE.cards.find((card) => card.id === SEA_ID) as RateCard);

async function snapshot(db: ZhongcaoDb) {
  return { cards: await db.rateCards.orderBy('id').toArray(), fx: await db.fxRates.toArray(), rules: await db.taxRules.toArray() };
}

describe('seeding', () => {
  it('seeds every bundled card, tax rule and the exchange rates on install', async () => {
    const db = freshDb();
    const summary = await seedLandedData(db, BUNDLE, 1);
    expect(summary.added).toHaveLength(BUNDLE.cards.length);
    const context = await loadQuoteContext(db);
    expect(context.cards).toHaveLength(BUNDLE.cards.length);
    expect(context.taxRules).toHaveLength(13);
    expect(context.fx).toEqual(BUNDLE.fx);
    expect(await seedLandedData(db, BUNDLE, 2)).toEqual({ added: [], updated: [], removed: [], keptUserCards: [] });
  });

  it('on upgrade adds new cards, updates changed bundled ones, removes retired ones and keeps user edits', async () => {
    const db = freshDb();
    const retired = { ...sea(), id: 'retired-line' };
    await seedLandedData(db, { ...BUNDLE, cards: [...BUNDLE.cards, retired] }, 1);
    const edited = { ...sea(), name: 'My own sea price', pricing: { kind: 'flat-per-step' as const, stepKg: 0.5, perStepCny: 10 } };
    expect(await saveUserRateCard(edited, db, 2)).toEqual({ ok: true, imported: [SEA_ID] });

    const nextBundle = BUNDLE.cards.map((card) =>
      card.id === SEA_ID || card.id === 'cssbuy-us-ems' ? { ...card, asOf: '2027-01-01' } : card,
    );
    const brandNew = { ...sea(), id: 'cainiao-us-sea-2027', asOf: '2027-01-01' };
    const summary = await seedLandedData(db, { ...BUNDLE, cards: [...nextBundle, brandNew] }, 3);
    expect(summary).toEqual({
      added: ['cainiao-us-sea-2027'],
      updated: ['cssbuy-us-ems'],
      removed: ['retired-line'],
      keptUserCards: [SEA_ID],
    });
    const { cards, origins } = await loadRateCards(db);
    expect(cards.find((card) => card.id === SEA_ID)?.name).toBe('My own sea price');
    expect(origins[SEA_ID]).toBe('user');
    expect(cards.find((card) => card.id === 'cssbuy-us-ems')?.asOf).toBe('2027-01-01');

    expect(await resetRateCard(SEA_ID, db)).toBe(true);
    expect((await loadRateCards(db)).origins[SEA_ID]).toBe('bundled');
  });

  it('replaces a bundled card whose rules changed under the same asOf (a volume rule added to an old card)', async () => {
    const db = freshDb();
    const old = { ...sea(), volumetric: undefined, notes: ['before'] } as unknown as RateCard;
    await seedLandedData(db, { ...BUNDLE, cards: [old] }, 1);
    const summary = await seedLandedData(db, { ...BUNDLE, cards: [sea()] }, 2);
    expect(summary.updated).toEqual([SEA_ID]);
    expect(((await db.rateCards.get(SEA_ID))?.card as RateCard).volumetric).toMatchObject({ divisor: 6000 });
    expect((await seedLandedData(db, { ...BUNDLE, cards: [sea()] }, 3)).updated).toEqual([]);
  });

  it('keeps refreshed exchange rates newer than the bundle', async () => {
    const db = freshDb();
    await db.fxRates.put({ id: 'current', base: 'CNY', rates: { USD: 0.15 }, asOf: '2030-01-01', source: 'https://example.test/fx' });
    await seedLandedData(db, BUNDLE);
    expect((await loadFxRates(db)).asOf).toBe('2030-01-01');
  });

  it('reports a damaged stored card instead of throwing', async () => {
    const db = freshDb();
    await seedLandedData(db, BUNDLE);
    await db.rateCards.update(SEA_ID, { card: { ...sea(), roundingStepKg: -1 } });
    const { cards, invalid } = await loadRateCards(db);
    expect(cards).toHaveLength(BUNDLE.cards.length - 1);
    expect(invalid).toEqual([{ id: SEA_ID, errors: [expect.objectContaining({ id: SEA_ID, path: 'roundingStepKg' })] }]);
  });
});

describe('import and export', () => {
  it('round-trips: export, import into an empty database, same cards (now the user’s)', async () => {
    const from = freshDb();
    await seedLandedData(from, BUNDLE);
    const file = await exportRateCards(from);
    const to = freshDb();
    const result = await importRateCards(file, to);
    expect(result.ok && result.imported).toHaveLength(BUNDLE.cards.length);
    const imported = await loadRateCards(to);
    expect(imported.cards.sort((a, b) => a.id.localeCompare(b.id))).toEqual((await loadRateCards(from)).cards.sort((a, b) => a.id.localeCompare(b.id)));
    expect(Object.values(imported.origins).every((origin) => origin === 'user')).toBe(true);
  });

  it('accepts a bare array of cards', async () => {
    const db = freshDb();
    expect(await importRateCards(JSON.stringify([sea()]), db)).toEqual({ ok: true, imported: [SEA_ID] });
  });

  it('rejects a file with any bad card, changes nothing, and returns every error with card and field', async () => {
    const db = freshDb();
    await seedLandedData(db, BUNDLE, 1);
    const before = await snapshot(db);
    const good = { ...sea(), id: 'good-line', name: 'would be imported' };
    const badPrice = { ...sea(), id: 'bad-price', pricing: { kind: 'flat-per-step', stepKg: 0.5, perStepCny: 'cheap' } };
    const badTwice = { ...sea(), id: 'bad-twice', destinations: ['XX'], asOf: 'last week' };
    const file = JSON.stringify({ cards: [good, badPrice, badTwice, { ...good }] });

    const result = await importRateCards(file, db, 2);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map(({ index, id, path }) => ({ index, id, path }))).toEqual([
      { index: 1, id: 'bad-price', path: 'pricing.perStepCny' },
      { index: 2, id: 'bad-twice', path: 'destinations.0' },
      { index: 2, id: 'bad-twice', path: 'asOf' },
      { index: 3, id: 'good-line', path: 'id' },
    ]);
    expect(errors[0]?.message).toBe('Invalid input: expected number, received string');
    expect(errors[3]?.message).toBe('duplicate id: card 0 has the same id');
    expect(await snapshot(db)).toEqual(before);
  });

  it.each([
    ['not JSON', '{cards:', 'not JSON'],
    ['no cards list', '{"rates": []}', 'expected {"cards": [...]} or an array of cards'],
    ['an empty list', '{"cards": []}', 'the file has no cards'],
  ])('refuses %s', async (_label, text, message) => {
    const db = freshDb();
    const result = await importRateCards(text, db);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.message).toContain(message);
    expect(await db.rateCards.count()).toBe(0);
  });

  it('writes nothing when the transaction fails part-way', async () => {
    const db = freshDb();
    await seedLandedData(db, BUNDLE);
    const before = await snapshot(db);
    // The write lands, then the transaction fails: Dexie must roll the write back.
    const realBulkPut = db.rateCards.bulkPut.bind(db.rateCards) as (rows: unknown[]) => Promise<unknown>;
    Object.assign(db.rateCards, {
      bulkPut: async (rows: unknown[]) => {
        await realBulkPut(rows);
        throw new Error('disk full');
      },
    });
    await expect(importRateCards(JSON.stringify([{ ...sea(), name: 'changed' }]), db)).rejects.toThrow('disk full');
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('exchange-rate refresh', () => {
  const fakeFetch = (body: unknown, status = 200): FetchLike & { urls: string[] } => {
    const urls: string[] = [];
    const fetchJson = async (url: string) => {
      urls.push(url);
      return { ok: status === 200, status, json: async () => body };
    };
    return Object.assign(fetchJson, { urls });
  };

  it('stores CNY-based rates, dated, with the URL as source', async () => {
    const db = freshDb();
    const fetchJson = fakeFetch({ base: 'CNY', date: '2026-10-02', rates: { USD: 0.14, EUR: 0.12 } });
    const result = await refreshFxRates('https://rates.example/cny.json', fetchJson, db);
    expect(fetchJson.urls).toEqual(['https://rates.example/cny.json']);
    expect(result).toEqual({
      ok: true,
      fx: { base: 'CNY', rates: { USD: 0.14, EUR: 0.12, CNY: 1 }, asOf: '2026-10-02', source: 'https://rates.example/cny.json' },
    });
    expect((await loadFxRates(db)).asOf).toBe('2026-10-02');
  });

  it('rebases rates given in another base when they include CNY', async () => {
    const db = freshDb();
    const result = await refreshFxRates('https://rates.example/usd.json', fakeFetch({ base: 'USD', asOf: '2026-10-02T00:00:00Z', rates: { CNY: 8, EUR: 0.9, USD: 1 } }), db);
    expect(result.ok && result.fx.rates).toEqual({ CNY: 1, EUR: 0.1125, USD: 0.125 });
  });

  it.each([
    ['an HTTP error', fakeFetch({}, 503), 'answered HTTP 503'],
    ['a negative rate', fakeFetch({ base: 'CNY', date: '2026-10-02', rates: { USD: -1 } }), 'unexpected response: rates.USD'],
    ['no date', fakeFetch({ base: 'CNY', rates: { USD: 0.14 } }), 'needs its date'],
    ['a base without CNY', fakeFetch({ base: 'USD', date: '2026-10-02', rates: { EUR: 0.9 } }), 'do not include CNY'],
  ])('keeps the stored rates on %s', async (_label, fetchJson, error) => {
    const db = freshDb();
    await seedLandedData(db, BUNDLE);
    const result = await refreshFxRates('https://rates.example/', fetchJson, db);
    expect(!result.ok && result.error).toContain(error);
    expect(await loadFxRates(db)).toEqual(BUNDLE.fx);
  });
});
