// Fails when an entrypoint of the Chrome build is over its gzipped size budget.
import { join } from 'node:path';
import { measureSizes } from '../bench/sizes';
import { withinBudget } from '../bench/types';

const dir = join(process.cwd(), '.output', 'chrome-mv3');
const rows = measureSizes(dir).filter((row) => row.budget !== undefined);
let failed = 0;
for (const row of rows) {
  const ok = withinBudget(row);
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${row.name.padEnd(40)} ${row.value.toFixed(1).padStart(7)} KB (budget ${row.budget} KB)`);
}
if (rows.length === 0) {
  console.error('No entrypoints measured: build the extension first.');
  process.exit(1);
}
if (failed) {
  console.error(`${failed} entrypoint(s) over their size budget.`);
  process.exit(1);
}
