import { describe, expect, it } from 'vitest';
import { compareWithLocalPrice, quoteParcel } from '../../../lib/landed/quote';
import { AFTER_FUEL, BEFORE_FUEL, BUNDLED, available, lineQuote, quotesFor } from './helpers';

const SEA = 'cainiao-us-sea-tax-included';
const AIR_ECONOMY = 'cainiao-us-air-tax-included-economy';

describe('the seed case: a ¥68.29 hoodie of 0.9 kg to the US on Cainiao sea, tax included', () => {
  it.each([
    ['2026-03-31', 136.04, 0],
    ['2026-04-01', 138.04, 2],
  ])('on %s it lands at ¥%s (fuel ¥%s)', (date, totalCny, fuelCny) => {
    const quote = available(quotesFor({ date, items: [{ priceCny: 68.29, weightKg: 0.9 }] }), SEA);
    // 0.9 kg + 95 g packing = 0.995 kg → 1.0 kg: ¥52.35 first 0.5 kg + ¥15.40.
    expect(quote.chargeableKg).toBe(1);
    expect(quote.freightCny).toBe(67.75);
    expect(quote.surchargesCny).toBe(fuelCny);
    expect(quote.dutiesAndTaxesCny).toBe(0);
    expect(quote.totalCny).toBe(totalCny);
  });

  it('is the cheapest line, and beats the 75 USD local price by 55 USD (73%) at the ECB rate of 2026-10-06', () => {
    const result = quoteParcel(
      { destination: 'US', currency: 'USD', date: BEFORE_FUEL, items: [{ priceCny: 68.29, weightKg: 0.9 }], localPrice: { amount: 75, currency: 'USD' } },
      BUNDLED,
    );
    const [cheapest] = result.quotes;
    expect(cheapest?.lineId).toBe(SEA);
    // ECB 2026-10-06: USD 1.1269 and CNY 7.5554 per euro, so 0.149152 USD per CNY; 136.04 × 0.149152 = 20.29.
    expect(cheapest?.available && cheapest.total).toBe(20.29);
    expect(cheapest?.available && cheapest.comparison).toEqual({ saving: 54.71, percent: 73, currency: 'USD', text: 'save 55 USD (73%)' });
    expect(result.fx).toMatchObject({ currency: 'USD', perCny: 0.149152, asOf: '2026-10-06' });
    expect(cheapest?.available && cheapest.fx).toMatchObject({ perCny: 0.149152, asOf: '2026-10-06' });
  });
});

