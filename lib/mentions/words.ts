import type { BrandInfo } from './lexicon';

/** Small readings of normalised text (lower-case, half-width) shared by the detection stages. */

/** At most two spaces or 的 between words that belong together (得力的便利贴, Deli sticky notes). */
export function isGap(codes: Uint16Array, from: number, to: number): boolean {
  if (to - from > 2) return false;
  for (let i = from; i < to; i++) {
    const code = codes[i]!;
    if (code !== 0x20 && code !== 0x0a && code !== 0x7684 /* 的 */ && code !== 0x4e4b /* 之 */ && code !== 0xb7 /* · */) return false;
  }
  return true;
}

export function isHanCode(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

export function hasHan(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

/** Lower-case Latin letters and digits (the text is normalised). */
export function isLatinOrDigit(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** Whether only white space stands between. */
export function isBlank(text: string, from: number, to: number): boolean {
  return text.slice(from, to).trim() === '';
}

export function joinWords(first: string, second: string): string {
  if (!second) return first;
  return first ? `${first} ${second}` : second;
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The brand's Latin name in title case (li-ning → Li-Ning). */
export function displayLatin(brand: BrandInfo): string {
  const latin = brand.latin[0];
  return latin ? latin.replace(/(^|[\s-])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase()) : (brand.zh[0] ?? brand.id);
}

/** Words that stand before product words in Chinese text without being brands. */
const NOT_BRANDS = new Set(['the', 'and', 'for', 'with', 'new', 'diy', 'led', 'usb', 'pro', 'max', 'plus', 'mini', 'ins', 'vip', 'top', 'cos', 'jk', 'lolita', 'oversize', 'type', 'wifi', 'pvc', 'abs', 'size', 'free', 'hot', 'sale', 'good', 'nice', 'cute', 'ok']);

/** Letters of a Latin brand name: a-z, ' and &. */
function isBrandLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || code === 0x27 || code === 0x26;
}

/**
 * A Latin word (3–20 letters) ending right before `at`, with at most one space between, after
 * `previousHitEnd`: the unknown brand in "Ubras内衣". Only in Chinese text: in an English caption
 * the word before a product is usually an adjective.
 */
export function latinWordBefore(text: string, codes: Uint16Array, at: number, previousHitEnd: number): { start: number; end: number; word: string } | undefined {
  if (!isHanCode(codes[at]!)) return undefined;
  let end = at;
  if (end > 0 && codes[end - 1] === 0x20) end--;
  let start = end;
  while (start > previousHitEnd && end - start < 21 && isBrandLetter(codes[start - 1]!)) start--;
  if (end - start < 3 || end - start > 20 || (start > 0 && isLatinOrDigit(codes[start - 1]!))) return undefined;
  const word = text.slice(start, end);
  return NOT_BRANDS.has(word) ? undefined : { start, end, word };
}
