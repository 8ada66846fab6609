import type { Listing } from '../messaging/schemas';
import { findCategory } from '../mentions/categories';
import { buildSearchQuery, translateQuery } from '../shops/query';

/**
 * Ranks cached listings for a mention. Chinese has no spaces, so titles are indexed as overlapping
 * character bigrams (小熊刺绣 → 小熊 熊刺 刺绣), which need no dictionary and still match 刺绣卫衣
 * inside 小熊刺绣卫衣女; Latin runs (3M, PET, 654) are whole words. Bigrams are weighted with BM25,
 * so a rare bigram (樱桃) counts for more than one every hoodie has (卫衣).
 *
 * On top of text similarity: brand and category agreement, price sanity against a price quoted in
 * the note (the bait-price listings at a tenth of it, or the 10× luxury ones, sink), and sales as a
 * tie-breaker. The index is built once; ranking reads posting lists only for the mention's terms.
 */

export interface RankQuery {
  /** The mention's text as written in the note. */
  text: string;
  /** A ready search query; built from brand, category and text when absent. */
  query?: string;
  brand?: string;
  category?: string;
  attributes?: string[];
  /** Price quoted in the note, in CNY. */
  priceCny?: number;
  /** Item id from a shop link in the note: that listing goes first. */
  itemId?: string;
}

export interface MatchReason {
  /** The title's words shared with the mention, in title order. */
  terms: string[];
  /** UTF-16 ranges of the listing title to highlight (`title.slice(start, end)`), sorted, not overlapping. */
  highlights: Array<{ start: number; end: number }>;
  brand: boolean;
  category: boolean;
  /** Listing price ÷ quoted price, when both are known. */
  priceRatio?: number;
  /** The item id matches a link in the note. */
  sameItem: boolean;
}

export interface RankedListing<L extends Listing = Listing> {
  listing: L;
  score: number;
  why: MatchReason;
}

export interface ListingIndex<L extends Listing = Listing> {
  readonly listings: readonly L[];
  /** Lower-cased titles and shops, for brand and category checks. */
  readonly haystacks: readonly string[];
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly postingDocs: readonly Int32Array[];
  readonly postingFreqs: readonly Uint16Array[];
  readonly docLengths: Float32Array;
  readonly averageLength: number;
  readonly byItemId: ReadonlyMap<string, number>;
  /** Score accumulator reused by every ranking (zeroed after use), so ranking allocates little and GC stays quiet. */
  readonly scratch: Float32Array;
}

// BM25's usual constants: term frequency saturates quickly (titles repeat keywords for SEO).
const K1 = 1.2;
const B = 0.75;
/** How many BM25 leaders get the full score; more than any page of results shows. */
const RERANK_POOL = 300;
/** Words from the note's sentence count less than the query built from it (这件, 绝了 are noise). */
const TEXT_TERM_WEIGHT = 0.35;

const WEIGHTS = {
  brand: 0.3,
  category: 0.15,
  /** A listing outside the mention's category (刺绣卫裤 for a 卫衣) is most likely another product. */
  offCategory: -0.3,
  /** Per unit of |ln(price ÷ quoted)| beyond the tolerance band, capped. */
  pricePerLog: 0.3,
  priceCap: 0.6,
  /** Prices within ±35 % of the quote are all fine: coupons, variants, shipping. */
  priceTolerance: Math.log(1.35),
  /** A listing with no price cannot be checked against the quote: a little less sure. */
  unknownPrice: 0.05,
  /** At most this much from sales, so sales only separate near-ties. */
  salesMax: 0.04,
  sameItem: 10,
} as const;

interface Token {
  term: string;
  start: number;
  end: number;
}

function isCjk(code: number): boolean {
  return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

function isWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
}

/** Lower case and half-width for ASCII letters and digits, one UTF-16 unit in, one out, so offsets survive. */
function foldChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
  if (code >= 0x41 && code <= 0x5a) code += 0x20;
  return code;
}

