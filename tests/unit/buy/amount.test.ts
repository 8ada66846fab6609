import { describe, expect, it } from 'vitest';
import { readAmount, readNumber } from '../../../lib/popup/amount';
import { parseLocalPrice } from '../../../lib/popup/quotes';

/** What people type in "Price at home", and what it must read as: [text, user currency, locale, amount, currency]. */
const READINGS: Array<[string, string, string, number, string]> = [
  ['75', 'USD', 'en', 75, 'USD'],
  ['$75', 'USD', 'en', 75, 'USD'],
  ['US$75', 'GBP', 'en', 75, 'USD'],
  ['US$ 75', 'USD', 'en', 75, 'USD'],
  ['75 dollars', 'USD', 'en', 75, 'USD'],
  ['75 Dollars', 'CAD', 'en', 75, 'CAD'],
  ['75 bucks', 'AUD', 'en', 75, 'AUD'],
  ['$75', 'GBP', 'en', 75, 'USD'],
  ['$75', 'CAD', 'en', 75, 'CAD'],
  ['C$75', 'USD', 'en', 75, 'CAD'],
  ['CA$ 75', 'USD', 'en', 75, 'CAD'],
  ['A$49.95', 'USD', 'en', 49.95, 'AUD'],
  ['S$30', 'USD', 'en', 30, 'SGD'],
  ['£60', 'USD', 'en', 60, 'GBP'],
  ['60 pounds', 'USD', 'en', 60, 'GBP'],
  ['60 quid', 'GBP', 'en-GB', 60, 'GBP'],
  ['GBP 60', 'USD', 'en', 60, 'GBP'],
  ['60gbp', 'USD', 'en', 60, 'GBP'],
  ['€45', 'USD', 'en', 45, 'EUR'],
  ['45 €', 'EUR', 'de', 45, 'EUR'],
  ['45,90 €', 'EUR', 'de', 45.9, 'EUR'],
  ['45 euros', 'USD', 'en', 45, 'EUR'],
  ['1,299.00', 'USD', 'en', 1299, 'USD'],
  ['1,299', 'USD', 'en', 1299, 'USD'],
  ['1.299', 'EUR', 'de', 1299, 'EUR'],
  ['1.299,00', 'EUR', 'de', 1299, 'EUR'],
  ['1 299,50', 'EUR', 'fr', 1299.5, 'EUR'],
  ['1,234,567.5', 'USD', 'en', 1234567.5, 'USD'],
  ['75,50', 'USD', 'en', 75.5, 'USD'],
  ['75,5', 'EUR', 'de', 75.5, 'EUR'],
  ['75.50', 'EUR', 'de', 75.5, 'EUR'],
  ['¥3000', 'JPY', 'ja', 3000, 'JPY'],
  ['¥299', 'USD', 'en', 299, 'CNY'],
  ['￥299', 'USD', 'en', 299, 'CNY'],
  ['299元', 'USD', 'en', 299, 'CNY'],
  ['299 rmb', 'USD', 'en', 299, 'CNY'],
  ['3000 yen', 'USD', 'en', 3000, 'JPY'],
  ['RM50', 'USD', 'en', 50, 'MYR'],
  ['50 ringgit', 'MYR', 'ms', 50, 'MYR'],
  ['$75 CAD', 'USD', 'en', 75, 'CAD'],
  ['  75.5 eur ', 'USD', 'en', 75.5, 'EUR'],
];

const REFUSED: Array<[string, string, string, string]> = [
  ['', 'USD', 'en', 'empty'],
  ['   ', 'USD', 'en', 'empty'],
  ['0', 'USD', 'en', 'zero'],
  ['£0.00', 'USD', 'en', 'zero'],
  ['abc', 'USD', 'en', 'number'],
  ['75 apples', 'USD', 'en', 'currency'],
  ['£75 USD', 'USD', 'en', 'currency'],
  ['1,2,3', 'USD', 'en', 'number'],
  ['12,34,567', 'USD', 'en', 'number'],
  ['1.2.3,4', 'EUR', 'de', 'number'],
  ['75.', 'USD', 'en', 'number'],
  ['75.12345', 'USD', 'en', 'number'],
  ['-75', 'USD', 'en', 'number'],
  ['7 5', 'USD', 'en', 'number'],
];

describe('reading an amount as people type it', () => {
  it.each(READINGS)('%s (user %s, locale %s) reads as %d %s', (text, user, locale, amount, currency) => {
    expect(readAmount(text, user, locale)).toEqual({ ok: true, value: { amount, currency } });
  });

  it.each(REFUSED)('%j (user %s, locale %s) is refused: %s', (text, user, locale, reason) => {
    expect(readAmount(text, user, locale)).toEqual({ ok: false, reason });
  });

  it('never relabels: £60 with USD chosen stays 60 GBP (the quote converts it)', () => {
    expect(parseLocalPrice('£60', 'USD')).toEqual({ amount: 60, currency: 'GBP' });
  });

  it.each([
    ['1,299', '.', 1299],
    ['1,299', ',', 1.299],
    ['1.299', '.', 1.299],
    ['1.299', ',', 1299],
    ['12,5', '.', 12.5],
    ['1 000', '.', 1000],
  ] as const)('readNumber(%s) with decimal mark %s is %d', (digits, decimal, value) => {
    expect(readNumber(digits, decimal)).toBe(value);
  });
});
