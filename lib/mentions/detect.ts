import type { Mention } from '../messaging/schemas';
import { KIND_BIT, lexiconMatcher, lexiconTermFacts, lexiconTermKinds, type BrandInfo, type LexiconEntry, type TermFacts } from './lexicon';
import { findLinks, findShareCodes } from './links';
import { noteFields, type NoteText } from './note-fields';
import { createMatchBuffer, type MatchBuffer, type TermMatch } from './matcher';
import {
  FEATURE_CODE_LETTER,
  FEATURE_CODE_SIGN,
  FEATURE_DIGIT,
  FEATURE_LINK,
  FEATURE_NUMERAL,
  createNormaliseSpace,
  normalise,
  originalSpan,
  type NormalisedText,
  type NormaliseSpace,
} from './normalise';
import { findPricesIn } from './prices';
import { titleBrands } from './title-brands';

/**
 * Product mentions in a note. Words are found by the lexicon matcher; whether a product word is a
 * mention depends on its context: a price, a shop name, a where-to-buy cue, a brand next to it or
 * recommendation words make it one, a café or a sight around it makes it less likely. Every
 * mention carries a confidence; the page marks those at or above MARK_THRESHOLD.
 */

export type { NoteText };

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
/** How every newer share code begins, as the note writes it (see findShareCodes). */
const NEWER_CODE_LETTERS = /CZ|HU|MF|FU/;
/**
 * Signals that name a shop or a way to buy: enough even for everyday words such as 咖啡. Compared
 * rather than looked up in a Set: the kinds are interned strings, so each test is one comparison.
 */
function isHardSignal(kind: SignalKind): boolean {
  return kind === 'platform' || kind === 'whereToBuy' || kind === 'shareCode' || kind === 'link';
}

interface Signal {
  start: number;
  end: number;
  kind: SignalKind;
  /** SIGNAL_STRENGTH of the kind, and whether it is a hard one (isHardSignal): read for every word near it. */
  strength: number;
  hard: boolean;
}

function signalOf(start: number, end: number, kind: SignalKind): Signal {
  return { start, end, kind, strength: SIGNAL_STRENGTH[kind], hard: isHardSignal(kind) };
}

interface FieldScan {
  field: string;
  original: string;
  normalised: NormalisedText;
  /** The field's lexicon matches are `hitBuffer`'s `[hitsFrom, hitsTo)`, in order, none under a link, code or price. */
  hitsFrom: number;
  hitsTo: number;
  signals: Signal[];
  mentions: Mention[];
  /**
   * Start and end of each of `mentions`, two numbers per mention, recorded as it is pushed: the
   * sort reads these instead of the mentions, whose many shapes make every property read a
   * megamorphic lookup.
   */
  spans: number[];
  onSite: boolean;
}

/**
 * lexiconTermKinds() and lexiconTermFacts(), by `TermMatch.term`. Passed down from detectMentions
 * to the functions that read them: read from module variables, every access in a loop loaded them
 * again (and the array's length and data), where a parameter stays in a register.
 */
interface LexiconTables {
  kinds: Uint16Array;
  facts: TermFacts[];
  /** The entries of each term (`lexiconMatcher().values`). */
  values: readonly LexiconEntry[][];
  /** TERM_* of each term (termTraits). */
  traits: Uint8Array;
  /** The text of each term (`lexiconMatcher().terms`). */
  terms: readonly string[];
}

/**
 * The lexicon matches of the note being read, all its fields one after another (see FieldScan):
 * parallel typed arrays kept between notes, where an object per match cost an allocation, array
 * growth and a pointer to follow at every read. Notes are read one at a time, never nested.
 */
const hitBuffer: MatchBuffer = createMatchBuffer();
let hitsUsed = 0;

/**
 * Buffers for the normalised fields of the note being read, one per field, kept between notes:
 * a normalised field is dropped when its note is done, so its arrays need not be new ones, which
 * cost an allocation and a collection for every note.
 */
const fieldSpaces: NormaliseSpace[] = [];

function fieldSpace(index: number): NormaliseSpace {
  while (fieldSpaces.length <= index) fieldSpaces.push(createNormaliseSpace());
  return fieldSpaces[index]!;
}

/** Kinds of words that are signals or shop names, handled while scanning a field. */
const SCANNED_KINDS = KIND_BIT.platform | KIND_BIT.whereToBuy | KIND_BIT.recommend | KIND_BIT.buyVerb | KIND_BIT.priceWord | KIND_BIT.onSite;

export function detectMentions(note: NoteText, options: DetectOptions = {}): Mention[] {
  const facts = lexiconTermFacts();
  const matcher = lexiconMatcher();
  const values = matcher.values;
  const traits = termTraits(facts, values);
  const lexicon: LexiconTables = { kinds: lexiconTermKinds(), facts, values, traits, terms: matcher.terms };
  hitsUsed = 0;
  const scans = noteFields(note).map(([field, text], index) => scanField(field, text, lexicon, fieldSpace(index)));

  // A note is a shopping note when any part of it names a shop, a price, a link or a cue, or when
  // it uses several buying or recommendation words.
  let hardSignals = 0;
  let softSignals = 0;
  for (const scan of scans) {
    for (const signal of scan.signals) {
      if (signal.hard || signal.kind === 'price') hardSignals++;
      else softSignals++;
    }
  }
  const shoppingNote = options.assumeShopping === true || hardSignals > 0 || softSignals >= 2;

  // Each field's product mentions go after its other mentions, in the same list, which is then
  // put in order; a note of one field (a description, a listing title) returns that list as it is.
  for (const scan of scans) productMentions(scan, shoppingNote, options.assumeShopping === true, lexicon);
  if (scans.length === 1) return sortByPosition(scans[0]!.mentions, scans[0]!.spans);
  const mentions: Mention[] = [];
  for (const scan of scans) {
    // A loop, not push(...spread): a megabyte note has more mentions than the stack has room for arguments.
    for (const mention of sortByPosition(scan.mentions, scan.spans)) mentions.push(mention);
  }
  return mentions;
}

interface Span {
  start: number;
  end: number;
}

