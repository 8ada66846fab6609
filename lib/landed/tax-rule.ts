import { z } from 'zod/mini';
import { CURRENCIES, DESTINATIONS } from '../settings/schema';
import { DaySchema } from './rate-card';

/**
 * A destination's import duty and tax rule, as data (`data/tax-rules.json`). A rule is a list of
 * components applied in order; each has an effective window and a goods-value condition in the
 * destination's currency (the thresholds the law states: US none, EU €150, UK £135, CA C$20, …).
 *
 * Bases: `goods` is the item prices; `goods-and-duty` adds the duty components before it;
 * `goods-shipping-and-duty` also adds international freight and surcharges (the CIF-style base VAT
 * uses in the EU and on UK imports over £135).
 */

export const COLLECTORS = ['seller-or-marketplace', 'carrier-on-delivery', 'forwarder', 'customs'] as const;

const value = z.number().check(z.gte(0), z.lte(100_000_000));

const window = {
  from: z.optional(DaySchema),
  to: z.optional(DaySchema),
  /** Applies only when the goods value (rule currency, after the rule's valuation) is above this. */
  goodsValueAbove: z.optional(value),
  /** Applies only when the goods value is at most this. */
  goodsValueAtMost: z.optional(value),
  /** Applies only when the goods value is under this (France: consignments under €150). */
  goodsValueBelow: z.optional(value),
  /**
   * Applies to each item whose own value is at most (or above) this, not to the parcel as a whole
   * (Singapore's S$400 test is per item). The base is then those items and their share of shipping.
   */
  itemValueAtMost: z.optional(value),
  itemValueAbove: z.optional(value),
  /** Applies only to lines of these modes (Singapore: GST at import at any value by sea). */
  modes: z.optional(z.array(z.enum(['air', 'sea', 'express', 'rail', 'mixed'])).check(z.minLength(1))),
};

/** Where a figure comes from: the page (not a home page) and the day it was read or published. */
export const DatedSourceSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(500)),
  url: z.url(),
  asOf: DaySchema,
});

const common = {
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Duty components feed the `*-and-duty` bases of the components after them. */
  type: z.enum(['duty', 'tax', 'fee']),
  collectedBy: z.enum(COLLECTORS),
  /** Set when the figure is the project's assumption rather than the law's (e.g. a product duty rate). */
  assumed: z._default(z.boolean(), false),
  note: z.optional(z.string().check(z.maxLength(1000))),
  /** The component's own source when it is not the rule's. */
  source: z.optional(DatedSourceSchema),
  ...window,
};

const percent = z.number().check(z.gte(0), z.lte(1000));

/**
 * Bases: `goods` (the rule's valuation of the item prices), `goods-and-shipping` (CIF: goods plus
 * international freight, surcharges and the forwarder's fees), `shipping` (the forwarder's transport
 * alone: Australia's GST on a redeliverer's services), and the `*-and-duty` forms that add the duty
 * components before it.
 */
const PercentComponentSchema = z.object({
  ...common,
  kind: z.literal('percent'),
  percent,
  /** Rates by lexicon category id (US MFN and Section 301 differ by product); `percent` for the rest. */
  percentByCategory: z.optional(z.record(z.string().check(z.minLength(1), z.maxLength(100)), percent)),
  base: z.enum(['goods', 'goods-and-duty', 'goods-and-shipping', 'goods-shipping-and-duty', 'shipping']),
  /** Least and most charged, in the rule's currency (US formal-entry MPF). */
  minAmount: z.optional(value),
  maxAmount: z.optional(value),
});

/** A fixed amount in the rule's currency, per parcel, per item line or per distinct item category. */
const FixedComponentSchema = z.object({
  ...common,
  kind: z.literal('fixed'),
  amount: value,
  per: z.enum(['parcel', 'item-line', 'category']),
});

export const TaxComponentSchema = z.discriminatedUnion('kind', [PercentComponentSchema, FixedComponentSchema]);

export const TaxRuleSchema = z.object({
  destination: z.enum(DESTINATIONS),
  currency: z.enum(CURRENCIES),
  /** First day the rule describes; quotes for earlier dates say the rule may not have applied then. */
  validFrom: DaySchema,
  summary: z.string(),
  /**
   * Percentage of the item prices customs values goods at (Japan values personal imports at 60% of
   * the overseas retail price); thresholds and bases use the valued amount. 100 when absent.
   */
  valuationPercent: z._default(z.number().check(z.gt(0), z.lte(100)), 100),
  valuationNote: z.optional(z.string()),
  components: z.array(TaxComponentSchema),
  source: DatedSourceSchema,
  asOf: DaySchema,
});

export type TaxRule = z.infer<typeof TaxRuleSchema>;
export type TaxComponent = TaxRule['components'][number];

export const TaxRulesFileSchema = z.object({ rules: z.array(TaxRuleSchema) });

/** Exchange rates: units of each currency per 1 CNY, dated. */
export const FxRatesSchema = z.object({
  base: z.literal('CNY'),
  rates: z.record(z.string().check(z.regex(/^[A-Z]{3}$/)), z.number().check(z.gt(0), z.lt(1_000_000))),
  asOf: DaySchema,
  source: z.string().check(z.minLength(1)),
  /** The page the rates were read from, when it is a URL (the ECB's daily file). */
  sourceUrl: z.optional(z.string()),
});
export type FxRates = z.infer<typeof FxRatesSchema>;
