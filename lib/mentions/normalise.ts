import { lexiconData } from './lexicon-data';
import { CHINESE_DIGITS, PRICE_STARTS } from './units';

/**
 * Text prepared for matching, with a map back to the original string. Character `i` of `text`
 * came from `original.slice(starts[i], ends[i])`, so a match `[s, e)` in `text` is
 * `[starts[s], ends[e - 1])` in the original: offsets stay honest however much was removed.
 * `starts` has one more entry than `text` (where the text ends in the original). Both arrays are
 * read-only: text that needed no removals shares one identity map with every other such text.
 */
export interface NormalisedText {
  text: string;
  /**
   * The units of `text`, as an array: the rules that read `text` unit by unit read them here, which
   * costs less than reading the string (every read of a string checks how it is stored).
   */
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  /**
   * Which of the FEATURE_* units occur in `text`, found on the way: rules that need one of them
   * (a price needs a numeral, a link a '.' or ':') skip text without it instead of scanning it.
   */
  features: number;
  /**
   * Where in `text` a price may start (PRICE_STARTS: a digit or a lead such as ¥ or 到手价), in
   * order. Noted on the way, like `features`: the price rule tries these places only, instead of
   * reading every unit again.
   */
  marks: Int32Array;
}

/** '.' or ':': every shop link has one (`tb.cn`, `https://`). */
export const FEATURE_LINK = 4;
/** A currency-like sign that wraps share codes (￥AbC123Xyz￥). */
export const FEATURE_CODE_SIGN = 8;
/**
 * C, H, M or F as the note wrote it, in upper case: the first letter of the newer share codes
 * (CZ0001, HU…, MF…, FU…), which are only read as codes when written in upper case. Lower-case
 * letters are everywhere in English text; upper-case ones of these four are rare.
 */
export const FEATURE_CODE_LETTER = 16;
/** 0-9. */
export const FEATURE_DIGIT = 32;
/** 0-9 or a Chinese numeral (一, 百, 几…): every price has one. */
export const FEATURE_NUMERAL = 64;
/** The low bits of a unitKinds entry: PLAIN, REMOVABLE, BRACKET or SPECIAL; the other bits are FEATURE_* and MARK. */
const KIND_MASK = 3;
/** In unitKinds and featureTable: the (mapped) unit is one of PRICE_STARTS, its place goes in `marks`. Not a feature. */
const MARK = 128;
/** MARK as it stands in a plainTable entry. */
const MARK_SHIFT = 16 + 7;

/**
 * Obfuscation that notes use to dodge moderation and that would hide words from the matcher
 * (see shared/reference/xiaohongshu.md, "Shopping language"): zero-width characters, NBSP,
 * full-width letters, traditional or variant characters, symbols wedged inside words (淘♂寳♀),
 * sticker codes `[种草R]` and hashtag markup `#好物分享[话题]#`. One pass, linear in the input.
 *
 * @param space buffers to hold the result's arrays (codes, offsets, marks), for a caller that is
 *   done with the result before it lends the same space again: the detector, which normalises a
 *   few fields per note and drops them after it. Without it, the arrays are cut from chunks that
 *   stay as long as any result holds them.
 */
