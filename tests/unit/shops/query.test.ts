import { describe, expect, it } from 'vitest';
import { allCategories, findCategory } from '../../../lib/mentions/categories';
import { buildSearchQuery, GLOSSARY, translateQuery } from '../../../lib/shops/query';

describe('translateQuery', () => {
  it.each([
    ['embroidered hoodie', '刺绣卫衣', []],
    ['Embroidered Hoodies', '刺绣卫衣', []],
    ['sticky notes', '便利贴', []],
    ['sticky note', '便利贴', []],
    ['Deli sticky notes', '得力 便利贴', []],
    ['deli neon sticky notes', '得力 荧光便利贴', []],
    ["women's embroidered bear hoodie", '刺绣小熊卫衣女', []],
    ['The North Face backpack', '北面 双肩包', []],
    ['Post-it notes 654', '3M 报事贴 654', ['654']],
    ['hoodie XL-2024', '卫衣 xl-2024', ['xl-2024']],
    ['heavyweight cotton crew neck sweatshirt', '重磅纯棉圆领卫衣', []],
    // A Chinese name's own English finds that name, not the first word of its category.
    ['oats', '燕麦', []],
    ['oat milk', '燕麦奶', []],
    ['plasters', '创可贴', []],
    ['socket', '插座', []],
    ['Deli gel pen', '得力 中性笔', []],
    ['', '', []],
    ['!!!', '', []],
  ])('%j → %j', (english, query, untranslated) => {
    expect(translateQuery(english)).toEqual({ query, untranslated });
  });
});

describe('buildSearchQuery', () => {
  it.each([
    [{ brand: '得力', category: 'sticky-notes', text: '得力的便利贴很好用' }, '得力 便利贴'],
    [{ category: '卫衣', attributes: ['刺绣'], text: '这件刺绣卫衣绝了' }, '刺绣卫衣'],
    [{ category: 'hoodie', attributes: ['小熊', '刺绣'], text: '' }, '小熊刺绣卫衣'],
    [{ category: 'hoodie', attributes: ['男', '字母', 'embroidered'], text: '' }, '字母刺绣卫衣男'],
    [{ brand: 'Deli', category: 'sticky notes', attributes: ['neon'], text: '' }, '得力 荧光便利贴'],
    [{ brand: '得力', attributes: ['得力', '荧光', '荧光'], category: '便利贴', text: '' }, '得力 荧光便利贴'],
    // Categories are found in the text when the mention names none; the longer name wins over a shorter one inside it.
    [{ text: '求链接！这个双肩包好能装' }, '双肩包'],
    [{ brand: '小米', text: '小米的背包' }, '小米 双肩包'],
    // A narrower word inside a broad category (订书机 among 文具) is kept as the user wrote it.
    [{ brand: '得力', text: '得力 订书机！' }, '得力 订书机'],
    [{ text: 'cute stapler' }, '可爱订书机'],
    [{ category: '保温杯', text: '' }, '保温杯'],
  ])('%j → %j', (source, expected) => {
    expect(buildSearchQuery(source)).toBe(expected);
  });

  it('never exceeds 60 characters', () => {
    expect(buildSearchQuery({ text: '卫'.repeat(500) }).length).toBeLessThanOrEqual(60);
  });
});

describe('glossary data', () => {
  it('has no duplicate English keys', () => {
    const keys = GLOSSARY.entries.map((entry) => entry.en);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('does not repeat category names (categories.ts is their one source)', () => {
    const categoryNames = new Set(allCategories().flatMap((category) => category.en.map((name) => name.toLowerCase())));
    expect(GLOSSARY.entries.filter((entry) => categoryNames.has(entry.en))).toEqual([]);
  });

  // A refinement exists only because the lexicon pairs an English name with a whole category: each
  // must name a category, and say more than its preferred word, with one of its own Chinese names.
  it.each(GLOSSARY.refinements)('refines a category name: %j', (refinement) => {
    const category = findCategory(refinement.en);
    expect(category?.en.map((name) => name.toLowerCase())).toContain(refinement.en);
    expect(refinement.zh).not.toBe(category?.zh[0]);
    if (refinement.kind === 'product') expect(category?.zh).toContain(refinement.zh);
  });
});
