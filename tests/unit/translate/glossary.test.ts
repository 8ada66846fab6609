import { describe, expect, it } from 'vitest';
import { allCategories } from '../../../lib/mentions/categories';
import {
  GLOSSARY_DATA,
  createGlossary,
  describePrice,
  parseSmallNumber,
  type PriceFinder,
  type PriceMention,
} from '../../../lib/translate/glossary';

/** A stand-in for `findPrices` from lib/mentions/prices.ts: knows a few fixed phrases. */
const KNOWN_PRICES: Array<Omit<PriceMention, 'start' | 'end'>> = [
  { text: '一百多块', amount: 100, approx: true, currency: 'CNY' },
  { text: '¥89', amount: 89, approx: false, currency: 'CNY' },
  { text: '200-300元', min: 200, max: 300, approx: false, currency: 'CNY' },
  { text: '50左右', amount: 50, approx: true, currency: 'CNY' },
];
const fakeFindPrices: PriceFinder = (text) =>
  KNOWN_PRICES.flatMap((price) => {
    const start = text.indexOf(price.text);
    return start === -1 ? [] : [{ ...price, start, end: start + price.text.length }];
  });

const glossary = createGlossary({ findPrices: fakeFindPrices, fx: { currency: 'USD', perCny: 0.14 } });

describe('glossary line', () => {
  it.each([
    [
      'the issue example',
      '种草这件刺绣卫衣，一百多块',
      '种草 (recommended, makes you want it) · 刺绣卫衣 (embroidered hoodie) · 一百多块 (100-odd yuan, about $14)',
    ],
    ['slang, once each, in order', '平替！回购！闭眼入 平替', '平替 (cheaper alternative) · 回购 (would buy again) · 闭眼入 (buy without hesitation)'],
    ['the longest term wins', '无限回购的宝藏好物', '无限回购 (will keep buying again) · 宝藏好物 (hidden-gem find)'],
    ['Latin slang as whole words only', 'yyds! tbh the nba game', 'yyds (the best ever, GOAT)'],
    ['where to buy', '链接在评论区，🍑搜同款', '链接在评论区 (link in the comments) · 🍑 (Taobao, peach = táo) · 同款 (the same item)'],
    ['brands and a colour with its product', '优衣库黑色卫衣', '优衣库 (Uniqlo) · 黑色卫衣 (black hoodie)'],
    ['weights and heights', '一米六五 100斤 半斤', '一米六五 (1.65 m) · 100斤 (50 kg) · 半斤 (0.25 kg)'],
    // 鞋子 is a product word of the category lexicon now, glossed like any other.
    ['sizes', '平时穿M码，鞋子38码', 'M码 (size M) · 鞋子 (shoes) · 38码 (size 38 EU)'],
    ['category words by what notes mean by them', '小米手机 付定金', '小米 (Xiaomi) · 手机 (phone) · 定金 (deposit)'],
    ['a price range and an exact price', '¥89 or 200-300元', '¥89 (89 yuan, about $12) · 200-300元 (200–300 yuan, about $28 – $42)'],
    ['an approximate price', '50左右', '50左右 (about 50 yuan, about $7)'],
    ['nothing known', 'just an English sentence', ''],
    // Each name in its own English, not its category's display name (instant noodles, drinks).
    ['names in their own English', '早餐吃燕麦，配燕麦奶', '早餐 (breakfast) · 燕麦 (oats) · 燕麦奶 (oat milk)'],
  ])('%s', (_name, text, line) => {
    expect(glossary.glossLine(text)).toBe(line);
  });

  it('glosses every category the lexicon has, in its first English name', () => {
    const hoodie = allCategories().find((category) => category.id === 'hoodie')!;
    expect(glossary.gloss(`买了${hoodie.zh[0]}`)).toMatchObject([{ text: '卫衣', meaning: 'hoodie', kind: 'product' }]);
    const custom = createGlossary({
      findPrices: () => [],
      categories: [{ id: 'kettle', zh: ['电水壶'], en: ['electric kettle'], weightKg: 1, cargoClass: 'general', weightSource: 'estimate' }],
    });
    expect(custom.glossLine('电水壶')).toBe('电水壶 (electric kettle)');
  });

  it('answers as a provider: one line per text, never failing', async () => {
    expect(await glossary.translate(['种草', '', 'hello'], 'zh', 'en', new AbortController().signal)).toEqual([
      '种草 (recommended, makes you want it)',
      '',
      '',
    ]);
  });

  it('leaves prices in yuan without an exchange rate', () => {
    const plain = createGlossary({ findPrices: fakeFindPrices });
    expect(plain.glossLine('一百多块')).toBe('一百多块 (100-odd yuan)');
  });
});

