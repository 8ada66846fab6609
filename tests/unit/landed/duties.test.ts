import { describe, expect, it } from 'vitest';
import { destinationDuties, type Shipment } from '../../../lib/landed/duties';
import { buildParcel, type ItemInput } from '../../../lib/landed/parcel';
import { BUNDLED } from './helpers';

/** Duties in CNY on ¥500 of goods (one hoodie line) with ¥100 of transport (freight, surcharges, fees). */
function dutiesFor(destination: string, date: string, items: ItemInput[] = [{ priceCny: 500, category: 'hoodie' }], mode: Shipment['mode'] = 'air') {
  const rule = BUNDLED.taxRules.find((candidate) => candidate.destination === destination);
  if (!rule) throw new Error(`no rule for ${destination}`);
  const result = destinationDuties(rule, { parcel: buildParcel(items), transportFen: 10_000, mode }, date, BUNDLED.fx);
  return {
    charges: Object.fromEntries(result.charges.map((charge) => [charge.name, charge.amountFen / 100])),
    rows: result.charges,
    assumptions: result.assumptions,
  };
}

// Hand-computed at the bundled ECB rates of 2026-10-06, per CNY: USD 0.149152, EUR 0.132356,
// GBP 0.112343, CAD 0.212537, AUD 0.213622, JPY 23.5792, SGD 0.190486, MYR 0.609286.
// Fixed amounts in fen: $2.69 = 1,804; €3 = 2,267; €2 = 1,511; C$9.95 = 4,682; $33.58 = 22,514.
describe('destination duty and tax on ¥500 of goods + ¥100 transport', () => {
  it.each([
    // CBP/USITC/USTR: hoodie MFN 16.5% (6110.20.20), 301 list 4A 7.5%, s.122 10% (to 2026-07-23), MPF $2.69.
    ['US', '2026-03-01', { 'MFN duty': 82.5, 'Section 301 duty': 37.5, 'Section 122 surcharge': 50, 'Merchandise processing fee': 18.04 }],
    ['US', '2026-07-23', { 'MFN duty': 82.5, 'Section 301 duty': 37.5, 'Section 122 surcharge': 50, 'Merchandise processing fee': 18.04 }],
    ['US', '2026-07-24', { 'MFN duty': 82.5, 'Section 301 duty': 37.5, 'Merchandise processing fee': 18.04 }],
    // €66.18 ≤ €150 before 2026-07-01: import VAT 19% on goods + transport, no duty.
    ['DE', '2026-03-01', { 'Import VAT': 114 }],
    // From 2026-07-01: €3 for the one item category; VAT on 500 + 100 + 22.67.
    ['DE', '2026-07-01', { 'EU low-value customs duty': 22.67, 'Import VAT': 118.31 }],
    ['DE', '2026-06-30', { 'Import VAT': 114 }],
    // France (loi de finances 2026): €2 per article under €150 from 2026-03-01.
    ['FR', '2026-09-01', { 'EU low-value customs duty': 22.67, 'Import VAT': 124.53, 'French small-parcel tax': 15.11 }],
    ['FR', '2026-03-01', { 'Import VAT': 120, 'French small-parcel tax': 15.11 }],
    ['FR', '2026-02-28', { 'Import VAT': 120 }],
    // Italy (Law 199/2025): €2 per consignment up to €150 from 2026-01-01.
    ['IT', '2026-09-01', { 'EU low-value customs duty': 22.67, 'Import VAT': 136.99, 'Italian customs contribution': 15.11 }],
    ['IT', '2026-01-01', { 'Import VAT': 132, 'Italian customs contribution': 15.11 }],
    ['IT', '2025-12-31', { 'Import VAT': 132 }],
    ['ES', '2026-09-01', { 'EU low-value customs duty': 22.67, 'Import VAT': 130.76 }],
    ['NL', '2026-09-01', { 'EU low-value customs duty': 22.67, 'Import VAT': 130.76 }],
    ['IE', '2026-09-01', { 'EU low-value customs duty': 22.67, 'Import VAT': 143.21 }],
    // £56.17 ≤ £135: 20% VAT on the goods, collected at sale, no duty.
    ['GB', '2026-09-01', { VAT: 100 }],
    // C$106.27 > C$20: duty 18%, HST 13% on goods + duty, Canada Post C$9.95.
    ['CA', '2026-09-01', { 'Customs duty': 90, HST: 76.7, 'Canada Post handling fee': 46.82 }],
    // A$106.81 ≤ A$1,000 (ATO, redeliverers): GST on the goods and on the forwarder's transport.
    ['AU', '2026-09-01', { 'GST on the goods': 50, 'GST on the transport': 10 }],
    // ¥500 = 11,789.6 JPY, valued at 60%: 7,073.76 ≤ 10,000: free until 2028-04-01.
    ['JP', '2026-09-01', {}],
    ['JP', '2028-04-01', { 'Consumption tax': 30 }],
    ['MY', '2026-09-01', { 'Sales tax': 50 }],
  ])('%s on %s', (destination, date, expected) => {
    expect(dutiesFor(destination, date).charges).toEqual(expected);
  });

  it.each([
    // Canada: C$20 (CBSA). ¥94 = C$19.98 free; ¥95 = C$20.19: 18% duty, HST 13% of 112.10, C$9.95.
    ['CA', [{ priceCny: 94 }], {}],
    ['CA', [{ priceCny: 95 }], { 'Customs duty': 17.1, HST: 14.57, 'Canada Post handling fee': 46.82 }],
    // Japan: the issue's ¥700 basket is 16,505.44 JPY, valued 9,903.26 ≤ 10,000: no tax.
    ['JP', [{ priceCny: 700 }], {}],
    ['JP', [{ priceCny: 706 }], {}],
    // ¥707 → valued 10,002.3 JPY > 10,000: duty 10% of 424.20 (60% of ¥707), tax 10% of 466.62.
    ['JP', [{ priceCny: 707 }], { 'Customs duty': 42.42, 'Consumption tax': 46.66 }],
    // UK: ¥1,300 = £146.05 > £135: duty 12% on CIF 1,400, import VAT 20% on 1,400 + 168.
    ['GB', [{ priceCny: 1200 }], { VAT: 240 }],
    ['GB', [{ priceCny: 1300 }], { 'Customs duty': 168, 'Import VAT': 313.6 }],
    // EU €150: ¥1,133 = €149.96 (France's €2 applies, under €150); ¥1,134 = €150.09 (duty 12% on CIF).
    ['FR', [{ priceCny: 1133 }], { 'EU low-value customs duty': 22.67, 'Import VAT': 251.13, 'French small-parcel tax': 15.11 }],
    ['FR', [{ priceCny: 1134 }], { 'Customs duty': 148.08, 'Import VAT': 276.42 }],
    ['IT', [{ priceCny: 1133 }], { 'EU low-value customs duty': 22.67, 'Import VAT': 276.25, 'Italian customs contribution': 15.11 }],
    ['IT', [{ priceCny: 1134 }], { 'Customs duty': 148.08, 'Import VAT': 304.06 }],
    // Two categories pay €3 twice; two articles pay France's €2 twice.
    ['DE', [{ priceCny: 250, category: 'hoodie' }, { priceCny: 250, category: 'jeans' }], { 'EU low-value customs duty': 45.34, 'Import VAT': 122.61 }],
    ['FR', [{ priceCny: 250, category: 'hoodie' }, { priceCny: 250, category: 'hoodie' }], { 'EU low-value customs duty': 22.67, 'Import VAT': 124.53, 'French small-parcel tax': 30.22 }],
    // Australia A$1,000 (customs value, transport excluded): ¥4,681 = A$999.96; ¥4,682 = A$1,000.18:
    // 0% duty under ChAFTA, import GST 10% of goods + transport.
    ['AU', [{ priceCny: 4681 }], { 'GST on the goods': 468.1, 'GST on the transport': 10 }],
    ['AU', [{ priceCny: 4682 }], { 'Customs duty (ChAFTA)': 0, 'Import GST': 478.2 }],
    // US informal entry up to $2,500 (¥16,761.44): MPF $2.69; above, 0.3464% with the $33.58 minimum.
    ['US', [{ priceCny: 16761 }], { 'MFN duty': 2011.32, 'Section 301 duty': 1257.08, 'Merchandise processing fee': 18.04 }],
    ['US', [{ priceCny: 16762 }], { 'MFN duty': 2011.44, 'Section 301 duty': 1257.15, 'Merchandise processing fee': 225.14 }],
    // Non-EV lithium batteries (power banks): Section 301 25% from 2026-01-01, MFN 3.4%.
    ['US', [{ priceCny: 200, category: 'power bank' }], { 'MFN duty': 6.8, 'Section 301 duty': 50, 'Merchandise processing fee': 18.04 }],
  ])('thresholds: %s with %o', (destination, items, expected) => {
    expect(dutiesFor(destination, '2026-09-01', items).charges).toEqual(expected);
  });

  it.each([
    // Exactly €150.00 (¥1,200 at 8 CNY per euro): France's €2 is for consignments under €150
    // (loi de finances 2026), Italy's €2 for consignments up to €150 (Law 199/2025); the EU €3 covers
    // goods worth €150 or less. €3 = ¥24, €2 = ¥16; VAT on 1,200 + 100 transport + 24 duty.
    ['FR', { 'EU low-value customs duty': 24, 'Import VAT': 264.8 }],
    ['IT', { 'EU low-value customs duty': 24, 'Import VAT': 291.28, 'Italian customs contribution': 16 }],
  ])('at exactly €150.00, %s', (destination, expected) => {
    const rule = BUNDLED.taxRules.find((candidate) => candidate.destination === destination)!;
    const fx = { ...BUNDLED.fx, rates: { ...BUNDLED.fx.rates, EUR: 0.125 } };
    const result = destinationDuties(rule, { parcel: buildParcel([{ priceCny: 1200, category: 'hoodie' }]), transportFen: 10_000, mode: 'air' }, '2026-09-01', fx);
    expect(Object.fromEntries(result.charges.map((charge) => [charge.name, charge.amountFen / 100]))).toEqual(expected);
  });

  it('taxes lithium batteries at 7.5% under Section 301 before 2026-01-01', () => {
    expect(dutiesFor('US', '2025-12-31', [{ priceCny: 200, category: 'power bank' }]).charges['Section 301 duty']).toBe(15);
  });

  it.each([
    // Singapore (IRAS): by sea GST 9% at import on goods + transport at any value.
    ['sea, ¥500', 'sea', [{ priceCny: 500 }], { 'Import GST (sea)': 54 }],
    // By air the S$400 test is per item: ¥2,099 = S$399.83 pays GST at sale; ¥2,100 = S$400.02 at import on its CIF.
    ['air, one ¥2,099 item', 'air', [{ priceCny: 2099 }], { 'GST on low-value goods': 188.91 }],
    ['air, one ¥2,100 item', 'air', [{ priceCny: 2100 }], { 'Import GST': 198 }],
    // ¥2,200 item over S$400 with its share of transport (2,200/2,700 of ¥100) + a ¥500 item at sale.
    ['air, ¥2,200 and ¥500 items', 'air', [{ priceCny: 2200 }, { priceCny: 500 }], { 'GST on low-value goods': 45, 'Import GST': 205.33 }],
  ] as const)('SG %s', (_label, mode, items, expected) => {
    expect(dutiesFor('SG', '2026-09-01', [...items], mode).charges).toEqual(expected);
  });

  it('gives every charge its rule, source page and date', () => {
    for (const destination of ['US', 'FR', 'IT', 'JP', 'AU', 'SG']) {
      for (const row of dutiesFor(destination, '2026-09-01', [{ priceCny: 5000, category: 'hoodie' }]).rows) {
        expect(row.rule.length).toBeGreaterThan(0);
        expect(row.source.url).toMatch(/^https?:\/\/[^/]+\/.+/);
        expect(row.source.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    const us = dutiesFor('US', '2026-03-01').rows;
    expect(us.find((row) => row.name === 'Section 122 surcharge')?.rule).toBe('10% of the goods (2026-02-24 to 2026-07-23)');
    expect(us.find((row) => row.name === 'MFN duty')?.rule).toBe('16.5% on hoodie of the goods');
  });

  it('names its assumptions and dates', () => {
    expect(dutiesFor('US', '2026-09-01').assumptions).toEqual(expect.arrayContaining([expect.stringContaining('MFN duty: 16.5% on hoodie of the goods assumed')]));
    expect(dutiesFor('US', '2025-06-01').assumptions).toContain('the US tax rule describes imports from 2026-02-24; earlier rules are not modelled');
    expect(dutiesFor('CA', '2026-09-01', [{ priceCny: 94 }]).assumptions[0]).toMatch(/^no CA duty or tax at this value/);
    expect(dutiesFor('JP', '2026-09-01', [{ priceCny: 700 }]).assumptions[0]).toContain('JP values the goods at 60% of their price: ¥9903.26');
  });
});
