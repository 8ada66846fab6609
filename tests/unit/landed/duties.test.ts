import { describe, expect, it } from 'vitest';
import { destinationDuties } from '../../../lib/landed/duties';
import { buildParcel, type ItemInput } from '../../../lib/landed/parcel';
import { BUNDLED } from './helpers';

/** Duties in CNY on ¥500 of goods (one hoodie line) with ¥100 of international freight and surcharges. */
function dutiesFor(destination: string, date: string, items: ItemInput[] = [{ priceCny: 500, category: 'hoodie' }]) {
  const rule = BUNDLED.taxRules.find((candidate) => candidate.destination === destination);
  if (!rule) throw new Error(`no rule for ${destination}`);
  const result = destinationDuties(rule, buildParcel(items), 10_000, date, BUNDLED.fx);
  return {
    charges: Object.fromEntries(result.charges.map((charge) => [charge.name, charge.amountFen / 100])),
    assumptions: result.assumptions,
  };
}

// Rates per CNY: EUR 0.1220, GBP 0.1053, CAD 0.1961, AUD 0.2174, JPY 21.4, SGD 0.1842, MYR 0.61.
describe('destination duty and tax on ¥500 of goods + ¥100 shipping', () => {
  it.each([
    ['US', '2026-03-01', { 'MFN duty': 60, 'Section 301 duty': 37.5, 'Section 122 surcharge': 50 }],
    ['US', '2026-09-01', { 'MFN duty': 60, 'Section 301 duty': 37.5 }],
    // €61 ≤ €150: VAT 19% on goods + shipping, no duty before 2026-07-01.
    ['DE', '2026-03-01', { VAT: 114 }],
    // From 2026-07-01: €3 per category = ¥24.59; VAT on 500 + 100 + 24.59.
    ['DE', '2026-09-01', { 'EU low-value customs duty': 24.59, VAT: 118.67 }],
    ['FR', '2026-09-01', { 'EU low-value customs duty': 24.59, VAT: 124.92, 'French handling fee': 16.39 }],
    ['FR', '2026-02-15', { VAT: 120 }],
    ['IT', '2026-09-01', { 'EU low-value customs duty': 24.59, VAT: 137.41, 'Italian handling fee': 16.39 }],
    ['ES', '2026-09-01', { 'EU low-value customs duty': 24.59, VAT: 131.16 }],
    ['NL', '2026-09-01', { 'EU low-value customs duty': 24.59, VAT: 131.16 }],
    ['IE', '2026-09-01', { 'EU low-value customs duty': 24.59, VAT: 143.66 }],
    // £52.65 ≤ £135: 20% VAT on the goods, collected at sale, no duty.
    ['GB', '2026-09-01', { VAT: 100 }],
    // C$98.05 > C$20: duty 18%, HST 13% on goods + duty, Canada Post C$9.95 = ¥50.74.
    ['CA', '2026-09-01', { 'Customs duty': 90, HST: 76.7, 'Canada Post handling fee': 50.74 }],
    // A$108.70 ≤ A$1,000: 10% GST on the goods.
    ['AU', '2026-09-01', { GST: 50 }],
    // 10,700 JPY > 10,000 JPY: duty 10%, consumption tax 10% on goods + duty.
    ['JP', '2026-09-01', { 'Customs duty': 50, 'Consumption tax': 55 }],
    ['SG', '2026-09-01', { GST: 45 }],
    ['MY', '2026-09-01', { 'Sales tax': 50 }],
  ])('%s on %s', (destination, date, expected) => {
    expect(dutiesFor(destination, date).charges).toEqual(expected);
  });

  it.each([
    // ¥100 = C$19.61 ≤ C$20: free.
    ['CA', [{ priceCny: 100 }], {}],
    // ¥400 = 8,560 JPY ≤ 10,000 JPY: free until 2028-04-01.
    ['JP', [{ priceCny: 400 }], {}],
    // ¥1,300 = £136.89 > £135: duty 12% and import VAT 20% on 1,300 + 100 + 156.
    ['GB', [{ priceCny: 1300 }], { 'Customs duty': 156, 'Import VAT': 311.2 }],
    // Two categories pay €3 twice in the EU.
    ['DE', [{ priceCny: 250, category: 'hoodie' }, { priceCny: 250, category: 'jeans' }], { 'EU low-value customs duty': 49.18, VAT: 123.34 }],
  ])('thresholds: %s with %o', (destination, items, expected) => {
    expect(dutiesFor(destination, '2026-09-01', items).charges).toEqual(expected);
  });

  it('names its assumptions and dates', () => {
    expect(dutiesFor('US', '2026-09-01').assumptions).toEqual(
      expect.arrayContaining([expect.stringContaining('MFN duty 12% assumed'), expect.stringContaining('Section 301 duty 7.5% assumed')]),
    );
    expect(dutiesFor('US', '2025-06-01').assumptions).toContain(
      'the US tax rule describes imports from 2026-02-24; earlier rules are not modelled',
    );
    expect(dutiesFor('CA', '2026-09-01', [{ priceCny: 100 }]).assumptions[0]).toMatch(/^no CA duty or tax at this value/);
  });
});
