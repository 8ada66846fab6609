import { lexiconData } from './lexicon-data';

/**
 * Text prepared for matching, with a map back to the original string. Character `i` of `text`
 * came from `original.slice(starts[i], ends[i])`, so a match `[s, e)` in `text` is
 * `[starts[s], ends[e - 1])` in the original: offsets stay honest however much was removed.
 * `starts` has one more entry than `text` (where the text ends in the original).
 */
export interface NormalisedText {
  text: string;
  /** The units of `text` as an array, for the rules that read it unit by unit. */
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * Detection's first stage. Undoes the obfuscation that notes use to dodge moderation and that
 * would hide words from the matcher (see shared/reference/xiaohongshu.md, "Shopping language"):
 * zero-width characters, NBSP, full-width letters, traditional or variant characters, symbols
 * wedged inside words (淘♂寳♀), sticker codes `[种草R]` and hashtag markup `#好物分享[话题]#`. Also
 * lower-cases Latin letters. One pass, linear in the input.
 */
export function normalise(original: string): NormalisedText {
  const table = unitTable();
  const separators = separatorTable();
  const length = original.length;
  const codes = takeUnits(length);
  const starts = takeOffsets(length + 1);
  const ends = takeOffsets(length);
  let out = 0;

  // Symbols seen after a Han character are held back: they are dropped if another Han character
  // follows (a separator inside a word) and kept, as written, otherwise.
  let heldFrom = -1;
  let heldTo = -1;
  let lastWasHan = false;
  let loneSurrogate = false;
  // Whether a unit was written as another (upper case, full width, traditional…).
  let changed = false;

  let i = 0;
  while (i < length) {
    const code = original.charCodeAt(i);
    if (code === 0x5b /* [ */) {
      const close = closingBracket(original, i);
      const inner = close > 0 ? original.slice(i + 1, close) : '';
      const isTopic = inner === '话题';
      if (isTopic || (close > 0 && STICKER.test(inner))) {
        if (heldFrom >= 0) out = writeAsWritten(original, heldFrom, heldTo, codes, starts, ends, out);
        heldFrom = -1;
        // A sticker, or the tail of `#word[话题]#` with its closing '#', becomes one space.
        const spanEnd = isTopic && original.charCodeAt(close + 1) === 0x23 ? close + 2 : close + 1;
        codes[out] = 0x20;
        starts[out] = i;
        ends[out++] = spanEnd;
        i = spanEnd;
        lastWasHan = false;
        continue;
      }
    }
    const codePoint = code >= 0xd800 && code <= 0xdbff ? original.codePointAt(i)! : code;
    const width = codePoint > 0xffff ? 2 : 1;
    if (isRemovable(codePoint)) {
      i += width;
      continue;
    }
    if (lastWasHan && (width === 1 ? separators[codePoint] === 1 : isSeparatorSymbol(codePoint))) {
      if (heldFrom < 0) heldFrom = i;
      heldTo = i + width;
      i += width;
      continue;
    }
    const mapped = table[code]!;
    // Held symbols between two Han characters go; before anything else they stay.
    if (heldFrom >= 0 && !(width === 1 && isHan(mapped))) out = writeAsWritten(original, heldFrom, heldTo, codes, starts, ends, out);
    heldFrom = -1;
    if (width === 1 && code >= 0xd800 && code <= 0xdfff) loneSurrogate = true;
    for (let j = i; j < i + width; j++, out++) {
      const unit = original.charCodeAt(j);
      codes[out] = table[unit]!;
      if (codes[out] !== unit) changed = true;
      starts[out] = j;
      ends[out] = j + 1;
    }
    lastWasHan = width === 1 && isHan(mapped);
    i += width;
  }
  if (heldFrom >= 0) out = writeAsWritten(original, heldFrom, heldTo, codes, starts, ends, out);
  starts[out] = length;
  const kept = codes.subarray(0, out);
  // Most text is written as it was: then it is its own normalised text.
  const text = out === length && !changed ? original : fromCodes(kept, loneSurrogate);
  return { text, codes: kept, starts: starts.subarray(0, out + 1), ends: ends.subarray(0, out) };
}

/** Writes the units `[from, to)` of the original, unchanged, from `out` on; returns where writing goes on. */
function writeAsWritten(original: string, from: number, to: number, codes: Uint16Array, starts: Int32Array, ends: Int32Array, out: number): number {
  for (let j = from; j < to; j++, out++) {
    codes[out] = original.charCodeAt(j);
    starts[out] = j;
    ends[out] = j + 1;
  }
  return out;
}

/**
 * The arrays of a normalised text are cut from shared chunks of CHUNK units: a typed array of its
 * own is allocated outside the JavaScript heap, and one per field made the collector run so often
 * that a 2,000-character note's 95th percentile went from 0.2 ms to over 10 (measured with
 * bench/detection.ts). A chunk lives as long as any text cut from it: at most 256 KB.
 */
const CHUNK = 1 << 16;
let unitChunk = new Uint16Array(0);
let offsetChunk = new Int32Array(0);

function takeUnits(size: number): Uint16Array {
  if (size > CHUNK >> 2) return new Uint16Array(size);
  if (unitChunk.length < size) unitChunk = new Uint16Array(CHUNK);
  const taken = unitChunk.subarray(0, size);
  unitChunk = unitChunk.subarray(size);
  return taken;
}

function takeOffsets(size: number): Int32Array {
  if (size > CHUNK >> 2) return new Int32Array(size);
  if (offsetChunk.length < size) offsetChunk = new Int32Array(CHUNK);
  const taken = offsetChunk.subarray(0, size);
  offsetChunk = offsetChunk.subarray(size);
  return taken;
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

let separatorUnits: Uint8Array | undefined;

/** isSeparatorSymbol of every unit, worked out once (the test is a regex). */
function separatorTable(): Uint8Array {
  if (separatorUnits) return separatorUnits;
  separatorUnits = new Uint8Array(0x10000);
  for (let code = 0xa0; code < 0x10000; code++) if (isSeparatorSymbol(code)) separatorUnits[code] = 1;
  return separatorUnits;
}

let mappedUnits: Uint16Array | undefined;

/**
 * One UTF-16 unit to one: lower-case Latin, half-width ASCII, plain spaces for '#' (hashtag markup:
 * the word stays, the marker goes) and for wide spaces, simplified Han. Built on first use, not at
 * import: the content script loads on pages that never show a note.
 */
function unitTable(): Uint16Array {
  if (mappedUnits) return mappedUnits;
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) table[code] = code;
  for (let code = 0x41; code <= 0x5a; code++) table[code] = code + 0x20;
  for (let code = 0xff01; code <= 0xff5e; code++) table[code] = table[code - 0xfee0]!;
  for (const space of [0x23, 0xa0, 0x3000, 0x202f]) table[space] = 0x20;
  for (let code = 0x2000; code <= 0x200a; code++) table[code] = 0x20;
  const { variants } = lexiconData();
  for (let k = 0; k < variants.traditional.length; k++) table[variants.traditional.charCodeAt(k)] = variants.simplified.charCodeAt(k);
  mappedUnits = table;
  return table;
}

let utf16: TextDecoder | undefined;

function fromCodes(codes: Uint16Array, loneSurrogate: boolean): string {
  // The decoder would turn a lone surrogate into U+FFFD: text that kept one is built in chunks
  // (one call with a megabyte of arguments overflows the stack).
  if (!loneSurrogate) {
    utf16 ??= new TextDecoder('utf-16le');
    return utf16.decode(codes);
  }
  let text = '';
  for (let k = 0; k < codes.length; k += 8192) {
    text += String.fromCharCode.apply(null, codes.subarray(k, Math.min(codes.length, k + 8192)) as unknown as number[]);
  }
  return text;
}
