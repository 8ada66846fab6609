import { z } from 'zod/mini';
import { allCategories, findCategory } from '../mentions/categories';
import glossaryData from './glossary.json';

/**
 * Search queries for Taobao, built from a mention (brand + key attributes + category word, the way
 * Taobao titles are written: `得力 便利贴`, `刺绣卫衣`) or translated from English with a small
 * glossary. Category words come from the category module, so the glossary never repeats them.
 */

const GLOSSARY_KINDS = ['brand', 'attribute', 'product', 'gender'] as const;
type GlossaryKind = (typeof GLOSSARY_KINDS)[number];

export const GlossarySchema = z.object({
  about: z.string(),
  asOf: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  entries: z.array(
    z.object({
      en: z.string().check(z.minLength(1), z.regex(/^[a-z0-9&'\- ]+$/)),
      zh: z.string().check(z.minLength(1)),
      kind: z.enum(GLOSSARY_KINDS),
    }),
  ),
});
export type Glossary = z.infer<typeof GlossarySchema>;

export const GLOSSARY: Glossary = GlossarySchema.parse(glossaryData);

/** The longest query Taobao's search box keeps whole. */
const MAX_QUERY_LENGTH = 60;
/** Up to this many English words form one glossary phrase (`the north face`). */
const MAX_PHRASE_WORDS = 4;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

const GENDER_WORDS = new Set([...GLOSSARY.entries.filter((entry) => entry.kind === 'gender').map((entry) => entry.zh), '男童', '女童']);

type TermKind = GlossaryKind | 'category';

/** Plural and singular look alike to the dictionary: `notes` and `note`, but `glass` stays. */
function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function phraseKey(words: readonly string[]): string {
  return words.map(singular).join(' ');
}

function splitEnglish(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9][a-z0-9&'-]*/g) ?? [];
}

let dictionary: Map<string, { zh: string; kind: TermKind }> | undefined;

/** English phrase → Chinese term: category names first, then the glossary (which must not repeat them). */
function englishDictionary(): Map<string, { zh: string; kind: TermKind }> {
  if (dictionary) return dictionary;
  dictionary = new Map();
  for (const category of allCategories()) {
    const zh = category.zh[0];
    if (!zh) continue;
    for (const en of category.en) dictionary.set(phraseKey(splitEnglish(en)), { zh, kind: 'category' });
  }
  for (const { en, zh, kind } of GLOSSARY.entries) {
    const key = phraseKey(splitEnglish(en));
    if (!dictionary.has(key)) dictionary.set(key, { zh, kind });
  }
  return dictionary;
}

export interface TranslatedQuery {
  /** The Chinese query: brands, then attributes glued to the product word, then gender (`得力 荧光便利贴`). */
  query: string;
  /** English words the glossary did not know; they stay in the query as typed (model numbers, names). */
  untranslated: string[];
}

/** Translates an English shopping query to Chinese, longest glossary phrase first. */
export function translateQuery(english: string): TranslatedQuery {
  const words = splitEnglish(english.slice(0, 1000));
  const known = englishDictionary();
  const parts: Record<TermKind, string[]> = { brand: [], attribute: [], product: [], category: [], gender: [] };
  const untranslated: string[] = [];
  for (let index = 0; index < words.length; ) {
    let matched = 0;
    for (let length = Math.min(MAX_PHRASE_WORDS, words.length - index); length > 0 && !matched; length--) {
      const term = known.get(phraseKey(words.slice(index, index + length)));
      if (term) {
        if (!parts[term.kind].includes(term.zh)) parts[term.kind].push(term.zh);
        matched = length;
      }
    }
    if (!matched) untranslated.push(words[index] ?? '');
    index += matched || 1;
  }
  const product = [...parts.attribute, ...parts.product, ...parts.category].join('') + parts.gender.join('');
  const query = [...parts.brand, product, ...untranslated].filter(Boolean).join(' ');
  return { query: query.slice(0, MAX_QUERY_LENGTH).trim(), untranslated };
}

export interface QuerySource {
  brand?: string;
  /** A category id, Chinese name or English name (`sticky-notes`, `便利贴`, `sticky notes`). */
  category?: string;
  attributes?: string[];
  /** The mention's text, used when brand, category and attributes say too little. */
  text: string;
}

/** A word in Chinese: kept when it is Chinese already, else translated through the glossary. */
function toChinese(word: string): string {
  const trimmed = word.trim();
  if (!trimmed || CJK.test(trimmed)) return trimmed;
  return translateQuery(trimmed).query;
}

/** The category's preferred Chinese search word, from its id or any of its names. */
function categoryWord(category: string | undefined, text: string): string {
  if (category) return findCategory(category)?.zh[0] ?? toChinese(category);
  // No category given: the first category word the text contains, longest names first (双肩包 before 包).
  const names = allCategories()
    .flatMap((info) => info.zh.map((name) => ({ name, preferred: info.zh[0] ?? name })))
    .sort((a, b) => b.name.length - a.name.length);
  let best: { at: number; preferred: string } | undefined;
  for (const { name, preferred } of names) {
    const at = text.indexOf(name);
    if (at >= 0 && (!best || at < best.at)) best = { at, preferred };
  }
  return best?.preferred ?? '';
}

/**
 * The Taobao query for a mention: `brand attributes+category` (`得力 荧光便利贴`, `小熊刺绣卫衣`).
 * With neither category nor attributes it falls back to the mention's own words.
 */
export function buildSearchQuery(source: QuerySource): string {
  const brand = source.brand ? toChinese(source.brand) : '';
  const category = categoryWord(source.category, source.text);
  const attributes: string[] = [];
  const genders: string[] = [];
  for (const attribute of source.attributes ?? []) {
    const word = toChinese(attribute);
    if (!word || category.includes(word) || brand.includes(word) || attributes.includes(word) || genders.includes(word)) continue;
    // Titles say 卫衣男, not 男卫衣: gender after the product word, so the query shares the title's bigram.
    (GENDER_WORDS.has(word) ? genders : attributes).push(word);
  }
  let product = attributes.join('') + category + genders.join('');
  if (!product) product = fallbackWords(source.text, brand);
  return [brand, product]
    .filter(Boolean)
    .join(' ')
    .slice(0, MAX_QUERY_LENGTH)
    .trim();
}

/** The mention's text as a query: Chinese text without punctuation, or English translated. */
function fallbackWords(text: string, brand: string): string {
  const trimmed = text.slice(0, 200);
  const words = CJK.test(trimmed)
    ? (trimmed.match(/[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]+/g) ?? []).join(' ')
    : translateQuery(trimmed).query;
  return words.replace(brand, '').replace(/\s+/g, ' ').trim();
}
