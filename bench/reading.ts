/**
 * The offline word-by-word reading: the dictionary's size (a packaged file the background fetches
 * on first use, in no script's first bytes), its load, and reading a 2,000-character note made of
 * the fixture notes' text. Budgets keep the file from growing unnoticed and a long note's reading
 * well inside a frame's worth of background work per few hundred characters.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import '../lib/mentions/lexicon-bundled';
import { loadLexiconData } from '../lib/mentions/lexicon-data';
import { findPrices } from '../lib/mentions/prices';
import { parseCedict } from '../lib/translate/cedict';
import { cedictFileText } from '../lib/translate/cedict-file';
import { createOfflineReader } from '../lib/translate/reading';
import { median, type BenchRow } from './types';

export async function run(): Promise<BenchRow[]> {
  await loadLexiconData();
  const text = cedictFileText();
  const bytes = Buffer.from(text);
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    parseCedict(text);
    loads.push(performance.now() - start);
  }
  const reader = createOfflineReader({ dictionary: parseCedict(text), findPrices, fx: { currency: 'USD', perCny: 0.14 } });
  const notes = readFileSync('tests/fixtures/notes/shopping.jsonl', 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      const note = JSON.parse(line) as { title?: string; desc?: string };
      return [note.title ?? '', note.desc ?? ''];
    })
    .join('\n');
  let note = '';
  while (note.length < 2000) note += notes;
  note = note.slice(0, 2000);
  for (let i = 0; i < 20; i++) reader.read(note);
  const reads: number[] = [];
  for (let i = 0; i < 100; i++) {
    const start = performance.now();
    reader.read(note);
    reads.push(performance.now() - start);
  }
  return [
    { group: 'offline reading', name: 'dictionary file, raw', value: bytes.length / 1024, unit: 'KB' },
    { group: 'offline reading', name: 'dictionary file, gzip', value: gzipSync(bytes, { level: 9 }).length / 1024, unit: 'KB', budget: 1100 },
    { group: 'offline reading', name: 'load the dictionary (median)', value: median(loads), unit: 'ms', budget: 300 },
    { group: 'offline reading', name: 'read a 2,000-character note (median)', value: median(reads), unit: 'ms', budget: 50 },
  ];
}
