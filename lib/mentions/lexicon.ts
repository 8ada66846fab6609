import { lexiconData } from './lexicon-data';
import { allCategories, englishName, type CategoryInfo } from './categories';
import { createMatcher, type Matcher } from './matcher';
import { normalise } from './normalise';

/**
 * The lexicon as the matcher sees it: every term (normalised the same way as note text) with what
 * it stands for. Compound forms (加绒 + 卫衣) are generated here from the prefix sets in
 * categories.json rather than stored, to keep the bundled JSON small.
 */

export type AttributeType = 'colour' | 'material' | 'style' | 'size';

export interface BrandInfo {
  id: string;
  zh: string[];
  latin: string[];
  /** The name is also an everyday word (小米, 美的): it needs a product or shopping words next to it. */
  ambiguous: boolean;
}

export type LexiconEntry =
  | {
      kind: 'category';
      category: CategoryInfo;
      /** An everyday word as well (food, pets): needs stronger shopping context. */
      common: boolean;
      /** A single character such as 帽 or 鞋: catches 工作帽, but is weak evidence alone. */
      weak: boolean;
      compound: boolean;
      /** The English of the matched name, without a compound's prefix: 燕麦 → oats, 加绒卫衣 → hoodie. */
      en: string;
      /** For a generated compound, the English of its prefix when that is an attribute (刺绣 → embroidered). */
      prefixEn?: string;
    }
  | { kind: 'brand'; brand: BrandInfo }
  | { kind: 'attribute'; type: AttributeType; zh: string; en: string }
  | { kind: 'platform'; platform: string; disguised: boolean }
  | { kind: 'whereToBuy' | 'recommend' | 'buyVerb' | 'priceWord' | 'onSite' | 'notProduct' };

// The files are validated against their schemas in tests/unit/mentions/lexicon.test.ts.

/** How many compound forms each category contributes per prefix set (its first Chinese names). */
const COMPOUND_BASE_NAMES = 3;

export function buildLexicon(): Map<string, LexiconEntry[]> {
  const { categories: categoriesData, brands: brandsData, attributes: attributesData, shopping: shoppingData } = lexiconData();
  const terms = new Map<string, LexiconEntry[]>();
  const add = (raw: string, entry: LexiconEntry) => {
    // One key for the forms the matcher does not tell apart (SAME_UNITS): `t-shirt` and `t shirt`.
    const term = sameUnitsAsSpace(normalise(raw).text.trim());
    if (!term) return;
    const entries = terms.get(term);
    if (!entries) terms.set(term, [entry]);
    else if (!entries.some((existing) => existing.kind === entry.kind)) entries.push(entry);
  };

  const attributeEnglish = new Map<string, string>();
  for (const type of ['colour', 'material', 'style', 'size'] as const) {
    for (const [forms, en] of attributesData[type]) for (const form of forms.split('|')) attributeEnglish.set(form, en);
  }
  const categoriesById = new Map(allCategories().map((category) => [category.id, category]));
  for (const group of categoriesData.groups) {
    const prefixes = group.compounds ? (categoriesData.compounds[group.compounds] ?? '').split('|') : [];
    for (const [id] of group.items) {
      const category = categoriesById.get(id)!;
      const common = group.common === true;
      for (const zh of category.zh) {
        add(zh, { kind: 'category', category, common, weak: zh.length === 1, compound: false, en: englishName(category, zh) });
      }
      const display = category.en[0]!;
      for (const en of category.en) {
        add(en, { kind: 'category', category, common, weak: false, compound: false, en: display });
        if (!en.endsWith('s') && /^[a-z]/.test(en)) add(`${en}s`, { kind: 'category', category, common, weak: false, compound: false, en: display });
      }
      const bases = category.zh.filter((zh) => zh.length >= 2).slice(0, COMPOUND_BASE_NAMES);
      for (const prefix of prefixes) {
        const prefixEn = attributeEnglish.get(prefix);
        for (const base of bases) {
          const en = englishName(category, base);
          add(prefix + base, { kind: 'category', category, common, weak: false, compound: true, en, ...(prefixEn ? { prefixEn } : {}) });
        }
      }
    }
  }
  for (const word of categoriesData.notProducts.split('|')) add(word, { kind: 'notProduct' });

  for (const [id, zh, latin, ambiguous] of brandsData.brands) {
    const brand: BrandInfo = { id, zh: split(zh), latin: split(latin), ambiguous: ambiguous === 1 };
    const entry: LexiconEntry = { kind: 'brand', brand };
    for (const name of brand.zh) add(name, entry);
    for (const name of brand.latin) for (const form of latinForms(name)) add(form, entry);
  }

  for (const type of ['colour', 'material', 'style', 'size'] as const) {
    for (const [forms, en] of attributesData[type]) {
      const zh = forms.split('|')[0]!;
      for (const form of forms.split('|')) add(form, { kind: 'attribute', type, zh, en });
      add(en, { kind: 'attribute', type, zh, en });
    }
  }

  for (const [platform, plain, disguised] of shoppingData.platforms) {
    for (const name of split(plain)) add(name, { kind: 'platform', platform, disguised: false });
    for (const name of split(disguised)) add(name, { kind: 'platform', platform, disguised: true });
  }
  for (const kind of ['whereToBuy', 'recommend', 'buyVerb', 'priceWord', 'onSite'] as const) {
    const list = kind === 'buyVerb' ? shoppingData.buyVerbs : kind === 'priceWord' ? shoppingData.priceWords : shoppingData[kind];
    for (const word of list.split('|')) add(word, { kind });
  }
  return terms;
}

