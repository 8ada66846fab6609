import { z } from 'zod/mini';

/**
 * What a page reader could and could not read: the layout it recognised (null when none) and the
 * fields it found and missed. Shared by the Xiaohongshu and Taobao readers, so the popup can say
 * exactly what is missing ("price not found on this item page") whatever the site.
 */
export const FieldReportSchema = z.object({
  layout: z.nullable(z.string().check(z.maxLength(60))),
  found: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(40)),
  missing: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(40)),
});
export type FieldReport = z.infer<typeof FieldReportSchema>;

/** A report from the fields expected and the fields found, in the order expected. */
export function fieldReport(layout: string | null, expected: readonly string[], found: Iterable<string>): FieldReport {
  const seen = new Set(found);
  return { layout, found: expected.filter((field) => seen.has(field)), missing: expected.filter((field) => !seen.has(field)) };
}
