import type { CargoClass } from '../mentions/categories';
import { chargeableDetail, type Chargeable } from './chargeable';
import { destinationDuties, dutyDeposit, type Deposit, type DutyCharge } from './duties';
import { feesFen, freightFen, refusal, surchargesFen, type Unavailable } from './freight';
import { convertFen, fenToCny, minorDigits, rateFor, toFen } from './money';
import { DaySchema } from './rate-card';
import { buildParcel, type ItemInput, type Parcel } from './parcel';
import type { RateCard, SourceKind } from './rate-card';
import type { FxRates, TaxRule } from './tax-rule';

/**
 * Landed cost = goods + domestic shipping + forwarder fees + international freight + surcharges in
 * effect on the quote date + destination duty and tax (none on tax-included lines), all in fen, then
 * converted with one dated rate. Pure: the caller passes cards, rules and rates (bundled or from Dexie).
 */

export interface QuoteRequest {
  destination: string;
  currency: string;
  /** `YYYY-MM-DD`: picks surcharges and tax components in effect that day. */
  date: string;
  items: readonly ItemInput[];
  localPrice?: { amount: number; currency: string };
}

export interface QuoteContext {
  cards: readonly RateCard[];
  taxRules: readonly TaxRule[];
  fx: FxRates;
}

export interface Comparison {
  /** Local price minus landed total, in the local price's currency (negative: Taobao costs more). */
  saving: number;
  /** Saving as a whole percentage of the local price. */
  percent: number;
  currency: string;
  /** e.g. "save 56 USD (74%)". */
  text: string;
}

interface LineIdentity {
  forwarder: string;
  line: string;
  lineId: string;
  taxIncluded: boolean;
  cargoClass: CargoClass;
  mode?: RateCard['mode'];
  transitDays?: RateCard['transitDays'];
  asOf: string;
  source: RateCard['source'];
}

/** One row of the breakdown: what it is, how much, how it was found and where the figure comes from. */
export interface BreakdownRow {
  name: string;
  amountCny: number;
  detail?: string;
  /**
   * Where the figure comes from. On the freight row also what it rests on (`kind`: a price table,
   * an estimator's result, an observed checkout, …), the day the page was read and what it states.
   */
  source?: { name: string; url?: string; asOf?: string; kind?: SourceKind; seen?: string; states?: string; via?: { name: string; url: string } };
}

export interface DutyRow extends BreakdownRow {
  collectedBy: DutyCharge['collectedBy'];
  /** The rule as applied, e.g. "7.5% of the goods (from 2026-01-01)". */
  rule: string;
  source: { name: string; url: string; asOf: string };
  assumed: boolean;
}

export interface AvailableQuote extends LineIdentity {
  available: true;
  chargeableKg: number;
  /** How the chargeable weight was found (actual or volume, minimum, rounding). */
  chargeable: { kg: number; basis: Chargeable['basis']; explanation: string; volumeRuleAssumed: boolean };
  goodsCny: number;
  domesticShippingCny: number;
  freightCny: number;
  surchargesCny: number;
  feesCny: number;
  dutiesAndTaxesCny: number;
  totalCny: number;
  total: number;
  currency: string;
  /** China-side shipping to the warehouse, with how it was found (包邮, assumed, or typed). */
  domesticShipping: BreakdownRow;
  freight: BreakdownRow;
  fees: BreakdownRow[];
  surcharges: BreakdownRow[];
  dutiesAndTaxes: DutyRow[];
  /** A forwarder's up-front duty deposit: shown beside the duty, never added to the total. */
  deposit?: Deposit;
  /** The exchange rate this quote was converted at, and its date. */
  fx: { currency: string; perCny: number; asOf: string; source: string };
  /** What the line's price or volume rule rests on that its card does not publish (empty: all published). */
  rankCaveats: string[];
  assumptions: string[];
  comparison?: Comparison;
}

export interface UnavailableQuote extends LineIdentity {
  available: false;
  unavailable: Unavailable;
  assumptions: string[];
}

export type LineQuote = AvailableQuote | UnavailableQuote;

export interface QuoteResult {
  quotes: LineQuote[];
  fx: { currency: string; perCny: number; asOf: string; source: string; sourceUrl?: string };
  parcel: { actualKg: number; unitCount: number; cargoClass: CargoClass; goodsCny: number };
  /** Set when the cheapest line is cheapest on a price or volume rule its card does not publish. */
  cheapestCaveat?: string;
}

/** Refused input: the field it is in and why, e.g. `items.0.priceCny: over ¥1,000,000`. */
export class QuoteInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'QuoteInputError';
  }
}

/** Limits of a believable request: beyond them a quote would be noise (or Infinity). */
export const INPUT_LIMITS = { maxPriceCny: 1_000_000, maxWeightKg: 1000, maxSideCm: 1000, maxQuantity: 10_000, maxItems: 500, maxCategoryLength: 200 } as const;

