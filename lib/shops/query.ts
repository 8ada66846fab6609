import { z } from 'zod/mini';
import { allCategories, findCategory, type CategoryInfo } from '../mentions/categories';
import { createMatcher, type Matcher } from '../mentions/matcher';
import { normalise } from '../mentions/normalise';
import glossaryData from './glossary.json';

/**
 * Search queries for Taobao, built from a mention (brand + key attributes + category word, the way
 * Taobao titles are written: `得力 便利贴`, `刺绣卫衣`) or translated from English with a small
 * glossary. Category words come from the category module, so the glossary never repeats them.
 */

const GLOSSARY_KINDS = ['brand', 'attribute', 'product', 'gender'] as const;
type GlossaryKind = (typeof GLOSSARY_KINDS)[number];

const GlossaryEntrySchema = z.object({
  en: z.string().check(z.minLength(1), z.regex(/^[a-z0-9&'\- ]+$/)),
  zh: z.string().check(z.minLength(1)),
  kind: z.enum(GLOSSARY_KINDS),
});

export const GlossarySchema = z.object({
  about: z.string(),
  asOf: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  entries: z.array(GlossaryEntrySchema),
  /**
   * English category names read more precisely than the category's preferred word: a product
   * (`stapler` → 订书机, one of the stationery category's own Chinese names) or a brand
   * (`post-it notes` → 3M 报事贴). tests/unit/shops/query.test.ts checks each against the lexicon.
   */
  refinements: z.array(z.extend(GlossaryEntrySchema, { kind: z.enum(['product', 'brand']) })),
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

/**
 * English phrase → Chinese term: category names first, then the glossary (which must not repeat
 * them), then the glossary's refinements, which win: the lexicon pairs `stapler` with a whole
 * category (文具), not with the one of its Chinese names that means a stapler (订书机).
 */
function englishDictionary(): Map<string, { zh: string; kind: TermKind }> {
  if (dictionary) return dictionary;
  dictionary = new Map();
  const displayNames = new Set<string>();
  for (const category of allCategories()) {
    const zh = category.zh[0];
    if (!zh) continue;
    for (const en of category.en) dictionary.set(phraseKey(splitEnglish(en)), { zh, kind: 'category' });
    if (category.en[0]) displayNames.add(phraseKey(splitEnglish(category.en[0])));
  }
  // A name's own English is searched for by that name: "oats" is 燕麦, not the first word of its
  // category (方便面, instant food). A category's display name still means the category. Where
  // several names share an English name, the first listed (the common word) is the one searched:
  // "gel pen" is 中性笔, not 果汁笔.
  const named = new Set<string>();
  for (const category of allCategories()) {
    for (const [zh, en] of Object.entries(category.enByName ?? {})) {
      const key = phraseKey(splitEnglish(en));
      if (displayNames.has(key) || named.has(key)) continue;
      dictionary.set(key, { zh, kind: 'category' });
      named.add(key);
    }
  }
  for (const { en, zh, kind } of GLOSSARY.entries) {
    const key = phraseKey(splitEnglish(en));
    if (!dictionary.has(key)) dictionary.set(key, { zh, kind });
  }
  for (const { en, zh, kind } of GLOSSARY.refinements) dictionary.set(phraseKey(splitEnglish(en)), { zh, kind });
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

/** Chinese category names of two characters or more → their category, for finding them in text. */
let categoryNames: Matcher<{ name: string; category: CategoryInfo }> | undefined;

function categoryNameMatcher(): Matcher<{ name: string; category: CategoryInfo }> {
  if (categoryNames) return categoryNames;
  const terms = new Map<string, { name: string; category: CategoryInfo }>();
  for (const category of allCategories()) {
    for (const name of category.zh) {
      const term = normalise(name).text;
      // One character (链, 杯, 包) is part of too many other words (链接, 干杯, 包邮) to count alone.
      if (term.length >= 2 && !terms.has(term)) terms.set(term, { name: term, category });
    }
  }
  categoryNames = createMatcher(terms);
  return categoryNames;
}

/**
 * The search word for a category name: the name itself, which is often narrower than the category
 * (订书机 among 文具, 保温杯 among 杯子), unless it is a shorter form of the preferred word sharing a
 * character with it (背包 → 双肩包, 鞋 → 鞋子), which Taobao titles spell the preferred way.
 */
function searchWord(name: string, category: CategoryInfo): string {
  const preferred = category.zh[0] ?? name;
  const shorterForm = name.length < preferred.length && [...name].some((char) => preferred.includes(char));
  return shorterForm ? preferred : name;
}

/**
 * The longest category name in the text (the most specific), optionally of one category only. Of
 * equals the last wins: Chinese puts the product word last (小米手机, where 小米 is also millet).
 */
function categoryNameIn(text: string, only?: CategoryInfo): { name: string; category: CategoryInfo } | undefined {
  let best: { name: string; category: CategoryInfo } | undefined;
  for (const { value } of categoryNameMatcher().scan(normalise(text.slice(0, 2000)).text)) {
    if (only && value.category !== only) continue;
    if (!best || value.name.length >= best.name.length) best = value;
  }
  return best;
}

/**
 * The category's Chinese search word. A Chinese name given as the category is the user's word and
 * kept (保温杯 stays 保温杯); an id or English name takes the word the text uses for that category,
 * else its preferred word. With no category, the most specific category name in the text.
 */
function categoryWord(category: string | undefined, text: string): string {
  const given = category?.trim();
  if (given) {
    const info = findCategory(given);
    if (!info) return toChinese(given);
    if (CJK.test(given)) return searchWord(given, info);
    const found = categoryNameIn(text, info);
    return found ? searchWord(found.name, info) : (info.zh[0] ?? '');
  }
  const found = categoryNameIn(text);
  return found ? searchWord(found.name, found.category) : '';
}

/**
 * The Taobao query for a mention: `brand attributes+category` (`得力 荧光便利贴`, `小熊刺绣卫衣`).
 * With neither category nor attributes it falls back to the mention's own words.
 */
export function buildSearchQuery(source: QuerySource): string {
  const brand = source.brand ? toChinese(source.brand) : '';
  // The brand is not a category word, though some brands are everyday words too (小米 is millet).
  let textWithoutBrand = source.text;
  for (const name of [source.brand?.trim(), brand]) if (name) textWithoutBrand = textWithoutBrand.split(name).join(' ');
  const category = categoryWord(source.category, textWithoutBrand);
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
