import type { PriceMatch } from '../mentions/prices';
import { z } from 'zod/mini';
import { allCategories, englishName, type CategoryInfo } from '../mentions/categories';
import attributesData from './data/attributes.json';
import brandsData from './data/brands.json';
import categoryWordsData from './data/category-words.json';
import slangData from './data/slang.json';
import unitsData from './data/units.json';
import type { LanguageCode, TranslationProvider } from './provider';

/**
 * The offline shopping glossary's data and readers: its terms (`glossaryTerms`), prices and
 * quantities with units. The page shows them through the word-by-word reading (reading.ts), which
 * puts these terms before CC-CEDICT. `createGlossary` is the older word list, kept as a small
 * provider with no dictionary (the pipeline's tests use it).
 *
 * The offline shopping glossary: no network, no model, always answers. It explains the words a
 * reader who cannot read Chinese needs to shop from a note — product words, brands, slang, units
 * and prices — as one line in the original order:
 *   种草 (recommended (makes you want it)) · 刺绣卫衣 (embroidered hoodie) · 一百多块 (100-odd yuan, about $14)
 * Glosses are in English whatever the target language: the data has English only.
 */

/** A price as `findPrices` in `lib/mentions/prices.ts` reports it. */
export type PriceMention = PriceMatch;
export type PriceFinder = (text: string) => PriceMention[];

/** Units of the user's currency per 1 CNY. */
export interface FxRate {
  currency: string;
  perCny: number;
}

export type GlossKind = 'slang' | 'product' | 'attribute' | 'brand' | 'unit' | 'price';

export interface GlossEntry {
  /** The original words, as written in the text. */
  text: string;
  meaning: string;
  kind: GlossKind;
  start: number;
  end: number;
}

export interface GlossaryOptions {
  findPrices: PriceFinder;
  /** Without it, prices are glossed in yuan only. */
  fx?: FxRate;
  /** Product words; defaults to the category lexicon, so new categories are glossed with no change here. */
  categories?: readonly CategoryInfo[];
}

export interface Glossary extends TranslationProvider {
  readonly id: 'glossary';
  /** The glosses of `text`, in order, each original term once. */
  gloss(text: string): GlossEntry[];
  /** The glosses as one readable line; empty when nothing in `text` is known. */
  glossLine(text: string): string;
}

const DictionaryEntrySchema = z.object({ zh: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)), en: z.string().check(z.minLength(1)) });
const DictionarySchema = z.object({ entries: z.array(DictionaryEntrySchema) });
const TERM_KINDS = ['slang', 'product', 'attribute', 'brand'] as const;
const CategoryWordsSchema = z.object({
  entries: z.array(z.extend(DictionaryEntrySchema, { kind: z.enum(TERM_KINDS) })),
});
const UnitsSchema = z.object({
  entries: z.array(
    z.object({
      zh: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
      en: z.string(),
      factor: z.optional(z.number()),
      metric: z.optional(z.string()),
    }),
  ),
});

export const GLOSSARY_DATA = {
  slang: DictionarySchema.parse(slangData).entries,
  attributes: DictionarySchema.parse(attributesData).entries,
  brands: DictionarySchema.parse(brandsData).entries,
  /** Category names glossed by what notes mean by them, not by their category's display name (定金: deposit, not visa). */
  categoryWords: CategoryWordsSchema.parse(categoryWordsData).entries,
  units: UnitsSchema.parse(unitsData).entries,
};

export const GLOSS_SEPARATOR = ' · ';

export interface Term {
  meaning: string;
  kind: (typeof TERM_KINDS)[number];
}

/**
 * The glossary's words, lower-cased, each with its meaning. Later sources win on a clash: a product
 * word is more useful than a slang reading of it, and a category word's own meaning (定金: deposit)
 * than its category's display name (visa).
 */
export function glossaryTerms(categories: readonly CategoryInfo[] = allCategories()): Map<string, Term> {
  const terms = new Map<string, Term>();
  const add = (words: readonly string[], meaning: string, kind: Term['kind']) => {
    for (const word of words) terms.set(word.toLowerCase(), { meaning, kind });
  };
  for (const entry of GLOSSARY_DATA.slang) add(entry.zh, entry.en, 'slang');
  for (const entry of GLOSSARY_DATA.brands) add(entry.zh, entry.en, 'brand');
  for (const entry of GLOSSARY_DATA.attributes) add(entry.zh, entry.en, 'attribute');
  // One-character names (条, 帽, 锅) sit inside too many other words to gloss on their own. Each
  // name in its own English where the lexicon has one (燕麦: oats), else its category's display name.
  for (const category of categories) {
    if (!category.en[0]) continue;
    for (const name of category.zh) if ([...name].length > 1) add([name], englishName(category, name), 'product');
  }
  for (const entry of GLOSSARY_DATA.categoryWords) add(entry.zh, entry.en, entry.kind);
  return terms;
}

