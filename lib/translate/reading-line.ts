/**
 * The offline word-by-word reading as it travels: computed in the background (which has the
 * dictionary), carried to the page as the glossary provider's line (a string, like every
 * provider's answer, so the pipeline, the messages and the caches need no change), and rendered
 * there word by word with pinyin on hover. Small and dependency-free: the content script imports it.
 */

export interface ReadingToken {
  /** The original, as written. */
  text: string;
  /** What the line shows for it: English, punctuation, '?' for a question, '' for a particle. */
  en: string;
  /** With tone marks, for learners. */
  pinyin?: string;
  /** More senses, or what a particle does: shown on hover. */
  note?: string;
  kind: 'glossary' | 'word' | 'negation' | 'request' | 'question' | 'particle' | 'price' | 'number' | 'punctuation' | 'break' | 'other' | 'unknown';
}

/** Marks a line as a reading; anything else is plain text (an older cache, a stand-in). */
const PREFIX = 'zc-reading:1:';
const KINDS = new Set<ReadingToken['kind']>(['glossary', 'word', 'negation', 'request', 'question', 'particle', 'price', 'number', 'punctuation', 'break', 'other', 'unknown']);

/** What the line is called, and what it is, in the interface language: "Word-by-word reading", 逐词释义. */
export interface ReadingNames {
  label: string;
  hint: string;
}

export interface Reading extends ReadingNames {
  tokens: ReadingToken[];
}

export function encodeReading(tokens: readonly ReadingToken[], { label, hint }: ReadingNames): string {
  return PREFIX + JSON.stringify({ label, hint, words: tokens.map((token) => [token.text, token.en, token.pinyin ?? '', token.note ?? '', token.kind]) });
}

/** The reading a line carries, or undefined when `line` is not one (then it is shown as it is). */
export function decodeReading(line: string): Reading | undefined {
  if (!line.startsWith(PREFIX)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(PREFIX.length));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { label, hint, words: rows } = parsed as { label?: unknown; hint?: unknown; words?: unknown };
  if (typeof label !== 'string' || typeof hint !== 'string' || !Array.isArray(rows)) return undefined;
  const tokens: ReadingToken[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== 5 || !row.every((cell) => typeof cell === 'string')) return undefined;
    const [text, en, pinyin, note, kind] = row as string[];
    if (!KINDS.has(kind as ReadingToken['kind'])) return undefined;
    tokens.push({ text: text!, en: en!, ...(pinyin ? { pinyin } : {}), ...(note ? { note } : {}), kind: kind as ReadingToken['kind'] });
  }
  return { label, hint, tokens };
}

/** How tokens sit on the line: words apart by ' · ', punctuation and '?' against the word before. */
export interface ReadingPiece {
  /** Text before the piece: the separator. */
  before: string;
  token: ReadingToken;
}

const ATTACHED = new Set([',', '.', '!', '?', ':', ';', '…', ')', ']', '~']);

export function layoutReading(tokens: readonly ReadingToken[]): ReadingPiece[] {
  const visible = tokens.filter((token) => token.en !== '');
  // Particles only (哈, 呢…): show what they are rather than nothing.
  const shown = visible.some((token) => token.kind !== 'punctuation' && token.kind !== 'break') ? visible : tokens.map((token) => (token.en ? token : { ...token, en: token.note ?? token.text }));
  const pieces: ReadingPiece[] = [];
  let previous: ReadingToken | undefined;
  for (const token of shown) {
    // 吗 before a written question mark: one '?' is enough.
    if (previous && token.kind === 'punctuation' && token.en === '?' && previous.kind === 'question') continue;
    let before = ' · ';
    if (!previous) before = '';
    else if (ATTACHED.has(token.en) && (token.kind === 'punctuation' || token.kind === 'question')) before = '';
    else if (token.kind === 'break' || previous.kind === 'break') before = ' ';
    else if (previous.kind === 'punctuation' && ATTACHED.has(previous.en)) before = ' ';
    else if (previous.kind === 'punctuation' && ['(', '[', '"'].includes(previous.en)) before = '';
    pieces.push({ before, token });
    previous = token;
  }
  return pieces;
}

/** The reading as one plain line: "fabric · soft and chewy · doesn't pill". */
export function readingText(tokens: readonly ReadingToken[]): string {
  return layoutReading(tokens)
    .map((piece) => piece.before + piece.token.en)
    .join('');
}

/** What hovering a word shows: "起球 qǐ qiú — to pill". */
export function readingHint(token: ReadingToken): string {
  const head = [token.text, token.pinyin].filter(Boolean).join(' ');
  return token.note && token.note !== token.en ? `${head} — ${token.note}` : `${head} — ${token.en}`;
}

/** A line as plain text, whether it is a reading or not: for places that show text only. */
export function plainLine(line: string): string {
  const reading = decodeReading(line);
  return reading ? readingText(reading.tokens) : line;
}
