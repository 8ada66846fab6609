import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledFxRates, bundledRateCards, bundledTaxRules } from '../../../lib/landed/bundled';
import { DESTINATIONS } from '../../../lib/settings/schema';
import { renderRateCardSchema, SCHEMA_PATH } from '../../../scripts/export-rate-card-schema';

describe('bundled landed-cost data', () => {
  const cards = bundledRateCards();

  it('has unique line ids, and every card a source and an asOf', () => {
    expect(new Set(cards.map((card) => card.id)).size).toBe(cards.length);
    for (const card of cards) {
      expect(card.source.name.length).toBeGreaterThan(0);
      expect(card.asOf).toMatch(/^(\d{4}-\d{2}(-\d{2})?|undated)$/);
    }
  });

  it('ships every line in the reference', () => {
    expect(cards.map((card) => card.id).sort()).toMatchInlineSnapshot(`
      [
        "buckydrop-au-yunexpress-clothing",
        "buckydrop-ca-4px-clothing",
        "buckydrop-ca-ocean",
        "buckydrop-eu-dhl-duty-free",
        "buckydrop-eu-yunexpress-general",
        "buckydrop-gb-4px-clothing-air-mail",
        "buckydrop-gb-duty-free-air",
        "buckydrop-jp-4px-air",
        "buckydrop-jp-ems",
        "buckydrop-my-yunexpress",
        "cainiao-au-air",
        "cainiao-au-economy-sea",
        "cainiao-gb-air",
        "cainiao-us-air-economy-duty-precollected",
        "cainiao-us-air-standard-duty-precollected",
        "cainiao-us-air-tax-included-economy",
        "cainiao-us-air-tax-included-fast",
        "cainiao-us-air-tax-included-sensitive-economy",
        "cainiao-us-air-tax-included-sensitive-fast",
        "cainiao-us-sea-duty-precollected",
        "cainiao-us-sea-tax-included",
        "cssbuy-us-ems",
        "ebaoguo-sg-sea",
        "junfeng-us-sea-tax-included",
        "sugargoo-us-sea-tax-free",
        "superbuy-us-duty-prepaid-apparel",
        "superbuy-us-ocean",
        "taobao2sg-sg-sea",
        "xd-au-general",
        "xd-au-sensitive",
      ]
    `);
  });

  it('gives every priced line a weight limit, and every tax rule and component a dated source page', () => {
    for (const card of cards) {
      if (card.pricing.kind !== 'unpublished' && card.pricing.kind !== 'per-volume') expect(card.limits.maxWeightKg ?? card.limits.maxChargeableKg, card.id).toBeGreaterThan(0);
    }
    for (const rule of bundledTaxRules()) {
      expect(rule.source.url, rule.destination).toMatch(/^https?:\/\/[^/]+\//);
      expect(rule.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const component of rule.components) {
        if (component.source) expect(component.source.url, `${rule.destination} ${component.name}`).toMatch(/^https?:\/\/[^/]+\/.+/);
      }
    }
  });

  it('carries the volume rules and limits the forwarders publish', () => {
    const card = (id: string) => cards.find((candidate) => candidate.id === id)!;
    expect(card('junfeng-us-sea-tax-included')).toMatchObject({ volumetric: { divisor: 6000, assumed: false }, limits: { maxWeightKg: 22, maxChargeableKg: 22 }, minChargeableKg: 1 });
    expect(card('sugargoo-us-sea-tax-free')).toMatchObject({ volumetric: { divisor: 6000, assumed: false }, limits: { longestSideBelowCm: 119 } });
    expect(card('cssbuy-us-ems')).toMatchObject({ volumetric: { divisor: 6000, onlyWhenAnySideAtLeastCm: 40 }, limits: { maxWeightKg: 31.5 }, taxIncluded: false });
    expect(card('superbuy-us-duty-prepaid-apparel')).toMatchObject({ limits: { maxDeclaredValue: { amount: 150, currency: 'USD', strict: false } }, acceptsOnly: { label: 'clothing' } });
    expect(card('superbuy-us-ocean')).toMatchObject({ asOf: '2025-05-22', minChargeableKg: 12, limits: { maxDeclaredValue: { amount: 800, currency: 'USD', strict: true } } });
    expect(card('cainiao-us-sea-tax-included').transitDays).toEqual({ min: 32, max: 43, unit: 'working' });
    expect(card('cainiao-us-air-economy-duty-precollected').pricing).toMatchObject({ firstKg: 1, firstCny: 71 });
    expect(card('cainiao-us-air-standard-duty-precollected').pricing).toMatchObject({ firstKg: 1, firstCny: 86 });
  });

  it('carries the Cainiao fuel surcharges from 2026-04-01', () => {
    const fuel = (id: string) => cards.find((card) => card.id === id)?.surcharges.find((surcharge) => surcharge.kind === 'fuel');
    expect(fuel('cainiao-us-air-tax-included-economy')).toMatchObject({ basis: 'per-step', amountCny: 5, stepKg: 0.5, from: '2026-04-01' });
    expect(fuel('cainiao-us-sea-tax-included')).toMatchObject({ basis: 'per-kg', amountCny: 2, from: '2026-04-01' });
    expect(fuel('cainiao-au-air')).toMatchObject({ basis: 'per-step', amountCny: 6, stepKg: 0.5 });
    expect(fuel('cainiao-au-economy-sea')).toMatchObject({ basis: 'per-kg', amountCny: 5 });
    expect(fuel('cainiao-gb-air')).toMatchObject({ basis: 'per-step', amountCny: 6, stepKg: 0.5 });
  });

  it('has a dated tax rule for every destination, and a rate for every currency it uses', () => {
    const rules = bundledTaxRules();
    const fx = bundledFxRates();
    expect(rules.map((rule) => rule.destination).sort()).toEqual([...DESTINATIONS].sort());
    for (const rule of rules) {
      expect(rule.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(fx.rates[rule.currency]).toBeGreaterThan(0);
    }
    expect(Object.keys(fx.rates).sort()).toEqual(['AUD', 'CAD', 'CNY', 'EUR', 'GBP', 'JPY', 'MYR', 'SGD', 'USD']);
  });

  it('has its JSON Schema exported and committed (run `npx tsx scripts/export-rate-card-schema.ts`)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(renderRateCardSchema());
  });
});
