import { describe, expect, it } from 'vitest';
import {
  diffSnapshots,
  diffTitles,
  formatCny,
  formatPriceChange,
  numberChange,
  titleWords,
  type SnapshotFields,
} from '../../../lib/watch/diff';

const T0 = Date.UTC(2025, 5, 11, 2);
const base: SnapshotFields = {
  seenAt: T0,
  title: '小熊刺绣卫衣女秋冬加绒',
  priceCny: 89,
  priceMaxCny: 129,
  sales: 20_000,
  shop: '卡蒙家',
  imageUrl: 'https://img.alicdn.com/a.jpg',
};

describe('titleWords', () => {
  it.each([
    ['小熊卫衣', ['小', '熊', '卫', '衣']],
    ['卫衣ins潮', ['卫', '衣', 'ins', '潮']],
    ['2025新款 3.5cm', ['2025', '新', '款', ' ', '3.5cm']],
    ['【包邮】XL码', ['【', '包', '邮', '】', 'XL', '码']],
    ['Deli 得力 sticky-notes 100%', ['Deli', ' ', '得', '力', ' ', 'sticky-notes', ' ', '100%']],
    ['', []],
  ])('%s', (title, words) => {
    expect(titleWords(title)).toEqual(words);
    expect(titleWords(title).join('')).toBe(title);
  });
});

describe('diffTitles', () => {
  it.each([
    ['same title', '小熊卫衣', '小熊卫衣', [{ op: 'same', text: '小熊卫衣' }]],
    ['word added at the end', '小熊卫衣', '小熊卫衣 ins', [{ op: 'same', text: '小熊卫衣' }, { op: 'added', text: ' ins' }]],
    ['word removed at the start', '【包邮】小熊卫衣', '小熊卫衣', [{ op: 'removed', text: '【包邮】' }, { op: 'same', text: '小熊卫衣' }]],
    [
      'season replaced',
      '小熊卫衣秋冬款',
      '小熊卫衣春夏款',
      [{ op: 'same', text: '小熊卫衣' }, { op: 'removed', text: '秋冬' }, { op: 'added', text: '春夏' }, { op: 'same', text: '款' }],
    ],
    ['Latin words stay whole', 'Deli notes 76mm', 'Deli notes 100mm', [{ op: 'same', text: 'Deli notes ' }, { op: 'removed', text: '76mm' }, { op: 'added', text: '100mm' }]],
    ['from empty', '', '小熊', [{ op: 'added', text: '小熊' }]],
  ] as const)('%s', (_name, before, after, segments) => {
    const result = diffTitles(before, after);
    expect(result).toEqual(segments);
    // Reading the kept and removed runs gives the old title; kept and added, the new one.
    expect(result.filter((s) => s.op !== 'added').map((s) => s.text).join('')).toBe(before);
    expect(result.filter((s) => s.op !== 'removed').map((s) => s.text).join('')).toBe(after);
  });
});

describe('numberChange', () => {
  it.each([
    [89, 69, { before: 89, after: 69, delta: -20, percent: -22.5 }],
    [69.9, 79.9, { before: 69.9, after: 79.9, delta: 10, percent: 14.3 }],
    [0, 5, { before: 0, after: 5, delta: 5, percent: null }],
    [10, 10, { before: 10, after: 10, delta: 0, percent: 0 }],
    [undefined, 5, null],
    [5, undefined, null],
  ])('%s → %s', (before, after, expected) => {
    expect(numberChange(before, after)).toEqual(expected);
  });
});

describe('diffSnapshots', () => {
  it.each<[string, Partial<SnapshotFields>, Partial<ReturnType<typeof diffSnapshots>>]>([
    ['nothing changed', {}, { changed: false, price: { before: 89, after: 89, delta: 0, percent: 0 } }],
    ['price dropped', { priceCny: 69 }, { changed: true, price: { before: 89, after: 69, delta: -20, percent: -22.5 } }],
    ['variant range widened', { priceMaxCny: 159 }, { changed: true, priceMax: { before: 129, after: 159, delta: 30, percent: 23.3 } }],
    ['sales grew', { sales: 30_000 }, { changed: true, sales: { before: 20_000, after: 30_000, delta: 10_000, percent: 50 } }],
    ['sales hidden on the newer page: unknown, not a change', { sales: undefined }, { changed: false, sales: null }],
    ['no variant range on a search card: unknown', { priceMaxCny: undefined }, { changed: false, priceMax: null }],
    ['shop renamed', { shop: '卡蒙家旗舰店' }, { changed: true, shopChanged: true }],
    ['new main image', { imageUrl: 'https://img.alicdn.com/b.jpg' }, { changed: true, imageChanged: true }],
  ])('%s', (_name, patch, expected) => {
    expect(diffSnapshots(base, { ...base, seenAt: T0 + 1000, ...patch })).toMatchObject(expected);
  });

  it('marks a title change and keeps its segments', () => {
    const diff = diffSnapshots(base, { ...base, title: '小熊刺绣卫衣女春秋' });
    expect(diff.title.changed).toBe(true);
    expect(diff.changed).toBe(true);
    expect(diff.title.segments.map((s) => s.op)).toContain('removed');
  });
});

describe('formatting', () => {
  it.each([
    [89, '¥89'],
    [79.9, '¥79.9'],
    [1299.5, '¥1,299.5'],
    [0.05, '¥0.05'],
  ])('formatCny(%s)', (value, text) => expect(formatCny(value)).toBe(text));

  it.each([
    [{ before: 89, after: 69, delta: -20, percent: -22.5 }, '-¥20 (-22.5%)'],
    [{ before: 69, after: 79, delta: 10, percent: 14.5 }, '+¥10 (+14.5%)'],
    [{ before: 0, after: 5, delta: 5, percent: null }, '+¥5'],
    [{ before: 5, after: 5, delta: 0, percent: 0 }, '±¥0 (0%)'],
  ])('formatPriceChange %#', (change, text) => expect(formatPriceChange(change)).toBe(text));
});
