import type { Mention } from '../messaging/schemas';
import type { CategoryInfo } from './categories';
import { lexiconMatcher, type BrandInfo, type LexiconEntry } from './lexicon';
import { findLinks, findShareCodes } from './links';
import type { TermMatch } from './matcher';
import { normalise, originalSpan, type NormalisedText } from './normalise';
import { findPricesIn } from './prices';

/**
 * Product mentions in a note. Words are found by the lexicon matcher; whether a product word is a
 * mention depends on its context: a price, a shop name, a where-to-buy cue, a brand next to it or
 * recommendation words make it one, a café or a sight around it makes it less likely. Every
 * mention carries a confidence; the page marks those at or above MARK_THRESHOLD.
 */

export interface NoteText {
  title?: string;
  desc?: string;
  tags?: string[];
  comments?: Array<string | { text: string; replies?: Array<{ text: string }> }>;
}

export interface DetectOptions {
  /**
   * Treat the note as a shopping context from the start (product titles, a seller's listing): the
   * measurement on e-commerce titles uses this.
   */
  assumeShopping?: boolean;
}

import { MARK_THRESHOLD } from './threshold';

export { MARK_THRESHOLD };
/** Candidates below this are not reported at all. */
const REPORT_THRESHOLD = 0.25;

/** How far (in normalised characters) a price or shop word still speaks for a product word. */
const CONTEXT_WINDOW = 30;

// Evidence weights. Tuned on the fixtures in tests/fixtures/notes: product words in the shopping
// notes clear MARK_THRESHOLD, those in the non-shopping notes stay below it.
const BASE = { term: 0.3, compound: 0.35, weakTerm: 0.1, brand: 0.45, ambiguousBrand: 0.15 };
const BRAND_NEXT_TO_PRODUCT = 0.3;
const UNKNOWN_BRAND_BASE = 0.15;
const ATTRIBUTE_CONFIDENCE = 0.3;
const ATTRIBUTE_BONUS = 0.05;
const FIELD_SIGNAL_SHARE = 0.5;
const SHOPPING_NOTE_BONUS = 0.2;
const COMMON_WORD_PENALTY = 0.2;
const ON_SITE_PENALTY = 0.2;

const SIGNAL_STRENGTH = {
  price: 0.35,
  platform: 0.35,
  disguisedPlatform: 0.25,
  whereToBuy: 0.35,
  shareCode: 0.4,
  link: 0.4,
  buyVerb: 0.25,
  recommend: 0.2,
  priceWord: 0.2,
} as const;
type SignalKind = keyof typeof SIGNAL_STRENGTH;
const PER_PERSON = /人均|每人|一人/;
/** Signals that name a shop or a way to buy: enough even for everyday words such as 咖啡. */
const HARD_SIGNALS: ReadonlySet<SignalKind> = new Set(['platform', 'whereToBuy', 'shareCode', 'link']);

interface Signal {
  start: number;
  end: number;
  kind: SignalKind;
}

interface FieldScan {
  field: string;
  original: string;
  normalised: NormalisedText;
  hits: Array<TermMatch<LexiconEntry[]>>;
  signals: Signal[];
  mentions: Mention[];
  onSite: boolean;
}

export function detectMentions(note: NoteText, options: DetectOptions = {}): Mention[] {
  const scans = noteFields(note).map(([field, text]) => scanField(field, text));

  // A note is a shopping note when any part of it names a shop, a price, a link or a cue, or when
  // it uses several buying or recommendation words.
  let hardSignals = 0;
  let softSignals = 0;
  for (const scan of scans) {
    for (const signal of scan.signals) {
      if (HARD_SIGNALS.has(signal.kind) || signal.kind === 'price') hardSignals++;
      else softSignals++;
    }
  }
  const shoppingNote = options.assumeShopping === true || hardSignals > 0 || softSignals >= 2;

  const mentions: Mention[] = [];
  for (const scan of scans) {
    const fieldMentions = [...scan.mentions, ...productMentions(scan, shoppingNote, options.assumeShopping === true)];
    mentions.push(...fieldMentions.sort((a, b) => a.start - b.start || b.end - a.end));
  }
  return mentions;
}