export function createGlossary({ findPrices, fx, categories = allCategories() }: GlossaryOptions): Glossary {
  const terms = glossaryTerms(categories);
  const longestTerm = Math.max(0, ...[...terms.keys()].map((key) => key.length));

  function gloss(text: string): GlossEntry[] {
    const found: GlossEntry[] = [];
    const taken: Array<[number, number]> = [];
    const isFree = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
    const claim = (entry: GlossEntry) => {
      found.push(entry);
      taken.push([entry.start, entry.end]);
    };
    // Prices first, then quantities with units, then words in what is left: "一百多块" is a price,
    // not the number 一百 and the word 多.
    for (const price of findPrices(text)) {
      const meaning = describePrice(price, fx);
      if (meaning && isFree(price.start, price.end)) claim({ ...price, text: text.slice(price.start, price.end), meaning, kind: 'price' });
    }
    for (const quantity of findQuantities(text)) if (isFree(quantity.start, quantity.end)) claim(quantity);
    for (let index = 0; index < text.length; ) {
      const match = isFree(index, index + 1) ? longestTermAt(text, index) : undefined;
      if (match && isFree(index, index + match.length)) {
        claim({ text: text.slice(index, index + match.length), meaning: match.term.meaning, kind: match.term.kind, start: index, end: index + match.length });
        index += match.length;
      } else index++;
    }
    found.sort((a, b) => a.start - b.start);
    return dedupe(mergeAttributes(found, text));
  }

  function longestTermAt(text: string, start: number): { term: Term; length: number } | undefined {
    for (let length = Math.min(longestTerm, text.length - start); length > 0; length--) {
      const candidate = text.slice(start, start + length);
      const term = terms.get(candidate.toLowerCase());
      if (term && hasWordEdges(text, start, start + length)) return { term, length };
    }
    return undefined;
  }

  function glossLine(text: string): string {
    return gloss(text)
      .map((entry) => `${entry.text} (${entry.meaning})`)
      .join(GLOSS_SEPARATOR);
  }

  return {
    id: 'glossary',
    gloss,
    glossLine,
    async translate(texts: string[], _from: LanguageCode, _to: LanguageCode) {
      return texts.map(glossLine);
    },
  };
}

const ASCII_WORD = /[A-Za-z0-9]/;

/** `yyds` is slang, but not the `tb` in "tbh" nor the `nb` in "nba": Latin terms need word edges. */
export function hasWordEdges(text: string, start: number, end: number): boolean {
  const startsLatin = ASCII_WORD.test(text[start]!);
  const endsLatin = ASCII_WORD.test(text[end - 1]!);
  if (startsLatin && start > 0 && ASCII_WORD.test(text[start - 1]!)) return false;
  if (endsLatin && end < text.length && ASCII_WORD.test(text[end]!)) return false;
  return true;
}

/** 黑色 + 刺绣 + 卫衣 → "黑色刺绣卫衣 (black embroidered hoodie)": attributes read with the word they describe. */
function mergeAttributes(entries: GlossEntry[], text: string): GlossEntry[] {
  const merged: GlossEntry[] = [];
  let run: GlossEntry[] = [];
  const flush = () => {
    const last = run[run.length - 1];
    if (run.length > 1 && last) {
      merged.push({
        text: text.slice(run[0]!.start, last.end),
        meaning: run.map((entry) => entry.meaning).join(' '),
        kind: last.kind === 'product' ? 'product' : 'attribute',
        start: run[0]!.start,
        end: last.end,
      });
    } else merged.push(...run);
    run = [];
  };
  for (const entry of entries) {
    const previous = run[run.length - 1];
    const continues = previous?.kind === 'attribute' && previous.end === entry.start && (entry.kind === 'attribute' || entry.kind === 'product');
    if (!continues) flush();
    run.push(entry);
  }
  flush();
  return merged;
}

function dedupe(entries: GlossEntry[]): GlossEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = entry.text.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ── Prices ───────────────────────────────────────────────────────────────────────────────────────

