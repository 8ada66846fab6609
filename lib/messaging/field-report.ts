import { z } from 'zod/mini';
import type { FieldReport } from './field-list';

export { fieldReport, type FieldReport } from './field-list';

/** The background's check of a reader's report (field-list.ts says what it holds). */
export const FieldReportSchema = z.object({
  found: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(50)),
  missing: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(50)),
  layout: z.optional(z.string().check(z.maxLength(100))),
});

// The schema and the plain type say the same thing: a change to one without the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.infer<typeof FieldReportSchema>, FieldReport> = true;
void schemaMatchesType;