/** CJK bigrams (a lone CJK character as itself) and Latin/digit words, with offsets into `text`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const folded: number[] = [];
  for (let index = 0; index < text.length; index++) folded.push(foldChar(text.charCodeAt(index)));
  let index = 0;
  while (index < folded.length) {
    const code = folded[index] ?? 0;
    if (isCjk(code)) {
      let end = index;
      while (end < folded.length && isCjk(folded[end] ?? 0)) end++;
      if (end - index === 1) tokens.push({ term: String.fromCharCode(code), start: index, end });
      for (let at = index; at + 1 < end; at++) {
        tokens.push({ term: String.fromCharCode(folded[at] ?? 0, folded[at + 1] ?? 0), start: at, end: at + 2 });
      }
      index = end;
    } else if (isWordChar(code)) {
      let end = index;
      while (end < folded.length && isWordChar(folded[end] ?? 0)) end++;
      // A "word" longer than any model number is noise; the cap also keeps the spread below argument limits.
      tokens.push({ term: String.fromCharCode(...folded.slice(index, Math.min(end, index + 64))), start: index, end });
      index = end;
    } else {
      index++;
    }
  }
  return tokens;
}

/** Builds the search index over listings once; rank as many mentions against it as needed. */
export function createListingIndex<L extends Listing>(listings: readonly L[]): ListingIndex<L> {
  const vocabulary = new Map<string, number>();
  const docs: number[][] = [];
  const freqs: number[][] = [];
  const docLengths = new Float32Array(listings.length);
  const haystacks: string[] = [];
  const byItemId = new Map<string, number>();
  let totalLength = 0;
  listings.forEach((listing, doc) => {
    const tokens = tokenize(listing.title);
    docLengths[doc] = tokens.length;
    totalLength += tokens.length;
    haystacks.push(`${listing.title}\n${listing.shop ?? ''}`.toLowerCase());
    if (!byItemId.has(listing.itemId)) byItemId.set(listing.itemId, doc);
    const counts = new Map<number, number>();
    for (const { term } of tokens) {
      let id = vocabulary.get(term);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(term, id);
        docs.push([]);
        freqs.push([]);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const [id, count] of counts) {
      docs[id]?.push(doc);
      freqs[id]?.push(Math.min(count, 0xffff));
    }
  });
  return {
    listings,
    haystacks,
    vocabulary,
    postingDocs: docs.map((list) => Int32Array.from(list)),
    postingFreqs: freqs.map((list) => Uint16Array.from(list)),
    docLengths,
    averageLength: listings.length ? totalLength / listings.length : 1,
    byItemId,
    scratch: new Float32Array(listings.length),
  };
}

/** The weighted terms of a mention: its search query in full, its sentence at a lower weight. */
function queryTerms(mention: RankQuery): { weights: Map<string, number>; query: string } {
  const query =
    mention.query ??
    buildSearchQuery({ brand: mention.brand, category: mention.category, attributes: mention.attributes, text: mention.text });
  const weights = new Map<string, number>();
  for (const { term } of tokenize(query)) weights.set(term, 1);
  // An English note is read through the glossary so its words can meet Chinese titles.
  const text = /[\u3400-\u9fff]/.test(mention.text) ? mention.text : `${mention.text} ${translateQuery(mention.text).query}`;
  for (const { term } of tokenize(text.slice(0, 2000))) if (!weights.has(term)) weights.set(term, TEXT_TERM_WEIGHT);
  return { weights, query };
}

/** Lower-cased names the brand goes by: as written, and in Chinese through the glossary. */
function brandNames(brand: string | undefined): string[] {
  if (!brand?.trim()) return [];
  const names = new Set([brand.trim().toLowerCase()]);
  const chinese = translateQuery(brand).query.toLowerCase();
  if (chinese && !/[a-z]/.test(chinese)) for (const name of chinese.split(' ')) names.add(name);
  return [...names].filter(Boolean);
}

/** Ranks the index's listings for a mention, best first; only listings sharing a term with it are returned. */
export function rankListings<L extends Listing>(
  index: ListingIndex<L>,
  mention: RankQuery,
  { limit = 20 }: { limit?: number } = {},
): Array<RankedListing<L>> {
  const { weights } = queryTerms(mention);
  const scores = index.scratch;
  const touched: number[] = [];
  try {
    return rankTouched(index, mention, weights, scores, touched, limit);
  } finally {
    for (const doc of touched) scores[doc] = 0;
  }
}