export function normalise(original: string, lent?: NormaliseSpace): NormalisedText {
  const table = unitTable();
  const length = original.length;
  // A long text takes arrays of its own, as from the chunks: a space stays as large as the largest
  // text it held, which should not be a megabyte note's.
  const space = length <= CHUNK_UNITS >> 2 ? lent : undefined;
  // Written where they are kept (NormalisedText.codes): room for every unit, the rest given back.
  const codes = space ? spaceFor(space, length).codes.subarray(0, length) : codeSpace(length);

  // Units are read as String.prototype.charCodeAt.call(original, i), not original.charCodeAt(i):
  // the method lookup on the string goes megamorphic once normalise has seen strings of many
  // shapes (the lexicon's terms, flat and sliced notes), and then every unit paid a generic property
  // load and a call. Through the known function the compiler reads the unit in place.
  // Most text maps unit for unit: then the offset map is the identity and nothing is written but
  // the codes (and not even those become a new string when no unit changed).
  // One read per unit: its kind with the FEATURE_* bits of its mapped unit, and the mapped unit.
  const plain = plainTable();
  if (!space && markScratch.length < length) markScratch = new Int32Array(Math.max(length, markScratch.length * 2));
  const marks = space ? space.marks : markScratch;
  let i = 0;
  let features = 0;
  let marked = 0;
  for (; i < length; i++) {
    const code = String.prototype.charCodeAt.call(original, i);
    const entry = plain[code]!;
    if (entry & PLAIN_STOP) break;
    features |= entry;
    codes[i] = entry & 0xffff;
    // Written at every unit, kept at the marked ones: no branch to mispredict.
    marks[marked] = i;
    marked += (entry >>> MARK_SHIFT) & 1;
  }
  // Whether a unit was mapped to another, before the bits become FEATURE_* bits.
  const changed = features & PLAIN_CHANGED;
  features = (features >>> 16) & FEATURE_MASK;
  if (i === length) {
    const map = identity(length + 1);
    const kept = codes;
    return {
      text: changed !== 0 ? fromCodes(kept, false) : original,
      codes: kept,
      starts: map.subarray(0, length + 1),
      ends: map.subarray(1, length + 1),
      features,
      marks: space ? marks.subarray(0, marked) : keptMarks(marks, marked),
    };
  }

  const offsets = space ? space.offsets : offsetSpace(2 * length + 1);
  const starts = offsets.subarray(0, length + 1);
  const ends = offsets.subarray(length + 1, 2 * length + 1);
  starts.set(identity(i).subarray(0, i));
  ends.set(identity(i + 1).subarray(1, i + 1));
  let out = i;
  let loneSurrogate = false;
  // FEATURE_* bits of what is written below: shifted as in plainTable for mapped units, as they
  // are (unitFeatures) for the few units written otherwise.
  let plainBits = 0;
  const unitFeatures = featureTable();

  // Symbols seen after a Han character are held back: they are dropped if another Han character
  // follows (a separator inside a word) and kept otherwise.
  let heldFrom = -1;
  let heldTo = -1;
  let lastWasHan = i > 0 && isHan(codes[i - 1]!);

  while (i < length) {
    const code = String.prototype.charCodeAt.call(original, i);
    const entry = plain[code]!;
    const kind = (entry >>> 16) & KIND_MASK;

    if (kind === PLAIN) {
      plainBits |= entry;
      const mapped = entry & 0xffff;
      if (heldFrom >= 0) {
        if (!isHan(mapped)) {
          features |= writeHeld(original, heldFrom, heldTo, out, codes, starts, ends);
          out += heldTo - heldFrom;
        }
        heldFrom = -1;
      }
      codes[out] = mapped;
      starts[out] = i;
      ends[out] = i + 1;
      marks[marked] = out;
      marked += (entry >>> MARK_SHIFT) & 1;
      out++;
      i++;
      // The PLAIN units after it, in a tight loop: nothing is held now, so each is only mapped.
      for (; i < length; i++) {
        const next = plain[String.prototype.charCodeAt.call(original, i)]!;
        if (next & PLAIN_STOP) break;
        plainBits |= next;
        codes[out] = next & 0xffff;
        starts[out] = i;
        ends[out] = i + 1;
        marks[marked] = out;
        marked += (next >>> MARK_SHIFT) & 1;
        out++;
      }
      lastWasHan = isHan(codes[out - 1]!);
      continue;
    }
    if (kind === REMOVABLE) {
      i++;
      continue;
    }
    if (kind === BRACKET) {
      const close = closingBracket(original, i);
      const inner = close > 0 ? original.slice(i + 1, close) : '';
      const isTopic = inner === '话题';
      if (isTopic || (close > 0 && STICKER.test(inner))) {
        if (heldFrom >= 0) {
          features |= writeHeld(original, heldFrom, heldTo, out, codes, starts, ends);
          out += heldTo - heldFrom;
        }
        heldFrom = -1;
        // A sticker, or the tail of `#word[话题]#` with its closing '#', becomes one space.
        const spanEnd = isTopic && original.charCodeAt(close + 1) === 0x23 ? close + 2 : close + 1;
        codes[out] = 0x20;
        features |= unitFeatures[0x20]!;
        starts[out] = i;
        ends[out] = spanEnd;
        out++;
        i = spanEnd;
        lastWasHan = false;
        continue;
      }
    }

    // Symbols, emoji, surrogates and brackets that were not stickers.
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
    if (heldFrom >= 0) {
      features |= writeHeld(original, heldFrom, heldTo, out, codes, starts, ends);
      out += heldTo - heldFrom;
    }
    heldFrom = -1;
    if (width === 1 && code >= 0xd800 && code <= 0xdfff) loneSurrogate = true;
    for (let j = i; j < i + width; j++, out++) {
      const unit = table[original.charCodeAt(j)]!;
      features |= unitFeatures[unit]!;
      if (unitFeatures[unit]! & MARK) marks[marked++] = out;
      codes[out] = unit;
      starts[out] = j;
      ends[out] = j + 1;
    }
    lastWasHan = false;
    i += width;
  }
  if (heldFrom >= 0) {
    features |= writeHeld(original, heldFrom, heldTo, out, codes, starts, ends);
    out += heldTo - heldFrom;
  }

  starts[out] = length;
  features = (features | (plainBits >>> 16)) & FEATURE_MASK;
  const kept = space ? (out === length ? codes : codes.subarray(0, out)) : keptCodes(codes, length, out);
  return {
    text: fromCodes(kept, loneSurrogate),
    codes: kept,
    starts: starts.subarray(0, out + 1),
    ends: ends.subarray(0, out),
    features,
    marks: space ? marks.subarray(0, marked) : keptMarks(marks, marked),
  };
}