function noteFields(note: NoteText): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  if (note.title) fields.push(['title', note.title]);
  if (note.desc) fields.push(['desc', note.desc]);
  note.tags?.forEach((tag, index) => fields.push([`tags.${index}`, tag]));
  note.comments?.forEach((comment, index) => {
    if (typeof comment === 'string') {
      fields.push([`comments.${index}`, comment]);
      return;
    }
    fields.push([`comments.${index}`, comment.text]);
    comment.replies?.forEach((reply, replyIndex) => fields.push([`comments.${index}.replies.${replyIndex}`, reply.text]));
  });
  return fields;
}

/** Matches, rule hits and the non-product mentions (prices, shops, links…) of one field. */
function scanField(field: string, original: string): FieldScan {
  const normalised = normalise(original);
  const text = normalised.text;
  const mention = (start: number, end: number, rest: Omit<Mention, 'field' | 'start' | 'end' | 'text'>): Mention => {
    const span = originalSpan(normalised, start, end);
    return { field, ...span, text: original.slice(span.start, span.end), ...rest };
  };
  const mentions: Mention[] = [];
  const signals: Signal[] = [];
  // Spans taken by links and codes: words inside them (the "tb" of m.tb.cn) are not words.
  const taken: Array<{ start: number; end: number }> = [];
  const isTaken = (start: number, end: number) => taken.some((span) => start < span.end && end > span.start);

  for (const link of findLinks(text)) {
    taken.push(link);
    signals.push({ start: link.start, end: link.end, kind: 'link' });
    mentions.push(
      mention(link.start, link.end, {
        kind: 'link',
        platform: link.platform,
        ...(link.itemId ? { itemId: link.itemId } : {}),
        confidence: link.itemId ? 0.95 : 0.8,
      }),
    );
  }
  const originalSlice = (start: number, end: number) => {
    const span = originalSpan(normalised, start, end);
    return original.slice(span.start, span.end);
  };
  for (const code of findShareCodes(text, originalSlice)) {
    if (isTaken(code.start, code.end)) continue;
    taken.push(code);
    signals.push({ start: code.start, end: code.end, kind: 'shareCode' });
    mentions.push(
      mention(code.start, code.end, { kind: 'shareCode', platform: 'taobao', ...(code.title ? { query: code.title } : {}), confidence: 0.95 }),
    );
  }
  for (const price of findPricesIn(normalised)) {
    if (isTaken(price.start, price.end)) continue;
    taken.push(price);
    // 人均120 is what a meal cost, not what something to buy costs.
    if (!PER_PERSON.test(text.slice(Math.max(0, price.start - 3), price.start))) {
      signals.push({ start: price.start, end: price.end, kind: 'price' });
    }
    const cny = price.currency === 'CNY' ? (price.amount ?? price.min ?? price.max) : undefined;
    mentions.push(
      mention(price.start, price.end, {
        kind: 'price',
        ...(cny !== undefined ? { priceCny: cny } : {}),
        confidence: price.approx ? 0.7 : 0.85,
      }),
    );
  }

  const hits: Array<TermMatch<LexiconEntry[]>> = [];
  let onSite = false;
  const matches = lexiconMatcher().scan(text);
  for (let matchIndex = 0; matchIndex < matches.length; matchIndex++) {
    const hit = matches[matchIndex]!;
    if (isTaken(hit.start, hit.end)) continue;
    hits.push(hit);
    for (const entry of hit.value) {
      switch (entry.kind) {
        case 'platform': {
          // 🐶 🐱 🐟 are shops only next to a buying word (🐟收的, 🐶买的); in a pet note they are pets.
          const emoji = hit.end - hit.start === 2 && text.charCodeAt(hit.start) >= 0xd800 && entry.platform !== 'taobao';
          if (emoji && !nextToBuyingWord(matches, matchIndex, text)) break;
          signals.push({ start: hit.start, end: hit.end, kind: entry.disguised ? 'disguisedPlatform' : 'platform' });
          mentions.push(
            mention(hit.start, hit.end, {
              kind: 'platform',
              platform: entry.platform,
              confidence: entry.disguised ? (emoji ? 0.4 : 0.6) : 0.85,
            }),
          );
          break;
        }
        case 'whereToBuy':
          signals.push({ start: hit.start, end: hit.end, kind: 'whereToBuy' });
          mentions.push(mention(hit.start, hit.end, { kind: 'whereToBuy', confidence: 0.8 }));
          break;
        case 'recommend':
        case 'buyVerb':
        case 'priceWord':
          signals.push({ start: hit.start, end: hit.end, kind: entry.kind });
          break;
        case 'onSite':
          onSite = true;
          break;
        default:
          break;
      }
    }
  }
  signals.sort((a, b) => a.start - b.start);
  return { field, original, normalised, hits, signals, mentions, onSite };
}

