/**
 * Writes lib/landed/data/fx-rates.json, the exchange rates bundled with the extension, from the
 * European Central Bank's daily reference rates: `npx tsx scripts/update-fx.ts` fetches today's
 * eurofxref-daily.xml (needs network) and keeps a dated copy beside the JSON;
 * `npx tsx scripts/update-fx.ts lib/landed/data/ecb-eurofxref-YYYY-MM-DD.xml` rebuilds from a kept copy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ECB_DAILY_URL, ecbToCnyRates, parseEcbXml } from '../lib/landed/ecb';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../lib/landed/data');

async function main(): Promise<void> {
  const file = process.argv[2];
  let xml: string;
  if (file) {
    xml = readFileSync(file, 'utf8');
  } else {
    const response = await fetch(ECB_DAILY_URL);
    if (!response.ok) throw new Error(`${ECB_DAILY_URL} answered HTTP ${response.status}`);
    xml = await response.text();
  }
  const day = parseEcbXml(xml);
  if (!file) writeFileSync(resolve(DATA, `ecb-eurofxref-${day.date}.xml`), xml);
  const fx = ecbToCnyRates(day);
  writeFileSync(resolve(DATA, 'fx-rates.json'), `${JSON.stringify(fx, null, 2)}\n`);
  process.stdout.write(`fx-rates.json: ECB rates of ${day.date}, ${Object.keys(fx.rates).length} currencies\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
