import type { Mention } from '../messaging/schemas';

/**
 * The products of a note, as the popup lists them. Detection reports every place a product or a
 * brand is named (title, caption, tags, comments); the popup wants each product once, with one
 * Chinese query to search for it, its English name, how sure detection is, and the price the note
 * writes with it (detection gives a price to the product in its clause, nearest to it; a product
 * with no price of its own has none).
 */

export interface NoteProduct {
  /** Stable within a note: category and brand, or the query for mentions without a category. */
  key: string;
  /** The Chinese search query (`刺绣卫衣`, `得力便利贴`). */
  query: string;
  /** English name (`embroidered hoodie`); falls back to the note's own words. */
  en: string;
  /** The note's words for it, as first written. */
  text: string;
  category?: string;
  brand?: string;
  /** Highest confidence of its mentions, 0–1. */
  confidence: number;
  /** How many times the note names it. */
  count: number;
  /** The price the note writes with it, in CNY (see price-owner.ts). */
  priceCny?: number;
  /** Item id from a shop link in the same field. */
  itemId?: string;
}

/** Below this a product or brand word is more likely an everyday word than something to buy. */
export const MIN_PRODUCT_CONFIDENCE = 0.35;

interface Group {
  mentions: Mention[];
  queries: Map<string, { count: number; confidence: number; mention: Mention }>;
}

function groupKey(mention: Mention): string {
  if (mention.category) return `${mention.category}|${mention.brand ?? ''}`;
  if (mention.brand) return `brand|${mention.brand}`;
  return `query|${mention.query ?? mention.text}`;
}

/** The value nearest to a product's mentions among `candidates` in the same fields, or undefined. */
function nearest<T>(group: Group, candidates: Mention[], value: (mention: Mention) => T | undefined): T | undefined {
  let best: { distance: number; value: T } | undefined;
  for (const mention of group.mentions) {
    for (const candidate of candidates) {
      const found = value(candidate);
      if (candidate.field !== mention.field || found === undefined) continue;
      const distance = Math.abs(candidate.start - mention.start);
      if (!best || distance < best.distance) best = { distance, value: found };
    }
  }
  return best?.value;
}

/**
 * Groups product and brand mentions into products, most confident first. A brand named on its own
 * is a product only when no product of that brand is named (优衣库 next to 优衣库的卫衣 is the hoodie).
 */
export function groupProducts(mentions: readonly Mention[], minConfidence = MIN_PRODUCT_CONFIDENCE): NoteProduct[] {
  const groups = new Map<string, Group>();
  const products = mentions.filter((mention) => mention.kind === 'product' && mention.confidence >= minConfidence);
  const brandsWithProducts = new Set(products.flatMap((mention) => (mention.brand ? [mention.brand] : [])));
  const brandsAlone = mentions.filter(
    (mention) =>
      mention.kind === 'brand' &&
      mention.confidence >= minConfidence &&
      !(mention.brand && brandsWithProducts.has(mention.brand)) &&
      // An unknown brand (no id) written right before a product word belongs to that product.
      !products.some((product) => product.field === mention.field && mention.end >= product.start - 1 && mention.start <= product.end),
  );
  for (const mention of [...products, ...brandsAlone]) {
    const key = groupKey(mention);
    const group: Group = groups.get(key) ?? { mentions: [], queries: new Map() };
    groups.set(key, group);
    group.mentions.push(mention);
    const query = (mention.query ?? mention.text).trim();
    const seen = group.queries.get(query);
    if (seen) {
      seen.count++;
      if (mention.confidence > seen.confidence) Object.assign(seen, { confidence: mention.confidence, mention });
    } else {
      group.queries.set(query, { count: 1, confidence: mention.confidence, mention });
    }
  }

  const links = mentions.filter((mention) => mention.itemId !== undefined);
  const result: NoteProduct[] = [];
  for (const [key, group] of groups) {
    // The query the note uses most; on a tie the one detection was surest of.
    const [query, chosen] = [...group.queries].sort(
      ([, a], [, b]) => b.count - a.count || b.confidence - a.confidence,
    )[0] as [string, { mention: Mention }];
    const first = group.mentions[0] as Mention;
    const product: NoteProduct = {
      key,
      query,
      en: chosen.mention.en ?? first.en ?? chosen.mention.text,
      text: chosen.mention.text,
      confidence: Math.max(...group.mentions.map((mention) => mention.confidence)),
      count: group.mentions.length,
    };
    if (first.category) product.category = first.category;
    if (first.brand) product.brand = first.brand;
    // Detection gives a product (or a brand named alone) the price written with it; one with no
    // price of its own has none, whatever else the note costs.
    const priceCny = group.mentions.find((mention) => mention.priceCny !== undefined)?.priceCny;
    if (priceCny !== undefined) product.priceCny = priceCny;
    const itemId = nearest(group, links, (mention) => mention.itemId);
    if (itemId !== undefined) product.itemId = itemId;
    result.push(product);
  }
  return result.sort((a, b) => b.confidence - a.confidence || b.count - a.count);
}

/** A product from an English query the user typed, translated to Chinese. */
export function typedProduct(english: string, query: string): NoteProduct {
  return { key: `typed|${query}`, query, en: english.trim(), text: english.trim(), confidence: 1, count: 0 };
}