/** Product and brand mentions of one field, scored by the context around each word. */
function productMentions(scan: FieldScan, shoppingNote: boolean, listing: boolean): Mention[] {
  const { hits, signals, normalised } = scan;
  const text = normalised.text;
  const local = nearbySignalStrength(text.length, signals);
  const fieldSignal = signals.reduce((strongest, signal) => Math.max(strongest, SIGNAL_STRENGTH[signal.kind]), 0);
  const contextBonus =
    fieldSignal * FIELD_SIGNAL_SHARE + (shoppingNote ? SHOPPING_NOTE_BONUS : 0) - (scan.onSite ? ON_SITE_PENALTY : 0);

  const mentions: Mention[] = [];
  const brandLinked = new Set<number>();
  const attributeUsed = new Set<number>();
  const span = (start: number, end: number) => {
    const original = originalSpan(normalised, start, end);
    return { field: scan.field, ...original, text: scan.original.slice(original.start, original.end) };
  };

  for (let index = 0; index < hits.length; index++) {
    const hit = hits[index]!;
    const category = productEntry(hits, index);
    if (!category || followedByModel(hits, index, text)) continue;

    // Walk back over attributes and a brand standing right before the product word.
    let spanStart = hit.start;
    let brandIndex = -1;
    const attributes: Array<{ surface: string; zh: string; en: string }> = [];
    for (let back = index - 1, edge = hit.start; back >= 0 && index - back <= 4; back--) {
      const previous = hits[back]!;
      if (!isGap(text, previous.end, edge)) break;
      const attribute = previous.value.find((entry) => entry.kind === 'attribute');
      const brand = previous.value.find((entry) => entry.kind === 'brand');
      if (brand && brandIndex < 0) {
        brandIndex = back;
      } else if (attribute && attribute.kind === 'attribute') {
        attributes.unshift({ surface: text.slice(previous.start, previous.end), zh: attribute.zh, en: attribute.en });
        attributeUsed.add(back);
        if (brandIndex < 0 && previous.end === spanStart) spanStart = previous.start;
      } else {
        break;
      }
      edge = previous.start;
    }
    const brandEntry = brandIndex >= 0 ? brandOf(hits[brandIndex]!) : undefined;
    if (brandEntry) brandLinked.add(brandIndex);
    const unknownBrand = brandEntry ? undefined : latinWordBefore(text, spanStart, index > 0 ? hits[index - 1]!.end : 0);

    const nearby = Math.max(local.any[hit.start] ?? 0, local.any[hit.end - 1] ?? 0);
    const hardNearby = Math.max(local.hard[hit.start] ?? 0, local.hard[hit.end - 1] ?? 0) > 0;
    let confidence = category.weak ? BASE.weakTerm : category.compound ? BASE.compound : BASE.term;
    if (brandEntry) confidence += BRAND_NEXT_TO_PRODUCT;
    confidence += Math.min(attributes.length, 2) * ATTRIBUTE_BONUS;
    confidence += nearby + contextBonus;
    if (category.common && !hardNearby && !listing) confidence -= COMMON_WORD_PENALTY;
    // Single-character heads (帽, 器, 台) find 工作帽 or 定时器 in listing titles, but in free text they
    // are too often part of other words (代表, 台湾): there they need an attribute or brand before
    // them, and alone they are never marked.
    if (category.weak && !brandEntry && attributes.length === 0) {
      if (!listing) continue;
      confidence = Math.min(confidence, MARK_THRESHOLD - 0.05);
    }
    if (confidence < REPORT_THRESHOLD) continue;

    const surface = text.slice(hit.start, hit.end);
    const isHanTerm = /[\u4e00-\u9fff]/.test(surface);
    const productWord = isHanTerm && !category.weak ? surface : category.category.zh[0]!;
    const brandName = brandEntry ? (brandEntry.zh[0] || brandEntry.latin[0]!) : unknownBrand?.word;
    const query = [brandName ?? '', ...attributes.map((a) => (/[\u4e00-\u9fff]/.test(a.surface) ? a.surface : a.zh)), productWord].join('');
    const english = [brandEntry ? displayLatin(brandEntry) : unknownBrand ? capitalise(unknownBrand.word) : '', ...attributes.map((a) => a.en), category.prefixEn ?? '', category.category.en[0]!]
      .filter(Boolean)
      .join(' ');
    mentions.push({
      ...span(spanStart, hit.end),
      kind: 'product',
      category: category.category.id,
      en: english,
      ...(brandEntry ? { brand: brandEntry.id } : {}),
      query: query.slice(0, 200),
      confidence: round(Math.min(1, confidence)),
    });
    if (unknownBrand) {
      // A Latin name right before a product word in Chinese text is nearly always a brand (Ubras内衣).
      mentions.push({
        ...span(unknownBrand.start, unknownBrand.end),
        kind: 'brand',
        en: capitalise(unknownBrand.word),
        query: unknownBrand.word,
        confidence: round(Math.min(1, UNKNOWN_BRAND_BASE + nearby + contextBonus)),
      });
    }
  }

  for (let index = 0; index < hits.length; index++) {
    const hit = hits[index]!;
    if (attributeUsed.has(index) || !(shoppingNote || local.any[hit.start]! > 0)) continue;
    const attribute = hit.value.find((entry) => entry.kind === 'attribute');
    // Materials on their own (不锈钢, 陶瓷) still tell a seller's title what the thing is made of.
    if (attribute?.kind !== 'attribute' || attribute.type !== 'material' || hit.end - hit.start < 2 || hit.value.length > 1) continue;
    mentions.push({ ...span(hit.start, hit.end), kind: 'attribute', en: attribute.en, query: attribute.zh, confidence: ATTRIBUTE_CONFIDENCE });
  }

  for (let index = 0; index < hits.length; index++) {
    const hit = hits[index]!;
    const brand = brandOf(hit);
    if (!brand) continue;
    // 小米 the grain, 苹果 the fruit, unless a product or a model number follows.
    if (productEntry(hits, index) && !brandLinked.has(index) && !followedByModel(hits, index, text)) continue;
    const nearby = Math.max(local.any[hit.start] ?? 0, local.any[hit.end - 1] ?? 0);
    let confidence = brand.ambiguous ? BASE.ambiguousBrand : BASE.brand;
    if (brandLinked.has(index)) confidence += BRAND_NEXT_TO_PRODUCT;
    confidence += nearby + contextBonus;
    if (confidence < REPORT_THRESHOLD) continue;
    mentions.push({
      ...span(hit.start, hit.end),
      kind: 'brand',
      brand: brand.id,
      en: displayLatin(brand),
      query: brand.zh[0] ?? brand.latin[0]!,
      confidence: round(Math.min(1, confidence)),
    });
  }
  return mentions;
}

