import type { Mention } from '../messaging/schemas';
import { lexiconTermFacts, KIND_BIT } from './lexicon';
import { originalSpan } from './normalise';
import type { FieldScan } from './scan';
import { isGap } from './words';

/**
 * Detection's third stage: the signals of a field, the words and rules that say "this is about
 * buying" (a price, a shop, a where-to-buy cue, a link, a share code, a buying or recommendation
 * word), and the mentions they make themselves (prices, shops, links, codes, cues). Products are
 * scored by the signals near them (see SignalWindow).
 */

export const SIGNAL_STRENGTH = {
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
export type SignalKind = keyof typeof SIGNAL_STRENGTH;

export interface Signal {
  start: number;
  end: number;
  kind: SignalKind;
  strength: number;
  /** A shop, a cue, a code or a link: enough even for everyday words such as 咖啡. */
  hard: boolean;
}

export interface FieldSignals {
  /** In order of position; they never overlap (the words, links, codes and prices they come from do not). */
  signals: Signal[];
  /** Prices, shops, cues, links and share codes. */
  mentions: Mention[];
  /** Whether a word places the note in a café, a sight or a class (店里, 景点, 上课). */
  onSite: boolean;
}

/** How far (in normalised characters) a price or shop word still speaks for a product word. */
export const CONTEXT_WINDOW = 30;

const HARD_KINDS: ReadonlySet<SignalKind> = new Set(['platform', 'whereToBuy', 'shareCode', 'link']);
const BUYING_WORDS = KIND_BIT.buyVerb | KIND_BIT.whereToBuy | KIND_BIT.priceWord;

function signal(start: number, end: number, kind: SignalKind): Signal {
  return { start, end, kind, strength: SIGNAL_STRENGTH[kind], hard: HARD_KINDS.has(kind) };
}

export function fieldSignals(scan: FieldScan): FieldSignals {
  const { field, original, normalised } = scan;
  const signals: Signal[] = [];
  const mentions: Mention[] = [];
  /** The original span of the normalised span `[start, end)`, with its text. */
  const place = (start: number, end: number) => {
    const span = originalSpan(normalised, start, end);
    return { start: span.start, end: span.end, text: original.slice(span.start, span.end) };
  };

  for (const link of scan.links) {
    signals.push(signal(link.start, link.end, 'link'));
    const { start, end, text } = place(link.start, link.end);
    const { platform, itemId } = link;
    mentions.push(itemId ? { field, start, end, text, kind: 'link', platform, itemId, confidence: 0.95 } : { field, start, end, text, kind: 'link', platform, confidence: 0.8 });
  }
  for (const code of scan.codes) {
    signals.push(signal(code.start, code.end, 'shareCode'));
    const { start, end, text } = place(code.start, code.end);
    const kind = 'shareCode';
    mentions.push(code.title ? { field, start, end, text, kind, platform: 'taobao', query: code.title, confidence: 0.95 } : { field, start, end, text, kind, platform: 'taobao', confidence: 0.95 });
  }
  for (const price of scan.prices) {
    // 人均120 is what a meal cost, not what something to buy costs.
    const before = normalised.text.slice(Math.max(0, price.start - 3), price.start);
    if (!/人均|每人|一人/.test(before)) signals.push(signal(price.start, price.end, 'price'));
    const cny = price.currency === 'CNY' ? (price.amount ?? price.min ?? price.max) : undefined;
    const confidence = price.approx ? 0.7 : 0.85;
    const { start, end, text } = place(price.start, price.end);
    mentions.push(cny !== undefined ? { field, start, end, text, kind: 'price', priceCny: cny, confidence } : { field, start, end, text, kind: 'price', confidence });
  }

  const facts = lexiconTermFacts();
  const codes = normalised.codes;
  const matches = scan.matches;
  // Whether a buying word stands right next to match `at` (🐟收的, 🐶买的).
  const nextToBuyingWord = (at: number) => {
    const before = matches[at - 1];
    const after = matches[at + 1];
    const match = matches[at]!;
    return (
      (before !== undefined && isGap(codes, before.end, match.start) && (facts[before.term]!.kinds & BUYING_WORDS) !== 0) ||
      (after !== undefined && isGap(codes, match.end, after.start) && (facts[after.term]!.kinds & BUYING_WORDS) !== 0)
    );
  };
  let onSite = false;
  for (const hit of scan.hits) {
    const { start, end } = hit;
    for (const entry of hit.value) {
      switch (entry.kind) {
        case 'platform': {
          // 🐶 🐱 🐟 are shops only next to a buying word; in a pet note they are pets.
          const emoji = end - start === 2 && codes[start]! >= 0xd800 && entry.platform !== 'taobao';
          if (emoji && !nextToBuyingWord(hit.at)) break;
          signals.push(signal(start, end, entry.disguised ? 'disguisedPlatform' : 'platform'));
          const confidence = entry.disguised ? (emoji ? 0.4 : 0.6) : 0.85;
          const placed = place(start, end);
          mentions.push({ field, start: placed.start, end: placed.end, text: placed.text, kind: 'platform', platform: entry.platform, confidence });
          break;
        }
        case 'whereToBuy': {
          signals.push(signal(start, end, 'whereToBuy'));
          const placed = place(start, end);
          mentions.push({ field, start: placed.start, end: placed.end, text: placed.text, kind: 'whereToBuy', confidence: 0.8 });
          break;
        }
        case 'recommend':
        case 'buyVerb':
        case 'priceWord':
          signals.push(signal(start, end, entry.kind));
          break;
        case 'onSite':
          onSite = true;
          break;
        default:
          break;
      }
    }
  }
  signals.sort((a, b) => a.start - b.start || b.end - a.end);
  return { signals, mentions, onSite };
}

/**
 * A note is a shopping note when any part of it names a shop, a price, a link or a cue, or when
 * it uses several buying or recommendation words.
 */
export function isShoppingNote(fields: readonly FieldSignals[]): boolean {
  const counts = { hard: 0, soft: 0 };
  for (const field of fields) {
    const { hard, soft } = signalCounts(field);
    counts.hard += hard;
    counts.soft += soft;
  }
  return isShopping(counts);
}

export function isShopping({ hard, soft }: { hard: number; soft: number }): boolean {
  return hard > 0 || soft >= 2;
}

/** How many of a field's signals name a shop, a price, a link or a cue (hard), and how many are buying or recommendation words. */
export function signalCounts({ signals }: FieldSignals): { hard: number; soft: number } {
  let hard = 0;
  for (const found of signals) if (found.hard || found.kind === 'price') hard++;
  return { hard, soft: signals.length - hard };
}

/**
 * The strongest signal within CONTEXT_WINDOW characters of a span, and whether a hard one is among
 * them. Queries must come in order of position: the window only moves forward, and signals never
 * overlap, so each query looks at a bounded number of signals and the whole walk stays linear.
 */
export class SignalWindow {
  /** Whether the last query found a hard signal nearby. */
  hard = false;
  private first = 0;

  constructor(private readonly signals: readonly Signal[]) {}

  strongest(start: number, end: number): number {
    const signals = this.signals;
    while (this.first < signals.length && signals[this.first]!.end < start - CONTEXT_WINDOW) this.first++;
    let strongest = 0;
    this.hard = false;
    for (let i = this.first; i < signals.length && signals[i]!.start <= end + CONTEXT_WINDOW; i++) {
      const nearby = signals[i]!;
      if (nearby.end < start - CONTEXT_WINDOW) continue;
      strongest = Math.max(strongest, nearby.strength);
      if (nearby.hard) this.hard = true;
    }
    return strongest;
  }
}
