import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import attributes from '../../../lib/mentions/lexicon/attributes.json';
import brands from '../../../lib/mentions/lexicon/brands.json';
import categories from '../../../lib/mentions/lexicon/categories.json';
import shopping from '../../../lib/mentions/lexicon/shopping.json';
import variants from '../../../lib/mentions/lexicon/variants.json';
import {
  AttributesFileSchema,
  BrandsFileSchema,
  CategoriesFileSchema,
  ShoppingFileSchema,
  VariantsFileSchema,
  type CategoriesFile,
} from '../../../lib/mentions/lexicon/schema';
import { allCategories, englishName, FALLBACK_WEIGHT_KG, findCategory } from '../../../lib/mentions/categories';
import { buildLexicon, latinForms, lexiconMatcher, lexiconStats, SAME_UNITS } from '../../../lib/mentions/lexicon';
import { createMatcher } from '../../../lib/mentions/matcher';

describe('lexicon data files', () => {
  it.each([
    ['categories.json', CategoriesFileSchema, categories],
    ['brands.json', BrandsFileSchema, brands],
    ['attributes.json', AttributesFileSchema, attributes],
    ['shopping.json', ShoppingFileSchema, shopping],
    ['variants.json', VariantsFileSchema, variants],
  ] as const)('%s matches its schema', (_, schema, data) => {
    const result = schema.safeParse(data);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('gives every category a unique id and every Chinese name to one category only', () => {
    const ids = new Set<string>();
    const names = new Map<string, string>();
    const clashes: string[] = [];
    for (const group of (categories as unknown as CategoriesFile).groups) {
      for (const [id, zh] of group.items) {
        expect(ids.has(id), id).toBe(false);
        ids.add(id);
        for (const name of zh.split('|')) {
          const owner = names.get(name.toLowerCase());
          if (owner) clashes.push(`${name}: ${owner} and ${id}`);
          names.set(name.toLowerCase(), id);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('gives own English only to names of the category, in plain ASCII, each once and unlike the display name', () => {
    const file = categories as unknown as CategoriesFile;
    const items = new Map(file.groups.flatMap((group) => group.items.map(([id, zh, en]) => [id, { zh: zh.split('|'), display: en.split('|')[0]! }] as const)));
    const problems: string[] = [];
    for (const [id, names] of Object.entries(file.englishNames)) {
      const item = items.get(id);
      if (!item) {
        problems.push(`${id}: no such category`);
        continue;
      }
      if (Object.keys(names).length === 0) problems.push(`${id}: empty`);
      for (const [zh, en] of Object.entries(names)) {
        if (!item.zh.includes(zh)) problems.push(`${id}: ${zh} is not one of its names`);
        // Shown inside brackets in the glossary line and after brands in the popup: words only.
        if (!/^[A-Za-z0-9][ -~]*$/.test(en) || /[()|;]/.test(en) || en !== en.trim() || /\s{2}/.test(en)) problems.push(`${id}: ${zh} → ${JSON.stringify(en)}`);
        if (en === item.display) problems.push(`${id}: ${zh} → ${en} is the display name already`);
      }
    }
    expect(problems).toEqual([]);
    // Keys of a JSON object are unique once parsed: look for a name written twice in the file itself.
    const text = readFileSync('lib/mentions/lexicon/categories.json', 'utf8');
    const section = text.slice(text.indexOf('"englishNames"'), text.indexOf('"groups"'));
    for (const line of section.split('\n').slice(1, -1)) {
      const keys = [...line.matchAll(/"([^"]+)": "/g)].map((match) => match[1]);
      expect(keys.length, line.slice(0, 40)).toBe(new Set(keys).size);
    }
  });

  it('reads a name in its own English, else in its category\'s display name', () => {
    expect(englishName(findCategory('instant-food')!, '燕麦')).toBe('oats');
    expect(englishName(findCategory('drinks')!, '燕麦奶')).toBe('oat milk');
    expect(englishName(findCategory('instant-food')!, '方便面')).toBe('instant noodles');
    expect(englishName(findCategory('hoodie')!, '卫衣')).toBe('hoodie');
    const lexicon = buildLexicon();
    expect(lexicon.get('燕麦')?.find((entry) => entry.kind === 'category')).toMatchObject({ en: 'oats', compound: false });
    expect(lexicon.get('加绒裤')?.find((entry) => entry.kind === 'category')).toMatchObject({ en: 'fleece-lined trousers' });
    expect(lexicon.get('男士休闲裤')?.find((entry) => entry.kind === 'category')).toMatchObject({ en: 'casual trousers', compound: true });
  });

  it('maps each traditional character to one different simplified character', () => {
    expect(variants.traditional.length).toBe(variants.simplified.length);
    expect(new Set(variants.traditional).size).toBe(variants.traditional.length);
    for (let i = 0; i < variants.traditional.length; i++) expect(variants.traditional[i]).not.toBe(variants.simplified[i]);
    // No chains: a simplified character is never itself mapped again.
    for (const char of variants.simplified) expect(variants.traditional.includes(char), char).toBe(false);
  });

  it('is big enough to matter', () => {
    const stats = lexiconStats();
    console.info('lexicon', stats);
    expect(stats.categories).toBeGreaterThanOrEqual(300);
    expect(stats.categoryTerms).toBeGreaterThanOrEqual(8000);
    expect(stats.brands).toBeGreaterThanOrEqual(500);
    expect(stats.attributes).toBeGreaterThanOrEqual(100);
  });

  it('stays small when bundled (gzipped JSON)', () => {
    const files = ['categories', 'brands', 'attributes', 'shopping', 'variants'];
    const bytes = files.reduce((sum, file) => {
      const json = JSON.stringify(JSON.parse(readFileSync(`lib/mentions/lexicon/${file}.json`, 'utf8')));
      return sum + gzipSync(json).length;
    }, 0);
    console.info(`lexicon JSON gzipped: ${(bytes / 1024).toFixed(1)} KiB`);
    // 128 KiB since the categories carry per-name English (englishNames, about 36 KiB of it).
    expect(bytes).toBeLessThan(128 * 1024);
  });

  it('matches Latin brand names of several words across separators, and run together when long enough', () => {
    expect(latinForms('calvin klein')).toEqual(['calvin klein', 'calvinklein']);
    expect(latinForms('nike')).toEqual(['nike']);
    expect(latinForms('ab co')).toEqual(['ab co']);
    const matcher = lexiconMatcher();
    for (const text of ['the_north_face', 'thenorthface', 'estee,lauder', 'banila-co', 'calvin·klein', 'calvin.klein']) {
      const [match] = matcher.scan(text);
      expect(match && [match.start, match.end], text).toEqual([0, text.length]);
      expect(match?.value.some((entry) => entry.kind === 'brand'), text).toBe(true);
    }
    // One key for forms that differ only in separators.
    expect(buildLexicon().has('t-shirt')).toBe(false);
  });

  it('treats the same units alike only when asked to', () => {
    const terms = new Map([['air fryer', 1]]);
    expect(createMatcher(terms, { sameUnits: SAME_UNITS }).scan('an air-fryer').map((match) => [match.start, match.end])).toEqual([[3, 12]]);
    expect(createMatcher(terms).scan('an air-fryer')).toEqual([]);
  });

  it('generates compound forms from the prefix sets', () => {
    const lexicon = buildLexicon();
    for (const compound of ['加绒卫衣', '男士卫衣', '连帽卫衣', '女士运动鞋', '大容量双肩包']) {
      expect(lexicon.get(compound)?.some((entry) => entry.kind === 'category'), compound).toBe(true);
    }
  });
});

describe('categories API', () => {
  it.each([
    ['hoodie', 'hoodie', 0.7, 'published'],
    ['t-shirt', 't-shirt', 0.25, 'published'],
    ['jeans', 'jeans', 0.8, 'published'],
    ['sweater', 'sweater', 0.6, 'published'],
    ['down-jacket', 'down-jacket', 1.7, 'published'],
    ['backpack', 'backpack', 1.7, 'published'],
    ['sneakers', 'sneakers', 0.85, 'published'],
    ['lipstick', 'lipstick', 0.3, 'published'],
    ['卫衣', 'hoodie', 0.7, 'published'],
    ['T恤', 't-shirt', 0.25, 'published'],
    ['Sticky Notes', 'sticky-notes', 0.5, 'estimate'],
    ['充电宝', 'power-bank', 0.4, 'estimate'],
  ])('findCategory(%j) is %s, %f kg (%s)', (name, id, weightKg, weightSource) => {
    const category = findCategory(name);
    expect(category?.id).toBe(id);
    expect(category?.weightKg).toBe(weightKg);
    expect(category?.weightSource).toBe(weightSource);
  });

  it('classes batteries, liquids and cosmetics as sensitive cargo', () => {
    expect(findCategory('power-bank')).toMatchObject({ cargoClass: 'sensitive', sensitivity: 'battery' });
    expect(findCategory('lipstick')).toMatchObject({ cargoClass: 'sensitive', sensitivity: 'cosmetics' });
    expect(findCategory('shampoo')).toMatchObject({ cargoClass: 'sensitive', sensitivity: 'liquid' });
    expect(findCategory('hoodie')).toMatchObject({ cargoClass: 'general' });
    expect(findCategory('hoodie')?.sensitivity).toBeUndefined();
  });

  it('keeps the ids other modules were built against', () => {
    for (const id of ['hoodie', 't-shirt', 'jeans', 'sweater', 'down-jacket', 'backpack', 'sneakers', 'lipstick', 'sticky-notes', 'pot', 'phone-case', 'power-bank']) {
      expect(findCategory(id)?.id).toBe(id);
    }
    expect(allCategories().length).toBeGreaterThan(300);
    expect(FALLBACK_WEIGHT_KG).toBe(0.4);
    expect(findCategory('no such thing')).toBeUndefined();
  });
});
