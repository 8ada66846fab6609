import { describe, expect, it } from 'vitest';
import { findPrices, parseAmount } from '../../../lib/mentions/prices';

describe('findPrices', () => {
  it.each([
    ['¥99', '¥99', { amount: 99, approx: false, currency: 'CNY' }],
    ['￥1,299.00 有点贵', '￥1,299.00', { amount: 1299, currency: 'CNY' }],
    ['才99元', '99元', { amount: 99, currency: 'CNY' }],
    ['99块包邮', '99块', { amount: 99, currency: 'CNY' }],
    ['十五块钱', '十五块钱', { amount: 15, currency: 'CNY' }],
    ['一百多块', '一百多块', { min: 100, max: 200, approx: true }],
    ['三十几块', '三十几块', { min: 31, max: 39, approx: true }],
    ['两百左右', '两百左右', { amount: 200, approx: true }],
    ['一千出头', '一千出头', { amount: 1000, approx: true }],
    ['不到一百块', '不到一百块', { max: 100, approx: true }],
    ['69r包邮', '69r', { amount: 69, currency: 'CNY' }],
    ['99rmb', '99rmb', { amount: 99, currency: 'CNY' }],
    ['under $12', '$12', { amount: 12, currency: 'USD' }],
    ['20刀', '20刀', { amount: 20, currency: 'USD' }],
    ['hk$200', 'hk$200', { amount: 200, currency: 'HKD' }],
    ['€15', '€15', { amount: 15, currency: 'EUR' }],
    ['到手价59', '到手价59', { amount: 59, currency: 'CNY' }],
    ['券后 39.9元', '券后 39.9元', { amount: 39.9, currency: 'CNY' }],
    ['30-50元', '30-50元', { min: 30, max: 50 }],
    ['一百零五元', '一百零五元', { amount: 105 }],
    ['一万二块', '一万二块', { amount: 12000 }],
    ['Ｔ恤￥１２９', '￥１２９', { amount: 129, currency: 'CNY' }],
  ])('%j has the price %j', (text, priceText, expected) => {
    const prices = findPrices(text);
    expect(prices).toHaveLength(1);
    expect(prices[0]).toMatchObject({ text: priceText, ...expected });
    expect(text.slice(prices[0]!.start, prices[0]!.end)).toBe(priceText);
  });

  it.each([
    ['一块蛋糕', 'a piece of cake'],
    ['留出一块地方', 'a piece of room'],
    ['2024年', 'a year'],
    ['十r', 'Chinese numeral before r'],
    ['人均80', 'no unit'],
    ['$AbC123Xyz$', 'a share code'],
    ['iphone15', 'a model number'],
  ])('%j is not a price (%s)', (text) => {
    expect(findPrices(text)).toEqual([]);
  });

  it('finds several prices with offsets into the text as given', () => {
    const text = '原价\u200b199，券后￥99，两件一百五十元';
    const prices = findPrices(text);
    expect(prices.map((price) => price.text)).toEqual(['原价\u200b199', '券后￥99', '一百五十元']);
    for (const price of prices) expect(text.slice(price.start, price.end)).toBe(price.text);
  });
});

describe('parseAmount', () => {
  it.each([
    ['99', 99, 99],
    ['1,299.50', 1299.5, 1299.5],
    ['十', 10, 10],
    ['二十', 20, 20],
    ['三千五', 3500, 3500],
    ['几百', 100, 900],
    ['两万', 20000, 20000],
    ['十二万', 120000, 120000],
  ])('%j is %f to %f', (raw, min, max) => {
    expect(parseAmount(raw)).toMatchObject({ min, max });
  });

  it('rejects what is not a number', () => {
    expect(parseAmount('零')).toBeUndefined();
    expect(parseAmount('好')).toBeUndefined();
  });
});
