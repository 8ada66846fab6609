import { z } from 'zod/mini';
import { CURRENCIES, DESTINATIONS } from '../settings/schema';
import { INPUT_LIMITS } from './quote';
import { CARGO_CLASSES, DaySchema } from './rate-card';

/**
 * A quote request from outside the extension (the command line): validated here so a bad request
 * is refused with the field it is in, never half-quoted.
 */

const amount = z.number().check(z.gte(0), z.lte(INPUT_LIMITS.maxPriceCny, `at most ¥${INPUT_LIMITS.maxPriceCny.toLocaleString('en')}`));
const side = z.number().check(z.gt(0), z.lte(INPUT_LIMITS.maxSideCm));

export const QuoteRequestSchema = z.object({
  destination: z.enum(DESTINATIONS),
  currency: z.enum(CURRENCIES),
  date: z.optional(DaySchema),
  items: z
    .array(
      z.object({
        priceCny: amount,
        weightKg: z.optional(z.number().check(z.gt(0), z.lte(INPUT_LIMITS.maxWeightKg))),
        category: z.optional(z.string().check(z.minLength(1), z.maxLength(INPUT_LIMITS.maxCategoryLength))),
        dimsCm: z.optional(z.tuple([side, side, side])),
        domesticShippingCny: z.optional(amount),
        quantity: z.optional(z.number().check(z.int(), z.gte(1), z.lte(INPUT_LIMITS.maxQuantity))),
        cargoClass: z.optional(z.enum(CARGO_CLASSES)),
      }),
    )
    .check(z.minLength(1), z.maxLength(INPUT_LIMITS.maxItems)),
  localPrice: z.optional(z.object({ amount: z.number().check(z.gt(0), z.lte(100_000_000)), currency: z.enum(CURRENCIES) })),
});

export type QuoteRequestInput = z.infer<typeof QuoteRequestSchema>;

/** One line per problem, each naming its field: `items.0.priceCny: Invalid input: expected number`. */
export function describeRequestErrors(error: z.core.$ZodError): string {
  // A message never repeats the input: a 10 M-character field is named, not printed.
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(request)'}: ${issue.message.slice(0, 200)}`).join('\n');
}
