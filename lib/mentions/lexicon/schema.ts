import { z } from 'zod/mini';

/**
 * Shapes of the lexicon data files. The unit tests validate the JSON against these; at run time the
 * files are trusted (they ship with the extension), so no validator ends up in the content script.
 */

/** Names joined with '|': compact in the bundle, and every name non-empty. */
const names = z.string().check(z.regex(/^[^|]+(\|[^|]+)*$/));
const optionalNames = z.string().check(z.regex(/^([^|]+(\|[^|]+)*)?$/));

export const SENSITIVITIES = ['battery', 'liquid', 'cosmetics', 'food', 'magnet', 'powder'] as const;

const categoryItem = z.union([
  z.tuple([z.string(), names, names, z.number().check(z.gte(0), z.lte(10_000))]),
  z.tuple([z.string(), names, names, z.number().check(z.gte(0), z.lte(10_000)), z.enum(SENSITIVITIES)]),
]);

export const CategoriesFileSchema = z.object({
  about: z.string(),
  publishedWeights: z.object({ source: z.string(), ids: z.array(z.string()) }),
  compounds: z.record(z.string(), z.string()),
  notProducts: names,
  /**
   * Per category id, the English of those Chinese names its display name does not describe well
   * (instant-food: 燕麦 → oats). Names left out are glossed with the category's display name.
   */
  englishNames: z.record(z.string(), z.record(z.string(), z.string().check(z.regex(/^[\x20-\x7e]+$/)))),
  groups: z.array(
    z.object({
      id: z.string(),
      /** Words of this group are everyday words too (food, pets): they need stronger shopping context. */
      common: z.optional(z.boolean()),
      /** Which prefix set of `compounds` generates compound forms for this group. */
      compounds: z.optional(z.string()),
      items: z.array(categoryItem).check(z.minLength(1)),
    }),
  ),
});

export const BrandsFileSchema = z.object({
  about: z.string(),
  brands: z.array(
    z.union([
      z.tuple([z.string().check(z.regex(/^[a-z0-9&-]+$/)), optionalNames, optionalNames]),
      z.tuple([z.string().check(z.regex(/^[a-z0-9&-]+$/)), optionalNames, optionalNames, z.literal(1)]),
    ]),
  ),
});

const attributeItem = z.tuple([names, z.string().check(z.minLength(1))]);
export const AttributesFileSchema = z.object({
  about: z.string(),
  colour: z.array(attributeItem),
  material: z.array(attributeItem),
  style: z.array(attributeItem),
  size: z.array(attributeItem),
});

export const ShoppingFileSchema = z.object({
  about: z.string(),
  platforms: z.array(z.tuple([z.string(), names, optionalNames])),
  whereToBuy: names,
  recommend: names,
  buyVerbs: names,
  priceWords: names,
  onSite: names,
});

export const VariantsFileSchema = z.object({
  about: z.string(),
  traditional: z.string(),
  simplified: z.string(),
});

export type CategoriesFile = z.infer<typeof CategoriesFileSchema>;
export type BrandsFile = z.infer<typeof BrandsFileSchema>;
export type AttributesFile = z.infer<typeof AttributesFileSchema>;
export type ShoppingFile = z.infer<typeof ShoppingFileSchema>;
export type VariantsFile = z.infer<typeof VariantsFileSchema>;
