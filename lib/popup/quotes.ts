import type { ItemInput } from '../landed/parcel';
import { quoteParcel, type AvailableQuote, type QuoteContext, type QuoteRequest, type QuoteResult } from '../landed/quote';

/**
 * What the popup says about a set of quotes: which line is cheapest and which is fastest, which
 * cards are too old to trust, and whether one consolidated parcel beats one parcel per item.
 */

/** A rate card older than this is shown with a warning and its date. */
export const STALE_AFTER_DAYS = 90;

const DAY_MS = 86_400_000;

/**
 * True when `asOf` (`YYYY-MM-DD`, or `YYYY-MM` for a card dated by month) is more than `days` days
 * before `today` (`YYYY-MM-DD`). A card without a readable date is not called stale: it says "undated".
 */
export function isStale(asOf: string, today: string, days = STALE_AFTER_DAYS): boolean {
  const day = /^\d{4}-\d{2}$/.test(asOf) ? `${asOf}-01` : asOf;
  const age = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / DAY_MS;
  return Number.isFinite(age) && age > days;
}

export interface QuoteSummary {
  result: QuoteResult;
  available: AvailableQuote[];
  cheapest?: AvailableQuote;
  /** The line with the shortest upper transit estimate (cheaper on a tie). */
  fastest?: AvailableQuote;
  /** Lines whose card is older than STALE_AFTER_DAYS. */
  staleLines: Set<string>;
  /** The cheapest line's card date, when that card is stale: the figure the user reads first. */
  staleAsOf?: string;
}

export function summariseQuotes(result: QuoteResult, today: string): QuoteSummary {
  const available = result.quotes.filter((quote): quote is AvailableQuote => quote.available);
  const cheapest = available[0];
  let fastest: AvailableQuote | undefined;
  for (const quote of available) {
    if (!quote.transitDays) continue;
    if (!fastest?.transitDays || quote.transitDays.max < fastest.transitDays.max) fastest = quote;
  }
  const staleLines = new Set(result.quotes.filter((quote) => isStale(quote.asOf, today)).map((quote) => quote.lineId));
  const summary: QuoteSummary = { result, available, staleLines };
  if (cheapest) summary.cheapest = cheapest;
  if (fastest) summary.fastest = fastest;
  if (cheapest && staleLines.has(cheapest.lineId)) summary.staleAsOf = cheapest.asOf;
  return summary;
}

export interface BasketComparison {
  consolidated: QuoteSummary;
  /** The cheapest line for each item shipped on its own, in the basket's order (undefined: no line takes it). */
  separate: Array<AvailableQuote | undefined>;
  /** Sum of the separate parcels, in CNY and the user's currency; undefined when an item has no line. */
  separateTotalCny?: number;
  separateTotal?: number;
  /** Separate minus consolidated (positive: consolidating saves), in CNY and the user's currency. */
  savingCny?: number;
  saving?: number;
}

/**
 * Quotes the basket as one parcel and each item as its own parcel (each on its cheapest line), so
 * the popup can show what consolidation saves.
 */
export function compareBasket(
  items: readonly ItemInput[],
  request: Omit<QuoteRequest, 'items'>,
  context: QuoteContext,
  today: string,
): BasketComparison {
  const consolidated = summariseQuotes(quoteParcel({ ...request, items }, context), today);
  const separate = items.map((item) => summariseQuotes(quoteParcel({ ...request, items: [item] }, context), today).cheapest);
  const comparison: BasketComparison = { consolidated, separate };
  if (separate.every((quote) => quote !== undefined) && separate.length > 0) {
    const quotes = separate as AvailableQuote[];
    comparison.separateTotalCny = Math.round(quotes.reduce((sum, quote) => sum + quote.totalCny, 0) * 100) / 100;
    comparison.separateTotal = Math.round(quotes.reduce((sum, quote) => sum + quote.total, 0) * 100) / 100;
    if (consolidated.cheapest) {
      comparison.savingCny = Math.round((comparison.separateTotalCny - consolidated.cheapest.totalCny) * 100) / 100;
      comparison.saving = Math.round((comparison.separateTotal - consolidated.cheapest.total) * 100) / 100;
    }
  }
  return comparison;
}

/**
 * A local price as typed: `75`, `75 USD`, `USD 75`, `$75`, `75.5 eur`. Without a currency it is in
 * the user's currency. Undefined for anything else, or zero.
 */
export function parseLocalPrice(text: string, defaultCurrency: string): { amount: number; currency: string } | undefined {
  const match = /^\s*(?:([a-z]{3})\s*)?[$€£¥]?\s*(\d+(?:[.,]\d{1,2})?)\s*([a-z]{3})?\s*$/i.exec(text);
  if (!match) return undefined;
  const amount = Number((match[2] ?? '').replace(',', '.'));
  if (!(amount > 0)) return undefined;
  const currency = (match[1] ?? match[3] ?? defaultCurrency).toUpperCase();
  return { amount, currency };
}

