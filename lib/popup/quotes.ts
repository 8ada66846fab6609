import type { AvailableQuote, QuoteResult } from '../landed/quote';
import { readAmount } from './amount';

/**
 * What the popup says about a set of quotes: which line is cheapest and which is fastest, and which
 * cards are too old to trust. The quotes themselves come from the background (`popup:quote`,
 * `basket:quote`): this file imports types only, so the landed-cost engine stays out of the popup.
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

/**
 * A local price as typed (lib/popup/amount.ts): `75`, `£60`, `US$75`, `75 dollars`, `1,299.00`,
 * `75,50`. Without a currency it is in the user's currency; a currency it names is kept (the quote
 * converts the landed total into it). Undefined for anything else, or zero.
 */
export function parseLocalPrice(text: string, defaultCurrency: string, locale = 'en'): { amount: number; currency: string } | undefined {
  const reading = readAmount(text, defaultCurrency, locale);
  return reading.ok ? reading.value : undefined;
}