function rankTouched<L extends Listing>(
  index: ListingIndex<L>,
  mention: RankQuery,
  weights: ReadonlyMap<string, number>,
  scores: Float32Array,
  touched: number[],
  limit: number,
): Array<RankedListing<L>> {
  const count = index.listings.length;
  for (const [term, weight] of weights) {
    const id = index.vocabulary.get(term);
    if (id === undefined) continue;
    const docs = index.postingDocs[id];
    const freqs = index.postingFreqs[id];
    if (!docs || !freqs) continue;
    const idf = Math.log(1 + (count - docs.length + 0.5) / (docs.length + 0.5));
    for (let at = 0; at < docs.length; at++) {
      const doc = docs[at] ?? 0;
      const tf = freqs[at] ?? 0;
      const norm = K1 * (1 - B + (B * (index.docLengths[doc] ?? 0)) / index.averageLength);
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] = (scores[doc] ?? 0) + (weight * idf * tf * (K1 + 1)) / (tf + norm);
    }
  }
  const sameItemDoc = mention.itemId ? index.byItemId.get(mention.itemId) : undefined;
  if (sameItemDoc !== undefined && scores[sameItemDoc] === 0) {
    touched.push(sameItemDoc);
    scores[sameItemDoc] = 1e-30;
  }
  const pool = topByScore(touched, scores, RERANK_POOL);
  const best = pool.reduce((max, doc) => Math.max(max, scores[doc] ?? 0), 0) || 1;

  const brands = brandNames(mention.brand);
  const category = mention.category ? findCategory(mention.category) : undefined;
  const categoryNames = category?.zh.map((name) => name.toLowerCase()) ?? [];
  const ranked = pool.map((doc) => {
    const listing = index.listings[doc] as L;
    const haystack = index.haystacks[doc] ?? '';
    const brandAgrees = brands.some((name) => haystack.includes(name));
    const categoryAgrees = categoryNames.some((name) => haystack.includes(name));
    const priceRatio =
      mention.priceCny && listing.priceCny !== undefined && mention.priceCny > 0 ? listing.priceCny / mention.priceCny : undefined;
    let score = (scores[doc] ?? 0) / best;
    if (brandAgrees) score += WEIGHTS.brand;
    if (categoryNames.length) score += categoryAgrees ? WEIGHTS.category : WEIGHTS.offCategory;
    if (mention.priceCny) score -= pricePenalty(priceRatio);
    score += WEIGHTS.salesMax * Math.min(1, Math.log10(1 + (listing.sales ?? 0)) / 8);
    const sameItem = doc === sameItemDoc;
    if (sameItem) score += WEIGHTS.sameItem;
    return { doc, listing, score, brandAgrees, categoryAgrees, priceRatio, sameItem };
  });
  ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return ranked.slice(0, limit).map(({ listing, score, brandAgrees, categoryAgrees, priceRatio, sameItem }) => ({
    listing,
    score,
    why: {
      ...highlightsOf(listing.title, weights),
      brand: brandAgrees,
      category: categoryAgrees,
      ...(priceRatio === undefined ? {} : { priceRatio }),
      sameItem,
    },
  }));
}

function pricePenalty(ratio: number | undefined): number {
  if (ratio === undefined) return WEIGHTS.unknownPrice;
  const distance = Math.abs(Math.log(Math.max(ratio, 1e-6))) - WEIGHTS.priceTolerance;
  return distance <= 0 ? 0 : Math.min(WEIGHTS.priceCap, WEIGHTS.pricePerLog * distance);
}

/** The `size` documents with the highest scores (unordered), with a min-heap so 50,000 hits cost little. */
function topByScore(docs: readonly number[], scores: Float32Array, size: number): number[] {
  if (docs.length <= size) return [...docs];
  const heap: number[] = [];
  const score = (position: number) => scores[heap[position] ?? 0] ?? 0;
  const swap = (a: number, b: number) => {
    const held = heap[a] ?? 0;
    heap[a] = heap[b] ?? 0;
    heap[b] = held;
  };
  const siftDown = (from: number) => {
    for (let at = from; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let smallest = at;
      if (left < heap.length && score(left) < score(smallest)) smallest = left;
      if (right < heap.length && score(right) < score(smallest)) smallest = right;
      if (smallest === at) return;
      swap(at, smallest);
      at = smallest;
    }
  };
  for (const doc of docs) {
    if (heap.length < size) {
      heap.push(doc);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (score(parent) <= score(at)) break;
        swap(at, parent);
        at = parent;
      }
    } else if ((scores[doc] ?? 0) > score(0)) {
      heap[0] = doc;
      siftDown(0);
    }
  }
  return heap;
}

/** Title ranges covered by the mention's terms, merged where they touch, and the words they spell. */
function highlightsOf(title: string, weights: ReadonlyMap<string, number>): Pick<MatchReason, 'terms' | 'highlights'> {
  const highlights: Array<{ start: number; end: number }> = [];
  for (const token of tokenize(title)) {
    if (!weights.has(token.term)) continue;
    const last = highlights[highlights.length - 1];
    if (last && token.start <= last.end) last.end = Math.max(last.end, token.end);
    else highlights.push({ start: token.start, end: token.end });
  }
  return { terms: [...new Set(highlights.map(({ start, end }) => title.slice(start, end)))], highlights };
}
