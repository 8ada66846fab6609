/**
 * The offline reading's dictionary: CC-CEDICT, trimmed by scripts/build-cedict.ts into
 * lib/translate/data/cedict.txt (CC BY-SA 4.0; the file's header carries the attribution), with
 * the everyday readings of lib/translate/data/everyday-words.json after it, packaged at build time
 * as one asset (data/cedict.txt). One line a word: `word<TAB>pinyin with tone marks<TAB>sense/sense`,
 * and for an everyday reading two more fields: what the line shows ('' for a particle) and the
 * word's verb for a negation. A later line for a word replaces an earlier one. Lines starting with
 * # are the header.
 */

export interface CedictEntry {
  /** With tone marks, a space between syllables: "miàn liào". */
  pinyin: string;
  senses: string[];
  /** An everyday reading: what the line shows for the word ('' for a particle that reads as nothing). */
  shown?: string;
  /** An everyday reading's verb, for a negation: 没买到 → didn't get hold of it. */
  verb?: string;
}

/** An entry of everyday-words.json. */
export interface EverydayWord {
  zh: string;
  en: string;
  pinyin: string;
  note: string;
  verb?: string;
}

/** The packaged asset's text: the trimmed CC-CEDICT, then the everyday readings that replace its lines. */
export function cedictAssetText(cedict: string, everyday: readonly EverydayWord[]): string {
  const clean = (field: string) => field.replace(/[\t\n]/g, ' ');
  const lines = everyday.map((word) => [word.zh, word.pinyin, word.note, word.en, word.verb ?? ''].map(clean).join('\t'));
  return `${cedict.trimEnd()}\n# Everyday readings written for Zhongcao (lib/translate/data/everyday-words.json)\n${lines.join('\n')}\n`;
}

export interface Cedict {
  get(word: string): CedictEntry | undefined;
  /** Whether the word is there, without parsing its entry. */
  has(word: string): boolean;
  /** The longest word, in characters: how far a longest match needs to look. */
  readonly maxLength: number;
  readonly size: number;
}

/** Where extension contexts fetch it from (the background, with `runtime.getURL`). */
export const CEDICT_ASSET = '/data/cedict.txt';

/**
 * Parses the file lazily per word: the text is split into lines once and each line is kept as a
 * string until asked about, so 50,000 words cost one Map of strings, not 50,000 objects.
 */
export function parseCedict(text: string): Cedict {
  const lines = new Map<string, string>();
  let maxLength = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (text.charCodeAt(start) !== 35 /* # */ && end > start) {
      const tab = text.indexOf('\t', start);
      if (tab > start && tab < end) {
        const word = text.slice(start, tab);
        lines.set(word, text.slice(tab + 1, end));
        if (word.length > maxLength) maxLength = word.length;
      }
    }
    start = end + 1;
  }
  const parsed = new Map<string, CedictEntry>();
  return {
    maxLength,
    size: lines.size,
    has: (word) => lines.has(word),
    get(word) {
      const known = parsed.get(word);
      if (known) return known;
      const line = lines.get(word);
      if (line === undefined) return undefined;
      const [pinyin = '', senses = '', shown, verb] = line.split('\t');
      const entry: CedictEntry = { pinyin, senses: senses.split('/').filter(Boolean) };
      if (shown !== undefined) entry.shown = shown;
      if (verb) entry.verb = verb;
      parsed.set(word, entry);
      return entry;
    },
  };
}

/** A dictionary of the given words, for tests and for callers without the asset. */
export function cedictOf(entries: Record<string, CedictEntry>): Cedict {
  const map = new Map(Object.entries(entries));
  return { get: (word) => map.get(word), has: (word) => map.has(word), maxLength: Math.max(0, ...[...map.keys()].map((word) => word.length)), size: map.size };
}
