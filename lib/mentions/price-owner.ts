import type { Mention } from '../messaging/schemas';

/**
 * Which product a price in a note belongs to: the product or brand written with it, in the same
 * clause, nearest to it ("卫衣¥68.29，帽子是优衣库的": the hoodie's price, not Uniqlo's). A
 * product with no price of its own gets none. The price is written on the product's mention as
 * `priceCny`; price mentions keep theirs.
 */

/** What ends a clause: a full stop, a comma, a semicolon, a question or exclamation mark, a line break. */
const CLAUSE_END = /[。！？!?；;，,\n]/;

/** How far (in characters) a price still speaks for a product in its clause. */
const MAX_GAP = 100;
/** Owners looked at on each side of a price: the nearest one before and after it are among them. */
const NEIGHBOURS = 4;

/**
 * The product and brand mentions of one field get the CNY prices written with them; `mentions`
 * are in order of position, `text` is the field's text. Each price looks at the few owners around
 * it only, so the whole stays linear in the field (a flood of prices and products included).
 */
export function attributePrices(mentions: Mention[], text: string): void {
  const prices = mentions.filter((mention) => mention.kind === 'price' && mention.priceCny !== undefined);
  if (prices.length === 0) return;
  const owners = mentions.filter((mention) => mention.kind === 'product' || mention.kind === 'brand');
  // Per owner, the distance to the price it holds: a nearer price replaces a farther one.
  const held = new Map<Mention, number>();
  // The first owner that starts at or after the price being placed (prices come in order).
  let cursor = 0;
  for (const price of prices) {
    while (cursor < owners.length && owners[cursor]!.start < price.start) cursor++;
    let best: { owner: Mention; distance: number } | undefined;
    for (let k = Math.max(0, cursor - NEIGHBOURS); k < Math.min(owners.length, cursor + NEIGHBOURS); k++) {
      const owner = owners[k]!;
      const distance = gapBetween(owner, price);
      if (distance > MAX_GAP || !sameClause(text, owner, price)) continue;
      // On a tie the product before the price (卫衣99元) and a product over a brand.
      if (!best || distance < best.distance || (distance === best.distance && prefer(owner, best.owner, price))) best = { owner, distance };
    }
    if (!best) continue;
    const before = held.get(best.owner);
    if (before !== undefined && before <= best.distance) continue;
    held.set(best.owner, best.distance);
    best.owner.priceCny = price.priceCny;
  }
}

function gapBetween(a: { start: number; end: number }, b: { start: number; end: number }): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

function sameClause(text: string, a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const from = Math.min(a.end, b.end);
  const to = Math.max(a.start, b.start);
  return from >= to || !CLAUSE_END.test(text.slice(from, to));
}

/** Whether `owner` should hold the price rather than `other`, at the same distance from it. */
function prefer(owner: Mention, other: Mention, price: Mention): boolean {
  if (owner.kind !== other.kind) return owner.kind === 'product';
  return owner.end <= price.start && other.end > price.start;
}
