import { describe, expect, it } from 'vitest';
import { quoteParcel } from '../../../lib/landed/quote';
import { RateCardSchema, type RateCard } from '../../../lib/landed/rate-card';
import { BUNDLED, available, lineQuote, quotesFor } from './helpers';

const TODAY = '2026-12-06';
const card = (id: string) => BUNDLED.cards.find((candidate) => candidate.id === id)!;
const reason = (quote: ReturnType<typeof lineQuote>) => (quote.available ? 'available' : quote.unavailable.reason);

describe('every card names the page its rate comes from', () => {
  it('gives every priced card a page (not a home page) and says what the price rests on', () => {
    for (const entry of BUNDLED.cards) {
      if (entry.pricing.kind === 'unpublished' || (entry.pricing.kind === 'per-volume' && entry.pricing.perCubicMetreCny === undefined)) continue;
      expect(entry.source.url, entry.id).toMatch(/^https?:\/\/[^/]+\/[^?#]*[^/?#]/);
      expect(entry.source.kind, entry.id).toBeDefined();
      expect(entry.source.kind, entry.id).not.toBe('home-page');
      // A price worked out from one estimate or one API quote is flagged as such.
      if (entry.source.kind === 'estimator-result' || entry.source.kind === 'api-quote') expect(entry.priceDerived, entry.id).toBe(true);
    }
  });

  it.each([
    // Sassy-closet research notes (2026-09-09/10) quoting JadeShip's estimator pages.
    ['superbuy-us-duty-prepaid-apparel', 'https://www.jadeship.com/shipping-calculator/new/United%20States/superbuy/0x-63e8de87', '¥492 total'],
    ['superbuy-us-ocean', 'https://www.jadeship.com/shipping-calculator/new/United%20States/superbuy/0x-6e4bf6da', '¥399.10 total'],
    ['sugargoo-us-sea-tax-free', 'https://www.jadeship.com/shipping-calculator/new/United%20States/sugargoo/0x-34c5b5e9', '¥341.85 total'],
    ['cssbuy-us-ems', 'https://www.jadeship.com/shipping-calculator/new/United%20States/cssbuy', '¥819'],
  ])('%s cites its estimator page, read 2026-09-10, and what it states', (id, url, states) => {
    expect(card(id).source).toMatchObject({ url, kind: 'estimator-result', seen: '2026-09-10', via: { url: expect.stringContaining('github.com/SkyLanter/Sassy-closet/blob/') } });
    expect(card(id).source.states).toContain(states);
  });

  it('cites Junfeng’s US page and XD Express’s Australia page as price tables', () => {
    expect(card('junfeng-us-sea-tax-included').source).toMatchObject({ url: 'https://www.junfengfast.com/china-to-usa-shipping.html', kind: 'price-table', seen: '2026-09-10' });
    expect(card('xd-au-general').source).toMatchObject({ url: 'http://gzxdexpress.com/eacp_view.php?id=33', kind: 'price-table' });
  });

  it('shows what the price rests on in the freight row of a quote', () => {
    const quote = available(quotesFor({ date: TODAY, items: [{ priceCny: 200, weightKg: 1, category: 'hoodie' }] }), 'superbuy-us-duty-prepaid-apparel');
    expect(quote.freight.source).toMatchObject({ kind: 'estimator-result', seen: '2026-09-10', asOf: '2026-08-18' });
    expect(quote.rankCaveats).toContain('its price is worked out from one published example, not a price table');
  });

  it('flags a line priced from an observed checkout, or cited by a home page, as cheapest only on assumptions', () => {
    const base = card('cainiao-us-sea-tax-included');
    const observed = RateCardSchema.parse({ ...base, id: 'observed', source: { name: 'app checkout of 2026-09-09', kind: 'observed-checkout' }, pricing: { kind: 'flat-per-step', stepKg: 0.5, perStepCny: 1 } }) as RateCard;
    const result = quoteParcel({ destination: 'US', currency: 'USD', date: TODAY, items: [{ priceCny: 68.29, weightKg: 0.9 }] }, { ...BUNDLED, cards: [base, observed] });
    expect(result.quotes[0]).toMatchObject({ lineId: 'observed', rankCaveats: ['its price is an observed checkout, not a published card'] });
    expect(result.cheapestCaveat).toContain('observed checkout, not a published card');
    const homePage = RateCardSchema.parse({ ...observed, id: 'home', source: { name: 'a forwarder', url: 'https://example.com/', kind: 'home-page' } }) as RateCard;
    const second = quoteParcel({ destination: 'US', currency: 'USD', date: TODAY, items: [{ priceCny: 68.29, weightKg: 0.9 }] }, { ...BUNDLED, cards: [base, homePage] });
    expect(second.cheapestCaveat).toContain("home page: the page stating the rate was not found");
  });
});

describe('XD Express Australia (gzxdexpress.com, China to Australia air express page)', () => {
  it.each([
    // 9.905 kg + 95 g packing = 10 kg: first 0.5 kg ¥85 + 19 × ¥22 = ¥503.
    ['xd-au-general', 9.905, 'general', 10, 503],
    // Sensitive: ¥106 + 19 × ¥28 = ¥638.
    ['xd-au-sensitive', 9.905, 'sensitive', 10, 638],
    // 10.405 kg + 95 g = 10.5 kg, the top of the under-11 kg band: ¥85 + 20 × ¥22 = ¥525.
    ['xd-au-general', 10.405, 'general', 10.5, 525],
  ] as const)('%s at %s kg of goods: %s kg chargeable, ¥%s', (id, weightKg, cargoClass, kg, freight) => {
    const quote = available(quotesFor({ destination: 'AU', currency: 'AUD', date: TODAY, items: [{ priceCny: 100, weightKg, cargoClass }] }), id);
    expect([quote.chargeableKg, quote.freightCny]).toEqual([kg, freight]);
  });

  it('bills volume at L×W×H/6000 and names the bulk bands it leaves out above 10.5 kg', () => {
    // 50×40×30 = 60,000 cm³ = 10 kg at ÷6000.
    expect(available(quotesFor({ destination: 'AU', currency: 'AUD', date: TODAY, items: [{ priceCny: 100, weightKg: 2, dimsCm: [50, 40, 30] }] }), 'xd-au-general').chargeableKg).toBe(10);
    const heavy = lineQuote(quotesFor({ destination: 'AU', currency: 'AUD', date: TODAY, items: [{ priceCny: 100, weightKg: 10.5 }] }), 'xd-au-general');
    expect(heavy).toMatchObject({ available: false, unavailable: { reason: 'weight' } });
    expect(!heavy.available && heavy.unavailable.message).toContain('¥42 per kg for 11–20 kg');
  });
});

describe('China Post EMS limits (China Post table by destination)', () => {
  it.each([
    // To the US: 31.5 kg, no side over 1.05 m, length plus girth up to 2 m.
    ['a 105 cm side', [105, 20, 10] as const, 'available'],
    ['a 106 cm side', [106, 20, 10] as const, 'size'],
    // 100 + 2 × (30 + 21) = 202 cm of length plus girth.
    ['length plus girth 202 cm', [100, 30, 21] as const, 'size'],
    ['length plus girth 200 cm', [100, 30, 20] as const, 'available'],
  ])('CSSBuy EMS to the US with %s: %s', (_label, dimsCm, expected) => {
    expect(reason(lineQuote(quotesFor({ date: TODAY, items: [{ priceCny: 50, weightKg: 2, dimsCm }] }), 'cssbuy-us-ems'))).toBe(expected);
  });

  it.each([
    [29.9, 'available'],
    [30, 'weight'],
  ])('EMS to Japan takes 30 kg: %s kg of goods (+95 g packing) is %s', (weightKg, expected) => {
    expect(reason(lineQuote(quotesFor({ destination: 'JP', currency: 'JPY', date: TODAY, items: [{ priceCny: 50, weightKg }] }), 'buckydrop-jp-ems'))).toBe(expected);
  });
});

describe('Malaysia names the pages of its rule', () => {
  it('cites the customs FAQ on low value goods and the De Minimis rule', () => {
    const rule = BUNDLED.taxRules.find((candidate) => candidate.destination === 'MY')!;
    expect(rule.source.url).toBe('https://www.jsc-corp.com/latestnews/nid/131034/');
    expect(rule.components.map((component) => component.source?.url)).toEqual(['https://www.jsc-corp.com/latestnews/nid/131034/', 'https://www.jsc-corp.com/latestnews/nid/130564/']);
  });
});