/** Start and end of each item being sorted, kept between calls. */
let sortStarts = new Int32Array(256);
let sortEnds = new Int32Array(256);
let sortOrder = new Int32Array(512);

/**
 * The mentions by start, longer first at the same start, ties in the order given: what a stable
 * `sort((a, b) => a.start - b.start || b.end - a.end)` returns. The list is a few runs already in
 * order (prices, shops, products, brands…), so it merges those runs. Each item's start and end are
 * read once into typed arrays and the merge moves indices: mentions come in many shapes, so every
 * property read of one is a megamorphic lookup, which a comparison per step paid twice over.
 */
function sortByPosition<T extends Span>(list: T[], spans?: readonly number[]): T[] {
  const length = list.length;
  if (length < 2) return list;
  if (sortStarts.length < length) {
    sortStarts = new Int32Array(Math.max(length, sortStarts.length * 2));
    sortEnds = new Int32Array(sortStarts.length);
    sortOrder = new Int32Array(2 * sortStarts.length);
  }
  const starts = sortStarts;
  const ends = sortEnds;
  if (spans) {
    for (let i = 0; i < length; i++) {
      starts[i] = spans[2 * i]!;
      ends[i] = spans[2 * i + 1]!;
    }
  } else {
    for (let i = 0; i < length; i++) {
      const item = list[i]!;
      starts[i] = item.start;
      ends[i] = item.end;
    }
  }
  // Ends of the runs that are already in order: item i goes after item i - 1 unless it starts later,
  // or at the same place and is shorter.
  const runEnds: number[] = [];
  for (let i = 1; i < length; i++) {
    if (starts[i - 1]! > starts[i]! || (starts[i - 1] === starts[i] && ends[i - 1]! < ends[i]!)) runEnds.push(i);
  }
  if (runEnds.length === 0) return list;
  runEnds.push(length);
  // Indices in two halves of one array, merged back and forth.
  const order = sortOrder;
  for (let i = 0; i < length; i++) order[i] = i;
  let source = 0;
  let target = length;
  let bounds = runEnds;
  while (bounds.length > 1) {
    const merged: number[] = [];
    let start = 0;
    for (let r = 0; r < bounds.length; r += 2) {
      const middle = bounds[r]!;
      const end = r + 1 < bounds.length ? bounds[r + 1]! : middle;
      let i = start;
      let j = middle;
      let k = start;
      // Left first on ties: the merge is stable.
      while (i < middle && j < end) {
        const left = order[source + i]!;
        const right = order[source + j]!;
        const rightFirst = starts[left]! > starts[right]! || (starts[left] === starts[right] && ends[left]! < ends[right]!);
        if (rightFirst) {
          order[target + k++] = right;
          j++;
        } else {
          order[target + k++] = left;
          i++;
        }
      }
      while (i < middle) order[target + k++] = order[source + i++]!;
      while (j < end) order[target + k++] = order[source + j++]!;
      merged.push(end);
      start = end;
    }
    [source, target] = [target, source];
    bounds = merged;
  }
  const sorted = new Array<T>(length);
  for (let k = 0; k < length; k++) sorted[k] = list[order[source + k]!]!;
  return sorted;
}

/**
 * The kind bits of each hit's term (KIND_BIT), by hit (as hitBuffer), written by scanField as it
 * keeps the hit: the passes over the hits in productMentions skip most of them without reading the
 * hit. Kept between notes, like hitBuffer (an array per field grew by a push per word).
 */
let hitKindsScratch = new Uint16Array(256);

/**
 * Positions taken by links, codes and prices in the field being scanned: words inside them (the
 * "tb" of m.tb.cn) are not words. Kept between fields (scans never nest); module functions rather
 * than closures made per field, which cost an allocation each (and a name, in builds that keep names).
 */
let takenAt = new Uint8Array(1024);
let anyTaken = false;
/**
 * The same positions as spans `[takenStarts[k], takenEnds[k])`, `takenCount` of them, in order and
 * apart (a span is taken only where nothing is yet): the lexicon matches, also in order, are tested
 * against them with one cursor, where reading the marks cost a read per unit of every match.
 */
let takenStarts = new Int32Array(64);
let takenEnds = new Int32Array(64);
let takenCount = 0;

function clearTaken(length: number): void {
  if (takenAt.length < length) takenAt = new Uint8Array(Math.max(length, takenAt.length * 2));
  else takenAt.fill(0, 0, length);
  anyTaken = false;
  takenCount = 0;
}

function take(span: Span): void {
  takenAt.fill(1, span.start, span.end);
  anyTaken = true;
  // An empty span takes no position.
  if (span.end <= span.start) return;
  if (takenCount === takenStarts.length) {
    const starts = new Int32Array(2 * takenCount);
    const ends = new Int32Array(2 * takenCount);
    starts.set(takenStarts);
    ends.set(takenEnds);
    takenStarts = starts;
    takenEnds = ends;
  }
  // Links, codes and prices are each taken in order: insertion keeps the spans in order.
  let k = takenCount++;
  for (; k > 0 && takenStarts[k - 1]! > span.start; k--) {
    takenStarts[k] = takenStarts[k - 1]!;
    takenEnds[k] = takenEnds[k - 1]!;
  }
  takenStarts[k] = span.start;
  takenEnds[k] = span.end;
}

function isTaken(start: number, end: number): boolean {
  return anyTaken && anyMarked(takenAt, start, end);
}

function anyMarked(marks: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (marks[i]) return true;
  return false;
}

/**
 * Whether cz, hu, mf or fu stands right before a digit in the normalised text, as at the start of
 * every newer share code (see findShareCodes). Looks at the marked places only: every digit is one.
 */
function newerCodeLettersBeforeDigit(normalised: NormalisedText): boolean {
  const { codes, marks } = normalised;
  for (let k = 0; k < marks.length; k++) {
    const at = marks[k]!;
    const code = codes[at]!;
    if (code < 0x30 || code > 0x39 || at < 2) continue;
    const first = codes[at - 2]!;
    const second = codes[at - 1]!;
    if ((first === 0x63 && second === 0x7a) || (first === 0x68 && second === 0x75) || (first === 0x6d && second === 0x66) || (first === 0x66 && second === 0x75)) {
      return true;
    }
  }
  return false;
}

