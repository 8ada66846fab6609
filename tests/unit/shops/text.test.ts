import { describe, expect, it } from 'vitest';
import { normalizeLocation, normalizeSpace, parsePriceCny, parsePriceRange, parseSales, truncate } from '../../../lib/shops/text';

describe('parsePriceRange', () => {
  it.each([
    ['¥1,299.00', { min: 1299 }],
    ['￥89', { min: 89 }],
    ['89.90', { min: 89.9 }],
    ['¥59-129', { min: 59, max: 129 }],
    ['59.00 - 129.00', { min: 59, max: 129 }],
    ['¥59~¥129', { min: 59, max: 129 }],
    ['¥ 59 至 ¥ 129', { min: 59, max: 129 }],
    ['129-59', { min: 59, max: 129 }],
    ['¥12.9-12.9', { min: 12.9 }],
    ['券后 ¥79.9', { min: 79.9 }],
    ['¥1.2万', { min: 12_000 }],
    ['¥0.01', { min: 0.01 }],
    ['12,345,678.5', { min: 12_345_678.5 }],
  ])('%s', (text, expected) => {
    expect(parsePriceRange(text)).toEqual(expected);
  });

  it.each(['', '暂无报价', '¥', '-', '价格面议'])('no price in %j', (text) => {
    expect(parsePriceRange(text)).toBeUndefined();
  });

  it('parsePriceCny gives the lowest price', () => {
    expect(parsePriceCny('¥59-129')).toBe(59);
    expect(parsePriceCny('¥1,299.00')).toBe(1299);
    expect(parsePriceCny('暂无')).toBeUndefined();
  });
});

describe('parseSales', () => {
  it.each([
    ['2.3万+人付款', 23_000],
    ['1万+人收货', 10_000],
    ['300+人付款', 300],
    ['1000+', 1000],
    ['已售 100+', 100],
    ['已售 1万+', 10_000],
    ['月销 1.2万', 12_000],
    ['1,234人付款', 1234],
    ['10万+人付款', 100_000],
    ['1.5亿', 150_000_000],
    ['2w+', 20_000],
    ['7人付款', 7],
    ['0人付款', 0],
  ])('%s → %d', (text, expected) => {
    expect(parseSales(text)).toBe(expected);
  });

  it.each(['', '暂无销量', '新品'])('no count in %j', (text) => {
    expect(parseSales(text)).toBeUndefined();
  });

  it('does not read the w of a word as 万', () => {
    expect(parseSales('3 weeks')).toBe(3);
  });
});

describe('text tidying', () => {
  it.each([
    ['  小熊\n 刺绣\u3000卫衣\u00a0 ', '小熊 刺绣 卫衣'],
    ['', ''],
  ])('normalizeSpace(%j)', (text, expected) => {
    expect(normalizeSpace(text)).toBe(expected);
  });

  it.each([
    [['广东', '深圳'], '广东 深圳'],
    [[' 广东 ', '', ' 深圳'], '广东 深圳'],
    [['北京'], '北京'],
    [[], undefined],
    [['  '], undefined],
  ])('normalizeLocation(%j)', (parts, expected) => {
    expect(normalizeLocation(parts)).toBe(expected);
  });

  it('truncate keeps surrogate pairs whole', () => {
    expect(truncate('ab😀c', 3)).toBe('ab');
    expect(truncate('ab😀c', 4)).toBe('ab😀');
    expect(truncate('abc', 10)).toBe('abc');
  });
});
