import { z } from 'zod/mini';
import { getDb, type Snapshot, type StoredListing, type ZhongcaoDb } from '../db/index';
import { AVAILABILITIES, PLATFORMS } from '../messaging/schemas';
import { listingKey } from '../shops/store';
import { bySeenAt } from './history';

/**
 * Export of the watchlist with its snapshots as JSON (one object, listings with nested snapshots) or
 * CSV (one row per snapshot, for spreadsheets), and import of either back. An import is validated
 * whole before anything is written and written in one transaction: a bad file changes nothing and
 * every problem found is listed. Importing the same file twice adds nothing the second time.
 */

export const EXPORT_FORMAT = 'zhongcao-watchlist';
export const EXPORT_VERSION = 1;
/** Errors listed for one bad file; past this the list says how many more. */
const MAX_ERRORS = 20;

const text = (max: number) => z.string().check(z.maxLength(max));
const price = z.optional(z.number().check(z.gte(0)));
/** Within what `Date` can show: a bigger one would crash every date on the page. */
const timestamp = z.number().check(z.int(), z.gte(0), z.lte(8.64e15));

export const SnapshotRecordSchema = z.object({
  seenAt: timestamp,
  title: text(1000),
  priceCny: price,
  priceMaxCny: price,
  sales: z.optional(z.number().check(z.int(), z.gte(0))),
  shop: z.optional(text(200)),
  imageUrl: z.optional(text(4000)),
  availability: z.optional(z.enum(AVAILABILITIES)),
});

export const WatchedListingRecordSchema = z.object({
  platform: z.enum(PLATFORMS),
  itemId: z.string().check(z.regex(/^\d{5,20}$/)),
  title: text(1000),
  url: z.string().check(z.maxLength(4000), z.regex(/^https:\/\//)),
  priceCny: price,
  priceMaxCny: price,
  sales: z.optional(z.number().check(z.int(), z.gte(0))),
  shop: z.optional(text(200)),
  imageUrl: z.optional(text(4000)),
  availability: z.optional(z.enum(AVAILABILITIES)),
  snapshots: z.array(SnapshotRecordSchema).check(z.maxLength(100_000)),
});

export const WatchlistFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  /** An ISO date-time; empty for a file read from CSV, which has none. */
  exportedAt: z.union([z.literal(''), z.iso.datetime()]),
  listings: z.array(WatchedListingRecordSchema).check(z.maxLength(10_000)),
});

export type SnapshotRecord = z.infer<typeof SnapshotRecordSchema>;
export type WatchedListingRecord = z.infer<typeof WatchedListingRecordSchema>;
export type WatchlistFile = z.infer<typeof WatchlistFileSchema>;

export type ParseResult = { ok: true; file: WatchlistFile } | { ok: false; errors: string[] };

/** Reads the watched listings and their snapshots into the export shape. */
export async function exportWatchlist(db: ZhongcaoDb = getDb(), now = Date.now(), ids?: readonly string[]): Promise<WatchlistFile> {
  const chosen = ids && ids.length ? new Set(ids) : null;
  return db.transaction('r', [db.listings, db.snapshots], async () => {
    // Any set of watched listings (all of them when none is chosen).
    const listings = (await db.listings.where('watched').equals(1).sortBy('id')).filter((listing) => !chosen || chosen.has(listing.id));
    const records: WatchedListingRecord[] = [];
    for (const listing of listings) {
      const snapshots = await db.snapshots.where('listingId').equals(listing.id).sortBy('seenAt');
      records.push(
        defined({
          platform: listing.platform,
          itemId: listing.itemId,
          title: listing.title,
          url: listing.url,
          priceCny: listing.priceCny,
          priceMaxCny: listing.priceMaxCny,
          sales: listing.sales,
          shop: listing.shop,
          imageUrl: listing.imageUrl,
          availability: listing.availability,
          snapshots: snapshots.map(({ seenAt, title, priceCny, priceMaxCny, sales, shop, imageUrl, availability }) =>
            defined({ seenAt, title, priceCny, priceMaxCny, sales, shop, imageUrl, availability }),
          ),
        }),
      );
    }
    return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), listings: records };
  });
}