/**
 * The category a hit stands for, if it is read as a product here. A word that is also an attribute
 * (短袖, 防晒) or a brand (小米) is read that way when a product word follows it directly.
 */
function productEntry(
  hits: Array<TermMatch<LexiconEntry[]>>,
  index: number,
): { category: CategoryInfo; common: boolean; weak: boolean; compound: boolean; prefixEn?: string } | undefined {
  const hit = hits[index]!;
  const entry = hit.value.find((candidate) => candidate.kind === 'category');
  if (!entry || entry.kind !== 'category') return undefined;
  if (hit.value.length > 1) {
    const following = hits[index + 1];
    if (following && following.start === hit.end && following.value.some((candidate) => candidate.kind === 'category')) return undefined;
  }
  return entry;
}

/** A brand name followed by a model number (苹果6s, 小米11) is the brand, not the fruit or grain. */
function followedByModel(hits: Array<TermMatch<LexiconEntry[]>>, index: number, text: string): boolean {
  const hit = hits[index]!;
  return hit.value.some((candidate) => candidate.kind === 'brand') && /[a-z0-9]/.test(text[hit.end] ?? '');
}

function brandOf(hit: TermMatch<LexiconEntry[]>): BrandInfo | undefined {
  const entry = hit.value.find((candidate) => candidate.kind === 'brand');
  return entry?.kind === 'brand' ? entry.brand : undefined;
}