/** Buffers lent to normalise (see its `space`), grown as needed. */
export interface NormaliseSpace {
  codes: Uint16Array;
  offsets: Int32Array;
  marks: Int32Array;
}

export function createNormaliseSpace(): NormaliseSpace {
  return { codes: new Uint16Array(256), offsets: new Int32Array(513), marks: new Int32Array(256) };
}

/** `space` with room for a text of `length` units. */
function spaceFor(space: NormaliseSpace, length: number): NormaliseSpace {
  if (space.codes.length < length) {
    const size = Math.max(length, 2 * space.codes.length);
    space.codes = new Uint16Array(size);
    space.offsets = new Int32Array(2 * size + 1);
    space.marks = new Int32Array(size);
  }
  return space;
}

/** Room for `size` units of a normalised text, cut from a chunk like offsetSpace's. */
function codeSpace(size: number): Uint16Array {
  if (size > CHUNK_UNITS >> 2) return new Uint16Array(size);
  if (codeChunkUsed + size > codeChunk.length) {
    codeChunk = new Uint16Array(CHUNK_UNITS);
    codeChunkUsed = 0;
  }
  const space = codeChunk.subarray(codeChunkUsed, codeChunkUsed + size);
  codeChunkUsed += size;
  return space;
}

/**
 * The first `count` of the `size` units of the codeSpace just taken: the rest goes back to the
 * chunk (nothing else was cut from it since; when it came from a chunk at all).
 */
function keptCodes(codes: Uint16Array, size: number, count: number): Uint16Array {
  if (count === size) return codes;
  if (size <= CHUNK_UNITS >> 2) codeChunkUsed -= size - count;
  return codes.subarray(0, count);
}

/** The first `count` marks, copied out of the scratch into a chunk (see offsetSpace). */
function keptMarks(marks: Int32Array, count: number): Int32Array {
  const kept = offsetSpace(count);
  kept.set(marks.subarray(0, count));
  return kept;
}

/**
 * Writes held symbols that are kept, `original[from, to)`, one for one at `at`, with their offsets;
 * returns their FEATURE_* bits. Held symbols are never marked (kindTable checks). A function of its
 * own, not a closure in normalise: a closure that assigned normalise's counters (`out`, `features`)
 * made them live in a heap context for all of normalise, its tight loops included.
 */