export function toJson(file: WatchlistFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export const CSV_COLUMNS = ['platform', 'itemId', 'url', 'seenAt', 'title', 'priceCny', 'priceMaxCny', 'sales', 'shop', 'imageUrl', 'availability'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
/** Files exported before stock was read have no `availability` column; they still import. */
const OPTIONAL_CSV_COLUMNS: readonly CsvColumn[] = ['availability'];

/**
 * One row per snapshot (a listing without snapshots gets one row with an empty `seenAt`), with a
 * byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
 */
export function toCsv(file: WatchlistFile): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const listing of file.listings) {
    const base = { platform: listing.platform, itemId: listing.itemId, url: listing.url };
    const sightings = listing.snapshots.length ? listing.snapshots : [undefined];
    for (const snapshot of sightings) {
      const row: Record<CsvColumn, string> = {
        ...base,
        seenAt: snapshot ? new Date(snapshot.seenAt).toISOString() : '',
        title: snapshot?.title ?? listing.title,
        priceCny: numberCell(snapshot ? snapshot.priceCny : listing.priceCny),
        priceMaxCny: numberCell(snapshot ? snapshot.priceMaxCny : listing.priceMaxCny),
        sales: numberCell(snapshot ? snapshot.sales : listing.sales),
        shop: (snapshot ? snapshot.shop : listing.shop) ?? '',
        imageUrl: (snapshot ? snapshot.imageUrl : listing.imageUrl) ?? '',
        availability: (snapshot ? snapshot.availability : listing.availability) ?? '',
      };
      rows.push(CSV_COLUMNS.map((column) => row[column]));
    }
  }
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function numberCell(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** Page text is untrusted: a title starting with `=` must not become a spreadsheet formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 rows: quoted fields may hold commas, quotes (doubled) and line breaks. */
export function parseCsvRows(input: string): string[][] {
  const textIn = input.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < textIn.length; i++) {
    const char = textIn[i]!;
    if (quoted) {
      if (char === '"' && textIn[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && textIn[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell !== ''));
}

function unescapeFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Turns CSV rows back into the export shape; the result is validated like a JSON file. */
function csvToFile(input: string): { file: unknown; errors: string[] } {
  const [header, ...rows] = parseCsvRows(input);
  const errors: string[] = [];
  const missing = CSV_COLUMNS.filter((column) => !OPTIONAL_CSV_COLUMNS.includes(column) && !header?.includes(column));
  if (!header || missing.length) return { file: null, errors: [`CSV header lacks: ${missing.join(', ')}`] };
  const listings = new Map<string, Record<string, unknown> & { snapshots: Array<Record<string, unknown>> }>();
  rows.forEach((cells, index) => {
    const line = index + 2;
    const cell = (column: CsvColumn) => (header.includes(column) ? unescapeFormula(cells[header.indexOf(column)] ?? '') : '');
    const num = (column: CsvColumn): number | undefined => {
      const raw = cell(column).trim();
      if (raw === '') return undefined;
      const value = Number(raw);
      if (!Number.isFinite(value)) errors.push(`line ${line}: ${column}: not a number ("${raw.slice(0, 40)}")`);
      return value;
    };
    const fields = defined({
      title: cell('title'),
      priceCny: num('priceCny'),
      priceMaxCny: num('priceMaxCny'),
      sales: num('sales'),
      shop: cell('shop') || undefined,
      imageUrl: cell('imageUrl') || undefined,
      availability: cell('availability') || undefined,
    });
    const key = `${cell('platform')}:${cell('itemId')}`;
    let listing = listings.get(key);
    if (!listing) {
      listing = { platform: cell('platform'), itemId: cell('itemId'), url: cell('url'), ...fields, snapshots: [] };
      listings.set(key, listing);
    }
    const seenAtText = cell('seenAt').trim();
    if (seenAtText === '') return;
    const seenAt = Date.parse(seenAtText);
    if (Number.isNaN(seenAt)) {
      errors.push(`line ${line}: seenAt: not a date ("${seenAtText.slice(0, 40)}")`);
      return;
    }
    listing.snapshots.push({ seenAt, ...fields });
    // The listing reads like its latest snapshot.
    Object.assign(listing, fields);
  });
  return { file: { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: '', listings: [...listings.values()] }, errors };
}

/** Reads a JSON or CSV export (told apart by its first character) and validates all of it. */
export function parseWatchlistFile(input: string): ParseResult {
  const trimmed = input.replace(/^\uFEFF/, '').trimStart();
  let raw: unknown;
  const errors: string[] = [];
  if (trimmed.startsWith('{')) {
    try {
      raw = JSON.parse(trimmed);
    } catch (error) {
      return { ok: false, errors: [`Not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
    }
  } else {
    const csv = csvToFile(trimmed);
    raw = csv.file;
    errors.push(...csv.errors);
    if (raw === null) return { ok: false, errors };
  }
  const parsed = WatchlistFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`${describePath(raw, issue.path)}: ${issue.message}`);
  }
  if (errors.length || !parsed.success) {
    const shown = errors.slice(0, MAX_ERRORS);
    if (errors.length > MAX_ERRORS) shown.push(`…and ${errors.length - MAX_ERRORS} more`);
    return { ok: false, errors: shown };
  }
  return { ok: true, file: parsed.data };
}

/** `listings[2] (taobao:123…).snapshots[0].priceCny`: where a problem is, findable in the file. */
function describePath(raw: unknown, path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return 'file';
  let out = '';
  let node: unknown = raw;
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined;
    if (typeof part === 'number' && node && typeof node === 'object' && 'itemId' in node) {
      out += ` (${String((node as { platform?: unknown }).platform)}:${String((node as { itemId?: unknown }).itemId)})`;
    }
  }
  return out;
}

export interface ImportResult {
  listings: number;
  snapshots: number;
}

/**
 * Writes a validated file in one transaction: its listings become watched (stored ones keep what the
 * browser saw last; new ones are created from the file), and snapshots not already stored (same
 * listing, same `seenAt`) are added.
 */
export async function importWatchlist(file: WatchlistFile, db: ZhongcaoDb = getDb()): Promise<ImportResult> {
  const result: ImportResult = { listings: 0, snapshots: 0 };
  await db.transaction('rw', [db.listings, db.snapshots], async () => {
    for (const record of file.listings) {
      const id = listingKey(record);
      const snapshots = bySeenAt(record.snapshots);
      const stored = await db.listings.get(id);
      if (stored) {
        await db.listings.update(id, { watched: 1 });
      } else {
        const { snapshots: _snapshots, ...fields } = record;
        const latest = snapshots[snapshots.length - 1];
        const listing: StoredListing = {
          ...fields,
          id,
          seenAt: latest?.seenAt ?? 0,
          firstSeenAt: snapshots[0]?.seenAt ?? 0,
          queries: [],
          watched: 1,
        };
        await db.listings.put(listing);
      }
      result.listings++;
      const known = new Set((await db.snapshots.where('listingId').equals(id).toArray()).map((s) => s.seenAt));
      const fresh: Snapshot[] = [];
      for (const snapshot of snapshots) {
        if (known.has(snapshot.seenAt)) continue;
        known.add(snapshot.seenAt);
        fresh.push({ listingId: id, ...snapshot });
      }
      await db.snapshots.bulkAdd(fresh);
      result.snapshots += fresh.length;
    }
  });
  return result;
}

/** Drops keys whose value is undefined, so records compare and serialise cleanly. */
function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
