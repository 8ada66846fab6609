import { z } from 'zod/mini';
import { CURRENCIES, DESTINATIONS } from '../settings/schema';
import { DaySchema, SourceSchema } from './rate-card';

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

const window = {
  from: z.optional(DaySchema),
  to: z.optional(DaySchema),
  /** Applies only when the goods value (rule currency) is above this. */
  goodsValueAbove: z.optional(z.number().check(z.gte(0))),
  /** Applies only when the goods value (rule currency) is at most this. */
  goodsValueAtMost: z.optional(z.number().check(z.gte(0))),
};

const common = {
  name: z.string().check(z.minLength(1)),
  /** Duty components feed the `*-and-duty` bases of the components after them. */
  type: z.enum(['duty', 'tax', 'fee']),
  collectedBy: z.enum(COLLECTORS),
  /** Set when the figure is the project's assumption rather than the law's (e.g. a product duty rate). */
  assumed: z._default(z.boolean(), false),
  note: z.optional(z.string()),
  ...window,
};

const PercentComponentSchema = z.object({
  ...common,
  kind: z.literal('percent'),
  percent: z.number().check(z.gte(0), z.lte(100)),
  base: z.enum(['goods', 'goods-and-duty', 'goods-shipping-and-duty']),
});

/** A fixed amount in the rule's currency, per parcel, per item line or per distinct item category. */
const FixedComponentSchema = z.object({
  ...common,
  kind: z.literal('fixed'),
  amount: z.number().check(z.gte(0)),
  per: z.enum(['parcel', 'item-line', 'category']),
});

export const TaxComponentSchema = z.discriminatedUnion('kind', [PercentComponentSchema, FixedComponentSchema]);

export const TaxRuleSchema = z.object({
  destination: z.enum(DESTINATIONS),
  currency: z.enum(CURRENCIES),
  /** First day the rule describes; quotes for earlier dates say the rule may not have applied then. */
  validFrom: DaySchema,
  summary: z.string(),
  components: z.array(TaxComponentSchema),
  source: SourceSchema,
  asOf: DaySchema,
});

export type TaxRule = z.infer<typeof TaxRuleSchema>;
export type TaxComponent = TaxRule['components'][number];

export const TaxRulesFileSchema = z.object({ rules: z.array(TaxRuleSchema) });

/** Exchange rates: units of each currency per 1 CNY, dated. */
export const FxRatesSchema = z.object({
  base: z.literal('CNY'),
  rates: z.record(z.string().check(z.regex(/^[A-Z]{3}$/)), z.number().check(z.gt(0))),
  asOf: DaySchema,
  source: z.string().check(z.minLength(1)),
});
export type FxRates = z.infer<typeof FxRatesSchema>;