/**
 * Whether 人均, 每人 or 一人 stands within the three units before `at`: what
 * `/人均|每人|一人/.test(text.slice(at - 3, at))` says, without a string and a regex run per price.
 */
function perPersonBefore(codes: Uint16Array, at: number): boolean {
  for (let k = Math.max(0, at - 3); k + 1 < at; k++) {
    const first = codes[k]!;
    const second = codes[k + 1]!;
    if ((first === 0x4eba /* 人 */ && second === 0x5747) /* 均 */ || (second === 0x4eba && (first === 0x6bcf /* 每 */ || first === 0x4e00) /* 一 */)) return true;
  }
  return false;
}

/**
 * A mention of the normalised span `[start, end)`, with the properties in the order the output has
 * always had: field, start, end, text, kind, then the rest. Every caller sets confidence, last (no
 * object spreads: they cost more than the rest of the mention).
 */
function spanMention(field: string, original: string, normalised: NormalisedText, start: number, end: number, kind: Mention['kind']): Mention {
  const span = originalSpan(normalised, start, end);
  return { field, start: span.start, end: span.end, text: original.slice(span.start, span.end), kind } as Mention;
}

/** The original text of the normalised span `[start, end)`. */
function originalText(original: string, normalised: NormalisedText, start: number, end: number): string {
  const span = originalSpan(normalised, start, end);
  return original.slice(span.start, span.end);
}

/**
 * Reads the original text of normalised spans. Made here rather than as an arrow in scanField: the
 * variables an arrow captures live in a heap context, and scanField reads these two in its loops.
 */
function originalSlicer(original: string, normalised: NormalisedText): (start: number, end: number) => string {
  return (start, end) => originalText(original, normalised, start, end);
}

/** Matches, rule hits and the non-product mentions (prices, shops, links…) of one field. */
function scanField(field: string, original: string, lexicon: LexiconTables, space: NormaliseSpace): FieldScan {
  const normalised = normalise(original, space);
  const text = normalised.text;
  const mentions: Mention[] = [];
  const spans: number[] = [];
  const signals: Signal[] = [];
  clearTaken(text.length);

  // Each rule below runs only on text holding a unit that every one of its matches has: most
  // notes have no link and no share code, and a field without a numeral has no price.
  const features = normalised.features;
  const links = features & FEATURE_LINK ? findLinks(text) : [];
  for (const link of links) {
    take(link);
    signals.push(signalOf(link.start, link.end, 'link'));
    const found = spanMention(field, original, normalised, link.start, link.end, 'link');
    found.platform = link.platform;
    if (link.itemId) found.itemId = link.itemId;
    found.confidence = link.itemId ? 0.95 : 0.8;
    mentions.push(found);
    spans.push(found.start, found.end);
  }
  // A code between signs needs a sign; a newer code (CZ0001) needs digits and its two upper-case
  // letters as the note wrote them (the feature says one of the letters is there, the test on the
  // original text that the pair is). Skipping the newer kind in text without them changes nothing
  // else: they are only letters, digits and a space, so a code between signs never overlaps one.
  // Nor can there be one where the normalised text has no cz, hu, mf or fu before a digit, which
  // is found from the marks at less cost than the test on the original.
  const mayHaveNewerCode =
    (features & (FEATURE_CODE_LETTER | FEATURE_DIGIT)) === (FEATURE_CODE_LETTER | FEATURE_DIGIT) &&
    newerCodeLettersBeforeDigit(normalised) &&
    NEWER_CODE_LETTERS.test(original);
  const mayHaveCode = (features & FEATURE_CODE_SIGN) !== 0 || mayHaveNewerCode;
  const codes = mayHaveCode ? findShareCodes(text, originalSlicer(original, normalised), mayHaveNewerCode) : [];
  for (const code of codes) {
    if (isTaken(code.start, code.end)) continue;
    take(code);
    signals.push(signalOf(code.start, code.end, 'shareCode'));
    const found = spanMention(field, original, normalised, code.start, code.end, 'shareCode');
    found.platform = 'taobao';
    if (code.title) found.query = code.title;
    found.confidence = 0.95;
    mentions.push(found);
    spans.push(found.start, found.end);
  }
  const prices = features & FEATURE_NUMERAL ? findPricesIn(normalised) : [];
  for (const price of prices) {
    if (isTaken(price.start, price.end)) continue;
    take(price);
    // 人均120 is what a meal cost, not what something to buy costs.
    if (!perPersonBefore(normalised.codes, price.start)) {
      signals.push(signalOf(price.start, price.end, 'price'));
    }
    const cny = price.currency === 'CNY' ? (price.amount ?? price.min ?? price.max) : undefined;
    // The frequent mentions are built whole, fields in output order (see productMentions).
    const from = normalised.starts[price.start] ?? 0;
    const to = price.end > price.start ? (normalised.ends[price.end - 1] ?? 0) : from;
    const confidence = price.approx ? 0.7 : 0.85;
    mentions.push(
      cny !== undefined
        ? { field, start: from, end: to, text: original.slice(from, to), kind: 'price', priceCny: cny, confidence }
        : { field, start: from, end: to, text: original.slice(from, to), kind: 'price', confidence },
    );
    spans.push(from, to);
  }

  let onSite = false;
  const hitsFrom = hitsUsed;
  const matchesTo = lexiconMatcher().scanInto(text, hitBuffer, hitsFrom, normalised.codes);
  // Locals for the loop: module variables would be loaded again at every word.
  const kinds = lexicon.kinds;
  const values = lexicon.values;
  const hitStarts = hitBuffer.starts;
  const hitEnds = hitBuffer.ends;
  const hitTerms = hitBuffer.terms;
  // The kinds of the kept matches, by hit, for productMentions (kept for all the note's fields).
  if (hitKindsScratch.length < matchesTo) {
    const grown = new Uint16Array(Math.max(matchesTo, 2 * hitKindsScratch.length));
    grown.set(hitKindsScratch.subarray(0, hitsFrom));
    hitKindsScratch = grown;
  }
  const hitKinds = hitKindsScratch;
  const spansTaken = takenCount;
  const spanStarts = takenStarts;
  const spanEnds = takenEnds;
  // The first taken span that ends after the match being read (matches come in order).
  let takenCursor = 0;
  // Matches under a link, code or price are dropped: the kept ones move down in place.
  let hitsTo = hitsFrom;
  for (let matchIndex = hitsFrom; matchIndex < matchesTo; matchIndex++) {
    const start = hitStarts[matchIndex]!;
    const end = hitEnds[matchIndex]!;
    const term = hitTerms[matchIndex]!;
    while (takenCursor < spansTaken && spanEnds[takenCursor]! <= start) takenCursor++;
    if (takenCursor < spansTaken && spanStarts[takenCursor]! < end) continue;
    // Most words are products, brands or attributes: skip the walk over their entries. So are words
    // that only place the note in a café, a sight or a class (店里, 景点, 上课), the most frequent of the rest.
    const termKinds = kinds[term]!;
    const scanned = termKinds & SCANNED_KINDS;
    if (scanned === KIND_BIT.onSite) {
      onSite = true;
    } else if (scanned !== 0) {
      for (const entry of values[term]!) {
        switch (entry.kind) {
          case 'platform': {
            // 🐶 🐱 🐟 are shops only next to a buying word (🐟收的, 🐶买的); in a pet note they are pets.
            const emoji = end - start === 2 && normalised.codes[start]! >= 0xd800 && entry.platform !== 'taobao';
            if (emoji && !nextToBuyingWord(hitBuffer, hitsFrom, matchesTo, matchIndex, normalised.codes, kinds)) break;
            signals.push(signalOf(start, end, entry.disguised ? 'disguisedPlatform' : 'platform'));
            const from = normalised.starts[start] ?? 0;
            const to = normalised.ends[end - 1] ?? 0;
            const confidence = entry.disguised ? (emoji ? 0.4 : 0.6) : 0.85;
            mentions.push({ field, start: from, end: to, text: original.slice(from, to), kind: 'platform', platform: entry.platform, confidence });
            spans.push(from, to);
            break;
          }
          case 'whereToBuy': {
            signals.push(signalOf(start, end, 'whereToBuy'));
            const from = normalised.starts[start] ?? 0;
            const to = normalised.ends[end - 1] ?? 0;
            mentions.push({ field, start: from, end: to, text: original.slice(from, to), kind: 'whereToBuy', confidence: 0.8 });
            spans.push(from, to);
            break;
          }
          case 'recommend':
          case 'buyVerb':
          case 'priceWord':
            signals.push(signalOf(start, end, entry.kind));
            break;
          case 'onSite':
            onSite = true;
            break;
          default:
            break;
        }
      }
    }
    // Kept: moved down in place after its entries were read (nextToBuyingWord reads the matches around it).
    hitStarts[hitsTo] = start;
    hitEnds[hitsTo] = end;
    hitTerms[hitsTo] = term;
    hitKinds[hitsTo] = termKinds;
    hitsTo++;
  }
  hitsUsed = hitsTo;
  // The signals are a few runs in order (links, codes, prices, words): merging them costs less than
  // sort() with a comparator. Signals that start together may come out longest first instead of in
  // the order found, which nothing reads: SignalWindow only asks which signals are near.
  return { field, original, normalised, hitsFrom, hitsTo, signals: sortByPosition(signals), mentions, spans, onSite };
}

