import { FALLBACK_WEIGHT_KG, findCategory, type CargoClass } from '../mentions/categories';
import { toFen } from './money';

/**
 * Consolidation model: every item bought rides in one parcel from the forwarder's warehouse.
 * - The parcel pays one first-weight charge (the line prices the parcel, not each item).
 * - Each item keeps its seller's box: like Cainiao's app, the chargeable weight takes
 *   max(actual, volumetric) per inbound item and then sums (unpacking, offered free, only lowers it).
 * - Repacking adds weight: 80 g per parcel plus 15 g per item, a fair model of the forwarders' boxes
 *   and tape. It adds weight, not volume: a parcel billed on volume pays no packing weight unless
 *   its card says so.
 * - Size limits are checked against the largest item's box, the smallest the parcel can be.
 */

export const PACKING_ALLOWANCE_GRAMS = { perParcel: 80, perItem: 15 } as const;

export interface ItemInput {
  /** Price of one unit, including the chosen variant. */
  priceCny: number;
  quantity?: number;
  /** Packed weight of one unit; estimated from the category when absent (a category of weight 0 ships nothing). */
  weightKg?: number;
  /** Category id or name (English or Chinese), for weight and cargo-class estimates. */
  category?: string;
  /** Box of one unit, cm, any order. */
  dimsCm?: readonly [number, number, number];
  /** Seller's shipping to the warehouse, for this item line. */
  domesticShippingCny?: number;
  /** Why that amount (e.g. "the listing says 包邮", "¥8 assumed"), shown in the breakdown. */
  domesticShippingNote?: string;
  /** Overrides the category's cargo class. */
  cargoClass?: CargoClass;
}

export interface ParcelItem {
  unitGrams: number;
  quantity: number;
  dimsCm?: readonly [number, number, number];
  /** Items without a known category count as their own category (EU per-category duty). */
  categoryKey: string;
  /** The lexicon category, when known (duty rates and lines that take only some goods). */
  categoryId?: string;
  /** Price of one unit, in fen. */
  unitFen: number;
  /** How the item is named in quotes: its category as given, or "item 2". */
  label: string;
}

export interface Parcel {
  items: ParcelItem[];
  /** Items plus packing allowance. */
  actualGrams: number;
  packingGrams: number;
  unitCount: number;
  itemLines: number;
  distinctCategories: number;
  goodsFen: number;
  domesticShippingFen: number;
  /** How the China-side shipping was found, per item line that says. */
  domesticShippingNotes: string[];
  cargoClass: CargoClass;
  /** Items of a category that ships nothing (weight 0: tickets, services) and no weight given. */
  virtualItems: string[];
  /** Largest known item box. */
  longestSideCm?: number;
  girthCm?: number;
  /** Sum of the item boxes in m³, when every item's box is known. */
  volumeM3?: number;
  assumptions: string[];
}

/** Longest side plus twice the two others: the courier definition the size limits use. */
export function girthOf(dims: readonly [number, number, number]): number {
  const [a, b, c] = [...dims].sort((x, y) => y - x) as [number, number, number];
  return a + 2 * (b + c);
}

export function buildParcel(inputs: readonly ItemInput[]): Parcel {
  const assumptions: string[] = [];
  const items: ParcelItem[] = [];
  let goodsFen = 0;
  let domesticShippingFen = 0;
  let cargoClass: CargoClass = 'general';
  const categories = new Set<string>();
  const virtualItems: string[] = [];
  const domesticShippingNotes: string[] = [];

  inputs.forEach((input, index) => {
    const quantity = input.quantity ?? 1;
    const category = input.category === undefined ? undefined : findCategory(input.category);
    const label = input.category ?? `item ${index + 1}`;
    let weightKg = input.weightKg;
    if (weightKg === undefined) {
      if (category?.weightKg === 0) {
        // The lexicon gives virtual goods and services (tickets, top-ups, repairs) no weight.
        virtualItems.push(label);
        weightKg = 0;
        assumptions.push(`${label}: a virtual good or service, nothing to ship`);
      } else if (category) {
        weightKg = category.weightKg;
        const kind = category.weightSource === 'published' ? 'typical packed weight' : 'rough estimate';
        assumptions.push(`${label}: weight estimated at ${weightKg} kg (${kind} for ${category.en[0]})`);
      } else {
        weightKg = FALLBACK_WEIGHT_KG;
        assumptions.push(`${label}: weight unknown, estimated at ${weightKg} kg (apparel fallback)`);
      }
    }
    const itemClass = input.cargoClass ?? category?.cargoClass;
    if (itemClass === undefined && input.category !== undefined) {
      assumptions.push(`${label}: category not known, assumed general cargo`);
    }
    if (itemClass === 'sensitive') cargoClass = 'sensitive';

    const categoryKey = category?.id ?? `line-${index}`;
    categories.add(categoryKey);
    const unitFen = toFen(input.priceCny);
    goodsFen += unitFen * quantity;
    domesticShippingFen += toFen(input.domesticShippingCny ?? 0);
    if (input.domesticShippingNote) domesticShippingNotes.push(`${label}: ${input.domesticShippingNote}`);
    items.push({
      unitGrams: Math.round(weightKg * 1000),
      quantity,
      ...(input.dimsCm ? { dimsCm: input.dimsCm } : {}),
      categoryKey,
      ...(category ? { categoryId: category.id } : {}),
      unitFen,
      label,
    });
  });

  const unitCount = items.reduce((sum, item) => sum + item.quantity, 0);
  const packingGrams = PACKING_ALLOWANCE_GRAMS.perParcel + PACKING_ALLOWANCE_GRAMS.perItem * unitCount;
  const actualGrams = items.reduce((sum, item) => sum + item.unitGrams * item.quantity, 0) + packingGrams;
  assumptions.push(`packing adds ${packingGrams} g (80 g a parcel + 15 g an item) to the actual weight, not to volume`);

  const parcel: Parcel = {
    items,
    actualGrams,
    packingGrams,
    unitCount,
    itemLines: items.length,
    distinctCategories: categories.size,
    goodsFen,
    domesticShippingFen,
    domesticShippingNotes,
    cargoClass,
    virtualItems,
    assumptions,
  };
  const boxes = items.flatMap((item) => (item.dimsCm ? [item.dimsCm] : []));
  if (boxes.length > 0) {
    parcel.longestSideCm = Math.max(...boxes.map((box) => Math.max(...box)));
    parcel.girthCm = Math.max(...boxes.map(girthOf));
  }
  if (boxes.length === items.length && items.length > 0) {
    parcel.volumeM3 = items.reduce((sum, item) => {
      const [l, w, h] = item.dimsCm as readonly [number, number, number];
      return sum + (l * w * h * item.quantity) / 1_000_000;
    }, 0);
  } else if (boxes.length === 0) {
    assumptions.push('box sizes unknown: billed on weight; size limits and oversize fees not checked');
  } else {
    assumptions.push('some box sizes unknown: those items billed on weight; size checked on the known boxes');
  }
  return parcel;
}
