import { describe, expect, it } from 'vitest';
import { chargeableGrams, volumetricGrams } from '../../../lib/landed/chargeable';
import { buildParcel, girthOf, type ItemInput } from '../../../lib/landed/parcel';
import { RateCardSchema, type RateCardInput } from '../../../lib/landed/rate-card';

function card(overrides: Partial<RateCardInput>) {
  return RateCardSchema.parse({
    id: 'test-line',
    forwarder: 'Test',
    name: 'Test line',
    destinations: ['US'],
    cargoClasses: ['general'],
    taxIncluded: true,
    pricing: { kind: 'flat-per-step', stepKg: 0.5, perStepCny: 10 },
    roundingStepKg: 0.5,
    source: { name: 'test' },
    asOf: '2026-01-01',
    ...overrides,
  });
}

describe('chargeable weight', () => {
  it.each<[string, Partial<RateCardInput>, ItemInput[], number]>([
    // Packing adds 80 g + 15 g per item throughout.
    ['actual only, rounded up to 0.5 kg', {}, [{ priceCny: 1, weightKg: 0.41 }], 1000],
    ['exactly on a step stays', {}, [{ priceCny: 1, weightKg: 0.405 }], 500],
    ['0.1 kg step', { roundingStepKg: 0.1 }, [{ priceCny: 1, weightKg: 0.41 }], 600],
    ['whole-kg step', { roundingStepKg: 1 }, [{ priceCny: 1, weightKg: 1.2 }], 2000],
    ['minimum 1 kg', { minChargeableKg: 1 }, [{ priceCny: 1, weightKg: 0.2 }], 1000],
    ['minimum 12 kg, whole-kg step', { minChargeableKg: 12, roundingStepKg: 1 }, [{ priceCny: 1, weightKg: 3.9 }], 12000],
    // 30×35×35 = 36,750 cm³: 6.125 kg at 6000, 7.35 kg at 5000, 4.594 kg at 8000.
    ['divisor 6000', { volumetric: { divisor: 6000 } }, [{ priceCny: 1, weightKg: 4, dimsCm: [30, 35, 35] }], 6500],
    ['divisor 5000', { volumetric: { divisor: 5000 } }, [{ priceCny: 1, weightKg: 4, dimsCm: [30, 35, 35] }], 7500],
    ['divisor 8000', { volumetric: { divisor: 8000 } }, [{ priceCny: 1, weightKg: 4, dimsCm: [30, 35, 35] }], 5000],
    ['2× rule: 6.125 kg is not above 2 × 4 kg', { volumetric: { divisor: 6000, onlyAboveMultipleOfActual: 2 } }, [{ priceCny: 1, weightKg: 4, dimsCm: [30, 35, 35] }], 4500],
    ['2× rule: 6.125 kg is above 2 × 3 kg', { volumetric: { divisor: 6000, onlyAboveMultipleOfActual: 2 } }, [{ priceCny: 1, weightKg: 3, dimsCm: [30, 35, 35] }], 6500],
    ['no volumetric rule: bulky box billed on weight', {}, [{ priceCny: 1, weightKg: 1, dimsCm: [60, 60, 60] }], 1500],
    // Consolidated: max(actual, volumetric) per item, then summed: 2.34 (sneakers box) + 0.25 + 0.11 packing.
    [
      'per-item max, then sum',
      { volumetric: { divisor: 6000 } },
      [{ priceCny: 1, weightKg: 0.85, dimsCm: [26, 36, 15] }, { priceCny: 1, weightKg: 0.25, dimsCm: [20, 20, 2] }],
      3000,
    ],
    ['quantity multiplies weight and packing', {}, [{ priceCny: 1, weightKg: 0.3, quantity: 3 }], 1500],
  ])('%s', (_label, overrides, items, grams) => {
    expect(chargeableGrams(card(overrides), buildParcel(items))).toBe(grams);
  });

  it.each([
    [[30, 35, 35], 6000, 6125],
    [[26, 36, 15], 6000, 2340],
    [[10, 10, 10], 6000, 167],
    [[0.1, 0.2, 0.3], 5000, 1],
  ] as const)('volumetric grams of %o at %d', (dims, divisor, grams) => {
    expect(volumetricGrams(dims, divisor)).toBe(grams);
  });

  it('girth is the longest side plus twice the two others, whatever the order', () => {
    expect(girthOf([45, 100, 45])).toBe(280);
  });
});

describe('parcel', () => {
  it('adds the packing allowance and marks the parcel sensitive when one item is', () => {
    const parcel = buildParcel([
      { priceCny: 68.29, weightKg: 0.9 },
      { priceCny: 99.9, category: '口红', quantity: 2 },
    ]);
    expect(parcel.actualGrams).toBe(900 + 600 + 80 + 45);
    expect(parcel.goodsFen).toBe(6829 + 19980);
    expect(parcel.cargoClass).toBe('sensitive');
    expect(parcel.distinctCategories).toBe(2);
  });
});
