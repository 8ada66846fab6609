import { describe, expect, it } from 'vitest';
import { bundledFxRates, bundledRateCards, bundledTaxRules } from '../../../lib/landed/bundled';
import type { Mention } from '../../../lib/messaging/schemas';
import { highlightRuns } from '../../../lib/popup/format';
import { groupProducts } from '../../../lib/popup/products';
import { isStale, parseLocalPrice, summariseQuotes } from '../../../lib/popup/quotes';
import { compareBasket } from '../../../lib/landed/basket';
import { quoteParcel } from '../../../lib/landed/quote';

const m = (field: string, start: number, text: string, rest: Partial<Mention>): Mention => ({
  field,
  start,
  end: start + text.length,
  text,
  kind: 'product',
  confidence: 0.8,
  ...rest,
});

// What detection reports for the fixture note 6745a1b2000000001e01c3d4.
const hoodieNote: Mention[] = [
  m('title', 0, '秋冬刺绣卫衣', { category: 'hoodie', en: 'winter embroidered hoodie', query: '秋冬刺绣卫衣', confidence: 0.9 }),
  // Detection gives the note's price to the product written with it (same clause, nearest).
  m('desc', 6, '刺绣卫衣', { category: 'hoodie', en: 'embroidered hoodie', query: '刺绣卫衣', confidence: 1, priceCny: 68.29 }),
  m('desc', 28, '68.29元', { kind: 'price', priceCny: 68.29, confidence: 0.85 }),
  m('desc', 78, '刺绣卫衣', { category: 'hoodie', en: 'embroidered hoodie', query: '刺绣卫衣', confidence: 1 }),
  m('tags.1', 0, '刺绣卫衣', { category: 'hoodie', en: 'embroidered hoodie', query: '刺绣卫衣', confidence: 0.55 }),
  m('comments.1', 3, '优衣库', { kind: 'brand', brand: 'uniqlo', en: 'Uniqlo', query: '优衣库', confidence: 0.95 }),
  m('comments.1', 7, '卫衣', { category: 'hoodie', brand: 'uniqlo', en: 'Uniqlo hoodie', query: '优衣库卫衣', confidence: 0.8 }),
  m('comments.2', 1, '刺绣加绒卫衣', { category: 'hoodie', en: 'embroidered fleece-lined hoodie', query: '刺绣加绒卫衣', confidence: 1 }),
];

describe('groupProducts', () => {
  it('groups the fixture note into two products, the most named query first, with the quoted price', () => {
    const products = groupProducts(hoodieNote);
    expect(products.map((p) => [p.query, p.en, p.count, p.priceCny])).toEqual([
      ['刺绣卫衣', 'embroidered hoodie', 5, 68.29],
      ['优衣库卫衣', 'Uniqlo hoodie', 1, undefined],
    ]);
    expect(products[0]?.confidence).toBe(1);
  });

  it('gives a product no price of another product: Uniqlo, named in a comment, has none of the note’s one price', () => {
    const uniqlo = groupProducts(hoodieNote.filter((mention) => mention.field !== 'comments.1' || mention.kind === 'brand'));
    expect(uniqlo.map((p) => [p.query, p.priceCny])).toEqual([
      ['刺绣卫衣', 68.29],
      ['优衣库', undefined],
    ]);
  });

  it.each([
    ['a brand alone is a product', [m('desc', 0, '得力', { kind: 'brand', brand: 'deli', en: 'Deli', query: '得力', confidence: 0.8 })], ['得力']],
    ['weak mentions are left out', [m('desc', 0, '卫衣', { category: 'hoodie', query: '卫衣', confidence: 0.2 })], []],
    ['prices and shops are not products', [m('desc', 0, '淘宝', { kind: 'platform', confidence: 0.9 })], []],
    [
      'an unknown brand before a product word belongs to it',
      [
        m('desc', 0, 'ubras', { kind: 'brand', en: 'Ubras', query: 'ubras', confidence: 0.7 }),
        m('desc', 5, '内衣', { category: 'underwear', en: 'Ubras underwear', query: 'ubras内衣', confidence: 0.8 }),
      ],
      ['ubras内衣'],
    ],
  ] as const)('%s', (_name, mentions, queries) => {
    expect(groupProducts(mentions as unknown as Mention[]).map((p) => p.query)).toEqual(queries);
  });

  it('takes an item id from a link in the same field', () => {
    const products = groupProducts([
      m('comments.0', 0, '卫衣', { category: 'hoodie', query: '卫衣' }),
      m('comments.0', 5, 'https://item.taobao.com/item.htm?id=727851748466', { kind: 'link', itemId: '727851748466', confidence: 0.95 }),
    ]);
    expect(products[0]?.itemId).toBe('727851748466');
  });
});

