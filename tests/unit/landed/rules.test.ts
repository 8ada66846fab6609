import { describe, expect, it } from 'vitest';
import { quoteParcel, QuoteInputError } from '../../../lib/landed/quote';
import type { RateCard } from '../../../lib/landed/rate-card';
import { validateRateCardFile } from '../../../lib/landed/store';
import { BUNDLED, available, lineQuote, quotesFor } from './helpers';

const TODAY = '2026-12-06';
const reason = (quote: ReturnType<typeof lineQuote>) => (quote.available ? 'available' : quote.unavailable.reason);

describe('volume rules decide the ranking (JadeShip estimator 2026-09; forwarders.md)', () => {
  // Boxed sneakers: 0.85 kg in 26×36×15 cm = 2.34 kg at ÷6000.
  const sneakers = { priceCny: 300, weightKg: 0.85, dimsCm: [26, 36, 15] as const, category: 'sneakers' };

  it('bills boxed sneakers on volume on Junfeng and Sugargoo too, so Cainiao sea stays cheapest', () => {
    const quotes = quotesFor({ date: TODAY, items: [sneakers] });
    const cainiao = available(quotes, 'cainiao-us-sea-tax-included');
    const junfeng = available(quotes, 'junfeng-us-sea-tax-included');
    const sugargoo = available(quotes, 'sugargoo-us-sea-tax-free');
    // Cainiao: 2.5 kg = 52.35 + 4 × 15.40 + fuel 2.5 × ¥2 = ¥118.95.
    expect([cainiao.chargeableKg, cainiao.freightCny + cainiao.surchargesCny, cainiao.totalCny]).toEqual([2.5, 118.95, 418.95]);
    // Junfeng: 2.34 kg → 3 kg = 88 + 2 × 25. Sugargoo: 2.5 kg = 5 × 38.75 + ¥31.85 (its estimator's total less freight).
    expect([junfeng.chargeableKg, junfeng.freightCny, junfeng.totalCny]).toEqual([3, 138, 438]);
    expect([sugargoo.chargeableKg, sugargoo.freightCny, sugargoo.feesCny]).toEqual([2.5, 193.75, 31.85]);
    expect(quotes[0]?.lineId).toBe('cainiao-us-sea-tax-included');
    expect(cainiao.chargeable.basis).toBe('volume');
  });

  it('puts Junfeng first for a 130 cm box: Sugargoo takes under 119 cm, Cainiao charges oversize', () => {
    // 130×30×20 = 78,000 cm³ = 13 kg; Junfeng 88 + 12 × 25 = ¥388.
    const quotes = quotesFor({ date: TODAY, items: [{ priceCny: 300, weightKg: 3, dimsCm: [130, 30, 20] }] });
    expect(quotes[0]?.lineId).toBe('junfeng-us-sea-tax-included');
    expect(available(quotes, 'junfeng-us-sea-tax-included').freightCny).toBe(388);
    expect(reason(lineQuote(quotes, 'sugargoo-us-sea-tax-free'))).toBe('size');
    expect(available(quotes, 'cainiao-us-sea-tax-included').surcharges.map((row) => row.name)).toContain('oversize fee');
  });

  it.each([
    ['118.9 cm', 118.9, 'available'],
    ['119 cm', 119, 'size'],
  ])('Sugargoo takes a longest side of %s: %s', (_label, side, expected) => {
    expect(reason(lineQuote(quotesFor({ date: TODAY, items: [{ priceCny: 50, weightKg: 1, dimsCm: [side, 10, 10] }] }), 'sugargoo-us-sea-tax-free'))).toBe(expected);
  });

  it.each([
    // 39×39×39 = 9.9 kg at ÷6000, but no side reaches 40 cm: EMS bills 2.095 → 2.5 kg.
    ['no side of 40 cm: actual weight', [39, 39, 39] as const, 2.5],
    // 40×30×30 = 6 kg: a side of 40 cm, so volume counts.
    ['a side of 40 cm: volume', [40, 30, 30] as const, 6],
  ])('CSSBuy EMS, %s', (_label, dimsCm, chargeableKg) => {
    expect(available(quotesFor({ date: TODAY, items: [{ priceCny: 50, weightKg: 2, dimsCm }] }), 'cssbuy-us-ems').chargeableKg).toBe(chargeableKg);
  });

  it.each([
    [31.4, 'available'],
    [31.5, 'weight'],
  ])('CSSBuy EMS to the US takes 31.5 kg at most: %s kg of goods (+95 g packing) is %s', (weightKg, expected) => {
    expect(reason(lineQuote(quotesFor({ date: TODAY, items: [{ priceCny: 50, weightKg }] }), 'cssbuy-us-ems'))).toBe(expected);
  });

  it('says EMS includes no US duty: it is added, due on delivery', () => {
    const ems = available(quotesFor({ date: TODAY, items: [{ priceCny: 200, weightKg: 1, category: 'hoodie' }] }), 'cssbuy-us-ems');
    expect(ems.taxIncluded).toBe(false);
    expect(ems.dutiesAndTaxes.map((row) => [row.name, row.collectedBy])).toContainEqual(['MFN duty', 'carrier-on-delivery']);
    expect(ems.assumptions.join(' ')).toContain('it is not');
  });

  it('refuses a box whose volume bills over the 22 kg Junfeng prices', () => {
    // 60×50×46 = 138,000 cm³ = 23 kg at ÷6000.
    const quote = lineQuote(quotesFor({ date: TODAY, items: [{ priceCny: 50, weightKg: 5, dimsCm: [60, 50, 46] }] }), 'junfeng-us-sea-tax-included');
    expect(quote).toMatchObject({ available: false, unavailable: { reason: 'weight' } });
  });
});