describe('describePrice', () => {
  const price = (fields: Partial<PriceMention>): PriceMention => ({ start: 0, end: 1, text: '', approx: false, currency: 'CNY', ...fields });
  it.each([
    [price({ text: '3000元', amount: 3000 }), { currency: 'EUR', perCny: 0.13 }, '3,000 yuan, about €390'],
    [price({ text: '几十块', amount: 10, approx: true }), { currency: 'GBP', perCny: 0.11 }, '10-odd yuan, about £1.1'],
    [price({ text: '20美元', amount: 20, currency: 'USD' }), { currency: 'GBP', perCny: 0.11 }, '$20'],
    [price({ text: '？' }), undefined, undefined],
  ])('%j', (mention, fx, text) => {
    expect(describePrice(mention, fx)).toBe(text);
  });
});

describe('parseSmallNumber', () => {
  it.each([
    ['3', 3],
    ['2.5', 2.5],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['一百二十', 120],
    ['两', 2],
    ['半', 0.5],
    ['一二', undefined],
    ['', undefined],
  ])('%s → %s', (written, value) => {
    expect(parseSmallNumber(written)).toBe(value);
  });
});

describe('glossary data', () => {
  const dictionaries = { slang: GLOSSARY_DATA.slang, attributes: GLOSSARY_DATA.attributes, brands: GLOSSARY_DATA.brands };
  const categoryNames = new Set(allCategories().flatMap((category) => category.zh));

  it('has at least 150 slang and shopping terms', () => {
    expect(GLOSSARY_DATA.slang.flatMap((entry) => entry.zh).length).toBeGreaterThanOrEqual(150);
  });

  it.each(Object.entries(dictionaries))('%s: no term twice, none of one Han character, glosses without parentheses', (_name, entries) => {
    const terms = entries.flatMap((entry) => entry.zh.map((zh) => zh.toLowerCase()));
    expect(terms.length).toBe(new Set(terms).size);
    // One Han character matches inside too many other words (冲 in 冲锋衣).
    expect(terms.filter((term) => /^\p{Script=Han}$/u.test(term))).toEqual([]);
    // The line already wraps each gloss in parentheses.
    expect(entries.filter((entry) => /[()]/.test(entry.en))).toEqual([]);
  });

  it('repeats no category name: product words come from the category lexicon', () => {
    const own = Object.values(dictionaries).flatMap((entries) => entries.flatMap((entry) => entry.zh));
    expect(own.filter((term) => categoryNames.has(term))).toEqual([]);
  });

  it('glosses in categoryWords only category names, each once, one line each, none in another dictionary', () => {
    const terms = GLOSSARY_DATA.categoryWords.flatMap((entry) => entry.zh);
    expect(terms.filter((term) => !categoryNames.has(term))).toEqual([]);
    expect(terms.length).toBe(new Set(terms).size);
    expect(GLOSSARY_DATA.categoryWords.filter((entry) => /[()]/.test(entry.en))).toEqual([]);
    const own = new Set(Object.values(dictionaries).flatMap((entries) => entries.flatMap((entry) => entry.zh)));
    expect(terms.filter((term) => own.has(term))).toEqual([]);
  });
});