describe('hand-computed quotes from the published cards (US)', () => {
  it.each([
    // item, line, date, chargeable kg, freight, surcharges, fees, duties, total — all CNY
    ['1.2 kg, ¥100, air economy ¥47/0.5 kg: 1.295 → 1.5 kg = 3 × 47', { priceCny: 100, weightKg: 1.2 }, AIR_ECONOMY, BEFORE_FUEL, 1.5, 141, 0, 0, 0, 241],
    ['same after fuel: + 3 × ¥5', { priceCny: 100, weightKg: 1.2 }, AIR_ECONOMY, AFTER_FUEL, 1.5, 141, 15, 0, 0, 256],
    ['same on air fast ¥57/0.5 kg', { priceCny: 100, weightKg: 1.2 }, 'cainiao-us-air-tax-included-fast', BEFORE_FUEL, 1.5, 171, 0, 0, 0, 271],
    ['lipstick (sensitive, 0.3 kg est.), ¥50: first 0.5 kg ¥120', { priceCny: 50, category: 'lipstick' }, 'cainiao-us-air-tax-included-sensitive-economy', BEFORE_FUEL, 0.5, 120, 0, 0, 0, 170],
    ['lipstick on sensitive fast: first 0.5 kg ¥130', { priceCny: 50, category: 'lipstick' }, 'cainiao-us-air-tax-included-sensitive-fast', AFTER_FUEL, 0.5, 130, 5, 0, 0, 185],
    ['power bank 0.4 kg + 1.0 kg: 1.495 → 1.5 kg = 120 + 2 × 45', { priceCny: 99, category: 'power bank', quantity: 1, weightKg: 1.4 }, 'cainiao-us-air-tax-included-sensitive-economy', BEFORE_FUEL, 1.5, 210, 0, 0, 0, 309],
    ['21.9 kg on sea: 22 kg in the 21.51–65 kg band, 44 × 15.40, oversize ¥200', { priceCny: 100, weightKg: 21.9 }, SEA, BEFORE_FUEL, 22, 677.6, 200, 0, 0, 977.6],
    ['same after fuel: + 22 kg × ¥2', { priceCny: 100, weightKg: 21.9 }, SEA, AFTER_FUEL, 22, 677.6, 244, 0, 0, 1021.6],
    ['21.3 kg on sea: 21.5 kg, 52.35 + 42 × 15.40', { priceCny: 100, weightKg: 21.3 }, SEA, BEFORE_FUEL, 21.5, 699.15, 0, 0, 0, 799.15],
    ['君丰 sea: 1.5 kg → 2 kg = 88 + 25', { priceCny: 100, weightKg: 1.5 }, 'junfeng-us-sea-tax-included', BEFORE_FUEL, 2, 113, 0, 0, 0, 213],
    // Cainiao's non-tax lines (calculator.cainiao.us): the duty is the US rule's (MFN 12% assumed for an
    // unknown kind + 301 7.5% + s.122 10% = 29.5% of the goods, + MPF $2.69 = ¥18.04); the 65% is a deposit.
    ['older sea line: 1.5 kg = ¥66 first kg + ¥10.50, duty 29.5% of ¥100 + MPF', { priceCny: 100, weightKg: 1.3 }, 'cainiao-us-sea-duty-precollected', BEFORE_FUEL, 1.5, 76.5, 0, 0, 47.54, 224.04],
    ['older air economy: 0.395 kg bills the first kg at ¥71', { priceCny: 10, weightKg: 0.3 }, 'cainiao-us-air-economy-duty-precollected', BEFORE_FUEL, 1, 71, 0, 0, 20.99, 101.99],
    ['older air standard: 1.295 kg → 1.5 kg = ¥86 + ¥43', { priceCny: 10, weightKg: 1.2 }, 'cainiao-us-air-standard-duty-precollected', BEFORE_FUEL, 1.5, 129, 0, 0, 20.99, 159.99],
    // CSSBuy EMS (postal, duty unpaid): no side ≥ 40 cm, so actual weight; duty on delivery.
    ['CSSBuy EMS (no tax): 1.5 kg × ¥102.375, 29.5% of ¥200 + MPF', { priceCny: 200, weightKg: 1 }, 'cssbuy-us-ems', BEFORE_FUEL, 1.5, 307.13, 0, 0, 77.04, 584.17],
    ['same after the Section 122 window (ended 2026-07-23): 19.5% + MPF', { priceCny: 200, weightKg: 1 }, 'cssbuy-us-ems', '2026-09-01', 1.5, 307.13, 0, 0, 57.04, 564.17],
    ['Superbuy ocean: 1 kg billed as the 12 kg minimum, + ¥29.10 fee (¥399.10 − ¥370 on its estimator page), duties 19.5% of ¥100 + MPF', { priceCny: 100, weightKg: 1 }, 'superbuy-us-ocean', '2026-09-01', 12, 370, 0, 29.1, 37.54, 536.64],
    ['Superbuy ocean: 13.2 kg → 14 kg = 370 + 2 × 30.8333', { priceCny: 100, weightKg: 13.2 }, 'superbuy-us-ocean', '2026-09-01', 14, 431.67, 0, 29.1, 37.54, 598.31],
  ])('%s', (_label, item, lineId, date, chargeableKg, freightCny, surchargesCny, feesCny, dutiesAndTaxesCny, totalCny) => {
    const quote = available(quotesFor({ date, items: [item] }), lineId);
    expect({
      chargeableKg: quote.chargeableKg,
      freightCny: quote.freightCny,
      surchargesCny: quote.surchargesCny,
      feesCny: quote.feesCny,
      dutiesAndTaxesCny: quote.dutiesAndTaxesCny,
      totalCny: quote.totalCny,
    }).toEqual({ chargeableKg, freightCny, surchargesCny, feesCny, dutiesAndTaxesCny, totalCny });
  });

  it('says when a weight is an estimate from the category', () => {
    const quote = available(quotesFor({ items: [{ priceCny: 68.29, category: 'hoodie' }] }), SEA);
    expect(quote.assumptions).toContain('hoodie: weight estimated at 0.7 kg (typical packed weight for hoodie)');
    // The lexicon knows teapots now (1.5 kg, an estimate); a made-up category still takes the fallback.
    const teapot = available(quotesFor({ items: [{ priceCny: 30, category: 'teapot' }] }), SEA);
    expect(teapot.assumptions).toContain('teapot: weight estimated at 1.5 kg (rough estimate for teapot)');
    const unknown = available(quotesFor({ items: [{ priceCny: 30, category: 'flux capacitor' }] }), SEA);
    expect(unknown.assumptions).toEqual(
      expect.arrayContaining([
        'flux capacitor: weight unknown, estimated at 0.4 kg (apparel fallback)',
        'flux capacitor: category not known, assumed general cargo',
      ]),
    );
  });

  it.each([
    ['a ticket alone', [{ priceCny: 280, category: '演唱会门票' }], '演唱会门票'],
    ['a service next to a hoodie', [{ priceCny: 68.29, category: 'hoodie' }, { priceCny: 50, category: 'service' }], 'service'],
  ])('quotes no line for virtual goods (weight 0 in the lexicon): %s', (_label, items, named) => {
    const quotes = quotesFor({ items });
    expect(quotes).toHaveLength(BUNDLED.cards.length);
    for (const quote of quotes) {
      expect(quote).toMatchObject({ available: false, unavailable: { reason: 'nothing-to-ship' } });
      expect(!quote.available && quote.unavailable.message).toContain(`${named}: virtual goods or services ship nothing`);
    }
    expect(quotes[0]?.assumptions).toContain(`${named}: a virtual good or service, nothing to ship`);
  });

  it('ships an item of a virtual category when its weight is given (a gift card sent by post)', () => {
    const quote = available(quotesFor({ items: [{ priceCny: 100, category: 'gift card', weightKg: 0.05 }] }), SEA);
    expect(quote.chargeableKg).toBe(0.5);
  });

  it('adds domestic shipping to the total', () => {
    const quote = available(quotesFor({ items: [{ priceCny: 68.29, weightKg: 0.9, domesticShippingCny: 8 }] }), SEA);
    expect(quote.totalCny).toBe(144.04);
  });
});