/** Roles of the hits of the field being scored, kept between fields: a new typed array of more than 64 bytes costs a microsecond. */
let rolesScratch = new Uint8Array(256);

/** A mention of the normalised span `[start, end)` of a field, with its confidence. */
function scoredMention(scan: FieldScan, start: number, end: number, kind: Mention['kind'], confidence: number): Mention {
  const normalised = scan.normalised;
  const from = normalised.starts[start] ?? 0;
  const to = end > start ? (normalised.ends[end - 1] ?? 0) : from;
  return { field: scan.field, start: from, end: to, text: scan.original.slice(from, to), kind, confidence };
}

/** Product and brand mentions of one field, scored by the context around each word: added to `scan.mentions`. */
function productMentions(scan: FieldScan, shoppingNote: boolean, listing: boolean, lexicon: LexiconTables): void {
  const { hitsFrom, hitsTo, signals, normalised } = scan;
  const hits = hitBuffer;
  const hitStarts = hits.starts;
  const hitEnds = hits.ends;
  const hitTerms = hits.terms;
  const text = normalised.text;
  const codes = normalised.codes;
  let fieldSignal = 0;
  for (const signal of signals) fieldSignal = Math.max(fieldSignal, signal.strength);
  const contextBonus =
    fieldSignal * FIELD_SIGNAL_SHARE + (shoppingNote ? SHOPPING_NOTE_BONUS : 0) - (scan.onSite ? ON_SITE_PENALTY : 0);

  const mentions = scan.mentions;
  const spans = scan.spans;
  // Where this field's product and brand mentions begin in `mentions`.
  const first = mentions.length;
  // Per hit: 1 when a product word after it took it as its brand (BRAND_LINKED) or attribute (ATTRIBUTE_USED).
  // Both by index in hitBuffer, as the hits.
  if (rolesScratch.length < hitsTo) rolesScratch = new Uint8Array(Math.max(hitsTo, rolesScratch.length * 2));
  const roles = rolesScratch;
  roles.fill(0, hitsFrom, hitsTo);
  const hitKinds = hitKindsScratch;

  const nearby = new SignalWindow(signals);
  for (let index = hitsFrom; index < hitsTo; index++) {
    if (!(hitKinds[index]! & KIND_BIT.category)) continue;
    const hitStart = hitStarts[index]!;
    const hitEnd = hitEnds[index]!;
    const term = hitTerms[index]!;
    if (!isProduct(hits, hitsFrom, hitsTo, index, codes, lexicon) || followedByModel(hitEnd, term, codes, lexicon)) continue;
    const traits = lexicon.traits[term]!;

    // Walk back over attributes and a brand standing right before the product word.
    let spanStart = hitStart;
    let brandIndex = -1;
    let attributes: Array<{ surface: string; zh: string; en: string }> | undefined;
    for (let back = index - 1, edge = hitStart; back >= hitsFrom && index - back <= 4; back--) {
      const previousStart = hitStarts[back]!;
      const previousEnd = hitEnds[back]!;
      if (!isGap(codes, previousEnd, edge)) break;
      const attribute = attributeOf(hitTerms[back]!, lexicon);
      if (brandIndex < 0 && brandOf(hitTerms[back]!, lexicon)) {
        brandIndex = back;
      } else if (attribute) {
        (attributes ??= []).unshift({ surface: text.slice(previousStart, previousEnd), zh: attribute.zh, en: attribute.en });
        roles[back]! |= ATTRIBUTE_USED;
        if (brandIndex < 0 && isBlank(codes, previousEnd, spanStart)) spanStart = previousStart;
      } else {
        break;
      }
      edge = previousStart;
    }
    const brandEntry = brandIndex >= 0 ? brandOf(hitTerms[brandIndex]!, lexicon) : undefined;
    if (brandEntry) roles[brandIndex]! |= BRAND_LINKED;
    const attributeCount = attributes?.length ?? 0;
    // Single-character heads (帽, 器, 台) find 工作帽 or 定时器 in listing titles, but in free text they
    // are too often part of other words (代表, 台湾): there they need an attribute or brand before
    // them, and alone they are never marked. Dropped before the signals around them are looked at:
    // the window only moves forward, so a query left out changes none after it.
    const weakAlone = (traits & TERM_WEAK) !== 0 && !brandEntry && attributeCount === 0;
    if (weakAlone && !listing) continue;
    const previousHitEnd = index > hitsFrom ? hitEnds[index - 1]! : 0;
    // Most product words have no Latin letter before them: that is read here, without the call.
    const unknownBrand = brandEntry || !brandLetterBefore(codes, spanStart, previousHitEnd) ? undefined : latinWordBefore(text, codes, spanStart, previousHitEnd);

    const strongest = nearby.strongest(hitStart, hitEnd);
    let confidence = traits & TERM_WEAK ? BASE.weakTerm : traits & TERM_COMPOUND ? BASE.compound : BASE.term;
    if (brandEntry) confidence += BRAND_NEXT_TO_PRODUCT;
    confidence += Math.min(attributeCount, 2) * ATTRIBUTE_BONUS;
    confidence += strongest + contextBonus;
    if (traits & TERM_COMMON && !nearby.hard && !listing) confidence -= COMMON_WORD_PENALTY;
    if (weakAlone) confidence = Math.min(confidence, MARK_THRESHOLD - 0.05);
    if (confidence < REPORT_THRESHOLD) continue;

    // Most product words stand alone: their query and English name are the term's, worked out once.
    const plain = plainProduct(term, lexicon);
    const words =
      plain && !brandEntry && !unknownBrand && !attributes ? plain : describedProduct(term, hitStart, hitEnd, plain, brandEntry, unknownBrand, attributes, normalised, lexicon);
    const { query, english, id } = words;

    // Built whole, in the order of the output's fields: adding fields to a mention one by one
    // costs a new hidden class and a property store to grow for each.
    const from = normalised.starts[spanStart] ?? 0;
    const to = hitEnd > spanStart ? (normalised.ends[hitEnd - 1] ?? 0) : from;
    const surface = scan.original.slice(from, to);
    const productConfidence = round(Math.min(1, confidence));
    if (unknownBrand) {
      // A Latin name right before a product word in Chinese text is nearly always a brand (Ubras内衣).
      // Added before the product, which it precedes in the text: the list stays in order for the sort.
      const brand = scoredMention(scan, unknownBrand.start, unknownBrand.end, 'brand', round(Math.min(1, UNKNOWN_BRAND_BASE + strongest + contextBonus)));
      brand.en = capitalise(unknownBrand.word);
      brand.query = unknownBrand.word;
      mentions.push(brand);
      spans.push(brand.start, brand.end);
    }
    mentions.push(
      brandEntry
        ? { field: scan.field, start: from, end: to, text: surface, kind: 'product', confidence: productConfidence, category: id, en: english, brand: brandEntry.id, query }
        : { field: scan.field, start: from, end: to, text: surface, kind: 'product', confidence: productConfidence, category: id, en: english, query },
    );
    spans.push(from, to);
  }

  materialMentions(scan, shoppingNote, lexicon, roles, hitKinds);
  brandMentions(scan, listing, contextBonus, lexicon, roles, hitKinds);
  if (listing && scan.field === 'title') titleBrandMentions(scan, first, lexicon);
}

