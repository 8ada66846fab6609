import { z } from 'zod/mini';
import type { CargoClass } from '../mentions/categories';
import { DESTINATIONS } from '../settings/schema';

/**
 * A forwarder line's rate card, as data. Bundled cards live in `data/rate-cards.json`; users edit,
 * import and export cards in the same shape (`public/rate-card.schema.json` is this schema as JSON
 * Schema, for people writing their own). All money is CNY, all weights kg, all sizes cm.
 *
 * Rates may carry fractions of a fen (a card derived from one example price can say ¥5.3667 per
 * 0.1 kg); the engine rounds each charge to the fen once, so totals are exact to the fen.
 */

/**
 * Bounds keep every figure a card can hold inside what real cards use, so no card (bundled, edited
 * or imported) can make the engine divide by a step of 1e-320 kg or multiply to infinity.
 */
const money = z.number().check(z.gte(0), z.lte(1_000_000));
/** A weight in kg: at least a gram, at most a container's worth. */
const kg = z.number().check(z.gte(0.001), z.lte(100_000));
const cm = z.number().check(z.gte(0.1), z.lte(10_000));
const text = z.string().check(z.minLength(1), z.maxLength(500));

/** True for a real calendar day: 2026-02-30 matches the pattern but is no day. */
export function isCalendarDay(day: string): boolean {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, date));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === date;
}

/** A calendar day, `YYYY-MM-DD`; compared as strings. */
export const DaySchema = z.string().check(
  z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD'),
  z.refine(isCalendarDay, 'not a calendar day'),
);
/** When a figure was published or read: a day, a month when only the month is known, or `undated`. */
const AsOfSchema = z.union([DaySchema, z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)), z.literal('undated')]);

export const CARGO_CLASSES = ['general', 'sensitive'] as const satisfies readonly CargoClass[];

/**
 * What a card's price rests on, shown with every quote on it: a forwarder's own price table, an
 * estimator's result for one box, an API's quote for one weight, an observed checkout, or only a
 * site's home page (when the page that states the rate could not be found).
 */
