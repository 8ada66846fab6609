import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cedictAssetText, parseCedict, type Cedict, type EverydayWord } from './cedict';

/**
 * The dictionary from the repository's files, as the build packages it, for Node: tests,
 * command-line tools and benchmarks, which run from the repository's root.
 */
export const CEDICT_FILE = resolve('lib/translate/data/cedict.txt');
export const EVERYDAY_WORDS_FILE = resolve('lib/translate/data/everyday-words.json');

/** The packaged asset's text (what wxt.config.ts writes to data/cedict.txt). */
export function cedictFileText(): string {
  const everyday = (JSON.parse(readFileSync(EVERYDAY_WORDS_FILE, 'utf8')) as { entries: EverydayWord[] }).entries;
  return cedictAssetText(readFileSync(CEDICT_FILE, 'utf8'), everyday);
}

let loaded: Cedict | undefined;
export function loadCedictFile(): Cedict {
  return (loaded ??= parseCedict(cedictFileText()));
}
