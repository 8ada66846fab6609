import categoriesFile from './lexicon/categories.json';
import type { CategoriesFile } from './lexicon/schema';

/**
 * Product categories: the one source of a category's names (Chinese and English), its typical
 * packed shipping weight and its cargo class. Detection, the glossary and the landed-cost estimator
 * all read categories from here. The data lives in `lexicon/categories.json`.
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

// JSON imports are typed loosely (tuples become arrays); tests/unit/mentions/lexicon.test.ts
// validates the file against CategoriesFileSchema.
const data = categoriesFile as unknown as CategoriesFile;
const published = new Set(data.publishedWeights.ids);

const CATEGORIES: CategoryInfo[] = data.groups.flatMap((group) =>
  group.items.map(([id, zh, en, weightKg, sensitivity]) => ({
    id,
    zh: zh.split('|'),
    en: en.split('|'),
    weightKg,
    cargoClass: sensitivity ? 'sensitive' : 'general',
    ...(sensitivity ? { sensitivity } : {}),
    weightSource: published.has(id) ? 'published' : 'estimate',
  })),
);

/** Packed weight used when nothing better is known (the forwarders' apparel fallback). */
export const FALLBACK_WEIGHT_KG = 0.4;

const byKey = new Map<string, CategoryInfo>();
for (const category of CATEGORIES) {
  for (const key of [category.id, ...category.zh, ...category.en]) {
    if (!byKey.has(key.toLowerCase())) byKey.set(key.toLowerCase(), category);
  }
}

export function allCategories(): readonly CategoryInfo[] {
  return CATEGORIES;
}

/** A category by id, Chinese name or English name (case-insensitive), or undefined. */
export function findCategory(nameOrId: string): CategoryInfo | undefined {
  return byKey.get(nameOrId.trim().toLowerCase());
}
