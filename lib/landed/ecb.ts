import { CURRENCIES } from '../settings/schema';
import { isCalendarDay } from './rate-card';
import type { FxRates } from './tax-rule';

/**
 * The European Central Bank's daily euro reference rates (eurofxref-daily.xml): official, free and
 * without a key, published around 16:00 CET each working day. They are quoted per euro; CNY and the
 * user's currency cross through the euro. Read with a regular expression, not an XML parser: the
 * background service worker has no DOMParser, and the file is one flat list of attributes.
 */

export const ECB_DAILY_URL = 'https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml';
export const ECB_SOURCE = 'European Central Bank euro foreign exchange reference rates';

export interface EcbDay {
  /** The day the rates were set, `YYYY-MM-DD`. */
  date: string;
  /** Units of each currency per euro (EUR itself is 1). */
  perEur: Record<string, number>;
}

/** The first (newest) day of an ECB reference-rate file, or an error saying what was missing. */
export function parseEcbXml(xml: string): EcbDay {
  if (xml.length > 2_000_000) throw new Error('the ECB file is larger than any daily file');
  const day = /<Cube\s+time=['"](\d{4}-\d{2}-\d{2})['"]\s*>([\s\S]*?)<\/Cube>/.exec(xml);
  if (!day) throw new Error('no dated rates in the ECB file (expected <Cube time="YYYY-MM-DD">)');
  const date = day[1]!;
  if (!isCalendarDay(date)) throw new Error(`the ECB file's date ${date} is not a calendar day`);
  const perEur: Record<string, number> = { EUR: 1 };
  for (const match of day[2]!.matchAll(/<Cube\s+currency=['"]([A-Z]{3})['"]\s+rate=['"]([0-9.]+)['"]\s*\/>/g)) {
    const rate = Number(match[2]);
    if (Number.isFinite(rate) && rate > 0) perEur[match[1]!] = rate;
  }
  if (perEur.CNY === undefined) throw new Error(`the ECB file of ${date} has no CNY rate`);
  return { date, perEur };
}

/** Units of each of our currencies per 1 CNY, crossed through the euro, dated with the ECB's day. */
export function ecbToCnyRates(day: EcbDay, source = `${ECB_SOURCE}, ${day.date}`): FxRates {
  const cnyPerEur = day.perEur.CNY!;
  const rates: Record<string, number> = { CNY: 1 };
  for (const code of CURRENCIES) {
    const perEur = day.perEur[code];
    // Six significant figures: the ECB publishes five or six.
    if (perEur !== undefined && code !== 'CNY') rates[code] = Number((perEur / cnyPerEur).toPrecision(6));
  }
  return { base: 'CNY', rates, asOf: day.date, source, sourceUrl: ECB_DAILY_URL };
}
