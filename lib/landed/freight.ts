import { gramsOf } from './chargeable';
import { fenToCny, rateFor, toFen } from './money';
import type { Parcel } from './parcel';
import type { Pricing, RateCard, Surcharge } from './rate-card';
import type { FxRates } from './tax-rule';

export type UnavailableReason =
  | 'destination'
  | 'cargo-class'
  | 'weight'
  | 'size'
  | 'declared-value'
  | 'no-price'
  | 'needs-dimensions'
  | 'nothing-to-ship'
  | 'goods'
  | 'invalid-result';

export interface Unavailable {
  reason: UnavailableReason;
  message: string;
}

export interface Charge {
  name: string;
  amountFen: number;
  /** How it was worked out, e.g. "¥5 per 0.5 kg × 2". */
  detail?: string;
  source?: { name: string; url?: string; asOf?: string };
}

type StepPricing = Extract<Pricing, { kind: 'first-and-additional' | 'flat-per-step' }>;

function stepFreightFen(pricing: StepPricing, chargeable: number): number {
  const step = Math.max(1, gramsOf(pricing.stepKg));
  if (pricing.kind === 'flat-per-step') return toFen(Math.ceil(chargeable / step) * pricing.perStepCny);
  const first = gramsOf(pricing.firstKg);
  const additionalSteps = chargeable <= first ? 0 : Math.ceil((chargeable - first) / step);
  return toFen(pricing.firstCny + additionalSteps * pricing.perStepCny);
}

/** International freight in fen for a chargeable weight in grams, or why the line cannot price it. */
export function freightFen(card: RateCard, parcel: Parcel, chargeable: number): number | Unavailable {
  const pricing = card.pricing;
  const maxChargeable = card.limits.maxChargeableKg;
  if (maxChargeable !== undefined && chargeable > gramsOf(maxChargeable)) {
    const why = card.limits.aboveMaxChargeable ? `: ${card.limits.aboveMaxChargeable}` : '';
    return { reason: 'weight', message: `chargeable ${chargeable / 1000} kg is over the ${maxChargeable} kg the card prices${why}` };
  }
  switch (pricing.kind) {
    case 'first-and-additional':
    case 'flat-per-step':
      return stepFreightFen(pricing, chargeable);
    case 'bands': {
      const band = pricing.bands.find((candidate) => chargeable <= gramsOf(candidate.maxKg));
      if (!band) {
        const top = pricing.bands[pricing.bands.length - 1]?.maxKg;
        return { reason: 'weight', message: `chargeable ${chargeable / 1000} kg is above the card's top band (${top} kg)` };
      }
      return stepFreightFen(band.pricing, chargeable);
    }
    case 'per-volume': {
      if (pricing.perCubicMetreCny === undefined) {
        return { reason: 'no-price', message: 'the price per m³ is not published; edit the card to add it' };
      }
      if (parcel.volumeM3 === undefined) {
        return { reason: 'needs-dimensions', message: 'billed by volume: every item needs its box size' };
      }
      return toFen(Math.max(parcel.volumeM3, pricing.minCubicMetres) * pricing.perCubicMetreCny);
    }
    case 'unpublished':
      return { reason: 'no-price', message: 'no base price is published for this line; edit the card to add it' };
  }
}

/** Why a line refuses the parcel before pricing: virtual goods, destination, cargo class, goods, weight, size or value limits. */
export function refusal(card: RateCard, parcel: Parcel, destination: string, fx: FxRates): Unavailable | undefined {
  if (parcel.virtualItems.length > 0) {
    const items = parcel.virtualItems.join(', ');
    return { reason: 'nothing-to-ship', message: `${items}: virtual goods or services ship nothing; quote the other items without them` };
  }
  if (!(card.destinations as readonly string[]).includes(destination)) {
    return { reason: 'destination', message: `ships to ${card.destinations.join(', ')}, not ${destination}` };
  }
  if (!card.cargoClasses.includes(parcel.cargoClass)) {
    return { reason: 'cargo-class', message: `takes ${card.cargoClasses.join(' and ')} cargo; the parcel is ${parcel.cargoClass}` };
  }
  if (card.acceptsOnly) {
    const accepted = new Set(card.acceptsOnly.categories);
    const other = parcel.items.find((item) => item.categoryId === undefined || !accepted.has(item.categoryId));
    if (other) {
      const what = other.categoryId === undefined ? `${other.label} is of an unknown kind` : `${other.label} is not ${card.acceptsOnly.label}`;
      return { reason: 'goods', message: `takes ${card.acceptsOnly.label} only; ${what}` };
    }
  }
  const { maxWeightKg, maxLongestSideCm, longestSideBelowCm, maxGirthCm, maxDeclaredValue } = card.limits;
  if (maxWeightKg !== undefined && parcel.actualGrams > gramsOf(maxWeightKg)) {
    return { reason: 'weight', message: `parcel ${parcel.actualGrams / 1000} kg is over the ${maxWeightKg} kg limit` };
  }
  if (maxLongestSideCm !== undefined && parcel.longestSideCm !== undefined && parcel.longestSideCm > maxLongestSideCm) {
    return { reason: 'size', message: `longest side ${parcel.longestSideCm} cm is over the ${maxLongestSideCm} cm limit` };
  }
  if (longestSideBelowCm !== undefined && parcel.longestSideCm !== undefined && parcel.longestSideCm >= longestSideBelowCm) {
    return { reason: 'size', message: `longest side ${parcel.longestSideCm} cm: the line takes under ${longestSideBelowCm} cm` };
  }
  if (maxDeclaredValue) {
    const { amount, currency, strict } = maxDeclaredValue;
    const declared = fenToCny(parcel.goodsFen) * rateFor(fx, currency);
    if (strict ? !(declared < amount) : !(declared <= amount)) {
      const shown = `${declared.toFixed(2)} ${currency}`;
      return {
        reason: 'declared-value',
        message: `goods declared at ${shown} (at the ${fx.asOf} rate): the line takes ${strict ? 'under' : 'up to'} ${amount} ${currency}`,
      };
    }
  }
  if (maxGirthCm !== undefined && parcel.girthCm !== undefined && parcel.girthCm > maxGirthCm) {
    return { reason: 'size', message: `girth ${parcel.girthCm} cm is over the ${maxGirthCm} cm limit` };
  }
  return undefined;
}

