import { z } from 'zod/mini';
import { AVAILABILITIES, ListingSchema } from '../messaging/schemas';
import { RateCardSchema } from '../landed/rate-card';
import { FxRatesSchema, TaxRuleSchema } from '../landed/tax-rule';
import { SettingsSchema } from '../settings/schema';
import { STORAGE_WARNING_KEY, StorageWarningSchema } from '../db/storage-quota';
import { ALERTS_KEY, AlertsSchema, PREFS_KEY, PrefsSchema, SELLER_SETTINGS_KEY, SellerSettingsSchema } from '../watch/prefs';

/**
 * The backup file: every table of the database and the settings, versioned. Records are checked
 * field by field on restore, but unknown fields are kept (`looseObject`): a field a later version
 * adds to a record survives a backup made by that version and restored by this one.
 */

export const BACKUP_FORMAT = 'zhongcao-backup';
/** The file format; bump it (and keep reading the old one) when the document's shape changes. */
export const BACKUP_VERSION = 1;

const key = z.string().check(z.minLength(1), z.maxLength(4000));
/** Ms since the epoch, within what `Date` can show: `1e400` parses as Infinity and crashes a date format. */
const time = z.number().check(z.gte(0), z.lte(8.64e15));

const ListingRecord = z.looseObject({
  ...ListingSchema.shape,
  id: key,
  firstSeenAt: time,
  queries: z.array(z.string().check(z.maxLength(200))),
  watched: z.union([z.literal(0), z.literal(1)]),
});

const PriceRecord = z.looseObject({
  listingId: key,
  day: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  priceCny: z.optional(z.number().check(z.gte(0))),
  priceMaxCny: z.optional(z.number().check(z.gte(0))),
  sales: z.optional(z.number().check(z.gte(0))),
  availability: z.optional(z.enum(AVAILABILITIES)),
  seenAt: time,
});

const SnapshotRecord = z.looseObject({
  id: z.number().check(z.int(), z.gte(1)),
  listingId: key,
  seenAt: time,
  title: z.string(),
  priceCny: z.optional(z.number()),
  priceMaxCny: z.optional(z.number()),
  sales: z.optional(z.number()),
  shop: z.optional(z.string()),
  imageUrl: z.optional(z.string()),
  availability: z.optional(z.enum(AVAILABILITIES)),
});

const RateCardRecord = z.looseObject({
  id: key,
  forwarder: z.string(),
  card: RateCardSchema,
  origin: z.enum(['bundled', 'user']),
  bundledAsOf: z.optional(z.string()),
  updatedAt: time,
});

const FxRecord = z.looseObject({ id: z.literal('current'), ...FxRatesSchema.shape });

const TaxRuleRecord = z.looseObject({
  destination: key,
  rule: TaxRuleSchema,
  asOf: z.string(),
  source: z.string(),
});

const TranslationRecord = z.looseObject({
  key,
  text: z.string(),
  source: z.string(),
  target: z.string(),
  provider: z.string(),
  translation: z.string(),
  usedAt: time,
  size: z.number().check(z.gte(0)),
});

const BasketRecord = z.looseObject({
  listingId: key,
  quantity: z.number().check(z.int(), z.gte(1)),
  addedAt: time,
  weightKg: z.optional(z.number().check(z.gt(0))),
  category: z.optional(z.string()),
});

const MetaRecord = z.object({ key, value: z.unknown() });

/** Drop notices as versions before alerts kept them (`watch:drops`): still restored, then unused. */
const LegacyDropNotices = z.array(
  z.object({ listingId: key, title: z.string(), fromCny: z.number().check(z.gte(0)), toCny: z.number().check(z.gte(0)), seenAt: time }),
);

/**
 * Every meta record's value has a schema: the options and seller pages read these records, and one
 * wrongly shaped value must be refused here, naming it, rather than break a page after a restore.
 * A key not listed is refused too: code that writes a new meta record adds its schema here.
 */
export const META_VALUES: Record<string, z.ZodMiniType> = {
  [STORAGE_WARNING_KEY]: StorageWarningSchema,
  [PREFS_KEY]: PrefsSchema,
  [ALERTS_KEY]: AlertsSchema,
  [SELLER_SETTINGS_KEY]: SellerSettingsSchema,
  'watch:drops': LegacyDropNotices,
  /** When the exchange rates were last fetched (ms since the epoch). */
  'fx-fetched-at': time,
};

/**
 * One entry per table: its record schema and how to read a record's primary key (for duplicate
 * checks and error messages). A table missing here fails the coverage test in tests/unit/backup.
 */
export const BACKUP_TABLES = {
  listings: { record: ListingRecord, keyOf: (r: { id: string }) => r.id },
  prices: { record: PriceRecord, keyOf: (r: { listingId: string; day: string }) => `${r.listingId}|${r.day}` },
  snapshots: { record: SnapshotRecord, keyOf: (r: { id: number }) => String(r.id) },
  rateCards: { record: RateCardRecord, keyOf: (r: { id: string }) => r.id },
  fxRates: { record: FxRecord, keyOf: (r: { id: string }) => r.id },
  taxRules: { record: TaxRuleRecord, keyOf: (r: { destination: string }) => r.destination },
  translations: { record: TranslationRecord, keyOf: (r: { key: string }) => r.key },
  basket: { record: BasketRecord, keyOf: (r: { listingId: string }) => r.listingId },
  meta: { record: MetaRecord, keyOf: (r: { key: string }) => r.key },
} as const;

export type BackupTable = keyof typeof BACKUP_TABLES;
export const BACKUP_TABLE_NAMES = Object.keys(BACKUP_TABLES) as BackupTable[];
/** Tables a backup may leave out: caches that cost only time to rebuild. */
export const OPTIONAL_TABLES: readonly BackupTable[] = ['translations'];

/** The envelope, checked before any record: format, versions, and that each table is a list. */
export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().check(z.int(), z.gte(1)),
  /** The database schema version the data was read from (`SCHEMA_VERSIONS`). */
  dbVersion: z.number().check(z.int(), z.gte(1)),
  /** An ISO date-time (`2026-01-31T09:00:00.000Z`): the restore screen shows it. */
  exportedAt: z.iso.datetime(),
  app: z.optional(z.string()),
  settings: z.unknown(),
  tables: z.record(z.string(), z.array(z.unknown())),
});

export { SettingsSchema };
