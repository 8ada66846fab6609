import { z } from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { FieldReportSchema } from './field-report';

/**
 * What the Taobao/Tmall reader of one tab found: the page kind, the field report, how many cards it
 * read and skipped (and why). Kept per tab in `storage.session`, like the note state; "Copy
 * diagnostics" asks for the page's skeleton when the user wants it (`tab:skeleton`).
 */
const count = z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000));

export const ShopPageReportSchema = z.object({
  kind: z.enum(['search', 'item']),
  report: FieldReportSchema,
  cards: count,
  listings: count,
  skipped: z.object({ ad: count, 'no-id': count, error: count, budget: count }),
  at: z.number(),
});
export type ShopPageReport = z.infer<typeof ShopPageReportSchema>;

/** The background's answer to a capture: stored, and dropped (invalid, over a budget). */
export interface CaptureAnswer {
  stored: number;
  /** Listings that failed validation (a bad number, an id that is not one): dropped one by one. */
  invalid: number;
  /** Listings refused by a capture budget (writes per minute, a full cache). */
  refused: number;
}

const keyOf = (tabId: number) => `session:shop-tab-${tabId}` as const;

export async function setShopReport(tabId: number, report: ShopPageReport): Promise<void> {
  await storage.setItem(keyOf(tabId), report);
}

export async function getShopReport(tabId: number): Promise<ShopPageReport | null> {
  return (await storage.getItem<ShopPageReport>(keyOf(tabId))) ?? null;
}

export function watchShopReport(tabId: number, callback: (report: ShopPageReport | null) => void): () => void {
  return storage.watch<ShopPageReport>(keyOf(tabId), (report) => callback(report ?? null));
}