function inEffect(surcharge: { from?: string; to?: string }, date: string): boolean {
  return (surcharge.from === undefined || surcharge.from <= date) && (surcharge.to === undefined || date <= surcharge.to);
}

function isOversize(surcharge: Extract<Surcharge, { kind: 'oversize' }>, parcel: Parcel): boolean {
  const { overWeightKg, overLongestSideCm, overGirthCm } = surcharge;
  return (
    (overWeightKg !== undefined && parcel.actualGrams > gramsOf(overWeightKg)) ||
    (overLongestSideCm !== undefined && parcel.longestSideCm !== undefined && parcel.longestSideCm > overLongestSideCm) ||
    (overGirthCm !== undefined && parcel.girthCm !== undefined && parcel.girthCm > overGirthCm)
  );
}

/** The surcharges in effect on `date` that apply to this parcel, and notes on optional ones. */
export function surchargesFen(
  card: RateCard,
  parcel: Parcel,
  chargeable: number,
  date: string,
): { charges: Charge[]; notes: string[] } {
  const charges: Charge[] = [];
  const notes: string[] = [];
  for (const surcharge of card.surcharges) {
    if (!inEffect(surcharge, date)) continue;
    switch (surcharge.kind) {
      case 'fuel': {
        // A per-step fuel surcharge without its own step follows the card's rounding step.
        const step = Math.max(1, gramsOf(surcharge.stepKg ?? card.roundingStepKg));
        const amount =
          surcharge.basis === 'per-step'
            ? toFen(Math.ceil(chargeable / step) * surcharge.amountCny)
            : toFen((surcharge.amountCny * chargeable) / 1000);
        const since = surcharge.from ? ` since ${surcharge.from}` : '';
        const detail =
          surcharge.basis === 'per-step'
            ? `¥${surcharge.amountCny} per ${step / 1000} kg × ${Math.ceil(chargeable / step)}`
            : `¥${surcharge.amountCny} per kg × ${chargeable / 1000} kg`;
        charges.push({
          name: `fuel surcharge${since}`,
          amountFen: amount,
          detail,
          ...(surcharge.source ? { source: { name: surcharge.source.name, ...(surcharge.source.url ? { url: surcharge.source.url } : {}), asOf: surcharge.source.asOf } } : {}),
        });
        break;
      }
      case 'oversize':
        if (isOversize(surcharge, parcel)) {
          const over = [
            surcharge.overWeightKg !== undefined ? `over ${surcharge.overWeightKg} kg` : '',
            surcharge.overLongestSideCm !== undefined ? `longest side over ${surcharge.overLongestSideCm} cm` : '',
            surcharge.overGirthCm !== undefined ? `girth over ${surcharge.overGirthCm} cm` : '',
          ].filter(Boolean);
          charges.push({ name: 'oversize fee', amountFen: toFen(surcharge.amountCny), detail: `charged when ${over.join(', or ')}` });
        }
        break;
      case 'insurance': {
        if (surcharge.optional) {
          notes.push(`optional insurance (${surcharge.percentOfValue}% of value) not included`);
        } else {
          charges.push({ name: 'insurance', amountFen: Math.round((parcel.goodsFen * surcharge.percentOfValue) / 100), detail: `${surcharge.percentOfValue}% of the goods` });
        }
        break;
      }
    }
  }
  return { charges, notes };
}

/** The forwarder's service fees: per parcel and per item unit. */
export function feesFen(card: RateCard, parcel: Parcel): number {
  return toFen(card.fees.perParcelCny) + toFen(card.fees.perItemCny) * parcel.unitCount;
}