/** No quote above this is believable: a line that would total more is reported, not quoted. */
const MAX_TOTAL_FEN = toFen(100_000_000);

/** "save 56 USD (74%)" when the landed total beats the local price, else "costs 5 USD (7%) more". */
export function compareWithLocalPrice(
  totalFen: number,
  localPrice: { amount: number; currency: string },
  fx: FxRates,
): Comparison {
  const { amount, currency } = localPrice;
  const scale = 10 ** minorDigits(currency);
  const landed = fenToCny(totalFen) * rateFor(fx, currency);
  const saving = Math.round((amount - landed) * scale) / scale;
  const percent = amount > 0 ? Math.round((saving / amount) * 100) : 0;
  const text =
    saving >= 0
      ? `save ${Math.round(saving)} ${currency} (${percent}%)`
      : `costs ${Math.round(-saving)} ${currency} (${-percent}%) more`;
  return { saving, percent, currency, text };
}

function identity(card: RateCard, parcel: Parcel): LineIdentity {
  return {
    forwarder: card.forwarder,
    line: card.name,
    lineId: card.id,
    taxIncluded: card.taxIncluded,
    cargoClass: parcel.cargoClass,
    ...(card.mode ? { mode: card.mode } : {}),
    ...(card.transitDays ? { transitDays: card.transitDays } : {}),
    asOf: card.asOf,
    source: card.source,
  };
}

function freightText(card: RateCard, chargeableGrams: number): string {
  const pricing = card.pricing;
  const kg = chargeableGrams / 1000;
  const step = (p: { kind: string; stepKg: number; perStepCny: number; firstKg?: number; firstCny?: number }) =>
    p.kind === 'first-and-additional' ? `first ${p.firstKg} kg ¥${p.firstCny}, then ¥${p.perStepCny} per ${p.stepKg} kg` : `¥${p.perStepCny} per ${p.stepKg} kg`;
  switch (pricing.kind) {
    case 'first-and-additional':
    case 'flat-per-step':
      return `${step(pricing)}, at ${kg} kg`;
    case 'bands': {
      const band = pricing.bands.find((candidate) => chargeableGrams <= Math.round(candidate.maxKg * 1000));
      return band ? `band up to ${band.maxKg} kg: ${step(band.pricing)}, at ${kg} kg` : `${kg} kg`;
    }
    default:
      return `${kg} kg`;
  }
}

function validFen(...amounts: number[]): boolean {
  return amounts.every((amount) => Number.isFinite(amount) && amount >= 0 && amount <= MAX_TOTAL_FEN);
}

