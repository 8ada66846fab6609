import type { FxRates } from './tax-rule';

/**
 * Money is carried in integer fen (1/100 CNY) and integer minor units of the target currency, so a
 * total is the exact sum of its parts. Card rates may hold fractions of a fen; each charge is rounded
 * to the fen once, where it is computed.
 */

/** A CNY amount (possibly with sub-fen rate fractions) rounded to whole fen. */
export function toFen(cny: number): number {
  // 15.4 * 100 is 1540.0000000000002 in binary floating point; rounding absorbs that noise.
  return Math.round(cny * 100);
}

export function fenToCny(fen: number): number {
  return fen / 100;
}

/** Digits after the decimal point in each currency's everyday amounts. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/** Units of `currency` per 1 CNY, or an error naming the missing currency. */
export function rateFor(fx: FxRates, currency: string): number {
  if (currency === 'CNY') return 1;
  const rate = fx.rates[currency];
  if (rate === undefined) throw new Error(`no exchange rate for ${currency} in rates of ${fx.asOf}`);
  return rate;
}

/** A fen amount in `currency`, rounded to that currency's minor unit. */
export function convertFen(fen: number, currency: string, fx: FxRates): number {
  const scale = 10 ** minorDigits(currency);
  return Math.round((fen / 100) * rateFor(fx, currency) * scale) / scale;
}

/** An amount in `currency` expressed in fen. */
export function toFenFrom(amount: number, currency: string, fx: FxRates): number {
  return Math.round((amount / rateFor(fx, currency)) * 100);
}
