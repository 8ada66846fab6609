import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchByLimits, splitForTranslation, trimPiece } from '../../../lib/translate/chunking';

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

describe('splitForTranslation', () => {
  it.each([
    ['short text stays whole', '今天买了卫衣。很好看！', 500, ['今天买了卫衣。很好看！']],
    ['cuts at sentence ends', '第一句。第二句！第三句？', 6, ['第一句。', '第二句！', '第三句？']],
    ['keeps closing quotes with the sentence', '她说「好看。」然后走了。', 8, ['她说「好看。」', '然后走了。']],
    ['keeps line breaks with the line before', 'line one\nline two\n', 10, ['line one\n', 'line two\n']],
    ['cuts a long sentence after a comma', '一二三四五，六七八九十', 8, ['一二三四五，', '六七八九十']],
    ['never halves an emoji', 'ab😍😍', 3, ['ab', '😍', '😍']],
  ])('%s', (_name, text, max, pieces) => {
    expect(splitForTranslation(text, max)).toEqual(pieces);
  });

  it('joins back to the original, within the limit, with surrogate pairs whole', () => {
    const unit = fc.oneof(
      fc.constantFrom('。', '！', '\n', '，', ' ', '」', '😍', '\u200d', '\ufe0f', '卫'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    );
    const text = fc.string({ unit, maxLength: 400 });
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 60 }), (input, max) => {
        const pieces = splitForTranslation(input, max);
        expect(pieces.join('')).toBe(input);
        for (const piece of pieces) {
          expect(piece.length).toBeGreaterThan(0);
          expect(piece.length).toBeLessThanOrEqual(max);
        }
        let offset = 0;
        for (const piece of pieces.slice(0, -1)) {
          offset += piece.length;
          expect(isHigh(input.charCodeAt(offset - 1)) && isLow(input.charCodeAt(offset))).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('trimPiece', () => {
  it.each([
    ['  hello\n', { leading: '  ', core: 'hello', trailing: '\n' }],
    ['\n\n', { leading: '\n\n', core: '', trailing: '' }],
    ['你好', { leading: '', core: '你好', trailing: '' }],
  ])('%j', (piece, parts) => {
    expect(trimPiece(piece)).toEqual(parts);
    expect(parts.leading + parts.core + parts.trailing).toBe(piece);
  });
});

describe('batchByLimits', () => {
  it.each([
    ['by count', ['a', 'b', 'c', 'd', 'e'], { maxItems: 2, maxChars: 100 }, [['a', 'b'], ['c', 'd'], ['e']]],
    ['by characters', ['aaaa', 'bbbb', 'cc', 'd'], { maxItems: 10, maxChars: 6 }, [['aaaa'], ['bbbb', 'cc'], ['d']]],
    ['an oversized item alone', ['a', 'xxxxxxxxxx', 'b'], { maxItems: 10, maxChars: 5 }, [['a'], ['xxxxxxxxxx'], ['b']]],
    ['nothing', [], { maxItems: 2, maxChars: 5 }, []],
  ])('%s', (_name, items, limits, batches) => {
    expect(batchByLimits(items, (item) => item.length, limits)).toEqual(batches);
  });

  it('keeps every item once, in order, within limits', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 })), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 80 }), (items, maxItems, maxChars) => {
        const batches = batchByLimits(items, (item) => item.length, { maxItems, maxChars });
        expect(batches.flat()).toEqual(items);
        for (const batch of batches) {
          expect(batch.length).toBeLessThanOrEqual(maxItems);
          if (batch.length > 1) expect(batch.reduce((sum, item) => sum + item.length, 0)).toBeLessThanOrEqual(maxChars);
        }
      }),
    );
  });
});
