// `npm run bench`: every performance figure in one table, the same figures as JSON, and a non-zero
// exit when a budget is missed. Timings are medians; the machine is named in the JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { measureSizes, entrypointsOf } from './sizes';
import { withinBudget, type BenchRow } from './types';
import { run as runBrowser } from './browser';
import { run as runDetection } from './detection';
import { run as runLanded } from './landed';
import { run as runShops } from './shops';
import { run as runReading } from './reading';

const ROOT = process.cwd();
const only = process.argv.slice(2);
const suites: Array<[string, () => Promise<BenchRow[]>]> = [
  ['sizes', async () => measureSizes(join(ROOT, '.output', 'chrome-mv3'), entrypointsOf(join(ROOT, '.output', 'chrome-mv3')))],
  ['detection', runDetection],
  ['landed', runLanded],
  ['shops', runShops],
  ['reading', runReading],
  ['browser', runBrowser],
];

execFileSync('node', ['scripts/ensure-chromium.mjs'], { stdio: 'inherit' });
execFileSync('npx', ['wxt', 'build'], { stdio: 'ignore' });

const rows: BenchRow[] = [];
for (const [name, suite] of suites) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await suite()));
}

const format = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));
let group = '';
let missed = 0;
for (const row of rows) {
  if (row.group !== group) {
    group = row.group;
    console.log(`\n${group}`);
  }
  const ok = withinBudget(row);
  if (!ok) missed++;
  const budget = row.budget === undefined ? '' : `${row.lowerIsBetter === false ? '≥' : '≤'} ${row.budget} ${row.unit}  ${ok ? 'ok' : 'MISSED'}`;
  console.log(`  ${row.name.padEnd(58)} ${format(row.value).padStart(10)} ${row.unit.padEnd(6)} ${budget}`);
}

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const file = join('bench', 'results', 'latest.json');
writeFileSync(join(ROOT, file), JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2));
console.log(`\nFigures written to ${file} (${machine.cores} cores, ${machine.cpu}).`);
if (missed) {
  console.error(`${missed} budget(s) missed.`);
  process.exit(1);
}
