import type { CargoClass } from '../mentions/categories';
import { chargeableGrams } from './chargeable';
import { destinationDuties, preCollectedDuty, type DutyCharge } from './duties';
import { feesFen, freightFen, refusal, surchargesFen, type Unavailable } from './freight';
import { convertFen, fenToCny, minorDigits, rateFor } from './money';
import { buildParcel, type ItemInput, type Parcel } from './parcel';
import type { RateCard } from './rate-card';
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
  transitDays?: RateCard['transitDays'];
  asOf: string;
  source: RateCard['source'];
}

export interface AvailableQuote extends LineIdentity {
  available: true;
  chargeableKg: number;
  goodsCny: number;
  domesticShippingCny: number;
  freightCny: number;
  surchargesCny: number;
  feesCny: number;
  dutiesAndTaxesCny: number;
  totalCny: number;
  total: number;
  currency: string;
  surcharges: Array<{ name: string; amountCny: number }>;
  dutiesAndTaxes: Array<{ name: string; amountCny: number; collectedBy: DutyCharge['collectedBy'] }>;
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
  fx: { currency: string; perCny: number; asOf: string; source: string };
  parcel: { actualKg: number; unitCount: number; cargoClass: CargoClass; goodsCny: number };
}

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
    ...(card.transitDays ? { transitDays: card.transitDays } : {}),
    asOf: card.asOf,
    source: card.source,
  };
}

function quoteLine(card: RateCard, parcel: Parcel, request: QuoteRequest, context: QuoteContext): LineQuote {
  const base = identity(card, parcel);
  const assumptions = [...parcel.assumptions, ...card.notes];
  const unavailable = (why: Unavailable): UnavailableQuote => ({ ...base, available: false, unavailable: why, assumptions });

  const refused = refusal(card, parcel, request.destination);
  if (refused) return unavailable(refused);
  const chargeable = chargeableGrams(card, parcel);
  const freight = freightFen(card, parcel, chargeable);
  if (typeof freight !== 'number') return unavailable(freight);

  const surcharges = surchargesFen(card, parcel, chargeable, request.date);
  assumptions.push(...surcharges.notes);
  const surchargeFen = surcharges.charges.reduce((sum, charge) => sum + charge.amountFen, 0);
  const fees = feesFen(card, parcel);

  const duties: DutyCharge[] = [];
  if (card.taxIncluded) {
    assumptions.push('duty and tax are paid by the line (tax included)');
  } else if (card.dutyPreCollection) {
    const preCollected = preCollectedDuty(card.dutyPreCollection, parcel);
    if (!preCollected) {
      return unavailable({
        reason: 'declared-value',
        message: `goods worth ¥${fenToCny(parcel.goodsFen)} exceed the ¥${card.dutyPreCollection.declaredValueMaxCny} declared-value limit`,
      });
    }
    duties.push(preCollected.charge);
    assumptions.push(preCollected.assumption);
  } else {
    const rule = context.taxRules.find((candidate) => candidate.destination === request.destination);
    if (rule) {
      const result = destinationDuties(rule, parcel, freight + surchargeFen, request.date, context.fx);
      duties.push(...result.charges);
      assumptions.push(...result.assumptions);
    } else {
      assumptions.push(`no tax rule for ${request.destination}: duty and tax not included`);
    }
  }
  if (card.excludedRegions.length > 0) assumptions.push(`no delivery to ${card.excludedRegions.join(' or ')}`);

  const dutiesFen = duties.reduce((sum, charge) => sum + charge.amountFen, 0);
  const totalFen = parcel.goodsFen + parcel.domesticShippingFen + fees + freight + surchargeFen + dutiesFen;
  const quote: AvailableQuote = {
    ...base,
    available: true,
    chargeableKg: chargeable / 1000,
    goodsCny: fenToCny(parcel.goodsFen),
    domesticShippingCny: fenToCny(parcel.domesticShippingFen),
    freightCny: fenToCny(freight),
    surchargesCny: fenToCny(surchargeFen),
    feesCny: fenToCny(fees),
    dutiesAndTaxesCny: fenToCny(dutiesFen),
    totalCny: fenToCny(totalFen),
    total: convertFen(totalFen, request.currency, context.fx),
    currency: request.currency,
    surcharges: surcharges.charges.map((charge) => ({ name: charge.name, amountCny: fenToCny(charge.amountFen) })),
    dutiesAndTaxes: duties.map((charge) => ({
      name: charge.name,
      amountCny: fenToCny(charge.amountFen),
      collectedBy: charge.collectedBy,
    })),
    assumptions,
  };
  if (request.localPrice) quote.comparison = compareWithLocalPrice(totalFen, request.localPrice, context.fx);
  return quote;
}

/**
 * Quotes one consolidated parcel on every card: available lines first, cheapest first (faster on a
 * tie), then every line that cannot take the parcel, with its reason, in the cards' order.
 */
export function quoteParcel(request: QuoteRequest, context: QuoteContext): QuoteResult {
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
  return {
    quotes,
    fx: { currency: request.currency, perCny, asOf: context.fx.asOf, source: context.fx.source },
    parcel: {
      actualKg: parcel.actualGrams / 1000,
      unitCount: parcel.unitCount,
      cargoClass: parcel.cargoClass,
      goodsCny: fenToCny(parcel.goodsFen),
    },
  };
}
