/**
 * What a reader found on a page and what it looked for in vain, so the popup can say exactly what
 * is missing ("replies not found on this layout") instead of a bare "not recognised". Shared by the
 * Xiaohongshu and Taobao readers: field names are the reader's own (`title`, `replies`, `price`…),
 * and the popup words them through its strings table.
 *
 * Plain TypeScript, apart from its schema (field-report.ts): the content scripts build reports and
 * never validate them, and importing the schema put zod into their bundles, built at every page's
 * start-up and kept in its heap.
 */
export interface FieldReport {
  found: string[];
  missing: string[];
  /** Which layout the reader recognised (`note-2026`, `state:noteDetailMap`…), when it knows. */
  layout?: string | undefined;
}

/** A report from the fields a reader looked for, in that order: those with a value are found. */
export function fieldReport(fields: Record<string, boolean>, layout?: string): FieldReport {
  const found: string[] = [];
  const missing: string[] = [];
  for (const [name, present] of Object.entries(fields)) (present ? found : missing).push(name);
  return layout === undefined ? { found, missing } : { found, missing, layout };
}
