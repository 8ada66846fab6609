import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

function runQuote(input: string) {
  const result = spawnSync(TSX, ['scripts/quote.ts'], { cwd: ROOT, input, encoding: 'utf8', timeout: 55_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each case starts a Node process (about 2 s, more on a busy machine): the limit is the spawn's, not a speed goal.
describe('npm run -s quote', { timeout: 60_000 }, () => {
  it('prints quotes sorted by total with the fx used', () => {
    const { status, stdout } = runQuote(
      JSON.stringify({
        destination: 'US',
        currency: 'USD',
        date: '2026-04-01',
        items: [{ priceCny: 68.29, weightKg: 0.9, category: 'hoodie', domesticShippingCny: 0, quantity: 1 }],
        localPrice: { amount: 75, currency: 'USD' },
      }),
    );
    expect(status).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.fx).toMatchObject({ currency: 'USD', perCny: 0.149152, asOf: '2026-10-06' });
    const [first] = output.quotes;
    expect(first).toMatchObject({
      forwarder: 'Cainiao',
      lineId: 'cainiao-us-sea-tax-included',
      taxIncluded: true,
      cargoClass: 'general',
      chargeableKg: 1,
      freightCny: 67.75,
      surchargesCny: 2,
      feesCny: 0,
      dutiesAndTaxesCny: 0,
      totalCny: 138.04,
      total: 20.59,
      currency: 'USD',
      asOf: '2025-07-23',
      comparison: { text: 'save 54 USD (73%)' },
      fx: { perCny: 0.149152, asOf: '2026-10-06' },
    });
    expect(first.source.name).toContain('cainiao.us');
    const unavailable = output.quotes.filter((quote: { available: boolean }) => !quote.available);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.every((quote: { unavailable?: { reason: string } }) => quote.unavailable?.reason)).toBe(true);
  });

  it.each([
    ['an unknown destination', { destination: 'XX', currency: 'USD', items: [{ priceCny: 1 }] }, 'destination'],
    ['a price that is not a number', { destination: 'US', currency: 'USD', items: [{ priceCny: 'ten' }] }, 'items.0.priceCny'],
    ['a bad date', { destination: 'US', currency: 'USD', date: '2026-13-01', items: [{ priceCny: 1 }] }, 'date'],
    ['a day that does not exist', { destination: 'US', currency: 'USD', date: '2026-02-30', items: [{ priceCny: 1 }] }, 'date'],
    ['a price over ¥1,000,000', { destination: 'US', currency: 'USD', items: [{ priceCny: 1_000_000.01 }] }, 'items.0.priceCny'],
    ['a price of 1e308', { destination: 'US', currency: 'USD', items: [{ priceCny: 1e308 }] }, 'items.0.priceCny'],
    ['a 10 M-character category', { destination: 'US', currency: 'USD', items: [{ priceCny: 1, category: 'x'.repeat(10_000_000) }] }, 'items.0.category'],
  ])('exits non-zero on %s, naming the field', (_label, request, field) => {
    const { status, stderr } = runQuote(JSON.stringify(request));
    expect(status).toBe(1);
    expect(stderr).toContain(`${field}:`);
  });
});

describe('npm run -s quote on a parcel no line takes', { timeout: 60_000 }, () => {
  it('lists every line unavailable with its reason, never a total', () => {
    const { status, stdout } = runQuote(JSON.stringify({ destination: 'US', currency: 'USD', date: '2026-09-01', items: [{ priceCny: 100, weightKg: 900 }] }));
    expect(status).toBe(0);
    const output = JSON.parse(stdout) as { quotes: Array<{ available: boolean; unavailable?: { reason: string }; total?: unknown }> };
    expect(output.quotes.length).toBeGreaterThan(0);
    for (const quote of output.quotes) {
      expect(quote.available).toBe(false);
      expect(quote.unavailable?.reason).toMatch(/^(weight|no-price|goods|declared-value|destination)$/);
      expect(quote.total).toBeUndefined();
    }
  });
});