/**
 * Materials on their own, not taken by a product word after them (see productMentions), as
 * mentions of `scan`. Apart from productMentions, as the brands below: a function of that size
 * leaves the compiler no room to inline the small ones it calls.
 */
function materialMentions(scan: FieldScan, shoppingNote: boolean, lexicon: LexiconTables, roles: Uint8Array, hitKinds: Uint16Array): void {
  const { hitsFrom, hitsTo, signals } = scan;
  const hitStarts = hitBuffer.starts;
  const hitEnds = hitBuffer.ends;
  const hitTerms = hitBuffer.terms;
  const mentions = scan.mentions;
  const spans = scan.spans;
  const nearby = new SignalWindow(signals);
  for (let index = hitsFrom; index < hitsTo; index++) {
    if (!(hitKinds[index]! & KIND_BIT.attribute) || roles[index]! & ATTRIBUTE_USED) continue;
    const hitStart = hitStarts[index]!;
    const hitEnd = hitEnds[index]!;
    const term = hitTerms[index]!;
    // Materials on their own (不锈钢, 陶瓷) still tell a seller's title what the thing is made of.
    const attribute = attributeOf(term, lexicon);
    if (!attribute || attribute.type !== 'material' || hitEnd - hitStart < 2 || lexicon.values[term]!.length > 1) continue;
    if (!shoppingNote && nearby.strongest(hitStart, hitEnd) === 0) continue;
    const material = scoredMention(scan, hitStart, hitEnd, 'attribute', ATTRIBUTE_CONFIDENCE);
    material.en = attribute.en;
    material.query = attribute.zh;
    mentions.push(material);
    spans.push(material.start, material.end);
  }
}

