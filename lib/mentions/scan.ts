import { lexiconMatcher, type LexiconEntry } from './lexicon';
import { findLinks, findShareCodes, type LinkMatch, type ShareCodeMatch } from './links';
import type { TermMatch } from './matcher';
import { normalise, originalSpan, type NormalisedText } from './normalise';
import { findPricesIn, type PriceMatch } from './prices';

/**
 * Detection's second stage: what the rules and the lexicon find in one normalised field. Links,
 * share codes and prices come first and take their text: a lexicon word inside one of them (the
 * "tb" of m.tb.cn, the 元 of 99元) is not a word.
 */

export type FieldPrice = Omit<PriceMatch, 'text'>;

/** A lexicon match that no link, code or price covers, with its place among all the field's matches. */
export interface Hit extends TermMatch<LexiconEntry[]> {
  /** Its index in `FieldScan.matches`. */
  at: number;
}

export interface FieldScan {
  field: string;
  original: string;
  normalised: NormalisedText;
  links: LinkMatch[];
  /** Share codes that no link covers. */
  codes: ShareCodeMatch[];
  /** Prices that no link or code covers. */
  prices: FieldPrice[];
  /** Every lexicon match of the field, in order (some words read the words around them, kept or not). */
  matches: Array<TermMatch<LexiconEntry[]>>;
  /** The matches that no link, code or price covers, in order. */
  hits: Hit[];
}

export function scanField(field: string, original: string): FieldScan {
  const normalised = normalise(original);
  const text = normalised.text;
  // Positions taken by a link, a code or a price.
  const taken: boolean[] = new Array<boolean>(text.length).fill(false);
  const isFree = (span: { start: number; end: number }) => {
    for (let i = span.start; i < span.end; i++) if (taken[i]) return false;
    return true;
  };
  const take = (span: { start: number; end: number }) => {
    taken.fill(true, span.start, span.end);
    return true;
  };

  const links = findLinks(text);
  links.forEach(take);
  const originalText = (start: number, end: number) => {
    const span = originalSpan(normalised, start, end);
    return original.slice(span.start, span.end);
  };
  const codes = findShareCodes(text, originalText).filter((code) => isFree(code) && take(code));
  const prices = findPricesIn(normalised).filter((price) => isFree(price) && take(price));

  const matches = lexiconMatcher().scan(text, normalised.codes);
  const hits: Hit[] = [];
  matches.forEach((match, at) => {
    if (isFree(match)) hits.push({ start: match.start, end: match.end, value: match.value, term: match.term, at });
  });
  return { field, original, normalised, links, codes, prices, matches, hits };
}
