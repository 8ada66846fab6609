import { z } from 'zod/mini';
import { AVAILABILITIES } from '../messaging/schemas';
import { getDb, type ZhongcaoDb } from '../db/index';

/**
 * What the seller tells the watchlist, kept in the `meta` table: per listing whether it is one of
 * theirs, a target price and which changes alert; the recent alerts; and the page's own choices
 * (colours, the daily check). Every value is schema-checked when read and when restored from a
 * backup, so a wrongly shaped record reads as "nothing set" instead of breaking a page.
 */

export const PREFS_KEY = 'watch:prefs';
export const ALERTS_KEY = 'watch:alerts';
export const SELLER_SETTINGS_KEY = 'watch:settings';

export const ALERT_KINDS = ['price-down', 'price-up', 'title', 'sales-jump', 'sold-out', 'back-in-stock'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** A listing nobody set anything for alerts on a price drop, as the watchlist always has. */
export const DEFAULT_ALERT_KINDS: readonly AlertKind[] = ['price-down'];

/** Ms since the epoch, within what `Date` can show (a bigger number would crash a date format). */
export const TimeSchema = z.number().check(z.gte(0), z.lte(8.64e15));
const listingId = z.string().check(z.regex(/^(?:taobao|tmall|tmall-hk):\d{5,20}$/));
const yuan = z.number().check(z.gte(0), z.lte(1e9));

export const ListingPrefsSchema = z.object({
  mine: z.optional(z.boolean()),
  targetCny: z.optional(yuan),
  alerts: z.optional(z.array(z.enum(ALERT_KINDS)).check(z.maxLength(ALERT_KINDS.length))),
});
export type ListingPrefs = z.infer<typeof ListingPrefsSchema>;

export const PrefsSchema = z.record(listingId, ListingPrefsSchema);
export type Prefs = z.infer<typeof PrefsSchema>;

export const AlertSchema = z.object({
  listingId,
  title: z.string().check(z.maxLength(1000)),
  kind: z.enum([...ALERT_KINDS, 'target']),
  seenAt: TimeSchema,
  fromCny: z.optional(yuan),
  toCny: z.optional(yuan),
  targetCny: z.optional(yuan),
  fromTitle: z.optional(z.string().check(z.maxLength(1000))),
  fromSales: z.optional(z.number().check(z.int(), z.gte(0))),
  toSales: z.optional(z.number().check(z.int(), z.gte(0))),
  /** A `sold-out` alert: what the page said (sold out, or taken down); `back-in-stock`: what it said before. */
  availability: z.optional(z.enum(AVAILABILITIES)),
});
export type Alert = z.infer<typeof AlertSchema>;
export const AlertsSchema = z.array(AlertSchema).check(z.maxLength(200));

export const SellerSettingsSchema = z.object({
  /** `neutral`: every change in one neutral hue; `market`: falls green, rises red (a shopper's view). */
  colours: z.enum(['neutral', 'market']),
  dailyCheck: z.boolean(),
});
export type SellerSettings = z.infer<typeof SellerSettingsSchema>;
export const DEFAULT_SELLER_SETTINGS: SellerSettings = { colours: 'neutral', dailyCheck: false };

/** Alerts kept on the page: a short list of what happened lately, not a log. */
export const MAX_ALERTS = 50;

async function readValue<T>(db: ZhongcaoDb, key: string, schema: z.ZodMiniType<T>, fallback: T): Promise<T> {
  const parsed = schema.safeParse((await db.meta.get(key))?.value);
  return parsed.success ? parsed.data : fallback;
}

export function readPrefs(db: ZhongcaoDb = getDb()): Promise<Prefs> {
  return readValue(db, PREFS_KEY, PrefsSchema, {});
}

export async function setListingPrefs(id: string, patch: ListingPrefs, db: ZhongcaoDb = getDb()): Promise<Prefs> {
  return db.transaction('rw', db.meta, async () => {
    const prefs = await readPrefs(db);
    const next: ListingPrefs = { ...prefs[id], ...patch };
    // `targetCny: undefined` in a patch clears the target.
    for (const field of Object.keys(next) as Array<keyof ListingPrefs>) if (next[field] === undefined) delete next[field];
    const checked = ListingPrefsSchema.parse(next);
    const all = { ...prefs, [id]: checked };
    await db.meta.put({ key: PREFS_KEY, value: all });
    return all;
  });
}

export function alertKindsOf(prefs: ListingPrefs | undefined): readonly AlertKind[] {
  return prefs?.alerts ?? DEFAULT_ALERT_KINDS;
}

export function readAlerts(db: ZhongcaoDb = getDb()): Promise<Alert[]> {
  return readValue(db, ALERTS_KEY, AlertsSchema, []);
}

export async function addAlerts(alerts: readonly Alert[], db: ZhongcaoDb = getDb()): Promise<void> {
  if (alerts.length === 0) return;
  const kept = [...(await readAlerts(db)), ...alerts].slice(-MAX_ALERTS);
  await db.meta.put({ key: ALERTS_KEY, value: kept });
}

export async function clearAlerts(db: ZhongcaoDb = getDb()): Promise<void> {
  await db.meta.delete(ALERTS_KEY);
}

export function readSellerSettings(db: ZhongcaoDb = getDb()): Promise<SellerSettings> {
  return readValue(db, SELLER_SETTINGS_KEY, SellerSettingsSchema, DEFAULT_SELLER_SETTINGS);
}

export async function saveSellerSettings(patch: Partial<SellerSettings>, db: ZhongcaoDb = getDb()): Promise<SellerSettings> {
  const next = SellerSettingsSchema.parse({ ...(await readSellerSettings(db)), ...patch });
  await db.meta.put({ key: SELLER_SETTINGS_KEY, value: next });
  return next;
}
