import type { Mention } from '../messaging/schemas';
import { KIND_BIT, lexiconTermFacts, type BrandInfo, type TermFacts } from './lexicon';
import { originalSpan } from './normalise';
import type { FieldScan, Hit } from './scan';
import {
  ATTRIBUTE_CONFIDENCE,
  brandConfidence,
  productConfidence,
  REPORT_THRESHOLD,
  reported,
  TITLE_BRAND_CONFIDENCE,
  unknownBrandConfidence,
} from './score';
import { SignalWindow, type FieldSignals } from './signals';
import { titleBrands } from './title-brands';
import { capitalise, displayLatin, hasHan, isBlank, isGap, isLatinOrDigit, joinWords, latinWordBefore } from './words';

/**
 * Detection's fourth stage: product, brand and material mentions of one field. A product word
 * takes the attributes and the brand written right before it (白色短袖, 优衣库卫衣); each candidate
 * is scored (see score.ts) by the signals near it and what the whole note says.
 */

export interface FieldContext {
  scan: FieldScan;
  signals: FieldSignals;
  shoppingNote: boolean;
  /** The note is a listing title (or a seller's text): every word in it is a product word. */
  listing: boolean;
  /** contextBonus of the field. */
  context: number;
}

interface Attribute {
  surface: string;
  zh: string;
  en: string;
}

/** A product word's roles found while reading the words after it. */
interface Roles {
  /** A product word after it took it as its brand. */
  brandOfProduct: boolean;
  /** A product word after it took it as an attribute. */
  attributeOfProduct: boolean;
}

export function productMentions(context: FieldContext): Mention[] {
  const { scan } = context;
  const facts = lexiconTermFacts();
  const roles: Roles[] = scan.hits.map(() => ({ brandOfProduct: false, attributeOfProduct: false }));
  const mentions = [...words(context, facts, roles), ...materials(context, facts, roles), ...brands(context, facts, roles)];
  if (context.listing && scan.field === 'title') titleBrandMentions(scan, mentions);
  return mentions;
}

/**
 * Where the normalised span `[start, end)` of the field stands in the original, and its text there.
 * Mentions are then written out whole, as literals: spreading a place into each costs more than
 * the rest of the mention.
 */
function placeOf(scan: FieldScan, start: number, end: number): { field: string; start: number; end: number; text: string } {
  const span = originalSpan(scan.normalised, start, end);
  return { field: scan.field, start: span.start, end: span.end, text: scan.original.slice(span.start, span.end) };
}

