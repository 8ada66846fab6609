import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteParcel, type LineQuote } from '../../../lib/landed/quote';
import { DESTINATIONS } from '../../../lib/settings/schema';
import { BUNDLED } from './helpers';

/** Quotes of one item by line id, available ones only. */
function totals(destination: string, date: string, item: { priceCny: number; weightKg: number; category?: string }): Map<string, number> {
  const quotes: LineQuote[] = quoteParcel({ destination, currency: 'CNY', date, items: [item] }, BUNDLED).quotes;
  return new Map(quotes.flatMap((quote) => (quote.available ? [[quote.lineId, quote.totalCny] as const] : [])));
}

const destination = fc.constantFrom(...DESTINATIONS);
const date = fc.constantFrom('2026-03-01', '2026-07-23', '2026-07-24', '2026-12-06', '2028-04-01');
const category = fc.constantFrom(undefined, 'hoodie', 'sneakers', 'jeans', 'power bank', 'handbag');
const cents = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((fen) => fen / 100);
const grams = fc.integer({ min: 10, max: 60_000 }).map((g) => g / 1000);

describe('one line never gets cheaper', () => {
  it('as the weight grows (same goods, same date)', () => {
    fc.assert(
      fc.property(destination, date, category, cents(5000), grams, grams, (dest, day, kind, priceCny, a, b) => {
        const [light, heavy] = a <= b ? [a, b] : [b, a];
        const before = totals(dest, day, { priceCny, weightKg: light, ...(kind ? { category: kind } : {}) });
        const after = totals(dest, day, { priceCny, weightKg: heavy, ...(kind ? { category: kind } : {}) });
        for (const [line, total] of after) {
          const earlier = before.get(line);
          if (earlier !== undefined) expect(total, `${line} to ${dest} on ${day}: ${light} kg → ${heavy} kg`).toBeGreaterThanOrEqual(earlier);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('as the goods value grows (same weight, same date), across every threshold', () => {
    fc.assert(
      fc.property(destination, date, category, cents(30_000), cents(30_000), grams, (dest, day, kind, a, b, weightKg) => {
        const [cheap, dear] = a <= b ? [a, b] : [b, a];
        const before = totals(dest, day, { priceCny: cheap, weightKg, ...(kind ? { category: kind } : {}) });
        const after = totals(dest, day, { priceCny: dear, weightKg, ...(kind ? { category: kind } : {}) });
        for (const [line, total] of after) {
          const earlier = before.get(line);
          if (earlier !== undefined) expect(total, `${line} to ${dest} on ${day}: ¥${cheap} → ¥${dear}`).toBeGreaterThanOrEqual(earlier);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never yields an available line whose total is not a finite number', () => {
    fc.assert(
      fc.property(destination, date, cents(1_000_000), fc.integer({ min: 1, max: 1_000_000 }).map((g) => g / 1000), (dest, day, priceCny, weightKg) => {
        for (const quote of quoteParcel({ destination: dest, currency: 'USD', date: day, items: [{ priceCny, weightKg }] }, BUNDLED).quotes) {
          if (quote.available) {
            expect(Number.isFinite(quote.total) && Number.isFinite(quote.totalCny)).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