describe('Superbuy limits (Superbuy estimates; card effective 2025-05-22)', () => {
  // USD 150 = ¥1,005.68 and USD 800 = ¥5,363.66 at 0.149152 USD per CNY.
  it.each([
    [1005, 'available'],
    [1006, 'declared-value'],
  ])('duty-prepaid apparel takes clothing declared up to USD 150: ¥%s is %s', (priceCny, expected) => {
    expect(reason(lineQuote(quotesFor({ date: TODAY, items: [{ priceCny, category: 'hoodie' }] }), 'superbuy-us-duty-prepaid-apparel'))).toBe(expected);
  });

  it('duty-prepaid apparel takes clothing only', () => {
    const quote = lineQuote(quotesFor({ date: TODAY, items: [{ priceCny: 100, category: 'sneakers' }] }), 'superbuy-us-duty-prepaid-apparel');
    expect(quote).toMatchObject({ available: false, unavailable: { reason: 'goods', message: 'takes clothing only; sneakers is not clothing' } });
  });

  it.each([
    [5363, 'available'],
    [5364, 'declared-value'],
  ])('ocean takes goods declared under USD 800: ¥%s is %s', (priceCny, expected) => {
    expect(reason(lineQuote(quotesFor({ date: TODAY, items: [{ priceCny, weightKg: 2 }] }), 'superbuy-us-ocean'))).toBe(expected);
  });
});

describe('Cainiao non-tax lines: the 65% is a deposit, not the duty (calculator.cainiao.us; notice 2025-05-20)', () => {
  it('shows the deposit beside the duty the US rule gives, and counts only the duty', () => {
    const quote = available(quotesFor({ date: TODAY, items: [{ priceCny: 100, weightKg: 0.5, category: 'hoodie' }] }), 'cainiao-us-air-economy-duty-precollected');
    expect(quote.deposit).toMatchObject({ amountCny: 65 });
    expect(quote.deposit?.note).toContain('voided on 2026-02-20');
    // Hoodie: MFN 16.5% + 301 7.5% of ¥100, MPF $2.69 = ¥18.04; settled by the forwarder from the deposit.
    expect(quote.dutiesAndTaxesCny).toBe(42.04);
    expect(quote.dutiesAndTaxes.every((row) => row.collectedBy === 'forwarder')).toBe(true);
    // First kg ¥71 (0.595 kg), fuel ¥5 × 2 steps since 2026-04-01.
    expect(quote.totalCny).toBe(100 + 71 + 10 + 42.04);
  });
});

describe('ranking on assumptions is said', () => {
  it('names the assumption when the cheapest line is priced from one example', () => {
    const result = quoteParcel({ destination: 'AU', currency: 'AUD', date: TODAY, items: [{ priceCny: 100, weightKg: 1 }] }, BUNDLED);
    const cheapest = result.quotes[0]!;
    expect(cheapest.available && cheapest.rankCaveats.length).toBeGreaterThan(0);
    expect(result.cheapestCaveat).toMatch(/cheapest only on assumptions: its price is worked out from one published example/);
  });

  it('names an assumed volume rule when the boxes are known', () => {
    const result = quoteParcel({ destination: 'GB', currency: 'GBP', date: TODAY, items: [{ priceCny: 100, weightKg: 1, dimsCm: [30, 20, 10] }] }, BUNDLED);
    expect(result.cheapestCaveat).toContain('its volume rule is not published (÷6000 assumed)');
  });
});

describe('Singapore: a priced sea line (ebaoguo, S$3.00 per kg from 10 kg)', () => {
  it('quotes ¥157.49 freight for a small parcel and adds GST at import on goods and freight', () => {
    const quote = available(quotesFor({ destination: 'SG', currency: 'SGD', date: TODAY, items: [{ priceCny: 200, weightKg: 1 }] }), 'ebaoguo-sg-sea');
    // 1.095 kg → the 10 kg minimum × ¥15.7492 = ¥157.49; GST 9% of 200 + 157.49 = ¥32.17.
    expect([quote.chargeableKg, quote.freightCny, quote.dutiesAndTaxesCny]).toEqual([10, 157.49, 32.17]);
    expect(quote.dutiesAndTaxes[0]?.source.url).toContain('iras.gov.sg');
  });
});

