import type { ItemInput } from './parcel';
import { quoteParcel, type AvailableQuote, type QuoteContext, type QuoteRequest, type QuoteResult } from './quote';

/**
 * A basket quoted two ways: as one consolidated parcel, and item by item (each on its own cheapest
 * line), so the view can show what shipping together saves. Plain data, no Sets or Maps: it travels
 * from the background to the popup as a message answer.
 */
export interface BasketComparison {
  consolidated: QuoteResult;
  /** The cheapest line for each item shipped on its own, in the basket's order (null: no line takes it). */
  separate: Array<AvailableQuote | null>;
  /** Sum of the separate parcels, in CNY and the user's currency; absent when an item has no line. */
  separateTotalCny?: number;
  separateTotal?: number;
  /** Separate minus consolidated (positive: consolidating saves), in CNY and the user's currency. */
  savingCny?: number;
  saving?: number;
}

/** Quotes come cheapest first, unavailable lines last: the first available one is the cheapest. */
function cheapestOf(result: QuoteResult): AvailableQuote | undefined {
  return result.quotes.find((quote): quote is AvailableQuote => quote.available);
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

export function compareBasket(items: readonly ItemInput[], request: Omit<QuoteRequest, 'items'>, context: QuoteContext): BasketComparison {
  const consolidated = quoteParcel({ ...request, items }, context);
  const separate = items.map((item) => cheapestOf(quoteParcel({ ...request, items: [item] }, context)) ?? null);
  const comparison: BasketComparison = { consolidated, separate };
  if (separate.length > 0 && separate.every((quote) => quote !== null)) {
    const quotes = separate as AvailableQuote[];
    comparison.separateTotalCny = cents(quotes.reduce((sum, quote) => sum + quote.totalCny, 0));
    comparison.separateTotal = cents(quotes.reduce((sum, quote) => sum + quote.total, 0));
    const together = cheapestOf(consolidated);
    if (together) {
      comparison.savingCny = cents(comparison.separateTotalCny - together.totalCny);
      comparison.saving = cents(comparison.separateTotal - together.total);
    }
  }
  return comparison;
}
