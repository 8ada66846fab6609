import type { Listing } from '../messaging/schemas';

/**
 * Before the user picks a listing, the quote uses the note's own price for the product, and the
 * popup suggests the listing to pick: among the top matches (within `nearTop` of the best match's
 * score), the one priced closest to the note's price. A listing that ranks first but costs far more
 * than the note says (a ¥89 one when the note quotes ¥68 and ¥68–69 ones match) is not the one
 * the note means. A listing whose page last said it is sold out or taken down is never suggested:
 * it cannot be bought.
 */

export interface Suggestion<L> {
  listing: L;
  /** How far its price is from the note's, in CNY. */
  differenceCny: number;
}

export function suggestListing<L extends Pick<Listing, 'priceCny' | 'availability'>>(
  ranked: ReadonlyArray<{ listing: L; score: number }>,
  notePriceCny: number | undefined,
  { nearTop = 0.75, pool = 5 }: { nearTop?: number; pool?: number } = {},
): Suggestion<L> | undefined {
  if (notePriceCny === undefined || ranked.length === 0) return undefined;
  const best = Math.max(...ranked.map((entry) => entry.score));
  let chosen: Suggestion<L> | undefined;
  for (const entry of ranked.slice(0, pool)) {
    const price = entry.listing.priceCny;
    if (price === undefined || entry.score < best * nearTop) continue;
    if (entry.listing.availability === 'sold-out' || entry.listing.availability === 'delisted') continue;
    const differenceCny = Math.abs(price - notePriceCny);
    if (!chosen || differenceCny < chosen.differenceCny) chosen = { listing: entry.listing, differenceCny };
  }
  return chosen;
}