describe('Japan: 60% valuation (Japan Customs FAQ 1006)', () => {
  it('charges no tax on a ¥700 basket (valued 9,903 JPY)', () => {
    const quote = available(quotesFor({ destination: 'JP', currency: 'JPY', date: TODAY, items: [{ priceCny: 700, weightKg: 1 }] }), 'buckydrop-jp-4px-air');
    expect(quote.dutiesAndTaxesCny).toBe(0);
  });
});

describe('impossible or absurd input', () => {
  const request = (patch: object) => ({ destination: 'US', currency: 'USD', date: TODAY, items: [{ priceCny: 100, weightKg: 1 }], ...patch });

  it.each([
    ['a day that does not exist', { date: '2026-02-30' }, 'date'],
    ['a price over ¥1,000,000', { items: [{ priceCny: 1_000_001 }] }, 'items.0.priceCny'],
    ['a price of 1e308', { items: [{ priceCny: 1e308 }] }, 'items.0.priceCny'],
    ['a weight of Infinity', { items: [{ priceCny: 1, weightKg: Infinity }] }, 'items.0.weightKg'],
    ['a box side of 1e9 cm', { items: [{ priceCny: 1, dimsCm: [1e9, 1, 1] }] }, 'items.0.dimsCm'],
    ['a 10 M-character category', { items: [{ priceCny: 1, category: 'x'.repeat(10_000_000) }] }, 'items.0.category'],
  ])('refuses %s, naming the field', (_label, patch, field) => {
    expect(() => quoteParcel(request(patch) as never, BUNDLED)).toThrow(QuoteInputError);
    expect(() => quoteParcel(request(patch) as never, BUNDLED)).toThrow(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
  });

  it('gives no line for 900 kg, each with its reason, and never a total in the millions', () => {
    const quotes = quotesFor({ date: TODAY, items: [{ priceCny: 100, weightKg: 900 }] });
    expect(quotes.every((quote) => !quote.available)).toBe(true);
    expect(lineQuote(quotes, 'cainiao-us-sea-tax-included')).toMatchObject({ unavailable: { reason: 'weight', message: 'parcel 900.095 kg is over the 65 kg limit' } });
  });

  it('refuses a card with a step of 1e-320 kg, and the engine never quotes one as available without a finite total', () => {
    const base = BUNDLED.cards.find((card) => card.id === 'cainiao-us-air-tax-included-economy')!;
    const hostile = { ...base, id: 'hostile', pricing: { kind: 'flat-per-step' as const, stepKg: 1e-320, perStepCny: 47 }, roundingStepKg: 1e-320 };
    const checked = validateRateCardFile(JSON.stringify({ cards: [hostile] }));
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors.map((error) => error.path)).toEqual(expect.arrayContaining(['pricing.stepKg', 'roundingStepKg']));
    const quote = quoteParcel({ destination: 'US', currency: 'USD', date: TODAY, items: [{ priceCny: 100, weightKg: 1 }] }, { ...BUNDLED, cards: [hostile as RateCard] }).quotes[0]!;
    if (quote.available) expect(Number.isFinite(quote.total)).toBe(true);
    const huge = { ...base, id: 'huge', pricing: { kind: 'flat-per-step' as const, stepKg: 0.001, perStepCny: 1e300 } };
    const hugeQuote = quoteParcel({ destination: 'US', currency: 'USD', date: TODAY, items: [{ priceCny: 100, weightKg: 1 }] }, { ...BUNDLED, cards: [huge as RateCard] }).quotes[0]!;
    expect(hugeQuote).toMatchObject({ available: false, unavailable: { reason: 'invalid-result' } });
  });
});

describe('an EU line without tax runs the EU rules (BuckyDrop report 2026-01-27; loi de finances 2026; Law 199/2025)', () => {
  const eu = (destination: string, date: string, priceCny: number) =>
    available(quotesFor({ destination, currency: 'EUR', date, items: [{ priceCny, weightKg: 1.105, category: 'hoodie' }] }), 'buckydrop-eu-yunexpress-general');

  it('France on 2026-12-06, ¥500 (€66.18): €3 duty, €2 per article, VAT 20% on goods, freight and duty', () => {
    const quote = eu('FR', TODAY, 500);
    // Freight 12 × 13.5558 = ¥162.67; VAT 20% of 500 + 162.67 + 22.67 = ¥137.07.
    expect(quote.freightCny).toBe(162.67);
    expect(quote.dutiesAndTaxes.map((row) => [row.name, row.amountCny])).toEqual([
      ['EU low-value customs duty', 22.67],
      ['Import VAT', 137.07],
      ['French small-parcel tax', 15.11],
    ]);
  });

  it('Italy on 2026-12-06, ¥1,134 (€150.09): duty 12% on CIF, no €2 contribution above €150', () => {
    const quote = eu('IT', TODAY, 1134);
    // CIF 1,134 + 162.67 = 1,296.67: duty 155.60; VAT 22% of 1,452.27 = 319.50.
    expect(quote.dutiesAndTaxes.map((row) => [row.name, row.amountCny])).toEqual([
      ['Customs duty', 155.6],
      ['Import VAT', 319.5],
    ]);
  });
});