describe('consolidation', () => {
  const hoodie = { priceCny: 68.29, weightKg: 0.9 };
  const tee = { priceCny: 40, weightKg: 0.3 };

  it('one parcel of two items pays one first-weight charge: ¥83.15 freight instead of ¥67.75 + ¥52.35', () => {
    // 0.9 + 0.3 + 0.080 + 2 × 0.015 = 1.31 → 1.5 kg = 52.35 + 2 × 15.40.
    const together = available(quotesFor({ items: [hoodie, tee] }), SEA);
    const apart = [hoodie, tee].map((item) => available(quotesFor({ items: [item] }), SEA));
    expect(together.freightCny).toBe(83.15);
    expect(together.totalCny).toBe(191.44);
    expect(apart.map((quote) => quote.freightCny)).toEqual([67.75, 52.35]);
    expect(apart[0]!.totalCny + apart[1]!.totalCny).toBeCloseTo(228.39, 10);
    expect(together.totalCny).toBeLessThan(apart[0]!.totalCny + apart[1]!.totalCny);
  });

  it('counts quantity in weight, packing and goods value', () => {
    // 2 × 0.6 + 0.080 + 2 × 0.015 = 1.31 → 1.5 kg.
    const quote = available(quotesFor({ items: [{ priceCny: 50, weightKg: 0.6, quantity: 2 }] }), SEA);
    expect(quote.chargeableKg).toBe(1.5);
    expect(quote.goodsCny).toBe(100);
    expect(quote.totalCny).toBe(183.15);
  });
});

