import { z } from 'zod/mini';
import { CURRENCIES, DESTINATIONS } from '../settings/schema';
import { CARGO_CLASSES, DaySchema } from './rate-card';

/**
 * A quote request from outside the extension (the command line): validated here so a bad request
 * is refused with the field it is in, never half-quoted.
 */

const amount = z.number().check(z.gte(0));
const positive = z.number().check(z.gt(0));

export const QuoteRequestSchema = z.object({
  destination: z.enum(DESTINATIONS),
  currency: z.enum(CURRENCIES),
  date: z.optional(DaySchema),
  items: z
    .array(
      z.object({
        priceCny: amount,
        weightKg: z.optional(positive),
        category: z.optional(z.string().check(z.minLength(1))),
        dimsCm: z.optional(z.tuple([positive, positive, positive])),
        domesticShippingCny: z.optional(amount),
        quantity: z.optional(z.number().check(z.int(), z.gte(1))),
        cargoClass: z.optional(z.enum(CARGO_CLASSES)),
      }),
    )
    .check(z.minLength(1), z.maxLength(500)),
  localPrice: z.optional(z.object({ amount: positive, currency: z.enum(CURRENCIES) })),
});

export type QuoteRequestInput = z.infer<typeof QuoteRequestSchema>;

/** One line per problem, each naming its field: `items.0.priceCny: Invalid input: expected number`. */
export function describeRequestErrors(error: z.core.$ZodError): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(request)'}: ${issue.message}`).join('\n');
}
