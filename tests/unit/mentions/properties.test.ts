// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectMentions, MAX_MENTIONS, type NoteText } from '../../../lib/mentions/detect';
import { normalise } from '../../../lib/mentions/normalise';
import { findPrices } from '../../../lib/mentions/prices';

/** Text that looks like notes: shopping words, obfuscation characters, emoji, brackets and symbols. */
const noteText = fc
  .array(
    fc.oneof(
      fc.constantFrom('卫衣', '刺绣', '得力', '便利贴', '淘宝', '某宝', '🍑', '🐶', '￥', '$', '€', '¥99', '99元', '一百多块', '两百左右', '[种草R]', '#', '[话题]#', 'tb', 'Deli', 'sticky notes', 'https://item.taobao.com/item.htm?id=123456789', 'CZ0001 ', '【', '】', '求链接', '人均', '块', '多', '左右', '表', '床'),
      fc.constantFrom('\u200b', '\u200d', '\u2060', '\ufeff', '\u00a0', '♂', '♀', '😀', '\ud83d', '\ude00', 'Ａ', '１', '寳', ' ', '\n'),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const note: fc.Arbitrary<NoteText> = fc.record(
  {
    title: noteText,
    desc: noteText,
    tags: fc.array(noteText, { maxLength: 3 }),
    comments: fc.array(fc.oneof(noteText, fc.record({ text: noteText, replies: fc.array(fc.record({ text: noteText }), { maxLength: 2 }) })), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

function fieldText(value: NoteText, field: string): string {
  const [name, index, , replyIndex] = field.split('.');
  if (name === 'title') return value.title ?? '';
  if (name === 'desc') return value.desc ?? '';
  if (name === 'tags') return value.tags?.[Number(index)] ?? '';
  const comment = value.comments?.[Number(index)];
  if (typeof comment === 'string') return comment;
  return replyIndex === undefined ? (comment?.text ?? '') : (comment?.replies?.[Number(replyIndex)]?.text ?? '');
}

describe('properties', () => {
  it('detect never throws and every mention slices back to its text', () => {
    fc.assert(
      fc.property(note, (value) => {
        for (const mention of detectMentions(value)) {
          const text = fieldText(value, mention.field);
          expect(mention.start).toBeGreaterThanOrEqual(0);
          expect(mention.end).toBeLessThanOrEqual(text.length);
          expect(mention.start).toBeLessThanOrEqual(mention.end);
          expect(text.slice(mention.start, mention.end)).toBe(mention.text);
          expect(mention.confidence).toBeGreaterThanOrEqual(0);
          expect(mention.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('normalise maps every character to a non-decreasing span of the original', () => {
    fc.assert(
      fc.property(noteText, (text) => {
        const normalised = normalise(text);
        expect(normalised.starts.length).toBe(normalised.text.length + 1);
        let previousEnd = 0;
        for (let i = 0; i < normalised.text.length; i++) {
          expect(normalised.starts[i]!).toBeGreaterThanOrEqual(previousEnd);
          expect(normalised.ends[i]!).toBeGreaterThan(normalised.starts[i]!);
          expect(normalised.ends[i]!).toBeLessThanOrEqual(text.length);
          previousEnd = normalised.ends[i]!;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('findPrices slices back to its text', () => {
    fc.assert(
      fc.property(noteText, (text) => {
        for (const price of findPrices(text)) expect(text.slice(price.start, price.end)).toBe(price.text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('adversarial megabyte inputs', () => {
  // Patterns that make backtracking regexes or naive matchers quadratic: long runs of what almost
  // matches a share code, a price, a sticker, a URL or a term.
  const MEGABYTE = 1 << 20;
  const inputs: Array<[string, string]> = [
    ['share-code symbols', '￥a'.repeat(MEGABYTE / 2)],
    ['unclosed share code', '￥' + 'a'.repeat(MEGABYTE - 1)],
    ['digits', '9'.repeat(MEGABYTE)],
    ['digit groups', '1,000'.repeat(MEGABYTE / 5)],
    ['Chinese numerals', '一百'.repeat(MEGABYTE / 2)],
    ['open brackets', '['.repeat(MEGABYTE)],
    ['near stickers', '[种草'.repeat(MEGABYTE / 3)],
    ['URL without end', 'https://' + 'a'.repeat(MEGABYTE)],
    ['dots', 'a.'.repeat(MEGABYTE / 2)],
    ['repeated term prefix', '卫'.repeat(MEGABYTE)],
    ['shopping words', '卫衣淘宝¥99'.repeat(MEGABYTE / 8)],
    ['symbols between Han', '淘♂'.repeat(MEGABYTE / 2)],
    ['zero-width', '\u200b'.repeat(MEGABYTE)],
    ['lone surrogates', '\ud83d'.repeat(MEGABYTE)],
    ['share codes', '￥AbC123Xyz￥ CZ0001 abcdefgh '.repeat(MEGABYTE / 32)],
    ['🍑', '🍑'.repeat(MEGABYTE / 2)],
  ];

  it.each(inputs)('detects in 1 MB of %s without throwing, in time linear in the input', (_, text) => {
    const started = performance.now();
    const mentions = detectMentions({ desc: text });
    const elapsed = performance.now() - started;
    const small = text.slice(0, text.length / 16);
    const smallStarted = performance.now();
    detectMentions({ desc: small });
    const smallElapsed = performance.now() - smallStarted;
    console.info(`${_}: ${elapsed.toFixed(0)} ms for 1 MB (${mentions.length} mentions), ${smallElapsed.toFixed(0)} ms for 1/16`);
    // Loose bound: a quadratic algorithm would take hours on these inputs, linear ones seconds.
    expect(elapsed).toBeLessThan(20_000);
  });
});

describe('floods of share codes and 🍑', () => {
  /** Least time of a few runs, so that one run slowed by a busy host does not decide. */
  function leastTime(text: string): number {
    let least = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      detectMentions({ desc: text });
      least = Math.min(least, performance.now() - started);
    }
    return least;
  }

  const floods: Array<[string, string]> = [
    ['share codes', '￥AbC123Xyz￥ CZ0001 abcdefgh '],
    ['share codes on lines', '【刺绣卫衣】￥AbC123Xyz￥\n'],
    ['🍑', '🍑'],
    ['🍑 and words', '🍑买的卫衣 '],
  ];

  it.each(floods)('4 MB of %s cost at most 8 times 1 MB (16 if quadratic), with at most MAX_MENTIONS mentions', (_, unit) => {
    const megabyte = unit.repeat(Math.ceil((1 << 20) / unit.length)).slice(0, 1 << 20);
    const four = megabyte.repeat(4);
    expect(detectMentions({ desc: four }).length).toBeLessThanOrEqual(MAX_MENTIONS);
    // Ratios, not absolute times: the host's speed cancels out.
    const ratio = leastTime(four) / leastTime(megabyte);
    console.info(`${_}: 4 MB / 1 MB = ${ratio.toFixed(2)}`);
    expect(ratio).toBeLessThan(8);
  }, 120_000);

  it('a long field read in windows finds what the same text finds in short notes', () => {
    const line = '优衣库的卫衣才79包邮，在淘宝买的\n';
    const long = line.repeat(Math.ceil(120_000 / line.length));
    const mentions = detectMentions({ desc: long });
    const first = detectMentions({ desc: line });
    // Every line's mentions, at the line's offset, up to the cap.
    const expected = Array.from({ length: Math.ceil(120_000 / line.length) }, (_, k) =>
      first.map((mention) => ({ ...mention, start: mention.start + k * line.length, end: mention.end + k * line.length })),
    ).flat();
    expect(mentions).toEqual(expected.slice(0, MAX_MENTIONS));
  });
});