/** "100-odd yuan, about $14", "about 50 yuan, about $7", "100–200 yuan, about $14–28". */
export function describePrice(price: PriceMention, fx: FxRate | undefined): string | undefined {
  const low = price.min ?? price.amount;
  const high = price.max ?? price.amount;
  if (low === undefined || high === undefined) return undefined;
  if (price.currency !== 'CNY') return formatMoney(low, high, price.currency);
  const number = (value: number) => PLAIN_NUMBER.format(value);
  let yuan: string;
  // 多, 几 and 余 after a number mean "and then some": 一百多块 is 100 to 199, said "100-odd", and
  // converted from its lower bound, as a reader would.
  const odd = price.approx && /[多几余+]/.test(price.text) && !/[-–~～到至]/.test(price.text);
  if (odd) yuan = `${number(low)}-odd yuan`;
  else if (high !== low) yuan = `${number(low)}–${number(high)} yuan`;
  else if (price.approx) yuan = `about ${number(low)} yuan`;
  else yuan = `${number(low)} yuan`;
  if (!fx || fx.currency === 'CNY') return yuan;
  return `${yuan}, about ${odd ? formatMoney(low * fx.perCny, low * fx.perCny, fx.currency) : formatMoney(low * fx.perCny, high * fx.perCny, fx.currency)}`;
}

const PLAIN_NUMBER = new Intl.NumberFormat('en');
// Making a formatter costs far more than using one: a note can have dozens of prices.
const MONEY_FORMATS = new Map<string, Intl.NumberFormat>();

/** "$14", or "$28–42" for a range. */
function formatMoney(low: number, high: number, currency: string): string {
  let format = MONEY_FORMATS.get(currency);
  // Two significant digits: a conversion at an approximate rate should not look exact.
  if (!format) MONEY_FORMATS.set(currency, (format = new Intl.NumberFormat('en', { style: 'currency', currency, maximumSignificantDigits: 2 })));
  return high !== low ? format.formatRange(low, high) : format.format(low);
}

// ── Quantities with units ────────────────────────────────────────────────────────────────────────

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 3, 2.5, 十, 十五, 二十, 一百二十, 半 → the number; undefined for anything else. */
export function parseSmallNumber(written: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(written)) return Number(written);
  if (written === '半') return 0.5;
  let total = 0;
  let digit: number | undefined;
  for (const char of written) {
    if (char in CHINESE_DIGITS) {
      if (digit !== undefined) return undefined;
      digit = CHINESE_DIGITS[char];
    } else if (char === '十' || char === '百' || char === '千') {
      total += (digit ?? 1) * { 十: 10, 百: 100, 千: 1000 }[char];
      digit = undefined;
    } else return undefined;
  }
  return written ? total + (digit ?? 0) : undefined;
}

const NUMBER = String.raw`\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+|半`;
const UNIT_WORDS = GLOSSARY_DATA.units.flatMap((unit) => unit.zh.map((zh) => ({ zh, unit }))).sort((a, b) => b.zh.length - a.zh.length);
const UNIT_BY_WORD = new Map(UNIT_WORDS.map(({ zh, unit }) => [zh, unit]));
const QUANTITY = new RegExp(
  String.raw`(?<letterSize>\b(?:XXS|XS|S|M|L|XL|XXL|XXXL|[2-5]XL))码|(?<number>${NUMBER})\s*(?<unit>${UNIT_WORDS.map((u) => u.zh).join('|')})(?:(?<=米)(?<fraction>[\d一二三四五六七八九]{1,2}))?`,
  'gu',
);

export function findQuantities(text: string): GlossEntry[] {
  const found: GlossEntry[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const groups = match.groups ?? {};
    const start = match.index;
    const end = start + match[0].length;
    const entry = (meaning: string): GlossEntry => ({ text: match[0], meaning, kind: 'unit', start, end });
    if (groups.letterSize) {
      found.push(entry(`size ${groups.letterSize}`));
      continue;
    }
    const value = parseSmallNumber(groups.number ?? '');
    const unit = UNIT_BY_WORD.get(groups.unit ?? '');
    if (value === undefined || !unit) continue;
    const round = (n: number) => Math.round(n * 100) / 100;
    if (unit.en === 'size') found.push(entry(`size ${value} EU`));
    else if (unit.en === 'm' && groups.fraction) {
      // 一米六 / 1米65 is how heights are said: 1.6 m, 1.65 m.
      const fraction = parseSmallNumber([...groups.fraction].map((d) => String(CHINESE_DIGITS[d] ?? d)).join(''));
      if (fraction !== undefined) found.push(entry(`${value}.${fraction} m`));
    } else if (unit.factor && unit.metric) found.push(entry(`${round(value * unit.factor)} ${unit.metric}`));
    else found.push(entry(`${value} ${unit.en}`));
  }
  return found;
}