describe('quote view model', () => {
  const context = { cards: bundledRateCards(), taxRules: bundledTaxRules(), fx: bundledFxRates() };

  it.each([
    ['2026-01-01', '2026-03-31', false],
    ['2026-01-01', '2026-04-02', true],
    ['2026-05', '2026-07-30', false],
    ['2026-05', '2026-09-01', true],
    ['undated', '2030-01-01', false],
  ])('isStale(%s, %s) is %s', (asOf, today, stale) => {
    expect(isStale(asOf, today)).toBe(stale);
  });

  it.each([
    ['75', { amount: 75, currency: 'USD' }],
    ['75 usd', { amount: 75, currency: 'USD' }],
    ['EUR 12.5', { amount: 12.5, currency: 'EUR' }],
    ['$75', { amount: 75, currency: 'USD' }],
    ['12,50 eur', { amount: 12.5, currency: 'EUR' }],
    ['0', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('parseLocalPrice(%j)', (text, expected) => {
    expect(parseLocalPrice(text, 'USD')).toEqual(expected);
  });

  it('points out the cheapest and the fastest line', () => {
    const result = quoteParcel({ destination: 'US', currency: 'USD', date: '2026-03-01', items: [{ priceCny: 68.29, weightKg: 0.9 }] }, context);
    const summary = summariseQuotes(result, '2026-03-01');
    expect(summary.cheapest).toBe(summary.available[0]);
    const fastestMax = Math.min(...summary.available.flatMap((q) => (q.transitDays ? [q.transitDays.max] : [])));
    expect(summary.fastest?.transitDays?.max).toBe(fastestMax);
    expect(summary.staleLines.size).toBe(result.quotes.filter((q) => isStale(q.asOf, '2026-03-01')).length);
  });

  it('shows that one consolidated parcel beats two separate ones', () => {
    const items = [
      { priceCny: 68.29, category: 'hoodie' },
      { priceCny: 79, category: 'hoodie' },
    ];
    const comparison = compareBasket(items, { destination: 'US', currency: 'USD', date: '2026-03-01' }, context);
    expect(comparison.separate).toHaveLength(2);
    expect(comparison.savingCny).toBeGreaterThan(0);
    const together = summariseQuotes(comparison.consolidated, '2026-03-01').cheapest!;
    expect(together.totalCny + comparison.savingCny!).toBeCloseTo(comparison.separateTotalCny!, 2);
    // It travels as a message answer: plain JSON, nothing lost on the way.
    expect(JSON.parse(JSON.stringify(comparison))).toEqual(comparison);
  });

  it('leaves the totals out when an item fits no line on its own', () => {
    const comparison = compareBasket([{ priceCny: 68.29 }], { destination: 'US', currency: 'USD', date: '2026-03-01' }, { ...context, cards: [] });
    expect(comparison.separate).toEqual([null]);
    expect(comparison.separateTotal).toBeUndefined();
    expect(comparison.saving).toBeUndefined();
  });
});

describe('highlightRuns', () => {
  it.each([
    ['小熊刺绣卫衣女', [{ start: 2, end: 6 }], [['小熊', false], ['刺绣卫衣', true], ['女', false]]],
    ['刺绣卫衣', [{ start: 0, end: 4 }], [['刺绣卫衣', true]]],
    ['abc', [], [['abc', false]]],
    ['abc', [{ start: 2, end: 9 }], [['abc', false]]],
  ] as const)('%s', (title, highlights, runs) => {
    expect(highlightRuns(title, highlights).map((run) => [run.text, run.marked])).toEqual(runs);
  });
});