/** Product words, each with the brand and attributes before it, and a Latin brand that no lexicon knows (Ubras内衣). */
function words(context: FieldContext, facts: TermFacts[], roles: Roles[]): Mention[] {
  const { scan, listing } = context;
  const { hits, normalised } = scan;
  const { text, codes } = normalised;
  const mentions: Mention[] = [];
  const nearby = new SignalWindow(context.signals.signals);
  hits.forEach((hit, index) => {
    const category = facts[hit.term]!.category;
    if (!category || !isProduct(hits, index, codes, facts) || followedByModel(hit, codes, facts)) return;

    // Walk back over attributes and a brand standing right before the product word.
    let spanStart = hit.start;
    let brandIndex = -1;
    const attributes: Attribute[] = [];
    for (let back = index - 1, edge = hit.start; back >= 0 && index - back <= 4; back--) {
      const previous = hits[back]!;
      if (!isGap(codes, previous.end, edge)) break;
      const attribute = facts[previous.term]!.attribute;
      if (brandIndex < 0 && facts[previous.term]!.brand) {
        brandIndex = back;
      } else if (attribute) {
        attributes.unshift({ surface: text.slice(previous.start, previous.end), zh: attribute.zh, en: attribute.en });
        roles[back]!.attributeOfProduct = true;
        if (brandIndex < 0 && isBlank(text, previous.end, spanStart)) spanStart = previous.start;
      } else {
        break;
      }
      edge = previous.start;
    }
    const brand = brandIndex >= 0 ? facts[hits[brandIndex]!.term]!.brand : undefined;
    if (brand) roles[brandIndex]!.brandOfProduct = true;
    // Single-character heads (帽, 器, 台) find 工作帽 or 定时器 in listing titles, but in free text they
    // are too often part of other words (代表, 台湾): there they need an attribute or brand before them.
    if (category.weak && !brand && attributes.length === 0 && !listing) return;
    const unknownBrand = brand ? undefined : latinWordBefore(text, codes, spanStart, index > 0 ? hits[index - 1]!.end : 0);

    const strongest = nearby.strongest(hit.start, hit.end);
    const confidence = productConfidence({
      weak: Boolean(category.weak),
      compound: Boolean(category.compound),
      common: Boolean(category.common),
      brand: brand !== undefined,
      attributes: attributes.length,
      strongest,
      hardNearby: nearby.hard,
      context: context.context,
      listing,
    });
    if (confidence < REPORT_THRESHOLD) return;

    if (unknownBrand) {
      // A Latin name right before a product word in Chinese text is nearly always a brand.
      const { field, start, end, text } = placeOf(scan, unknownBrand.start, unknownBrand.end);
      const confidence = reported(unknownBrandConfidence(strongest, context.context));
      mentions.push({ field, start, end, text, kind: 'brand', confidence, en: capitalise(unknownBrand.word), query: unknownBrand.word });
    }
    const { query, english: en, id } = describe(hit, facts[hit.term]!, brand, unknownBrand?.word, attributes, text);
    const { field, start, end, text: surface } = placeOf(scan, spanStart, hit.end);
    const kind = 'product';
    mentions.push(
      brand
        ? { field, start, end, text: surface, kind, confidence: reported(confidence), category: id, en, brand: brand.id, query }
        : { field, start, end, text: surface, kind, confidence: reported(confidence), category: id, en, query },
    );
  });
  return mentions;
}

/** The search query, English name and category id of a product word with its brand and attributes. */
function describe(hit: Hit, facts: TermFacts, brand: BrandInfo | undefined, unknownBrand: string | undefined, attributes: Attribute[], text: string) {
  const category = facts.category!;
  // The note's own word when it has a Han character (卫衣), else the category's Chinese name.
  const written = text.slice(hit.start, hit.end);
  const productWord = !category.weak && hasHan(written) ? written : category.category.zh[0]!;
  let query = brand ? brand.zh[0] || brand.latin[0]! : (unknownBrand ?? '');
  let english = brand ? displayLatin(brand) : unknownBrand ? capitalise(unknownBrand) : '';
  for (const attribute of attributes) {
    query += hasHan(attribute.surface) ? attribute.surface : attribute.zh;
    english = joinWords(english, attribute.en);
  }
  query += productWord;
  if (category.prefixEn) english = joinWords(english, category.prefixEn);
  english = joinWords(english, category.en);
  return { query: query.slice(0, 200), english, id: category.category.id };
}

/** Materials on their own (不锈钢, 陶瓷), not taken by a product word after them: what a seller's title says a thing is made of. */
function materials(context: FieldContext, facts: TermFacts[], roles: Roles[]): Mention[] {
  const { scan } = context;
  const mentions: Mention[] = [];
  const nearby = new SignalWindow(context.signals.signals);
  scan.hits.forEach((hit, index) => {
    const attribute = facts[hit.term]!.attribute;
    if (!attribute || roles[index]!.attributeOfProduct) return;
    if (attribute.type !== 'material' || hit.end - hit.start < 2 || hit.value.length > 1) return;
    if (!context.shoppingNote && nearby.strongest(hit.start, hit.end) === 0) return;
    const { field, start, end, text } = placeOf(scan, hit.start, hit.end);
    mentions.push({ field, start, end, text, kind: 'attribute', confidence: ATTRIBUTE_CONFIDENCE, en: attribute.en, query: attribute.zh });
  });
  return mentions;
}

