import type { Mention } from '../messaging/schemas';

/**
 * Which product a price in a note belongs to: the product or brand written with it, in the same
 * clause, nearest to it ("卫衣¥68.29，帽子是优衣库的": the hoodie's price, not Uniqlo's). A price
 * alone in its clause speaks for the nearest product of its sentence ("这支口红显白不拔干，某宝129元":
 * the lipstick's). A product with no price of its own gets none. The price is written on the product's mention as
 * `priceCny`; price mentions keep theirs.
 */

/** What ends a clause: a full stop, a comma, a semicolon, a question or exclamation mark, a line break. */
const CLAUSE_END = /[。！？!?；;，,\n]/;
/** What ends a sentence. */
const SENTENCE_END = /[。！？!?\n]/;

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
    const nearest = (boundary: RegExp) => {
      let best: { owner: Mention; distance: number } | undefined;
      for (let k = Math.max(0, cursor - NEIGHBOURS); k < Math.min(owners.length, cursor + NEIGHBOURS); k++) {
        const owner = owners[k]!;
        const distance = gapBetween(owner, price);
        if (distance > MAX_GAP || !together(text, owner, price, boundary)) continue;
        // On a tie the product before the price (卫衣99元) and a product over a brand.
        if (!best || distance < best.distance || (distance === best.distance && prefer(owner, best.owner, price))) best = { owner, distance };
      }
      return best;
    };
    const best = nearest(CLAUSE_END) ?? (clauseHasOwner(owners, cursor, price, text) ? undefined : nearest(SENTENCE_END));
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

/** Whether no `boundary` stands between the two spans. */
function together(text: string, a: { start: number; end: number }, b: { start: number; end: number }, boundary: RegExp): boolean {
  const from = Math.min(a.end, b.end);
  const to = Math.max(a.start, b.start);
  return from >= to || !boundary.test(text.slice(from, to));
}

/** Whether any owner shares the price's clause, however far: then the price is not alone in it. */
function clauseHasOwner(owners: Mention[], cursor: number, price: Mention, text: string): boolean {
  for (let k = Math.max(0, cursor - NEIGHBOURS); k < Math.min(owners.length, cursor + NEIGHBOURS); k++) {
    if (together(text, owners[k]!, price, CLAUSE_END)) return true;
  }
  return false;
}

/** Whether `owner` should hold the price rather than `other`, at the same distance from it. */
function prefer(owner: Mention, other: Mention, price: Mention): boolean {
  if (owner.kind !== other.kind) return owner.kind === 'product';
  return owner.end <= price.start && other.end > price.start;
}
