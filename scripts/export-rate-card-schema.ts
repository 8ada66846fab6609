/**
 * Writes the rate-card file format as JSON Schema to `public/rate-card.schema.json`, so people
 * writing their own cards get validation and completion in their editor. A unit test fails when the
 * committed file differs from a fresh export: run `npx tsx scripts/export-rate-card-schema.ts`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rateCardFileJsonSchema } from '../lib/landed/rate-card';

export const SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../public/rate-card.schema.json');

export function renderRateCardSchema(): string {
  return `${JSON.stringify(rateCardFileJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, renderRateCardSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
