import type { Parcel } from './parcel';
import type { RateCard } from './rate-card';

/** Card kilograms as integer grams, so weight arithmetic is exact. */
export function gramsOf(kg: number): number {
  return Math.round(kg * 1000);
}

/** Rounds up to a multiple of `stepGrams` (at least one gram: the schema keeps steps at 1 g or more). */
export function roundUpTo(grams: number, stepGrams: number): number {
  const step = Math.max(1, stepGrams);
  return Math.ceil(grams / step) * step;
}

/** Volumetric grams of one box: L × W × H / divisor kg, rounded up to the gram. */
export function volumetricGrams(dimsCm: readonly [number, number, number], divisor: number): number {
  const [l, w, h] = dimsCm;
  // Dims like 0.1 cm make the product inexact; shave float noise before rounding up.
  return Math.ceil((l * w * h * 1000) / divisor - 1e-9);
}

export interface Chargeable {
  /** The weight the line bills, in grams. */
  grams: number;
  /** Items plus packing. */
  actualGrams: number;
  /** The items, each at the larger of its weight and its billed volume (no packing), when volume counts. */
  volumeGrams?: number;
  /** What set the billed weight. */
  basis: 'actual' | 'volume' | 'minimum';
  /** e.g. "volume 2.34 kg (26×36×15 cm ÷ 6000) over actual 0.945 kg; rounded up to 0.5 kg steps". */
  explanation: string;
}

const kgText = (grams: number) => `${Number((grams / 1000).toFixed(3))} kg`;

/** Whether this card bills this box's volume at all (EMS only for a side of 40 cm or more). */
function volumeCounts(card: RateCard, dims: readonly [number, number, number], unitGrams: number, volumetric: number): boolean {
  const rule = card.volumetric;
  if (!rule) return false;
  if (rule.onlyWhenAnySideAtLeastCm !== undefined && !dims.some((side) => side >= rule.onlyWhenAnySideAtLeastCm!)) return false;
  if (rule.onlyAboveMultipleOfActual !== undefined && !(volumetric > rule.onlyAboveMultipleOfActual * unitGrams)) return false;
  return volumetric > unitGrams;
}

/**
 * The weight a line bills for a parcel, and how it was found. Per item the larger of actual and
 * volumetric weight (on the line's volume rule), summed; packing adds to the actual weight only, so
 * the parcel bills the larger of its actual weight with packing and its items' weight with volume
 * (unless the card adds packing on volume too); then the line's minimum and its rounding step.
 */
export function chargeableDetail(card: RateCard, parcel: Parcel): Chargeable {
  let withVolume = 0;
  let anyVolume = false;
  const boxes: string[] = [];
  for (const item of parcel.items) {
    let unit = item.unitGrams;
    if (card.volumetric && item.dimsCm) {
      const volumetric = volumetricGrams(item.dimsCm, card.volumetric.divisor);
      if (volumeCounts(card, item.dimsCm, item.unitGrams, volumetric)) {
        unit = volumetric;
        anyVolume = true;
        boxes.push(`${item.dimsCm.join('×')} cm ÷ ${card.volumetric.divisor} = ${kgText(volumetric)}${item.quantity > 1 ? ` × ${item.quantity}` : ''}`);
      }
    }
    withVolume += unit * item.quantity;
  }
  const actual = parcel.actualGrams;
  const onVolume = card.volumetric?.packingAddedOnVolume ? withVolume + parcel.packingGrams : withVolume;
  const weighed = anyVolume ? Math.max(actual, onVolume) : actual;
  const minimum = gramsOf(card.minChargeableKg);
  const step = gramsOf(card.roundingStepKg);
  const grams = roundUpTo(Math.max(weighed, minimum), step);

  let basis: Chargeable['basis'] = anyVolume && onVolume > actual ? 'volume' : 'actual';
  if (minimum > weighed) basis = 'minimum';
  const parts: string[] = [];
  if (basis === 'volume') {
    parts.push(`volume ${kgText(onVolume)} (${boxes.join('; ')}) is more than the actual ${kgText(actual)}`);
    if (!card.volumetric?.packingAddedOnVolume) parts.push('packing weight not added on volume');
  } else {
    parts.push(`actual ${kgText(actual)} with packing`);
    if (anyVolume) parts.push(`more than the volume ${kgText(onVolume)}`);
    else if (card.volumetric && parcel.items.some((item) => item.dimsCm)) parts.push('volume not billed for these boxes');
  }
  if (basis === 'minimum') parts.push(`raised to the line's minimum ${kgText(minimum)}`);
  parts.push(`rounded up to ${kgText(step)} steps: ${kgText(grams)}`);
  return {
    grams,
    actualGrams: actual,
    ...(anyVolume ? { volumeGrams: onVolume } : {}),
    basis,
    explanation: parts.join('; '),
  };
}

export function chargeableGrams(card: RateCard, parcel: Parcel): number {
  return chargeableDetail(card, parcel).grams;
}