const BUYING_WORDS: ReadonlySet<LexiconEntry['kind']> = new Set(['buyVerb', 'whereToBuy', 'priceWord']);

function nextToBuyingWord(matches: Array<TermMatch<LexiconEntry[]>>, index: number, text: string): boolean {
  const hit = matches[index]!;
  const before = matches[index - 1];
  const after = matches[index + 1];
  return Boolean(
    (before && isGap(text, before.end, hit.start) && before.value.some((entry) => BUYING_WORDS.has(entry.kind))) ||
      (after && isGap(text, hit.end, after.start) && after.value.some((entry) => BUYING_WORDS.has(entry.kind))),
  );
}

/** At most two spaces or 的 between words that belong together (得力的便利贴, Deli sticky notes). */
function isGap(text: string, from: number, to: number): boolean {
  if (to - from > 2) return false;
  for (let i = from; i < to; i++) if (!/[\s的之·]/.test(text[i]!)) return false;
  return true;
}

/** Words that stand before product words in Chinese text without being brands. */
const NOT_BRANDS = new Set(['the', 'and', 'for', 'with', 'new', 'diy', 'led', 'usb', 'pro', 'max', 'plus', 'mini', 'ins', 'vip', 'top', 'cos', 'jk', 'lolita', 'oversize', 'type', 'wifi', 'pvc', 'abs', 'size', 'free', 'hot', 'sale', 'good', 'nice', 'cute', 'ok']);

/**
 * A Latin word (3–20 letters) ending right before `at`, with at most one space between, that no
 * lexicon match covers: the unknown brand in "Ubras内衣". Only in Chinese text: in an English
 * caption the word before a product is usually an adjective.
 */
function latinWordBefore(text: string, at: number, previousHitEnd: number): { start: number; end: number; word: string } | undefined {
  if (!/[\u4e00-\u9fff]/.test(text[at] ?? '')) return undefined;
  let end = at;
  if (text[end - 1] === ' ') end--;
  let start = end;
  while (start > previousHitEnd && end - start < 21 && /[a-z'&]/.test(text[start - 1]!)) start--;
  if (end - start < 3 || end - start > 20 || /[a-z0-9]/.test(text[start - 1] ?? '')) return undefined;
  const word = text.slice(start, end);
  return NOT_BRANDS.has(word) ? undefined : { start, end, word };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function displayLatin(brand: BrandInfo): string {
  const latin = brand.latin[0];
  if (!latin) return brand.zh[0] ?? brand.id;
  return latin.replace(/(^|[\s-])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * For every position, the strongest signal within CONTEXT_WINDOW characters (any signal, and the
 * hard ones alone). A sliding-window maximum over the positions keeps this linear in the text
 * however many signals and products it has.
 */
function nearbySignalStrength(length: number, signals: Signal[]): { any: Float32Array; hard: Float32Array } {
  const anyAt = new Float32Array(length);
  const hardAt = new Float32Array(length);
  for (const signal of signals) {
    const strength = SIGNAL_STRENGTH[signal.kind];
    for (let i = signal.start; i < Math.min(signal.end, length); i++) {
      if (strength > anyAt[i]!) anyAt[i] = strength;
      if (HARD_SIGNALS.has(signal.kind) && strength > hardAt[i]!) hardAt[i] = strength;
    }
  }
  return { any: windowMax(anyAt, CONTEXT_WINDOW), hard: windowMax(hardAt, CONTEXT_WINDOW) };
}

function windowMax(values: Float32Array, radius: number): Float32Array {
  const length = values.length;
  const result = new Float32Array(length);
  const deque = new Int32Array(length);
  let head = 0;
  let tail = 0;
  let added = 0;
  for (let i = 0; i < length; i++) {
    // Bring every position up to i + radius into the window, dropping smaller values behind it.
    for (; added < length && added <= i + radius; added++) {
      while (tail > head && values[deque[tail - 1]!]! <= values[added]!) tail--;
      deque[tail++] = added;
    }
    while (deque[head]! < i - radius) head++;
    result[i] = values[deque[head]!]!;
  }
  return result;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
