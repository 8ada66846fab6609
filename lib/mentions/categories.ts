/**
 * Product categories: the one source of a category's names (Chinese and English), its typical
 * packed shipping weight and its cargo class. Detection, the glossary and the landed-cost estimator
 * all read categories from here.
 *
 * SEED: a handful of entries so other modules can be built against the API; the detection work
 * (issue 3) replaces this list with the full lexicon data files.
 */

export type CargoClass = 'general' | 'sensitive';
/** Why a category is sensitive cargo, as forwarders classify it. */
export type Sensitivity = 'battery' | 'liquid' | 'cosmetics' | 'food' | 'magnet' | 'powder';

export interface CategoryInfo {
  /** Stable English id, e.g. `hoodie`. */
  id: string;
  /** Chinese names and synonyms; the first is the preferred search word. */
  zh: string[];
  /** English names; the first is the display name. */
  en: string[];
  /** Typical packed shipping weight in kg. */
  weightKg: number;
  cargoClass: CargoClass;
  sensitivity?: Sensitivity;
  /** Where the weight comes from: a published figure or an estimate. */
  weightSource: 'published' | 'estimate';
}

const SEED: CategoryInfo[] = [
  { id: 'hoodie', zh: ['卫衣'], en: ['hoodie'], weightKg: 0.7, cargoClass: 'general', weightSource: 'published' },
  { id: 't-shirt', zh: ['T恤', '短袖'], en: ['T-shirt'], weightKg: 0.25, cargoClass: 'general', weightSource: 'published' },
  { id: 'jeans', zh: ['牛仔裤'], en: ['jeans'], weightKg: 0.8, cargoClass: 'general', weightSource: 'published' },
  { id: 'sweater', zh: ['毛衣', '针织衫'], en: ['sweater'], weightKg: 0.6, cargoClass: 'general', weightSource: 'published' },
  { id: 'down-jacket', zh: ['羽绒服'], en: ['down jacket'], weightKg: 1.7, cargoClass: 'general', weightSource: 'published' },
  { id: 'backpack', zh: ['双肩包', '背包'], en: ['backpack'], weightKg: 1.7, cargoClass: 'general', weightSource: 'published' },
  { id: 'sneakers', zh: ['运动鞋', '球鞋'], en: ['sneakers'], weightKg: 0.85, cargoClass: 'general', weightSource: 'published' },
  { id: 'lipstick', zh: ['口红'], en: ['lipstick'], weightKg: 0.3, cargoClass: 'sensitive', sensitivity: 'cosmetics', weightSource: 'published' },
  { id: 'sticky-notes', zh: ['便利贴'], en: ['sticky notes'], weightKg: 0.5, cargoClass: 'general', weightSource: 'estimate' },
  { id: 'pot', zh: ['锅'], en: ['pot'], weightKg: 2, cargoClass: 'general', weightSource: 'estimate' },
  { id: 'phone-case', zh: ['手机壳'], en: ['phone case'], weightKg: 0.08, cargoClass: 'general', weightSource: 'estimate' },
  { id: 'power-bank', zh: ['充电宝'], en: ['power bank'], weightKg: 0.4, cargoClass: 'sensitive', sensitivity: 'battery', weightSource: 'estimate' },
];

/** Packed weight used when nothing better is known (the forwarders' apparel fallback). */
export const FALLBACK_WEIGHT_KG = 0.4;

const byKey = new Map<string, CategoryInfo>();
for (const category of SEED) {
  for (const key of [category.id, ...category.zh, ...category.en]) byKey.set(key.toLowerCase(), category);
}

export function allCategories(): readonly CategoryInfo[] {
  return SEED;
}

/** A category by id, Chinese name or English name (case-insensitive), or undefined. */
export function findCategory(nameOrId: string): CategoryInfo | undefined {
  return byKey.get(nameOrId.trim().toLowerCase());
}