export const SOURCE_KINDS = ['price-table', 'estimator-result', 'api-quote', 'observed-checkout', 'home-page'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SourceSchema = z.object({
  name: text,
  /** The page itself (not a site's home page), so a reader can check the figure. */
  url: z.optional(z.url()),
  kind: z.optional(z.enum(SOURCE_KINDS)),
  /** The day the page was read (the card's `asOf` is when the figure was published, where known). */
  seen: z.optional(DaySchema),
  /** What the page states, in short: the figures the card is built from. */
  states: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
  /** Where the page was found quoted, when it was read through someone's published notes. */
  via: z.optional(z.object({ name: text, url: z.url() })),
});

/** Price for the first step (首重) plus a price per additional step (续重). */
const FirstAndAdditionalSchema = z.object({
  kind: z.literal('first-and-additional'),
  firstKg: kg,
  firstCny: money,
  stepKg: kg,
  perStepCny: money,
});

/** The same price for every step, no first-weight premium. */
const FlatPerStepSchema = z.object({
  kind: z.literal('flat-per-step'),
  stepKg: kg,
  perStepCny: money,
});

const StepPricingSchema = z.discriminatedUnion('kind', [FirstAndAdditionalSchema, FlatPerStepSchema]);

/** Weight bands: the first band whose `maxKg` holds the chargeable weight prices the whole parcel. */
const WeightBandsSchema = z.object({
  kind: z.literal('bands'),
  bands: z.array(z.object({ maxKg: kg, pricing: StepPricingSchema })).check(z.minLength(1), z.maxLength(100)),
});

/** Billed by volume (sea lines to nearby countries); the price may be unpublished. */
const PerVolumeSchema = z.object({
  kind: z.literal('per-volume'),
  perCubicMetreCny: z.optional(money),
  minCubicMetres: z._default(z.number().check(z.gte(0), z.lte(1000)), 0),
});

/** Only surcharges or conditions are known; the line is listed but cannot be quoted. */
const UnpublishedSchema = z.object({ kind: z.literal('unpublished') });

export const PricingSchema = z.discriminatedUnion('kind', [
  FirstAndAdditionalSchema,
  FlatPerStepSchema,
  WeightBandsSchema,
  PerVolumeSchema,
  UnpublishedSchema,
]);

export const VolumetricSchema = z.object({
  /** Volumetric kg = L × W × H (cm) / divisor. */
  divisor: z.number().check(z.gte(1000), z.lte(100_000)),
  /** When set, volume is billed only if volumetric kg exceeds this multiple of the actual kg. */
  onlyAboveMultipleOfActual: z.optional(z.number().check(z.gte(1), z.lte(100))),
  /** When set, volume is billed only for a box with a side of at least this (China Post EMS: 40 cm). */
  onlyWhenAnySideAtLeastCm: z.optional(cm),
  /** The card does not publish its volume rule: this one is assumed (shown with every quote). */
  assumed: z._default(z.boolean(), false),
  /** The card adds packing weight even when it bills volume (most do not: packing adds no volume). */
  packingAddedOnVolume: z._default(z.boolean(), false),
});

/** Effective window: `from` and `to` are both inclusive; either may be open. */
const effective = {
  from: z.optional(DaySchema),
  to: z.optional(DaySchema),
};

const FuelSurchargeSchema = z.object({
  kind: z.literal('fuel'),
  /** `per-step`: amount per started `stepKg` of chargeable weight; `per-kg`: amount × chargeable kg. */
  basis: z.enum(['per-step', 'per-kg']),
  amountCny: money,
  stepKg: z.optional(kg),
  ...effective,
  source: z.optional(z.object({ name: text, url: z.optional(z.url()), asOf: AsOfSchema })),
});

/**
 * Oversize fee when any condition is exceeded. Girth here is the longest side plus twice the two
 * other sides, the usual courier definition.
 */
const OversizeSurchargeSchema = z.object({
  kind: z.literal('oversize'),
  amountCny: money,
  overWeightKg: z.optional(kg),
  overLongestSideCm: z.optional(cm),
  overGirthCm: z.optional(cm),
  ...effective,
});

const InsuranceSurchargeSchema = z.object({
  kind: z.literal('insurance'),
  percentOfValue: z.number().check(z.gte(0), z.lte(100)),
  /** Optional cover is mentioned in the quote's assumptions, not added to the total. */
  optional: z._default(z.boolean(), true),
  ...effective,
});

export const SurchargeSchema = z.discriminatedUnion('kind', [
  FuelSurchargeSchema,
  OversizeSurchargeSchema,
  InsuranceSurchargeSchema,
]);

export const RateCardSchema = z.object({
  /** Stable line id, e.g. `cainiao-us-sea-tax-included`. */
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'expected lowercase letters, digits and dashes')),
  forwarder: text,
  name: text,
  destinations: z.array(z.enum(DESTINATIONS)).check(z.minLength(1)),
  cargoClasses: z.array(z.enum(CARGO_CLASSES)).check(z.minLength(1)),
  mode: z.optional(z.enum(['air', 'sea', 'express', 'rail', 'mixed'])),
  /** The line pays the destination's duty and tax (包税 / 含税); none is added to its quotes. */
  taxIncluded: z.boolean(),
  pricing: PricingSchema,
  /** Absent: the line bills actual weight only. */
  volumetric: z.optional(VolumetricSchema),
  /** Chargeable weight is rounded up to a multiple of this. */
  roundingStepKg: kg,
  minChargeableKg: z._default(z.number().check(z.gte(0), z.lte(100_000)), 0),
  limits: z._default(
    z.object({
      /** Heaviest parcel taken, actual weight. */
      maxWeightKg: z.optional(kg),
      /** Heaviest chargeable weight the card prices (a card published for 1–22 kg has no price above). */
      maxChargeableKg: z.optional(kg),
      /** Why the card is not priced above `maxChargeableKg`, shown when a parcel is over it. */
      aboveMaxChargeable: z.optional(text),
      maxLongestSideCm: z.optional(cm),
      /** The longest side must be under this (Sugargoo: under 119 cm). */
      longestSideBelowCm: z.optional(cm),
      maxGirthCm: z.optional(cm),
      /**
       * Declared value the line takes, in the currency the card states it in (Superbuy: up to
       * USD 150 on the duty-prepaid line, under USD 800 on the ocean line).
       */
      maxDeclaredValue: z.optional(
        z.object({ amount: z.number().check(z.gt(0), z.lte(10_000_000)), currency: z.string().check(z.regex(/^[A-Z]{3}$/)), strict: z._default(z.boolean(), false) }),
      ),
    }),
    {},
  ),
  /**
   * Only these kinds of goods (lexicon category ids, e.g. clothing only); an item of another or an
   * unknown category makes the line unavailable, with the reason.
   */
  acceptsOnly: z.optional(z.object({ label: text, categories: z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.minLength(1), z.maxLength(1000)) })),
  surcharges: z._default(z.array(SurchargeSchema).check(z.maxLength(100)), []),
  fees: z._default(z.object({ perParcelCny: z._default(money, 0), perItemCny: z._default(money, 0) }), {
    perParcelCny: 0,
    perItemCny: 0,
  }),
  /**
   * Duty the forwarder collects up front on lines without tax included (Cainiao's older US lines:
   * 65% of the declared value, declared between ¥36.5 and ¥18,000). It replaces the destination rule.
   */
  dutyPreCollection: z.optional(
    z.object({
      percentOfDeclaredValue: z.number().check(z.gte(0), z.lte(100)),
      declaredValueMinCny: money,
      declaredValueMaxCny: money,
    }),
  ),
  transitDays: z.optional(
    z.object({ min: z.number().check(z.int(), z.gte(0), z.lte(365)), max: z.number().check(z.int(), z.gte(0), z.lte(365)), unit: z.enum(['working', 'calendar']) }),
  ),
  /** Places within a destination the line does not serve, shown with every quote. */
  excludedRegions: z._default(z.array(text).check(z.maxLength(100)), []),
  source: SourceSchema,
  asOf: AsOfSchema,
  /**
   * The price is modelled from one example quote or an observed checkout, not a published table:
   * the line is never called cheapest without saying so.
   */
  priceDerived: z._default(z.boolean(), false),
  /** How the card was modelled where the source left gaps (e.g. derived from one example price). */
  notes: z._default(z.array(text).check(z.maxLength(100)), []),
});

export type RateCard = z.infer<typeof RateCardSchema>;
export type RateCardInput = z.input<typeof RateCardSchema>;
export type Pricing = RateCard['pricing'];
export type Surcharge = RateCard['surcharges'][number];

/** The file users import and export: a list of cards, optionally pointing at the JSON Schema. */
export const RateCardFileSchema = z.object({
  $schema: z.optional(z.string()),
  cards: z.array(RateCardSchema),
});

/** JSON Schema of a rate-card file, written to `public/rate-card.schema.json` by a script. */
export function rateCardFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RateCardFileSchema, { io: 'input' }) as Record<string, unknown>;
}
