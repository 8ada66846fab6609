import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../lib/match/rank';
import { parsePriceRange, parseSales } from '../../../lib/shops/text';
import { absoluteHttpUrl, itemIdFromUrl, queryFromSearchUrl } from '../../../lib/shops/urls';

// Page text is written by whoever runs the page: the parsers must never throw, and never take
// quadratic time on a long crafted string (a 1 MB title must not freeze the content script).

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.stringMatching(/^[¥￥\d.,\s~～—–至万亿wW+人付款已售-]{0,60}$/),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

describe('never throw, and give sane values', () => {
  it('parsePriceRange', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const range = parsePriceRange(text);
        if (!range) return;
        expect(Number.isFinite(range.min) && range.min >= 0).toBe(true);
        if (range.max !== undefined) expect(range.max).toBeGreaterThan(range.min);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseSales', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const sales = parseSales(text);
        if (sales !== undefined) expect(Number.isSafeInteger(sales) && sales >= 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('item and search URL parsers', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const item = itemIdFromUrl(text);
        if (item) expect(item.itemId).toMatch(/^\d{5,20}$/);
        const query = queryFromSearchUrl(text);
        if (query !== undefined) expect(query.length).toBeLessThanOrEqual(200);
        const absolute = absoluteHttpUrl(text, 'https://s.taobao.com/search');
        if (absolute !== undefined) expect(absolute.startsWith('https://')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('tokenize offsets always point into the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        for (const { start, end } of tokenize(text)) expect(0 <= start && start < end && end <= text.length).toBe(true);
      }),
    );
  });
});

const MB = 1 << 20;
/** Inputs shaped to make a backtracking regex try every split of a long run. */
const adversarial: Array<[string, (size: number) => string]> = [
  ['digits', (size) => '1'.repeat(size)],
  ['a number then spaces', (size) => `1${' '.repeat(size)}`],
  ['spaces between a number and a dash', (size) => `1${' '.repeat(size / 2)}-${' '.repeat(size / 2)}x`],
  ['commas', (size) => '1,'.repeat(size / 2)],
  ['dots', (size) => '1.'.repeat(size / 2)],
  ['ranges', (size) => '1-'.repeat(size / 2)],
  ['万 and spaces', (size) => `1${' 万'.repeat(size / 2)}`],
  ['no digits at all', (size) => '¥'.repeat(size)],
  ['an item URL with a long path', (size) => `https://item.taobao.com/${'i1'.repeat(size / 2)}.htm`],
  ['an item URL with a long id', (size) => `https://item.taobao.com/item.htm?id=${'1'.repeat(size)}`],
  ['a search URL with a long query', (size) => `https://s.taobao.com/search?q=${'%E5%8D%AB'.repeat(size / 9)}`],
];

function timeAll(text: string): number {
  const start = performance.now();
  parsePriceRange(text);
  parseSales(text);
  itemIdFromUrl(text);
  queryFromSearchUrl(text);
  absoluteHttpUrl(text, 'https://s.taobao.com/');
  tokenize(text);
  return performance.now() - start;
}

describe('linear time on 1 MB of adversarial input', () => {
  it.each(adversarial)('%s', (_name, make) => {
    const eighth = make(MB / 8);
    const full = make(MB);
    timeAll(eighth); // warm up the JIT
    // Eight times the text costs about eight times the time when the code is linear, and 64 times
    // when it is quadratic; the bound sits between them, with slack for a busy machine. A run that
    // misses it (a collection or a descheduled thread in the middle) is measured again, keeping each
    // size's fastest time: quadratic code misses every time. No absolute time is asserted.
    let eighthTime = Infinity;
    let fullTime = Infinity;
    for (let attempt = 0; attempt < 3 && !(fullTime < 24 * eighthTime + 100); attempt++) {
      eighthTime = Math.min(eighthTime, timeAll(eighth));
      fullTime = Math.min(fullTime, timeAll(full));
    }
    expect(fullTime).toBeLessThan(24 * eighthTime + 100);
  });
});