/** Brand mentions of `scan`: names next to a product word (roles), or with enough around them. */
function brandMentions(scan: FieldScan, listing: boolean, contextBonus: number, lexicon: LexiconTables, roles: Uint8Array, hitKinds: Uint16Array): void {
  const { hitsFrom, hitsTo, signals } = scan;
  const hitStarts = hitBuffer.starts;
  const hitEnds = hitBuffer.ends;
  const hitTerms = hitBuffer.terms;
  const mentions = scan.mentions;
  const spans = scan.spans;
  const normalised = scan.normalised;
  const codes = normalised.codes;
  const hits = hitBuffer;
  const nearby = new SignalWindow(signals);
  for (let index = hitsFrom; index < hitsTo; index++) {
    if (!(hitKinds[index]! & KIND_BIT.brand)) continue;
    const hitStart = hitStarts[index]!;
    const hitEnd = hitEnds[index]!;
    const term = hitTerms[index]!;
    const brand = brandOf(term, lexicon);
    if (!brand) continue;
    const linked = (roles[index]! & BRAND_LINKED) !== 0;
    // 小米 the grain, 苹果 the fruit, unless a product or a model number follows.
    if (!linked && isProduct(hits, hitsFrom, hitsTo, index, codes, lexicon) && !followedByModel(hitEnd, term, codes, lexicon)) continue;
    let confidence = brand.ambiguous ? BASE.ambiguousBrand : BASE.brand;
    if (linked) confidence += BRAND_NEXT_TO_PRODUCT;
    confidence += nearby.strongest(hitStart, hitEnd) + contextBonus;
    // A listing title is all product words, so one next to 小熊 or 英雄 says little: such a name is
    // reported there but only marked with a model number after it (苹果6s).
    if (listing && brand.ambiguous && !followedByModel(hitEnd, term, codes, lexicon)) confidence = Math.min(confidence, MARK_THRESHOLD - 0.05);
    if (confidence < REPORT_THRESHOLD) continue;
    const from = normalised.starts[hitStart] ?? 0;
    const to = normalised.ends[hitEnd - 1] ?? 0;
    mentions.push({
      field: scan.field,
      start: from,
      end: to,
      text: scan.original.slice(from, to),
      kind: 'brand',
      confidence: round(Math.min(1, confidence)),
      brand: brand.id,
      en: displayLatin(brand),
      query: brand.zh[0] ?? brand.latin[0]!,
    });
    spans.push(from, to);
  }

}

/** Unknown brands by the shape of a listing title, as mentions of `scan` (its product and brand mentions begin at `first`). */
function titleBrandMentions(scan: FieldScan, first: number, lexicon: LexiconTables): void {
  const { hitsFrom, hitsTo, normalised } = scan;
  const mentions = scan.mentions;
  const spans = scan.spans;
  const text = normalised.text;
  for (const found of titleBrands(text, termMatches(hitBuffer, hitsFrom, hitsTo, lexicon.values))) {
    const confidence = TITLE_BRAND_CONFIDENCE[found.rule];
    const same = findBrandMention(mentions, first, normalised.starts[found.start]!, normalised.ends[found.end - 1]!);
    if (same) {
      // The Latin name before a product word was already read as a brand: the title's shape backs it up.
      if (!same.brand) same.confidence = Math.max(same.confidence, confidence);
      continue;
    }
    const word = text.slice(found.start, found.end);
    const brand = scoredMention(scan, found.start, found.end, 'brand', confidence);
    brand.en = hasHan(word, 0, word.length) ? word : capitalise(word);
    brand.query = word;
    mentions.push(brand);
    spans.push(brand.start, brand.end);
  }
}

/**
 * The query, English name and category id of a product mention whose word has a brand or
 * attributes before it (or a word read from the text: see plainProduct). A function apart from
 * productMentions, whose loop runs it for few words.
 */
function describedProduct(
  term: number,
  hitStart: number,
  hitEnd: number,
  plain: PlainProduct | null,
  brandEntry: BrandInfo | undefined,
  unknownBrand: { word: string } | undefined,
  attributes: Array<{ surface: string; zh: string; en: string }> | undefined,
  normalised: NormalisedText,
  lexicon: LexiconTables,
): { query: string; english: string; id: string } {
  const category = lexicon.facts[term]!.category!;
  const productWord = plain ? plain.word : !category.weak && hasHanUnits(normalised.codes, hitStart, hitEnd) ? normalised.text.slice(hitStart, hitEnd) : category.category.zh[0]!;
  let query = brandEntry ? brandEntry.zh[0] || brandEntry.latin[0]! : (unknownBrand?.word ?? '');
  let english = brandEntry ? displayLatin(brandEntry) : unknownBrand ? capitalise(unknownBrand.word) : '';
  if (attributes) {
    for (const attribute of attributes) {
      query += hasHan(attribute.surface, 0, attribute.surface.length) ? attribute.surface : attribute.zh;
      english = joinWords(english, attribute.en);
    }
  }
  query += productWord;
  if (category.prefixEn) english = joinWords(english, category.prefixEn);
  english = joinWords(english, category.en);
  if (query.length > 200) query = query.slice(0, 200);
  return { query, english, id: category.category.id };
}

/** The first brand mention from `first` on that overlaps the original span `[start, end)`. */
function findBrandMention(mentions: Mention[], first: number, start: number, end: number): Mention | undefined {
  for (let k = first; k < mentions.length; k++) {
    const other = mentions[k]!;
    if (other.kind === 'brand' && other.start < end && other.end > start) return other;
  }
  return undefined;
}

/** Unknown brands by the shape of a listing title: pairs and shop names are marked, a bare leading word is only reported. */
const TITLE_BRAND_CONFIDENCE = { pair: 0.7, shop: 0.6, latinLead: 0.55, hanLead: 0.35, alias: 0.45, latinAlone: 0.45, hanAlone: 0.35, bracket: 0.35, pai: 0.35, fits: 0.45 } as const;

const BRAND_LINKED = 1;
const ATTRIBUTE_USED = 2;

