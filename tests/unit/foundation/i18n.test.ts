import { describe, expect, it } from 'vitest';
import { defineStrings, translator } from '../../../lib/i18n';

const table = defineStrings({
  en: { save: 'Save {amount} {currency}', empty: 'No products' },
  'zh-CN': { save: '省 {amount} {currency}', empty: '没有商品' },
});

describe('translator', () => {
  it.each([
    ['en', 'save', { amount: 56, currency: 'USD' }, 'Save 56 USD'],
    ['zh-CN', 'save', { amount: 56, currency: 'USD' }, '省 56 USD'],
    ['zh-CN', 'empty', undefined, '没有商品'],
    ['en', 'save', { amount: 1 }, 'Save 1 {currency}'],
  ] as const)('%s %s', (language, key, values, expected) => {
    expect(translator(table, language)(key, values)).toBe(expected);
  });
});
