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

const money = z.number().check(z.gte(0));
const positive = z.number().check(z.gt(0));
const text = z.string().check(z.minLength(1), z.maxLength(500));
/** A calendar day, `YYYY-MM-DD`; compared as strings. */
export const DaySchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD'));
/** When a figure was published or read: a day, a month when only the month is known, or `undated`. */
const AsOfSchema = z.union([DaySchema, z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/)), z.literal('undated')]);

export const CARGO_CLASSES = ['general', 'sensitive'] as const satisfies readonly CargoClass[];

export const SourceSchema = z.object({
  name: text,
  url: z.optional(z.url()),
});

/** Price for the first step (首重) plus a price per additional step (续重). */
const FirstAndAdditionalSchema = z.object({
  kind: z.literal('first-and-additional'),
  firstKg: positive,
  firstCny: money,
  stepKg: positive,
  perStepCny: money,
});

/** The same price for every step, no first-weight premium. */
const FlatPerStepSchema = z.object({
  kind: z.literal('flat-per-step'),
  stepKg: positive,
  perStepCny: money,
});

const StepPricingSchema = z.discriminatedUnion('kind', [FirstAndAdditionalSchema, FlatPerStepSchema]);

/** Weight bands: the first band whose `maxKg` holds the chargeable weight prices the whole parcel. */
const WeightBandsSchema = z.object({
  kind: z.literal('bands'),
  bands: z.array(z.object({ maxKg: positive, pricing: StepPricingSchema })).check(z.minLength(1)),
});

/** Billed by volume (sea lines to nearby countries); the price may be unpublished. */
const PerVolumeSchema = z.object({
  kind: z.literal('per-volume'),
  perCubicMetreCny: z.optional(money),
  minCubicMetres: z._default(z.number().check(z.gte(0)), 0),
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
  divisor: positive,
  /** When set, volume is billed only if volumetric kg exceeds this multiple of the actual kg. */
  onlyAboveMultipleOfActual: z.optional(positive),
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
  stepKg: z.optional(positive),
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
  overWeightKg: z.optional(positive),
  overLongestSideCm: z.optional(positive),
  overGirthCm: z.optional(positive),
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
  roundingStepKg: positive,
  minChargeableKg: z._default(z.number().check(z.gte(0)), 0),
  limits: z._default(
    z.object({
      maxWeightKg: z.optional(positive),
      maxLongestSideCm: z.optional(positive),
      maxGirthCm: z.optional(positive),
    }),
    {},
  ),
  surcharges: z._default(z.array(SurchargeSchema), []),
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
    z.object({ min: z.number().check(z.int(), z.gte(0)), max: z.number().check(z.int(), z.gte(0)), unit: z.enum(['working', 'calendar']) }),
  ),
  /** Places within a destination the line does not serve, shown with every quote. */
  excludedRegions: z._default(z.array(text), []),
  source: SourceSchema,
  asOf: AsOfSchema,
  /** How the card was modelled where the source left gaps (e.g. derived from one example price). */
  notes: z._default(z.array(text), []),
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
