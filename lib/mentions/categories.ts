import { lexiconData } from './lexicon-data';

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
  /** The English of Chinese names the display name does not describe well (燕麦 → oats, in instant food). */
  enByName?: Readonly<Record<string, string>>;
  /** Typical packed shipping weight in kg. */
  weightKg: number;
  cargoClass: CargoClass;
  sensitivity?: Sensitivity;
  /** Where the weight comes from: a published figure or an estimate. */
  weightSource: 'published' | 'estimate';
}

/** Built from the lexicon data on first use (in extension pages, after `loadLexiconData()`). */
let index: { list: CategoryInfo[]; byKey: Map<string, CategoryInfo> } | undefined;

function categoryIndex() {
  if (index) return index;
  const data = lexiconData().categories;
  const published = new Set(data.publishedWeights.ids);
  const list: CategoryInfo[] = data.groups.flatMap((group) =>
    group.items.map(([id, zh, en, weightKg, sensitivity]) => ({
      id,
      zh: zh.split('|'),
      en: en.split('|'),
      ...(data.englishNames[id] ? { enByName: data.englishNames[id] } : {}),
      weightKg,
      cargoClass: sensitivity ? 'sensitive' : 'general',
      ...(sensitivity ? { sensitivity } : {}),
      weightSource: published.has(id) ? 'published' : 'estimate',
    })),
  );
  const byKey = new Map<string, CategoryInfo>();
  for (const category of list) {
    for (const key of [category.id, ...category.zh, ...category.en]) {
      if (!byKey.has(key.toLowerCase())) byKey.set(key.toLowerCase(), category);
    }
  }
  index = { list, byKey };
  return index;
}

/** Packed weight used when nothing better is known (the forwarders' apparel fallback). */
export const FALLBACK_WEIGHT_KG = 0.4;

export function allCategories(): readonly CategoryInfo[] {
  return categoryIndex().list;
}

/**
 * The English of one of a category's Chinese names: its own where the data has one (燕麦 → oats),
 * else the category's display name (卫衣 → hoodie).
 */
export function englishName(category: CategoryInfo, chineseName: string): string {
  return category.enByName?.[chineseName] ?? category.en[0]!;
}

/** A category by id, Chinese name or English name (case-insensitive), or undefined. */
export function findCategory(nameOrId: string): CategoryInfo | undefined {
  return categoryIndex().byKey.get(nameOrId.trim().toLowerCase());
}
