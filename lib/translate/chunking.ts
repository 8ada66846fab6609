/**
 * Cutting long captions into pieces a provider accepts, and packing many short comments into few
 * requests. Pieces always join back to the original text exactly.
 */

export const DEFAULT_PIECE_CHARS = 500;

/** Ends a sentence; the closing quotes and brackets after it stay with the sentence. */
const SENTENCE_END = /[。！？!?\n…]+[」』”’)）\]】]*/gu;
/** Where a too-long sentence can be cut next best: after a comma, semicolon or space. */
const SOFT_BREAK = /[，,；;、：:\s]/u;

/**
 * Splits `text` into pieces of at most `maxChars` UTF-16 code units, at sentence ends where it can,
 * else after a comma or space, else anywhere but inside a surrogate pair or an emoji sequence.
 * `pieces.join('') === text` always holds.
 */
export function splitForTranslation(text: string, maxChars = DEFAULT_PIECE_CHARS): string[] {
  if (maxChars < 2) throw new RangeError('maxChars must be at least 2 (one surrogate pair).');
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences(text)) {
    if (current.length + sentence.length <= maxChars) {
      current += sentence;
      continue;
    }
    if (current) pieces.push(current);
    current = '';
    let rest = sentence;
    while (rest.length > maxChars) {
      const cut = cutPoint(rest, maxChars);
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current) pieces.push(current);
  return pieces;
}

function sentences(text: string): string[] {
  const result: string[] = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    result.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) result.push(text.slice(start));
  return result;
}

/** The best place to cut `text` (longer than `maxChars`) at or before `maxChars`. */
function cutPoint(text: string, maxChars: number): number {
  // Prefer a soft break in the second half of the window, so pieces do not get needlessly short.
  for (let index = maxChars; index > maxChars / 2; index--) {
    if (SOFT_BREAK.test(text[index - 1]!) && isSafeCut(text, index)) return index;
  }
  for (let index = maxChars; index > 0; index--) if (isSafeCut(text, index)) return index;
  // Only joiners in the whole window (never in real text): at least keep surrogate pairs whole.
  return splitsSurrogatePair(text, maxChars) ? maxChars - 1 : maxChars;
}

function splitsSurrogatePair(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Cutting between `index - 1` and `index` splits no surrogate pair and no emoji joiner sequence. */
function isSafeCut(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  const joins = before === 0x200d || after === 0x200d || after === 0xfe0f;
  return !splitsSurrogatePair(text, index) && !joins;
}

/** A piece with its surrounding whitespace set aside, so translations keep the original line breaks. */
export interface TrimmedPiece {
  leading: string;
  core: string;
  trailing: string;
}

export function trimPiece(piece: string): TrimmedPiece {
  const core = piece.trim();
  if (!core) return { leading: piece, core: '', trailing: '' };
  const start = piece.indexOf(core);
  return { leading: piece.slice(0, start), core, trailing: piece.slice(start + core.length) };
}

export interface BatchLimits {
  /** Texts per request. */
  maxItems: number;
  /** Characters per request, summed over its texts. */
  maxChars: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxItems: 25, maxChars: 3000 };

/**
 * Packs items into batches in order, each within both limits. An item longer than `maxChars` gets
 * a batch of its own (pieces are already cut to `DEFAULT_PIECE_CHARS`, so this is rare).
 */
export function batchByLimits<T>(items: readonly T[], lengthOf: (item: T) => number, limits: BatchLimits): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let chars = 0;
  for (const item of items) {
    const length = lengthOf(item);
    if (batch.length > 0 && (batch.length >= limits.maxItems || chars + length > limits.maxChars)) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(item);
    chars += length;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
