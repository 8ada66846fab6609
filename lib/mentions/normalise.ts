import variants from './lexicon/variants.json';

/**
 * Text prepared for matching, with a map back to the original string. Character `i` of `text`
 * came from `original.slice(starts[i], ends[i])`, so a match `[s, e)` in `text` is
 * `[starts[s], ends[e - 1])` in the original: offsets stay honest however much was removed.
 */
export interface NormalisedText {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * Obfuscation that notes use to dodge moderation and that would hide words from the matcher
 * (see shared/reference/xiaohongshu.md, "Shopping language"): zero-width characters, NBSP,
 * full-width letters, traditional or variant characters, symbols wedged inside words (淘♂寳♀),
 * sticker codes `[种草R]` and hashtag markup `#好物分享[话题]#`. One pass, linear in the input.
 */
export function normalise(original: string): NormalisedText {
  const length = original.length;
  const codes: number[] = [];
  const starts = new Int32Array(length + 1);
  const ends = new Int32Array(length + 1);
  let out = 0;
  const push = (code: number, start: number, end: number) => {
    codes.push(code);
    starts[out] = start;
    ends[out] = end;
    out++;
  };

  // Symbols seen after a Han character are held back: they are dropped if another Han character
  // follows (a separator inside a word) and kept otherwise.
  let heldFrom = -1;
  let heldTo = -1;
  let lastWasHan = false;
  const flushHeld = () => {
    if (heldFrom < 0) return;
    for (let j = heldFrom; j < heldTo; j++) push(original.charCodeAt(j), j, j + 1);
    heldFrom = -1;
  };

  let i = 0;
  while (i < length) {
    const code = original.charCodeAt(i);

    if (code === 0x5b /* [ */) {
      const close = closingBracket(original, i);
      if (close > 0) {
        flushHeld();
        const inner = original.slice(i + 1, close);
        if (inner === '话题') {
          // The tail of `#word[话题]#`: the whole marker, and its closing '#', become one space.
          const end = original.charCodeAt(close + 1) === 0x23 ? close + 2 : close + 1;
          push(0x20, i, end);
          i = end;
          lastWasHan = false;
          continue;
        }
        if (STICKER.test(inner)) {
          push(0x20, i, close + 1);
          i = close + 1;
          lastWasHan = false;
          continue;
        }
      }
    }

    const codePoint = original.codePointAt(i) ?? code;
    const width = codePoint > 0xffff ? 2 : 1;

    if (isRemovable(codePoint)) {
      i += width;
      continue;
    }
    if (lastWasHan && isSeparatorSymbol(codePoint)) {
      if (heldFrom < 0) heldFrom = i;
      heldTo = i + width;
      i += width;
      continue;
    }

    const mapped = mapCodeUnit(code);
    if (heldFrom >= 0) {
      if (isHan(mapped)) heldFrom = -1;
      else flushHeld();
    }
    if (width === 2) {
      push(code, i, i + 1);
      push(original.charCodeAt(i + 1), i + 1, i + 2);
    } else {
      push(mapped, i, i + 1);
    }
    lastWasHan = isHan(mapped);
    i += width;
  }
  flushHeld();

  starts[out] = length;
  ends[out] = length;
  return { text: fromCodes(codes), starts: starts.subarray(0, out + 1), ends: ends.subarray(0, out + 1) };
}

/** The original-text span of the normalised span `[start, end)`. */
export function originalSpan(normalised: NormalisedText, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = normalised.starts[start] ?? 0;
    return { start: at, end: at };
  }
  return { start: normalised.starts[start] ?? 0, end: normalised.ends[end - 1] ?? 0 };
}

/** Sticker codes: a short name ending in R (`[种草R]`, `[哭惹R]`, `[doge]` is not one of them). */
const STICKER = /^[^\s[\]]{1,8}R$/;
/** Longest `[...]` we look inside: keeps the scan linear however many `[` the text has. */
const MAX_BRACKET = 10;

function closingBracket(text: string, open: number): number {
  const limit = Math.min(text.length, open + MAX_BRACKET + 2);
  for (let j = open + 1; j < limit; j++) {
    const code = text.charCodeAt(j);
    if (code === 0x5d) return j;
    if (code === 0x5b) return -1;
  }
  return -1;
}

function isRemovable(codePoint: number): boolean {
  return (
    codePoint === 0x200b ||
    codePoint === 0x200c ||
    codePoint === 0x200d ||
    codePoint === 0x2060 ||
    codePoint === 0xfeff ||
    codePoint === 0x00ad || // soft hyphen
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) // variation selectors (emoji style)
  );
}

/** Emoji that stand for shops (🍑 Taobao, 🐱 Tmall, 🐶 JD, 🐟 Xianyu) carry meaning: never separators. */
const MEANINGFUL_EMOJI = new Set([0x1f351, 0x1f431, 0x1f436, 0x1f41f]);
const SYMBOL = /^[\p{So}\p{Sk}·•‧∙]$/u;

function isSeparatorSymbol(codePoint: number): boolean {
  if (codePoint < 0xa0 || (codePoint >= 0x3000 && codePoint <= 0x9fff) || (codePoint >= 0xff00 && codePoint <= 0xffef)) {
    return false;
  }
  if (MEANINGFUL_EMOJI.has(codePoint)) return false;
  return SYMBOL.test(String.fromCodePoint(codePoint));
}

function isHan(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

const SIMPLIFIED = new Map<number, number>();
for (let k = 0; k < variants.traditional.length; k++) {
  SIMPLIFIED.set(variants.traditional.charCodeAt(k), variants.simplified.charCodeAt(k));
}

/** One UTF-16 unit to one: lower-case Latin, half-width ASCII, plain spaces for '#' and wide spaces, simplified Han. */
function mapCodeUnit(code: number): number {
  if (code < 0x80) {
    if (code === 0x23) return 0x20; // '#' of hashtag markup: the word stays, the marker goes
    return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  }
  if (code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f) return 0x20;
  if (code >= 0xff01 && code <= 0xff5e) return mapCodeUnit(code - 0xfee0);
  if (code >= 0x3400) return SIMPLIFIED.get(code) ?? code;
  return code;
}

function fromCodes(codes: number[]): string {
  // String.fromCharCode(...codes) overflows the stack on megabyte inputs: go in chunks.
  let text = '';
  for (let k = 0; k < codes.length; k += 8192) text += String.fromCharCode(...codes.slice(k, k + 8192));
  return text;
}
