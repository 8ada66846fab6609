import { bundledFxRates, bundledRateCards, bundledTaxRules } from '../../../lib/landed/bundled';
import { quoteParcel, type AvailableQuote, type LineQuote, type QuoteRequest } from '../../../lib/landed/quote';

export const BUNDLED = { cards: bundledRateCards(), taxRules: bundledTaxRules(), fx: bundledFxRates() };

/** Before and after Cainiao's fuel surcharge of 2026-04-01 (and inside the US Section 122 window). */
export const BEFORE_FUEL = '2026-03-01';
export const AFTER_FUEL = '2026-05-01';

export function quotesFor(request: Partial<QuoteRequest> & Pick<QuoteRequest, 'items'>): LineQuote[] {
  return quoteParcel({ destination: 'US', currency: 'USD', date: BEFORE_FUEL, ...request }, BUNDLED).quotes;
}

export function lineQuote(quotes: LineQuote[], lineId: string): LineQuote {
  const quote = quotes.find((candidate) => candidate.lineId === lineId);
  if (!quote) throw new Error(`no quote for ${lineId}`);
  return quote;
}

export function available(quotes: LineQuote[], lineId: string): AvailableQuote {
  const quote = lineQuote(quotes, lineId);
  if (!quote.available) throw new Error(`${lineId} unavailable: ${quote.unavailable.message}`);
  return quote;
}
