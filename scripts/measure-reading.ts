/**
 * How much of a text the offline word-by-word reading reads, and how fast:
 *
 *   node --expose-gc --import tsx scripts/measure-reading.ts [path/to/ecommerce-ner/dev.jsonl]
 *
 * Coverage is the share of Han characters that end up in a word the reading found (glossary,
 * function word, CC-CEDICT word or character, a price or a count), not left as raw characters.
 * It also says how many sit in words of two or more characters, a rougher sign of a good reading.
 * Measured on the fixture notes (tests/fixtures/notes/*.jsonl and the note pages' title, caption
 * and comments) and on the e-commerce NER dev set, read from ../shared at run time and never
 * copied into the repository. Then the dictionary's size on disk and gzipped, its parse time and
 * heap, and the CPU time to read a 2,000-character note made of the fixture notes' text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import '../lib/mentions/lexicon-bundled';
import { loadLexiconData } from '../lib/mentions/lexicon-data';
import { findPrices } from '../lib/mentions/prices';
import { parseCedict } from '../lib/translate/cedict';
import { cedictFileText } from '../lib/translate/cedict-file';
import { createOfflineReader } from '../lib/translate/reading';
import type { ReadingToken } from '../lib/translate/reading-line';

const HAN = /\p{Script=Han}/gu;
const hanCount = (text: string) => text.match(HAN)?.length ?? 0;

async function main() {
  await loadLexiconData();
  const heapBefore = heapUsed();
  const fileText = cedictFileText();
  let dictionary = parseCedict('');
  const parseMs = cpuMs(() => (dictionary = parseCedict(fileText)));
  const heapMB = (heapUsed() - heapBefore) / 1024 / 1024;
  const reader = createOfflineReader({ dictionary, findPrices, fx: { currency: 'USD', perCny: 0.14 } });

  const coverage = (texts: string[]) => {
    let han = 0;
    let found = 0;
    let inLongWords = 0;
    let glossary = 0;
    const unknown = new Map<string, number>();
    for (const text of texts) {
      han += hanCount(text);
      for (const token of reader.read(text)) {
        const count = hanCount(token.text);
        if (token.kind === 'unknown') {
          unknown.set(token.text, (unknown.get(token.text) ?? 0) + 1);
          continue;
        }
        found += count;
        if ([...token.text.matchAll(HAN)].length > 1 || isWhole(token)) inLongWords += count;
        if (token.kind === 'glossary') glossary += count;
      }
    }
    const share = (part: number) => `${((part / Math.max(1, han)) * 100).toFixed(2)}%`;
    return {
      texts: texts.length,
      han,
      covered: share(found),
      inWordsOfTwoOrMore: share(inLongWords),
      byShoppingGlossary: share(glossary),
      unknownCharacters: [...unknown].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([char, n]) => `${char}×${n}`).join(' '),
    };
  };

  const fixtureTexts = [...notesFromJsonl(), ...notesFromPages()];
  const devPath = resolve(process.argv[2] ?? '../shared/data/ecommerce-ner/dev.jsonl');
  const devTexts = readFileSync(devPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { text: string }).text);

  // A 2,000-character note from the fixture notes' own text, read many times; the median run.
  let note = '';
  while (note.length < 2000) note += fixtureTexts.join('\n');
  note = note.slice(0, 2000);
  // Timed in CPU time, not wall time: on a machine shared with other jobs the wall clock mostly
  // measures the wait for a core. The first run parses the entries it meets; later notes mostly
  // meet words parsed already.
  const first = cpuMs(() => reader.read(note));
  const runs: number[] = [];
  for (let batch = 0; batch < 40; batch++) runs.push(cpuMs(() => {
    for (let run = 0; run < 5; run++) reader.read(note);
  }) / 5);
  const sorted = runs.sort((a, b) => a - b);

  const bytes = Buffer.from(fileText);
  console.log(
    JSON.stringify(
      {
        fixtureNotes: coverage(fixtureTexts),
        ecommerceNerDev: coverage(devTexts),
        dictionary: {
          words: dictionary.size,
          diskKB: Math.round(bytes.length / 1024),
          gzipKB: Math.round(gzipSync(bytes, { level: 9 }).length / 1024),
          parseMs: Math.round(parseMs),
          heapMB: Math.round(heapMB * 10) / 10,
        },
        read2000CharsCpu: { firstMs: round(first), medianMs: round(sorted[Math.floor(sorted.length / 2)]!), p90Ms: round(sorted[Math.floor(sorted.length * 0.9)]!) },
      },
      null,
      2,
    ),
  );
}

/** Prices, counts and negations are whole readings even when one character long (才, 不). */
function isWhole(token: ReadingToken): boolean {
  return token.kind === 'price' || token.kind === 'number' || token.kind === 'negation' || token.kind === 'request';
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The process's CPU time (user and system) spent running `work`, in milliseconds. */
function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The heap in use after a full collection when Node runs with --expose-gc, else as it is. */
function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

function notesFromJsonl(): string[] {
  const texts: string[] = [];
  for (const file of ['tests/fixtures/notes/shopping.jsonl', 'tests/fixtures/notes/non-shopping.jsonl']) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const note = JSON.parse(line) as { title?: string; desc?: string; comments?: Array<string | { text: string }> };
      texts.push(...[note.title, note.desc, ...(note.comments ?? []).map((comment) => (typeof comment === 'string' ? comment : comment.text))].filter((text): text is string => !!text));
    }
  }
  return texts;
}

/** Title, caption and comments of the note pages, by their elements' text (tags stripped). */
function notesFromPages(): string[] {
  const dir = 'tests/fixtures/pages/xiaohongshu';
  const texts: string[] = [];
  for (const file of readdirSync(dir).filter((name) => /^note-[0-9a-f]+\.html$/.test(name))) {
    const html = readFileSync(join(dir, file), 'utf8');
    for (const match of html.matchAll(/(?:id="detail-title"|class="note-text")[^>]*>([\s\S]*?)<\/(?:div|span)>/g)) {
      const text = match[1]!.replace(/<[^>]*>/g, '').replace(/&[a-z]+;/g, ' ').trim();
      if (text) texts.push(text);
    }
  }
  return texts;
}

void main();
