import type { Parcel } from './parcel';
import type { RateCard } from './rate-card';

/** Card kilograms as integer grams, so weight arithmetic is exact. */
export function gramsOf(kg: number): number {
  return Math.round(kg * 1000);
}

/** Rounds up to a multiple of `stepGrams`. */
export function roundUpTo(grams: number, stepGrams: number): number {
  return Math.ceil(grams / stepGrams) * stepGrams;
}

/** Volumetric grams of one box: L × W × H / divisor kg, rounded up to the gram. */
export function volumetricGrams(dimsCm: readonly [number, number, number], divisor: number): number {
  const [l, w, h] = dimsCm;
  // Dims like 0.1 cm make the product inexact; shave float noise before rounding up.
  return Math.ceil((l * w * h * 1000) / divisor - 1e-9);
}

/**
 * The weight a line bills for a parcel, in grams: per item the larger of actual and volumetric
 * weight (volume counting only above k × actual on lines with that rule), summed with the packing
 * allowance, raised to the line's minimum and rounded up to its step.
 */
export function chargeableGrams(card: RateCard, parcel: Parcel): number {
  let billed = parcel.packingGrams;
  for (const item of parcel.items) {
    let unit = item.unitGrams;
    if (card.volumetric && item.dimsCm) {
      const volumetric = volumetricGrams(item.dimsCm, card.volumetric.divisor);
      const multiple = card.volumetric.onlyAboveMultipleOfActual;
      const counts = multiple === undefined || volumetric > multiple * item.unitGrams;
      if (counts) unit = Math.max(unit, volumetric);
    }
    billed += unit * item.quantity;
  }
  const step = gramsOf(card.roundingStepKg);
  return roundUpTo(Math.max(billed, gramsOf(card.minChargeableKg)), step);
}
