import type { Signal } from './signals';
import { MARK_THRESHOLD } from './threshold';

/**
 * Detection's last stage: how sure each candidate is. Evidence weights, tuned on the fixtures in
 * tests/fixtures/notes: product words in the shopping notes clear MARK_THRESHOLD, those in the
 * non-shopping notes stay below it.
 */

export { MARK_THRESHOLD };
/** Candidates below this are not reported at all. */
export const REPORT_THRESHOLD = 0.25;

const BASE = { term: 0.3, compound: 0.35, weakTerm: 0.1, brand: 0.45, ambiguousBrand: 0.15 };
const BRAND_NEXT_TO_PRODUCT = 0.3;
const UNKNOWN_BRAND_BASE = 0.15;
export const ATTRIBUTE_CONFIDENCE = 0.3;
const ATTRIBUTE_BONUS = 0.05;
const FIELD_SIGNAL_SHARE = 0.5;
const SHOPPING_NOTE_BONUS = 0.2;
const COMMON_WORD_PENALTY = 0.2;
const ON_SITE_PENALTY = 0.2;
/** Where a candidate that must not be marked is held: just under MARK_THRESHOLD. */
const BELOW_MARK = MARK_THRESHOLD - 0.05;

/** Titles' unknown brands by the shape of a listing title: pairs and shop names are marked, a bare leading word is only reported. */
export const TITLE_BRAND_CONFIDENCE = { pair: 0.7, shop: 0.6, latinLead: 0.55, hanLead: 0.35, alias: 0.45, latinAlone: 0.45, hanAlone: 0.35, bracket: 0.35, pai: 0.35, fits: 0.45 } as const;

/** What a whole field says for every word in it: its strongest signal, the note being a shopping one, a café or a sight. */
export function contextBonus(signals: readonly Signal[], shoppingNote: boolean, onSite: boolean): number {
  let fieldSignal = 0;
  for (const signal of signals) fieldSignal = Math.max(fieldSignal, signal.strength);
  return fieldSignal * FIELD_SIGNAL_SHARE + (shoppingNote ? SHOPPING_NOTE_BONUS : 0) - (onSite ? ON_SITE_PENALTY : 0);
}

export interface ProductEvidence {
  /** The category's flags: a one-character head (帽, 器), a compound word, an everyday word (咖啡). */
  weak: boolean;
  compound: boolean;
  common: boolean;
  /** A known brand right before the word. */
  brand: boolean;
  attributes: number;
  /** The strongest signal near the word, and whether a hard one is among those near it. */
  strongest: number;
  hardNearby: boolean;
  context: number;
  /** A listing title: all its words are products. */
  listing: boolean;
}

export function productConfidence(evidence: ProductEvidence): number {
  let confidence = evidence.weak ? BASE.weakTerm : evidence.compound ? BASE.compound : BASE.term;
  if (evidence.brand) confidence += BRAND_NEXT_TO_PRODUCT;
  confidence += Math.min(evidence.attributes, 2) * ATTRIBUTE_BONUS;
  confidence += evidence.strongest + evidence.context;
  if (evidence.common && !evidence.hardNearby && !evidence.listing) confidence -= COMMON_WORD_PENALTY;
  // A one-character head (粉, 笔, 帽) is reported, never marked: in free text it is most often part
  // of a longer word the lexicon lacks (兰蔻粉水 is toner, not powder), and in a listing title it
  // needs a brand or an attribute before it.
  if (evidence.weak && (!evidence.listing || (!evidence.brand && evidence.attributes === 0))) confidence = Math.min(confidence, BELOW_MARK);
  return confidence;
}

/** A Latin word right before a product word in Chinese text (Ubras内衣). */
export function unknownBrandConfidence(strongest: number, context: number): number {
  return UNKNOWN_BRAND_BASE + strongest + context;
}

export interface BrandEvidence {
  ambiguous: boolean;
  /** A product word after it took it as its brand. */
  linked: boolean;
  strongest: number;
  context: number;
  /** A listing title, and no model number after the name. */
  listingWithoutModel: boolean;
}

export function brandConfidence(evidence: BrandEvidence): number {
  let confidence = evidence.ambiguous ? BASE.ambiguousBrand : BASE.brand;
  if (evidence.linked) confidence += BRAND_NEXT_TO_PRODUCT;
  confidence += evidence.strongest + evidence.context;
  // A listing title is all product words, so one next to 小熊 or 英雄 says little: such a name is
  // reported there but only marked with a model number after it (苹果6s).
  if (evidence.ambiguous && evidence.listingWithoutModel) confidence = Math.min(confidence, BELOW_MARK);
  return confidence;
}

/** A confidence as reported: at most 1, two decimals. */
export function reported(confidence: number): number {
  return Math.round(Math.min(1, confidence) * 100) / 100;
}