/**
 * Whether a hit is read as a product here. A word that is also an attribute (短袖, 防晒) or a brand
 * (小米) is read that way when a product word follows it directly. `index` is the hit's place in
 * `hits`, where the field's hits are `[from, to)`. Reads the typed tables only (kinds, TERM_*
 * traits): the facts objects lie all over the heap, and most product words read here are dropped.
 */
function isProduct(hits: MatchBuffer, from: number, to: number, index: number, codes: Uint16Array, lexicon: LexiconTables): boolean {
  const term = hits.terms[index]!;
  const kinds = lexicon.kinds;
  if (!(kinds[term]! & KIND_BIT.category)) return false;
  const traits = lexicon.traits[term]!;
  if (traits & TERM_SEVERAL) {
    const following = index + 1;
    if (following < to && hits.starts[following] === hits.ends[index] && kinds[hits.terms[following]!]! & KIND_BIT.category) return false;
    // 三星苹果通用, 华为/小米: a name among other brands is the brand, not the fruit or the grain.
    if (
      traits & TERM_BRAND &&
      ((index > from && listedWithBrand(hits, index, index - 1, codes, kinds)) || (index + 1 < to && listedWithBrand(hits, index, index + 1, codes, kinds)))
    ) {
      return false;
    }
  }
  return true;
}

/** Traits of a term (by `TermMatch.term`) that scoring reads for every product word: see termTraits. */
const TERM_SEVERAL = 1;
const TERM_BRAND = 2;
const TERM_WEAK = 4;
const TERM_COMPOUND = 8;
const TERM_COMMON = 16;

let traitsTable: Uint8Array | undefined;
let traitsFor: TermFacts[] | undefined;

/**
 * TERM_* of each term, for `facts`: whether it has several entries, a brand, and its category's
 * weak, compound and common flags. Built once per lexicon, a byte per term.
 */
function termTraits(facts: TermFacts[], values: readonly LexiconEntry[][]): Uint8Array {
  if (traitsTable && traitsFor === facts) return traitsTable;
  const traits = new Uint8Array(facts.length);
  for (let term = 0; term < facts.length; term++) {
    const { brand, category } = facts[term]!;
    traits[term] =
      (values[term]!.length > 1 ? TERM_SEVERAL : 0) |
      (brand ? TERM_BRAND : 0) |
      (category?.weak ? TERM_WEAK : 0) |
      (category?.compound ? TERM_COMPOUND : 0) |
      (category?.common ? TERM_COMMON : 0);
  }
  traitsTable = traits;
  traitsFor = facts;
  return traits;
}

/**
 * A product mention's query and English name when no brand or attribute stands before its word,
 * its category's id, and the product word itself: the term when it has a Han character (the
 * note's own word), else the category's Chinese name.
 */
interface PlainProduct {
  word: string;
  query: string;
  english: string;
  id: string;
}

/** PlainProduct by term, for the lexicon of plainProductsFor; null for a term whose word must be read from the text. */
let plainProducts: Array<PlainProduct | null | undefined> = [];
let plainProductsFor: TermFacts[] | undefined;

/**
 * The PlainProduct of a product term, worked out at its first mention and kept; null when the
 * word depends on the text: a term with a space, which also stands for - _ , . and · (SAME_UNITS),
 * is written in the note in whichever of them it has.
 */
function plainProduct(term: number, lexicon: LexiconTables): PlainProduct | null {
  // The lookup alone, small enough to be inlined where it is called; the record is made apart.
  const known = plainProductsFor === lexicon.facts ? plainProducts[term] : undefined;
  return known !== undefined ? known : makePlainProduct(term, lexicon);
}

function makePlainProduct(term: number, lexicon: LexiconTables): PlainProduct | null {
  if (plainProductsFor !== lexicon.facts) {
    // One slot per term from the start: an empty array given an element at index 20,000 switches to
    // dictionary elements, and every lookup then took V8's megamorphic path through a hash table.
    plainProducts = new Array<PlainProduct | null | undefined>(lexicon.facts.length).fill(undefined);
    plainProductsFor = lexicon.facts;
  }
  const category = lexicon.facts[term]!.category!;
  const text = lexicon.terms[term]!;
  const own = !category.weak && hasHan(text, 0, text.length);
  let plain: PlainProduct | null = null;
  if (!own || !text.includes(' ')) {
    const word = own ? text : category.category.zh[0]!;
    let english = '';
    if (category.prefixEn) english = joinWords(english, category.prefixEn);
    english = joinWords(english, category.en);
    plain = { word, query: word.length > 200 ? word.slice(0, 200) : word, english, id: category.category.id };
  }
  plainProducts[term] = plain;
  return plain;
}

/** Whether hit `other` (of the same field) is a brand standing right next to hit `index`, or with a separator of a list between. */
function listedWithBrand(hits: MatchBuffer, index: number, other: number, codes: Uint16Array, kinds: Uint16Array): boolean {
  if ((kinds[hits.terms[other]!]! & (KIND_BIT.brand | KIND_BIT.category)) !== KIND_BIT.brand) return false;
  const from = other < index ? hits.ends[other]! : hits.ends[index]!;
  const to = other < index ? hits.starts[index]! : hits.starts[other]!;
  if (to - from > 1) return false;
  return to === from || LIST_SEPARATORS.has(codes[from]!);
}

/** What stands between the names in a list of brands: 三星/苹果, 华为、小米, 苹果 安卓. */
const LIST_SEPARATORS = new Set([0x2f, 0x2c, 0x3001, 0x20, 0xff0c]);

/** A brand name (term `term`, ending at `end`) followed by a model number (苹果6s, 小米11) is the brand, not the fruit or grain. */
function followedByModel(end: number, term: number, codes: Uint16Array, lexicon: LexiconTables): boolean {
  return end < codes.length && isLatinOrDigit(codes[end]!) && brandOf(term, lexicon) !== undefined;
}

function brandOf(term: number, lexicon: LexiconTables): BrandInfo | undefined {
  return lexicon.kinds[term]! & KIND_BIT.brand ? lexicon.facts[term]!.brand : undefined;
}

function attributeOf(term: number, lexicon: LexiconTables): Extract<LexiconEntry, { kind: 'attribute' }> | undefined {
  return lexicon.kinds[term]! & KIND_BIT.attribute ? lexicon.facts[term]!.attribute : undefined;
}