function writeHeld(original: string, from: number, to: number, at: number, codes: Uint16Array, starts: Int32Array, ends: Int32Array): number {
  const unitFeatures = featureTable();
  let bits = 0;
  for (let j = from, k = at; j < to; j++, k++) {
    const unit = original.charCodeAt(j);
    bits |= unitFeatures[unit]!;
    codes[k] = unit;
    starts[k] = j;
    ends[k] = j + 1;
  }
  return bits;
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

/** How the main loop treats a UTF-16 unit: mapped one to one, dropped, a possible sticker, or looked at closely. */
const PLAIN = 0;
const REMOVABLE = 1;
const BRACKET = 2;
const SPECIAL = 3;
let unitKinds: Uint8Array | undefined;
let mappedUnits: Uint16Array | undefined;

/** Built on first use, not at import: the content script loads on pages that never show a note. */
function kindTable(): Uint8Array {
  if (unitKinds) return unitKinds;
  const kinds = new Uint8Array(0x10000);
  const table = unitTable();
  const unitFeatures = featureTable();
  for (let code = 0; code < 0x10000; code++) {
    if (code === 0x5b) kinds[code] = BRACKET;
    else if (isRemovable(code)) kinds[code] = REMOVABLE;
    else if ((code >= 0xd800 && code <= 0xdfff) || isSeparatorSymbol(code)) {
      // Separator symbols may be held and written by writeHeld, which does not mark.
      if ((unitFeatures[code]! | unitFeatures[table[code]!]!) & MARK) throw new Error(`normalise: separator U+${code.toString(16)} is a price start`);
      kinds[code] = SPECIAL;
    }
    else kinds[code] = PLAIN | unitFeatures[table[code]!]! | (code === 0x43 || code === 0x48 || code === 0x4d || code === 0x46 ? FEATURE_CODE_LETTER : 0);
  }
  unitKinds = kinds;
  return kinds;
}

/**
 * plainTable entries: the mapped unit in the low 16 bits, the kinds entry (kind, features) above,
 * and PLAIN_CHANGED when the unit maps to another: the loops learn whether the text changed from
 * the bits they gather anyway, which keeps a register free.
 */
const PLAIN_STOP = KIND_MASK << 16;
const PLAIN_CHANGED = 1 << 24;
/** All FEATURE_* bits. */
const FEATURE_MASK = FEATURE_LINK | FEATURE_CODE_SIGN | FEATURE_CODE_LETTER | FEATURE_DIGIT | FEATURE_NUMERAL;
let plainUnits: Int32Array | undefined;

/** For the loop over units that map one to one: what unitTable and kindTable say of a unit, in one read. */
function plainTable(): Int32Array {
  if (plainUnits) return plainUnits;
  const table = unitTable();
  const kinds = kindTable();
  const entries = new Int32Array(0x10000);
  for (let code = 0; code < 0x10000; code++) entries[code] = table[code]! | (kinds[code]! << 16) | (table[code] !== code ? PLAIN_CHANGED : 0);
  plainUnits = entries;
  return entries;
}

let featureBits: Uint8Array | undefined;

/** The FEATURE_* bits of each normalised unit. */
function featureTable(): Uint8Array {
  if (featureBits) return featureBits;
  const bits = new Uint8Array(0x10000);
  const mark = (chars: string, bit: number) => {
    for (let k = 0; k < chars.length; k++) bits[chars.charCodeAt(k)]! |= bit;
  };
  mark('.:', FEATURE_LINK);
  mark('￥€₤¤$¢₳', FEATURE_CODE_SIGN);
  mark('0123456789', FEATURE_DIGIT | FEATURE_NUMERAL);
  mark(CHINESE_DIGITS, FEATURE_NUMERAL);
  mark(PRICE_STARTS, MARK);
  featureBits = bits;
  return bits;
}

/**
 * One UTF-16 unit to one: lower-case Latin, half-width ASCII, plain spaces for '#' (hashtag markup:
 * the word stays, the marker goes) and for wide spaces, simplified Han. Built on first use.
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

/** Marks are written here (one more than kept: see the loops), then copied out; kept between calls. */
let markScratch = new Int32Array(1024);
let identityMap = new Int32Array(0);

/** 0, 1, 2… at least `length` long, shared: nobody writes to an offset map. */
function identity(length: number): Int32Array {
  if (identityMap.length < length) {
    identityMap = new Int32Array(Math.max(length, identityMap.length * 2, 1024));
    for (let k = 0; k < identityMap.length; k++) identityMap[k] = k;
  }
  return identityMap;
}

/**
 * Offset maps are cut from shared chunks: a typed array of a few kilobytes is allocated off the
 * heap, which costs microseconds, and a note takes this path whenever it holds an emoji or a
 * sticker. Each part of a chunk is handed out once (zeroed, never reused); a chunk lives as long as
 * any map cut from it, at most CHUNK_UNITS × 4 bytes.
 */
const CHUNK_UNITS = 1 << 16;
let chunk = new Int32Array(0);
let chunkUsed = 0;
/** The same for the units of normalised texts (NormalisedText.codes). */
let codeChunk = new Uint16Array(0);
let codeChunkUsed = 0;

function offsetSpace(size: number): Int32Array {
  if (size > CHUNK_UNITS >> 2) return new Int32Array(size);
  if (chunkUsed + size > chunk.length) {
    chunk = new Int32Array(CHUNK_UNITS);
    chunkUsed = 0;
  }
  const space = chunk.subarray(chunkUsed, chunkUsed + size);
  chunkUsed += size;
  return space;
}

let utf16: TextDecoder | undefined;

function fromCodes(codes: Uint16Array, loneSurrogate: boolean): string {
  const length = codes.length;
  // The decoder is several times faster than fromCharCode, but it would turn a lone surrogate
  // into U+FFFD, so text that kept one takes the slow road.
  if (!loneSurrogate) {
    utf16 ??= new TextDecoder('utf-16le');
    return utf16.decode(codes);
  }
  // One call per chunk: a single call with a megabyte of arguments overflows the stack. `apply`
  // takes the typed array as it is, where a spread would first copy it through an iterator.
  let text = '';
  for (let k = 0; k < length; k += 8192) {
    text += String.fromCharCode.apply(null, codes.subarray(k, Math.min(length, k + 8192)) as unknown as number[]);
  }
  return text;
}