/** Brand names next to a product word, or with enough around them. */
function brands(context: FieldContext, facts: TermFacts[], roles: Roles[]): Mention[] {
  const { scan, listing } = context;
  const { hits, normalised } = scan;
  const mentions: Mention[] = [];
  const nearby = new SignalWindow(context.signals.signals);
  hits.forEach((hit, index) => {
    const brand = facts[hit.term]!.brand;
    if (!brand) return;
    const linked = roles[index]!.brandOfProduct;
    const model = followedByModel(hit, normalised.codes, facts);
    // 小米 the grain, 苹果 the fruit, unless a product or a model number follows.
    if (!linked && isProduct(hits, index, normalised.codes, facts) && !model) return;
    const confidence = brandConfidence({
      ambiguous: Boolean(brand.ambiguous),
      linked,
      strongest: nearby.strongest(hit.start, hit.end),
      context: context.context,
      listingWithoutModel: listing && !model,
    });
    if (confidence < REPORT_THRESHOLD) return;
    const { field, start, end, text } = placeOf(scan, hit.start, hit.end);
    mentions.push({ field, start, end, text, kind: 'brand', confidence: reported(confidence), brand: brand.id, en: displayLatin(brand), query: brand.zh[0] ?? brand.latin[0]! });
  });
  return mentions;
}

/** Unknown brands by the shape of a listing title; a Latin name already read as a brand is backed up. */
function titleBrandMentions(scan: FieldScan, mentions: Mention[]): void {
  const { normalised } = scan;
  for (const found of titleBrands(normalised.text, scan.hits)) {
    const confidence = TITLE_BRAND_CONFIDENCE[found.rule];
    const start = normalised.starts[found.start]!;
    const end = normalised.ends[found.end - 1]!;
    const same = mentions.find((other) => other.kind === 'brand' && other.start < end && other.end > start);
    if (same) {
      if (!same.brand) same.confidence = Math.max(same.confidence, confidence);
      continue;
    }
    const word = normalised.text.slice(found.start, found.end);
    const { field, text } = placeOf(scan, found.start, found.end);
    mentions.push({ field, start, end, text, kind: 'brand', confidence, en: hasHan(word) ? word : capitalise(word), query: word });
  }
}

/**
 * Whether a hit is read as a product here. A word that is also an attribute (短袖, 防晒) or a brand
 * (小米) is read that way when a product word follows it directly, or when it stands in a list of
 * brands (三星苹果通用, 华为/小米).
 */
function isProduct(hits: readonly Hit[], index: number, codes: Uint16Array, facts: TermFacts[]): boolean {
  const hit = hits[index]!;
  const own = facts[hit.term]!;
  if (!own.category) return false;
  if (hit.value.length < 2) return true;
  const next = hits[index + 1];
  if (next && next.start === hit.end && facts[next.term]!.category) return false;
  return !(own.brand && (listedWithBrand(hits, index, index - 1, codes, facts) || listedWithBrand(hits, index, index + 1, codes, facts)));
}

/** What stands between the names in a list of brands: 三星/苹果, 华为、小米, 苹果 安卓. */
const LIST_SEPARATORS = new Set([0x2f, 0x2c, 0x3001, 0x20, 0xff0c]);

/** Whether hit `other` is a brand (and no product word) right next to hit `index`, or with a list's separator between. */
function listedWithBrand(hits: readonly Hit[], index: number, other: number, codes: Uint16Array, facts: TermFacts[]): boolean {
  const neighbour = hits[other];
  if (!neighbour || (facts[neighbour.term]!.kinds & (KIND_BIT.brand | KIND_BIT.category)) !== KIND_BIT.brand) return false;
  const [from, to] = other < index ? [neighbour.end, hits[index]!.start] : [hits[index]!.end, neighbour.start];
  if (to - from > 1) return false;
  return to === from || LIST_SEPARATORS.has(codes[from]!);
}

/** A brand name followed by a model number (苹果6s, 小米11) is the brand, not the fruit or grain. */
function followedByModel(hit: Hit, codes: Uint16Array, facts: TermFacts[]): boolean {
  return hit.end < codes.length && isLatinOrDigit(codes[hit.end]!) && facts[hit.term]!.brand !== undefined;
}