describe('volumetric weight', () => {
  // Sneakers: 0.85 kg in a 26×36×15 box = 14,040 cm³ → 2.34 kg at divisor 6000.
  const sneakers = { priceCny: 300, weightKg: 0.85, dimsCm: [26, 36, 15] as const };
  // The same box holding a hoodie, for the clothing-only line.
  const boxedHoodie = { ...sneakers, category: 'hoodie' };

  it.each([
    // Packing weight (95 g) is not added on volume: 2.34 kg → 2.5 kg.
    ['Cainiao air (divisor 6000, always): 2.34 → 2.5 kg = 5 × 47', sneakers, AIR_ECONOMY, 2.5, 235, 0, 535],
    ['Superbuy apparel (volume only above 2× actual: 2.34 > 1.7): 2.5 kg = 5 × 57.50 + ¥32', boxedHoodie, 'superbuy-us-duty-prepaid-apparel', 2.5, 287.5, 32, 619.5],
  ])('%s', (_label, item, lineId, chargeableKg, freightCny, feesCny, totalCny) => {
    const quote = available(quotesFor({ items: [item] }), lineId);
    expect([quote.chargeableKg, quote.freightCny, quote.feesCny, quote.totalCny]).toEqual([chargeableKg, freightCny, feesCny, totalCny]);
  });

  it('Superbuy apparel bills its published 4 kg 30×35×35 box on actual weight (6.125 < 2 × 4): ¥460, ¥492 with fee', () => {
    // 3.905 kg in the box + 95 g packing = 4.0 kg.
    const quote = available(quotesFor({ items: [{ priceCny: 0, weightKg: 3.905, dimsCm: [30, 35, 35], category: 'hoodie' }] }), 'superbuy-us-duty-prepaid-apparel');
    expect([quote.chargeableKg, quote.freightCny, quote.freightCny + quote.feesCny]).toEqual([4, 460, 492]);
  });
});

describe('cards derived from one published example reproduce it', () => {
  it.each([
    // JadeShip estimator pages read 2026-09-10: ¥370 → ¥399.10 total, ¥310 → ¥341.85, EMS ¥819.
    ['superbuy-us-ocean', 'US', 3.905, 399.1],
    ['sugargoo-us-sea-tax-free', 'US', 3.905, 341.85],
    ['cssbuy-us-ems', 'US', 3.905, 819],
    ['buckydrop-gb-4px-clothing-air-mail', 'GB', 1.105, 64.4],
    ['buckydrop-gb-duty-free-air', 'GB', 1.105, 75.2],
    ['buckydrop-ca-4px-clothing', 'CA', 1.105, 105],
    ['buckydrop-ca-ocean', 'CA', 1.105, 173],
    ['buckydrop-au-yunexpress-clothing', 'AU', 1.105, 63.55],
    ['buckydrop-eu-dhl-duty-free', 'IE', 1.105, 127.2],
    ['buckydrop-eu-yunexpress-general', 'IE', 1.105, 162.67],
    ['buckydrop-jp-4px-air', 'JP', 1.105, 58.4],
    ['buckydrop-jp-ems', 'JP', 1.105, 93.2],
    ['buckydrop-my-yunexpress', 'MY', 1.105, 45.7],
  ])('%s to %s: ¥%s', (lineId, destination, weightKg, freightAndFeesCny) => {
    const quote = available(quotesFor({ destination, items: [{ priceCny: 0, weightKg }] }), lineId);
    expect(quote.freightCny + quote.feesCny).toBeCloseTo(freightAndFeesCny, 10);
    expect(quote.assumptions.some((text) => text.startsWith('Derived from one published example'))).toBe(true);
  });

  it('XD Express Australia: first 0.5 kg + steps (general ¥85 + ¥22, sensitive ¥106 + ¥28)', () => {
    const quotes = quotesFor({ destination: 'AU', items: [{ priceCny: 0, weightKg: 1.1, cargoClass: 'sensitive' }] });
    // 1.1 + 0.095 = 1.195 → 1.5 kg: sensitive 106 + 2 × 28; the general line refuses the parcel.
    expect(available(quotes, 'xd-au-sensitive').freightCny).toBe(162);
    expect(lineQuote(quotes, 'xd-au-general')).toMatchObject({ available: false, unavailable: { reason: 'cargo-class' } });
  });
});

