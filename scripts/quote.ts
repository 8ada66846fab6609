/**
 * Quotes a parcel on every bundled line: `npm run -s quote < request.json`.
 * Request: {"destination":"US","currency":"USD","date"?:"YYYY-MM-DD","items":[{"priceCny":68.29,
 * "weightKg"?:0.9,"category"?:"hoodie","dimsCm"?:[35,28,6],"domesticShippingCny"?:0,"quantity"?:1}],
 * "localPrice"?:{"amount":75,"currency":"USD"}}. Prints {"quotes":[…],"fx":{…}}; exits 1 with the
 * field named on a bad request. The date defaults to today (local).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod/mini';
import { dayOf } from '../lib/db';
import { bundledFxRates, bundledRateCards, bundledTaxRules } from '../lib/landed/bundled';
import { QuoteInputError, quoteParcel } from '../lib/landed/quote';
import { QuoteRequestSchema, describeRequestErrors } from '../lib/landed/request';
// Node reads the lexicon from its JSON files.
import '../lib/mentions/lexicon-bundled';

// zod/mini ships without messages; the command line wants readable ones.
z.config(z.locales.en());

function fail(message: string): never {
  process.stderr.write(`invalid request: ${message}\n`);
  process.exit(1);
}

let json: unknown;
try {
  json = JSON.parse(readFileSync(0, 'utf8'));
} catch (error) {
  fail(`not JSON: ${(error as Error).message}`);
}
const parsed = QuoteRequestSchema.safeParse(json);
if (!parsed.success) fail(describeRequestErrors(parsed.error));

const request = { ...parsed.data, date: parsed.data.date ?? dayOf(Date.now()) };
let result: ReturnType<typeof quoteParcel>;
try {
  result = quoteParcel(request, { cards: bundledRateCards(), taxRules: bundledTaxRules(), fx: bundledFxRates() });
} catch (error) {
  if (error instanceof QuoteInputError) fail(error.message);
  throw error;
}
process.stdout.write(
  `${JSON.stringify({ quotes: result.quotes, fx: result.fx, parcel: result.parcel, ...(result.cheapestCaveat ? { cheapestCaveat: result.cheapestCaveat } : {}) }, null, 2)}\n`,
);
