import { describe, expect, it } from 'vitest';
import { normalise, originalSpan } from '../../../lib/mentions/normalise';

describe('normalise', () => {
  it.each([
    ['zero-width characters go', '卫\u200b衣\u200c\u200d\u2060\ufeff', '卫衣'],
    ['NBSP becomes a space', 'Deli\u00a0sticky', 'deli sticky'],
    ['ideographic space becomes a space', '卫衣\u3000好看', '卫衣 好看'],
    ['full-width ASCII becomes half-width', 'ＴＢ１２３！', 'tb123!'],
    ['Latin is lower-cased', 'Li-Ning HOODIE', 'li-ning hoodie'],
    ['traditional characters become simplified', '淘寶買的衛衣', '淘宝买的卫衣'],
    ['variant 寳 becomes 宝', '淘寳', '淘宝'],
    ['symbols wedged inside a word go', '淘♂寳♀好物', '淘宝好物'],
    ['emoji wedged inside a word go', '卫😀衣', '卫衣'],
    ['a symbol between words that are not both Han stays', '卫衣♥love', '卫衣♥love'],
    ['shop emoji are kept even inside words', '在🍑买', '在🍑买'],
    ['sticker codes become a space', '好看[种草R][哭惹R]卫衣', '好看  卫衣'],
    ['a bracket that is not a sticker stays', '[doge]卫衣', '[doge]卫衣'],
    ['hashtag markup is reduced to its word', '#好物分享[话题]#卫衣', ' 好物分享 卫衣'],
    ['emoji variation selectors go', '❤\ufe0f卫衣', '❤卫衣'],
  ])('%s', (_, input, expected) => {
    expect(normalise(input).text).toBe(expected);
  });

  it.each([
    ['卫\u200b衣', '卫\u200b衣'],
    ['淘♂寳♀', '淘♂寳'],
    ['#好物分享[话题]#', '好物分享'],
    ['a😀b 卫\u200d衣', '卫\u200d衣'],
    ['ＤＥＬＩ便利贴', 'ＤＥＬＩ'],
  ])('maps a match in %j back to the original text', (input, expectedSlice) => {
    const normalised = normalise(input);
    const word = normalise(expectedSlice).text.trim();
    const at = normalised.text.indexOf(word);
    expect(at).toBeGreaterThanOrEqual(0);
    const span = originalSpan(normalised, at, at + word.length);
    expect(input.slice(span.start, span.end)).toBe(expectedSlice);
  });

  it('keeps surrogate pairs whole', () => {
    const input = '🐶京东';
    const normalised = normalise(input);
    expect(normalised.text).toBe('🐶京东');
    expect(originalSpan(normalised, 0, 2)).toEqual({ start: 0, end: 2 });
  });

  it('maps an empty span to a position', () => {
    const normalised = normalise('\u200b卫衣');
    expect(originalSpan(normalised, 0, 0)).toEqual({ start: 1, end: 1 });
  });

  it('does not stop at unclosed or long brackets', () => {
    const input = '[' + '很'.repeat(50) + 'R] [种草';
    expect(normalise(input).text).toBe(input.toLowerCase());
  });
});