describe('oversize and limits', () => {
  it('charges ¥200 on Cainiao when the longest side is over 120 cm', () => {
    // 130×20×10 = 26,000 cm³ → 4.334 kg volumetric → 4.5 kg = 9 × 47.
    const quote = available(quotesFor({ items: [{ priceCny: 100, weightKg: 2, dimsCm: [130, 20, 10] }] }), AIR_ECONOMY);
    expect(quote.surcharges.map(({ name, amountCny }) => ({ name, amountCny }))).toEqual([{ name: 'oversize fee', amountCny: 200 }]);
    expect(quote.totalCny).toBe(723);
  });

  it('bills a bulky box by volume with no oversize fee at girth 230 cm', () => {
    // 100×45×20 = 90,000 cm³ → 15 kg (packing not added on volume) = 52.35 + 29 × 15.40; girth 100 + 2 × 65 = 230 ≤ 265.
    const quote = available(quotesFor({ items: [{ priceCny: 100, weightKg: 2, dimsCm: [100, 45, 20] }] }), SEA);
    expect(quote.surcharges).toEqual([]);
    expect(quote.freightCny).toBe(498.95);
    expect(quote.chargeable).toMatchObject({ kg: 15, basis: 'volume' });
    expect(quote.chargeable.explanation).toContain('packing weight not added on volume');
  });

  it.each([
    ['70 kg is over the 65 kg limit', { priceCny: 100, weightKg: 70 }, SEA, 'weight'],
    ['23 kg is over 君丰 22 kg', { priceCny: 100, weightKg: 23 }, 'junfeng-us-sea-tax-included', 'weight'],
    ['a 250 cm side is over 240 cm', { priceCny: 100, weightKg: 5, dimsCm: [250, 10, 10] as const }, AIR_ECONOMY, 'size'],
    ['girth 100 + 2 × (60 + 60) = 340 cm is over 327 cm', { priceCny: 100, weightKg: 5, dimsCm: [100, 60, 60] as const }, SEA, 'size'],
    ['sensitive goods on a general line', { priceCny: 50, category: 'power bank' }, AIR_ECONOMY, 'cargo-class'],
    ['goods over the ¥18,000 declared-value limit', { priceCny: 18_000.01, weightKg: 1 }, 'cainiao-us-sea-duty-precollected', 'declared-value'],
    ['a UK line for a US parcel', { priceCny: 50, weightKg: 1 }, 'buckydrop-gb-duty-free-air', 'destination'],
  ])('%s → unavailable (%s)', (_label, item, lineId, reason) => {
    const quote = lineQuote(quotesFor({ items: [item] }), lineId);
    expect(quote.available).toBe(false);
    expect(!quote.available && quote.unavailable.reason).toBe(reason);
  });

  it('charges the ¥200 oversize fee at girth 280 cm (longest + 2 × the others)', () => {
    const quote = available(quotesFor({ items: [{ priceCny: 100, weightKg: 20, dimsCm: [100, 45, 45] }] }), SEA);
    // volumetric 202,500/6000 = 33.75 kg + 0.095 → 34 kg in band 2 = 68 × 15.40; girth 280 > 265.
    expect(quote.freightCny).toBe(1047.2);
    expect(quote.surcharges.map(({ name, amountCny }) => ({ name, amountCny }))).toEqual([{ name: 'oversize fee', amountCny: 200 }]);
  });

  it('lists every line, unavailable ones last with a reason, never dropping one', () => {
    const quotes = quotesFor({ items: [{ priceCny: 50, category: 'lipstick' }] });
    expect(quotes).toHaveLength(BUNDLED.cards.length);
    const firstUnavailable = quotes.findIndex((quote) => !quote.available);
    expect(quotes.slice(firstUnavailable).every((quote) => !quote.available)).toBe(true);
    const totals = quotes.flatMap((quote) => (quote.available ? [quote.totalCny] : []));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(lineQuote(quotes, 'taobao2sg-sg-sea')).toMatchObject({ unavailable: { reason: 'destination' } });
  });

  it('lists lines without a published price as unavailable (no-price)', () => {
    const quotes = quotesFor({ destination: 'SG', items: [{ priceCny: 50, weightKg: 1 }] });
    expect(lineQuote(quotes, 'taobao2sg-sg-sea')).toMatchObject({ available: false, unavailable: { reason: 'no-price' } });
    const au = quotesFor({ destination: 'AU', items: [{ priceCny: 50, weightKg: 1 }] });
    expect(lineQuote(au, 'cainiao-au-air')).toMatchObject({ available: false, unavailable: { reason: 'no-price' } });
  });
});

