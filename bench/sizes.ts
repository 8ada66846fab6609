import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './types';

/** Size budgets, gzipped, per entrypoint. Deterministic, so `npm test` checks them too. */
export const SIZE_BUDGETS_KB: Record<string, number> = {
  'content-scripts/xiaohongshu.js': 40,
  'content-scripts/taobao.js': 40,
  'popup.html': 60,
  // The service worker is parsed when it wakes, never on a page's load path. It now carries the
  // customs rules with their sources, the remote translation providers and the watchlist checks:
  // 136 KB when they came together, against 111 before them.
  'background.js': 160,
};

/** Every JS file an entry loads: its own file plus the chunks and modules it imports, followed transitively. */
function closure(dir: string, entry: string): string[] {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file) || !existsSync(join(dir, file))) return;
    files.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const match of code.matchAll(/(?:import|from)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(normalize(join(dirname(file), match[1]!)));
    }
    // A module imported by its extension URL (a content script's loader in Chromium builds: see wxt.config.ts).
    for (const match of code.matchAll(/getURL\(\s*["']\/?([^"']+\.js)["']\s*\)/g)) visit(normalize(match[1]!));
  };
  if (entry.endsWith('.html')) {
    const html = readFileSync(join(dir, entry), 'utf8');
    for (const match of html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)) visit(normalize(match[1]!));
  } else {
    visit(entry);
  }
  return [...files];
}

export function measureEntry(dir: string, entry: string): { raw: number; gzip: number; files: string[] } {
  const files = closure(dir, entry);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files };
}

export function measureSizes(dir: string, entries: string[] = Object.keys(SIZE_BUDGETS_KB)): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const entry of entries) {
    if (!existsSync(join(dir, entry))) continue;
    const { raw, gzip } = measureEntry(dir, entry);
    rows.push({ group: 'bundle size', name: `${entry} raw`, value: raw / 1024, unit: 'KB' });
    rows.push({ group: 'bundle size', name: `${entry} gzip`, value: gzip / 1024, unit: 'KB', budget: SIZE_BUDGETS_KB[entry] });
  }
  return rows;
}

/** Entry points present in a build, for the table. */
export function entrypointsOf(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string; scripts?: string[] };
    content_scripts?: Array<{ js?: string[] }>;
  };
  const entries = new Set<string>(Object.keys(SIZE_BUDGETS_KB));
  for (const script of manifest.content_scripts ?? []) for (const js of script.js ?? []) entries.add(js);
  for (const page of ['options.html', 'sidepanel.html', 'seller.html']) if (existsSync(join(dir, page))) entries.add(page);
  return [...entries];
}
