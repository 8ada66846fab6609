/**
 * Landed-cost speed: quoting every bundled line for one parcel must stay under 1 ms (median), so
 * the popup can requote on every keystroke. Also a 10-item basket, the size of a real haul.
 */
import { bundledFxRates, bundledRateCards, bundledTaxRules } from '../lib/landed/bundled';
import { quoteParcel, type QuoteRequest } from '../lib/landed/quote';
// Node reads the lexicon from its JSON files.
import '../lib/mentions/lexicon-bundled';

const CONTEXT = { cards: bundledRateCards(), taxRules: bundledTaxRules(), fx: bundledFxRates() };

const ONE_PARCEL: QuoteRequest = {
  destination: 'US',
  currency: 'USD',
  date: '2026-09-01',
  items: [{ priceCny: 68.29, weightKg: 0.9, dimsCm: [35, 28, 6] }],
  localPrice: { amount: 75, currency: 'USD' },
};

const CATEGORIES = ['hoodie', 't-shirt', 'jeans', 'sweater', 'down-jacket', 'backpack', 'sneakers', 'sticky-notes', 'phone-case', 'pot'];
const BASKET: QuoteRequest = {
  destination: 'US',
  currency: 'USD',
  date: '2026-09-01',
  items: CATEGORIES.map((category, index) => ({ priceCny: 30 + index * 17.5, category, dimsCm: [30, 20, 5 + index] as const })),
};

function medianMs(run: () => void, iterations: number): number {
  for (let i = 0; i < 50; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

export async function run(): Promise<
  Array<{ group: string; name: string; value: number; unit: string; budget?: number; lowerIsBetter?: boolean }>
> {
  const lines = CONTEXT.cards.length;
  return [
    {
      group: 'landed',
      name: `quote one parcel on all ${lines} lines (median)`,
      value: medianMs(() => quoteParcel(ONE_PARCEL, CONTEXT), 2000),
      unit: 'ms',
      budget: 1,
      lowerIsBetter: true,
    },
    {
      group: 'landed',
      name: `quote a 10-item basket on all ${lines} lines (median)`,
      value: medianMs(() => quoteParcel(BASKET, CONTEXT), 1000),
      unit: 'ms',
      budget: 1,
      lowerIsBetter: true,
    },
  ];
}
