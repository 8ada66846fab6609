import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCedict, type Cedict } from './cedict';

/**
 * The dictionary from the repository's file, for Node: tests, command-line tools and benchmarks,
 * which run from the repository's root.
 */
export const CEDICT_FILE = resolve('public/data/cedict.txt');

let loaded: Cedict | undefined;
export function loadCedictFile(): Cedict {
  return (loaded ??= parseCedict(readFileSync(CEDICT_FILE, 'utf8')));
}