function quoteLine(card: RateCard, parcel: Parcel, request: QuoteRequest, context: QuoteContext): LineQuote {
  const base = identity(card, parcel);
  const assumptions = [...parcel.assumptions, ...card.notes];
  const unavailable = (why: Unavailable): UnavailableQuote => ({ ...base, available: false, unavailable: why, assumptions });

  const refused = refusal(card, parcel, request.destination, context.fx);
  if (refused) return unavailable(refused);
  const chargeable = chargeableDetail(card, parcel);
  const freight = freightFen(card, parcel, chargeable.grams);
  if (typeof freight !== 'number') return unavailable(freight);

  const surcharges = surchargesFen(card, parcel, chargeable.grams, request.date);
  assumptions.push(...surcharges.notes);
  const surchargeFen = surcharges.charges.reduce((sum, charge) => sum + charge.amountFen, 0);
  const fees = feesFen(card, parcel);

  const duties: DutyCharge[] = [];
  let deposit: Deposit | undefined;
  const rule = context.taxRules.find((candidate) => candidate.destination === request.destination);
  if (card.taxIncluded) {
    assumptions.push('duty and tax are paid by the line (tax included)');
  } else {
    if (card.dutyPreCollection) {
      deposit = dutyDeposit(card.dutyPreCollection, parcel);
      if (!deposit) {
        return unavailable({
          reason: 'declared-value',
          message: `goods worth ¥${fenToCny(parcel.goodsFen)} exceed the ¥${card.dutyPreCollection.declaredValueMaxCny} declared-value limit`,
        });
      }
    }
    if (rule) {
      const result = destinationDuties(rule, { parcel, transportFen: freight + surchargeFen + fees, ...(card.mode ? { mode: card.mode } : {}) }, request.date, context.fx);
      // Where the forwarder takes a deposit, it clears customs and settles the duty from it.
      duties.push(...result.charges.map((charge) => (deposit ? { ...charge, collectedBy: 'forwarder' as const } : charge)));
      assumptions.push(...result.assumptions);
    } else {
      assumptions.push(`no tax rule for ${request.destination}: duty and tax not included`);
    }
    if (deposit) assumptions.push(`${deposit.name}: ¥${deposit.amountCny.toFixed(2)}, ${deposit.note}`);
  }
  if (card.excludedRegions.length > 0) assumptions.push(`no delivery to ${card.excludedRegions.join(' or ')}`);

  const dutiesFen = duties.reduce((sum, charge) => sum + charge.amountFen, 0);
  const totalFen = parcel.goodsFen + parcel.domesticShippingFen + fees + freight + surchargeFen + dutiesFen;
  if (!validFen(freight, surchargeFen, fees, dutiesFen, totalFen) || !Number.isFinite(chargeable.grams)) {
    return unavailable({ reason: 'invalid-result', message: 'the card gives no believable price for this parcel (check its steps and prices)' });
  }
  const total = convertFen(totalFen, request.currency, context.fx);
  if (!Number.isFinite(total)) return unavailable({ reason: 'invalid-result', message: `no believable ${request.currency} amount for this total` });

  const rankCaveats: string[] = [];
  const volumeAssumed = Boolean(card.volumetric?.assumed);
  if (card.priceDerived) rankCaveats.push('its price is worked out from one published example, not a price table');
  if (card.source.kind === 'observed-checkout') rankCaveats.push('its price is an observed checkout, not a published card');
  if (card.source.kind === 'home-page') rankCaveats.push("its source is the forwarder's home page: the page stating the rate was not found");
  if (volumeAssumed && parcel.items.some((item) => item.dimsCm)) rankCaveats.push(`its volume rule is not published (÷${card.volumetric!.divisor} assumed)`);
  if (volumeAssumed) assumptions.push(`volume rule not published: billed at L×W×H/${card.volumetric!.divisor} (assumed)`);

  const fx = { currency: request.currency, perCny: rateFor(context.fx, request.currency), asOf: context.fx.asOf, source: context.fx.source };
  const feeRows: BreakdownRow[] = [];
  if (card.fees.perParcelCny > 0) feeRows.push({ name: 'service fee per parcel', amountCny: card.fees.perParcelCny });
  if (card.fees.perItemCny > 0) feeRows.push({ name: 'service fee per item', amountCny: fenToCny(toFen(card.fees.perItemCny) * parcel.unitCount), detail: `¥${card.fees.perItemCny} × ${parcel.unitCount}` });
  const quote: AvailableQuote = {
    ...base,
    available: true,
    chargeableKg: chargeable.grams / 1000,
    chargeable: { kg: chargeable.grams / 1000, basis: chargeable.basis, explanation: chargeable.explanation, volumeRuleAssumed: volumeAssumed },
    goodsCny: fenToCny(parcel.goodsFen),
    domesticShippingCny: fenToCny(parcel.domesticShippingFen),
    freightCny: fenToCny(freight),
    surchargesCny: fenToCny(surchargeFen),
    feesCny: fenToCny(fees),
    dutiesAndTaxesCny: fenToCny(dutiesFen),
    totalCny: fenToCny(totalFen),
    total,
    currency: request.currency,
    domesticShipping: {
      name: 'China-side shipping',
      amountCny: fenToCny(parcel.domesticShippingFen),
      ...(parcel.domesticShippingNotes.length > 0 ? { detail: parcel.domesticShippingNotes.join('; ') } : {}),
    },
    freight: { name: 'international freight', amountCny: fenToCny(freight), detail: freightText(card, chargeable.grams), source: { ...card.source, asOf: card.asOf } },
    fees: feeRows,
    surcharges: surcharges.charges.map((charge) => ({
      name: charge.name,
      amountCny: fenToCny(charge.amountFen),
      ...(charge.detail ? { detail: charge.detail } : {}),
      ...(charge.source ? { source: charge.source } : {}),
    })),
    dutiesAndTaxes: duties.map((charge) => ({
      name: charge.name,
      amountCny: fenToCny(charge.amountFen),
      collectedBy: charge.collectedBy,
      rule: charge.rule,
      detail: charge.rule,
      source: charge.source,
      assumed: charge.assumed,
    })),
    ...(deposit ? { deposit } : {}),
    fx,
    rankCaveats,
    assumptions,
  };
  if (request.localPrice) quote.comparison = compareWithLocalPrice(totalFen, request.localPrice, context.fx);
  return quote;
}