let matcher: Matcher<LexiconEntry[]> | undefined;
let termFacts: TermFacts[] | undefined;
let termKinds: Uint16Array | undefined;

/** One bit per entry kind, for TermFacts.kinds. */
export const KIND_BIT = {
  category: 1,
  brand: 2,
  attribute: 4,
  platform: 8,
  whereToBuy: 16,
  recommend: 32,
  buyVerb: 64,
  priceWord: 128,
  onSite: 256,
  notProduct: 512,
} as const satisfies Record<LexiconEntry['kind'], number>;

/**
 * What detection asks of a term's entries, worked out once per term instead of once per match: the
 * kinds among them as bits, and the first entry of each kind it reads. Every TermFacts has the same
 * shape, where the entries come in several, so reading them stays fast at every call site.
 */
export interface TermFacts {
  kinds: number;
  category: Extract<LexiconEntry, { kind: 'category' }> | undefined;
  brand: BrandInfo | undefined;
  attribute: Extract<LexiconEntry, { kind: 'attribute' }> | undefined;
}

/**
 * TermFacts.kinds of each term, by `TermMatch.term`, in a typed array: tens of kilobytes, which the
 * cache keeps, where reading the kinds through the facts objects costs two scattered reads per word.
 */
export function lexiconTermKinds(): Uint16Array {
  termKinds ??= Uint16Array.from(lexiconTermFacts(), (facts) => facts.kinds);
  return termKinds;
}

/** TermFacts of each term of `lexiconMatcher()`, by `TermMatch.term`. */
export function lexiconTermFacts(): TermFacts[] {
  termFacts ??= lexiconMatcher().values.map((entries) => {
    const facts: TermFacts = { kinds: 0, category: undefined, brand: undefined, attribute: undefined };
    for (const entry of entries) {
      facts.kinds |= KIND_BIT[entry.kind];
      if (entry.kind === 'category') facts.category ??= entry;
      else if (entry.kind === 'brand') facts.brand ??= entry.brand;
      else if (entry.kind === 'attribute') facts.attribute ??= entry;
    }
    return facts;
  });
  return termFacts;
}

/** The matcher over the whole lexicon, built on first use (a few milliseconds) and kept. */
export function lexiconMatcher(): Matcher<LexiconEntry[]> {
  matcher ??= createMatcher(buildLexicon(), { sameUnits: SAME_UNITS });
  return matcher;
}

/** Sizes of the lexicon, for the README and the measurement script. */
export function lexiconStats() {
  const categories = allCategories();
  const handWritten = categories.reduce((sum, category) => sum + category.zh.length + category.en.length, 0);
  let categoryTerms = 0;
  for (const entries of buildLexicon().values()) if (entries.some((entry) => entry.kind === 'category')) categoryTerms++;
  const { attributes: attributesData, brands: brandsData } = lexiconData();
  const attributes = (['colour', 'material', 'style', 'size'] as const).reduce((sum, type) => sum + attributesData[type].length, 0);
  return {
    categories: categories.length,
    categoryNamesWritten: handWritten,
    categoryTerms,
    brands: brandsData.brands.length,
    attributes,
  };
}

/**
 * What sellers and notes put between the words of a name (`calvin_klein`, `banila-co`,
 * `estee,lauder`, `nature's·way`): the matcher takes each for a space, in names and in text.
 */
export const SAME_UNITS = ' -_,.·';
const SAME_UNIT_PATTERN = /[-_,.·]/g;

function sameUnitsAsSpace(term: string): string {
  return term.replace(SAME_UNIT_PATTERN, ' ');
}

/** Shortest Latin name that is also matched with its words run together (`thenorthface`, not `ckj`). */
const MIN_JOINED = 6;

/** A Latin brand name, and for a name of several words the same words run together (`calvinklein`). */
export function latinForms(name: string): string[] {
  const words = name.split(/[\s\-_,.·]+/).filter(Boolean);
  const joined = words.join('');
  return words.length < 2 || joined.length < MIN_JOINED ? [name] : [name, joined];
}

function split(names: string): string[] {
  return names ? names.split('|') : [];
}