describe('currency and comparison', () => {
  it.each([
    // ¥136.04 × 0.149152 = 20.29 USD (ECB 2026-10-06).
    [13604, { amount: 75, currency: 'USD' }, { saving: 54.71, percent: 73, currency: 'USD', text: 'save 55 USD (73%)' }],
    [13604, { amount: 10, currency: 'USD' }, { saving: -10.29, percent: -103, currency: 'USD', text: 'costs 10 USD (103%) more' }],
    // ¥136.04 × 23.5792 = 3,207.71 JPY against 5,000 JPY.
    [13604, { amount: 5000, currency: 'JPY' }, { saving: 1792, percent: 36, currency: 'JPY', text: 'save 1792 JPY (36%)' }],
  ])('%s fen against %o', (totalFen, localPrice, expected) => {
    expect(compareWithLocalPrice(totalFen, localPrice, BUNDLED.fx)).toEqual(expected);
  });

  it('rounds yen totals to whole yen', () => {
    const quote = available(quotesFor({ destination: 'JP', currency: 'JPY', items: [{ priceCny: 68.29, weightKg: 1.105 }] }), 'buckydrop-jp-4px-air');
    // 68.29 + 58.40 = ¥126.69 × 23.5792 = 2,987.25 JPY.
    expect(quote.total).toBe(2987);
  });
});

describe('cards the user completes or writes', () => {
  const taobao2sg = BUNDLED.cards.find((card) => card.id === 'taobao2sg-sg-sea')!;
  const withPrice = { ...taobao2sg, pricing: { kind: 'per-volume' as const, perCubicMetreCny: 1000, minCubicMetres: 0.01 } };
  const quoteSg = (items: Parameters<typeof quotesFor>[0]['items']) =>
    quoteParcel({ destination: 'SG', currency: 'SGD', date: '2026-09-01', items }, { ...BUNDLED, cards: [withPrice] }).quotes[0]!;

  it.each([
    // 30×20×10 = 0.006 m³, raised to the 0.01 m³ minimum: ¥10; by sea GST 9% at import on goods + freight (IRAS).
    ['a small box pays the 0.01 m³ minimum', [{ priceCny: 100, weightKg: 1, dimsCm: [30, 20, 10] as const }], 10, 9.9],
    // 2 × 50×40×10 = 0.04 m³: ¥40; GST 9% of 200 + 40.
    ['two boxes add their volumes', [{ priceCny: 100, weightKg: 1, dimsCm: [50, 40, 10] as const, quantity: 2 }], 40, 21.6],
  ])('per-volume pricing: %s', (_label, items, freightCny, dutiesAndTaxesCny) => {
    const quote = quoteSg(items);
    expect(quote.available && [quote.freightCny, quote.dutiesAndTaxesCny]).toEqual([freightCny, dutiesAndTaxesCny]);
  });

  it('per-volume pricing needs every box size', () => {
    expect(quoteSg([{ priceCny: 100, weightKg: 1 }])).toMatchObject({ available: false, unavailable: { reason: 'needs-dimensions' } });
  });

  it.each([
    [true, 0, 'optional insurance (3% of value) not included'],
    [false, 6, undefined],
  ])('insurance (optional: %s) adds ¥%s on ¥200 of goods', (optional, insuranceCny, note) => {
    const sea = BUNDLED.cards.find((card) => card.id === SEA)!;
    const insured = { ...sea, surcharges: [{ kind: 'insurance' as const, percentOfValue: 3, optional }] };
    const quote = quoteParcel({ destination: 'US', currency: 'USD', date: BEFORE_FUEL, items: [{ priceCny: 200, weightKg: 0.9 }] }, { ...BUNDLED, cards: [insured] }).quotes[0]!;
    expect(quote.available && quote.surchargesCny).toBe(insuranceCny);
    if (note) expect(quote.assumptions).toContain(note);
  });
});