/** Refuses input no real parcel has, naming the field: a quote on it would be noise or Infinity. */
export function checkQuoteRequest(request: QuoteRequest): void {
  if (!DaySchema.safeParse(request.date).success) throw new QuoteInputError('date', `${String(request.date).slice(0, 20)} is not a calendar day (YYYY-MM-DD)`);
  if (request.items.length === 0) throw new QuoteInputError('items', 'no items');
  if (request.items.length > INPUT_LIMITS.maxItems) throw new QuoteInputError('items', `more than ${INPUT_LIMITS.maxItems} items`);
  const finite = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
  request.items.forEach((item, index) => {
    const at = (field: string) => `items.${index}.${field}`;
    if (!finite(item.priceCny) || item.priceCny < 0) throw new QuoteInputError(at('priceCny'), 'expected a price of 0 or more');
    if (item.priceCny > INPUT_LIMITS.maxPriceCny) throw new QuoteInputError(at('priceCny'), `over ¥${INPUT_LIMITS.maxPriceCny.toLocaleString('en')}`);
    if (item.quantity !== undefined && (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > INPUT_LIMITS.maxQuantity)) {
      throw new QuoteInputError(at('quantity'), `expected a whole number from 1 to ${INPUT_LIMITS.maxQuantity}`);
    }
    if (item.weightKg !== undefined && (!finite(item.weightKg) || item.weightKg <= 0 || item.weightKg > INPUT_LIMITS.maxWeightKg)) {
      throw new QuoteInputError(at('weightKg'), `expected more than 0 and at most ${INPUT_LIMITS.maxWeightKg} kg`);
    }
    if (item.dimsCm !== undefined && (item.dimsCm.length !== 3 || item.dimsCm.some((side) => !finite(side) || side <= 0 || side > INPUT_LIMITS.maxSideCm))) {
      throw new QuoteInputError(at('dimsCm'), `expected three sides, each more than 0 and at most ${INPUT_LIMITS.maxSideCm} cm`);
    }
    if (item.domesticShippingCny !== undefined && (!finite(item.domesticShippingCny) || item.domesticShippingCny < 0 || item.domesticShippingCny > INPUT_LIMITS.maxPriceCny)) {
      throw new QuoteInputError(at('domesticShippingCny'), `expected 0 to ¥${INPUT_LIMITS.maxPriceCny.toLocaleString('en')}`);
    }
    if (item.domesticShippingNote !== undefined && item.domesticShippingNote.length > 500) throw new QuoteInputError(at('domesticShippingNote'), 'longer than 500 characters');
    if (item.category !== undefined && item.category.length > INPUT_LIMITS.maxCategoryLength) {
      throw new QuoteInputError(at('category'), `longer than ${INPUT_LIMITS.maxCategoryLength} characters`);
    }
  });
  const goodsFen = request.items.reduce((sum, item) => sum + toFen(item.priceCny) * (item.quantity ?? 1), 0);
  if (goodsFen > toFen(INPUT_LIMITS.maxPriceCny)) throw new QuoteInputError('items', `goods total over ¥${INPUT_LIMITS.maxPriceCny.toLocaleString('en')}`);
  if (request.localPrice && (!finite(request.localPrice.amount) || request.localPrice.amount <= 0 || request.localPrice.amount > 100_000_000)) {
    throw new QuoteInputError('localPrice.amount', 'expected a positive amount');
  }
}

/**
 * Quotes one consolidated parcel on every card: available lines first, cheapest first (faster on a
 * tie), then every line that cannot take the parcel, with its reason, in the cards' order.
 */
export function quoteParcel(request: QuoteRequest, context: QuoteContext): QuoteResult {
  checkQuoteRequest(request);
  const parcel = buildParcel(request.items);
  const perCny = rateFor(context.fx, request.currency);
  const quotes = context.cards.map((card) => quoteLine(card, parcel, request, context));
  quotes.sort((a, b) => {
    if (a.available !== b.available) return a.available ? -1 : 1;
    if (a.available && b.available) {
      return a.totalCny - b.totalCny || (a.transitDays?.max ?? Infinity) - (b.transitDays?.max ?? Infinity);
    }
    return 0; // unavailable lines keep the cards' order (the sort is stable)
  });
  const cheapest = quotes.find((quote): quote is AvailableQuote => quote.available);
  let cheapestCaveat: string | undefined;
  if (cheapest && cheapest.rankCaveats.length > 0) {
    cheapestCaveat = `${cheapest.forwarder} · ${cheapest.line} is cheapest only on assumptions: ${cheapest.rankCaveats.join('; ')}`;
    cheapest.assumptions.push(cheapestCaveat);
  }
  return {
    quotes,
    ...(cheapestCaveat ? { cheapestCaveat } : {}),
    fx: { currency: request.currency, perCny, asOf: context.fx.asOf, source: context.fx.source, ...(context.fx.sourceUrl ? { sourceUrl: context.fx.sourceUrl } : {}) },
    parcel: {
      actualKg: parcel.actualGrams / 1000,
      unitCount: parcel.unitCount,
      cargoClass: parcel.cargoClass,
      goodsCny: fenToCny(parcel.goodsFen),
    },
  };
}