/** The hits `[from, to)` of `hits` as match objects, for titleBrands (listing titles only). */
function termMatches(hits: MatchBuffer, from: number, to: number, values: readonly LexiconEntry[][]): Array<TermMatch<LexiconEntry[]>> {
  const matches: Array<TermMatch<LexiconEntry[]>> = [];
  for (let k = from; k < to; k++) matches.push({ start: hits.starts[k]!, end: hits.ends[k]!, value: values[hits.terms[k]!]!, term: hits.terms[k]! });
  return matches;
}

const BUYING_WORDS = KIND_BIT.buyVerb | KIND_BIT.whereToBuy | KIND_BIT.priceWord;

/** Whether a buying word stands next to match `index` of the field's matches `[from, to)` in `matches`. */
function nextToBuyingWord(matches: MatchBuffer, from: number, to: number, index: number, codes: Uint16Array, kinds: Uint16Array): boolean {
  const { starts, ends, terms } = matches;
  const before = index - 1;
  const after = index + 1;
  return Boolean(
    (before >= from && isGap(codes, ends[before]!, starts[index]!) && kinds[terms[before]!]! & BUYING_WORDS) ||
      (after < to && isGap(codes, ends[index]!, starts[after]!) && kinds[terms[after]!]! & BUYING_WORDS),
  );
}

/** At most two spaces or 的 between words that belong together (得力的便利贴, Deli sticky notes). */
function isGap(codes: Uint16Array, from: number, to: number): boolean {
  if (to - from > 2) return false;
  for (let i = from; i < to; i++) {
    const code = codes[i]!;
    if (code !== 0x20 && code !== 0x0a && code !== 0x7684 /* 的 */ && code !== 0x4e4b /* 之 */ && code !== 0xb7 /* · */) return false;
  }
  return true;
}

function isHanCode(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

function hasHan(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isHanCode(text.charCodeAt(i))) return true;
  return false;
}

/** hasHan over units (NormalisedText.codes). */
function hasHanUnits(codes: Uint16Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isHanCode(codes[i]!)) return true;
  return false;
}

/** Lower-case Latin letters and digits (the text is normalised). */
function isLatinOrDigit(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** Whether `text.slice(from, to).trim()` is empty: only white space (the characters of `\s`) between. */
function isBlank(codes: Uint16Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = codes[i]!;
    const space =
      (code >= 0x09 && code <= 0x0d) || code === 0x20 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
      code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
    if (!space) return false;
  }
  return true;
}

function joinWords(first: string, second: string): string {
  if (!second) return first;
  return first ? `${first} ${second}` : second;
}

/** Words that stand before product words in Chinese text without being brands. */
const NOT_BRANDS = new Set(['the', 'and', 'for', 'with', 'new', 'diy', 'led', 'usb', 'pro', 'max', 'plus', 'mini', 'ins', 'vip', 'top', 'cos', 'jk', 'lolita', 'oversize', 'type', 'wifi', 'pvc', 'abs', 'size', 'free', 'hot', 'sale', 'good', 'nice', 'cute', 'ok']);

/**
 * A Latin word (3–20 letters) ending right before `at`, with at most one space between, that no
 * lexicon match covers: the unknown brand in "Ubras内衣". Only in Chinese text: in an English
 * caption the word before a product is usually an adjective.
 */
function latinWordBefore(text: string, codes: Uint16Array, at: number, previousHitEnd: number): { start: number; end: number; word: string } | undefined {
  if (!isHanCode(codes[at]!)) return undefined;
  let end = at;
  if (end > 0 && codes[end - 1] === 0x20) end--;
  let start = end;
  while (start > previousHitEnd && end - start < 21 && isBrandLetter(codes[start - 1]!)) start--;
  if (end - start < 3 || end - start > 20 || (start > 0 && isLatinOrDigit(codes[start - 1]!))) return undefined;
  const word = text.slice(start, end);
  return NOT_BRANDS.has(word) ? undefined : { start, end, word };
}

/**
 * Whether a brand letter stands right before `at` (or before a space there), after
 * `previousHitEnd`: without one, latinWordBefore finds no word.
 */
function brandLetterBefore(codes: Uint16Array, at: number, previousHitEnd: number): boolean {
  const end = at > 0 && codes[at - 1] === 0x20 ? at - 1 : at;
  return end > previousHitEnd && isBrandLetter(codes[end - 1]!);
}

/** Letters of a Latin brand name: a-z, ' and &. */
function isBrandLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || code === 0x27 || code === 0x26;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const displayNames = new WeakMap<BrandInfo, string>();

/** The brand's Latin name in title case (li-ning → Li-Ning), computed once per brand. */
function displayLatin(brand: BrandInfo): string {
  let name = displayNames.get(brand);
  if (name === undefined) {
    const latin = brand.latin[0];
    name = latin ? latin.replace(/(^|[\s-])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase()) : (brand.zh[0] ?? brand.id);
    displayNames.set(brand, name);
  }
  return name;
}

/**
 * The strongest signal within CONTEXT_WINDOW characters of a span, and whether a hard one is among
 * them. Queries must come in order of position: the window only moves forward, and signals never
 * overlap, so each query looks at a bounded number of signals and the whole walk stays linear.
 */
class SignalWindow {
  /** Whether the last query found a hard signal (a shop, a cue, a code or a link) nearby. */
  hard = false;
  private first = 0;

  constructor(private readonly signals: readonly Signal[]) {}

  strongest(start: number, end: number): number {
    const signals = this.signals;
    let first = this.first;
    while (first < signals.length && signals[first]!.end < start - CONTEXT_WINDOW) first++;
    this.first = first;
    let strongest = 0;
    let hard = false;
    for (let i = first; i < signals.length && signals[i]!.start <= end + CONTEXT_WINDOW; i++) {
      const signal = signals[i]!;
      if (signal.end < start - CONTEXT_WINDOW) continue;
      if (signal.strength > strongest) strongest = signal.strength;
      if (signal.hard) hard = true;
    }
    this.hard = hard;
    return strongest;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
