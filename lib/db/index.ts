import Dexie, { type EntityTable } from 'dexie';
import type { Availability, Listing } from '../messaging/schemas';

/**
 * The one IndexedDB database of the extension, in the extension's origin (background and extension
 * pages open it; content scripts reach it through messages). Every schema version stays listed
 * here, oldest first, so any old profile upgrades step by step; each upgrade has a test on seeded data.
 */

/** A captured listing, keyed by `platform:itemId`. */
export interface StoredListing extends Listing {
  id: string;
  firstSeenAt: number;
  /** Searches this listing was seen under (multi-entry index). */
  queries: string[];
  /** 1 when the user watches it (IndexedDB cannot index booleans). Watched listings are never evicted. */
  watched: 0 | 1;
  /** When the user last opened the item's page; such a listing's history is never evicted. */
  openedAt?: number;
}

/** One price observation per listing per day (local date, `YYYY-MM-DD`). */
export interface PriceObservation {
  listingId: string;
  day: string;
  priceCny?: number;
  priceMaxCny?: number;
  sales?: number;
  /** What the page said about stock that day; absent when it said nothing. */
  availability?: Availability;
  seenAt: number;
}

/** A snapshot of a watched listing each time the user's browser shows it. */
export interface Snapshot {
  id?: number;
  listingId: string;
  seenAt: number;
  title: string;
  priceCny?: number;
  priceMaxCny?: number;
  sales?: number;
  shop?: string;
  imageUrl?: string;
  /** What the page said about stock; absent when it said nothing. */
  availability?: Availability;
}

/** A forwarder line's rate card: bundled with the extension or written by the user. */
export interface StoredRateCard {
  id: string;
  forwarder: string;
  /** The card itself, validated by the rate-card schema when read. */
  card: unknown;
  origin: 'bundled' | 'user';
  /** For bundled cards: the bundle's asOf when seeded, so upgrades can tell what changed. */
  bundledAsOf?: string;
  updatedAt: number;
}

/** Exchange rates: units of each currency per 1 CNY, dated, with their source. */
export interface StoredFxRates {
  id: 'current';
  base: 'CNY';
  rates: Record<string, number>;
  asOf: string;
  source: string;
  /** The page the rates were read from (the ECB's daily file). */
  sourceUrl?: string;
}

export interface StoredTaxRule {
  destination: string;
  rule: unknown;
  asOf: string;
  source: string;
}

export interface CachedTranslation {
  key: string;
  text: string;
  source: string;
  target: string;
  provider: string;
  translation: string;
  usedAt: number;
  /** Approximate bytes, for the cache cap. */
  size: number;
}

export interface BasketEntry {
  listingId: string;
  quantity: number;
  addedAt: number;
  weightKg?: number;
  category?: string;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export const DB_NAME = 'zhongcao';

/** Schema versions, oldest first. Never edit a released one: add the next. */
export const SCHEMA_VERSIONS: Array<{ version: number; stores: Record<string, string> }> = [
  {
    version: 1,
    stores: {
      listings: 'id, itemId, platform, seenAt, watched, *queries',
      prices: '[listingId+day], listingId, seenAt',
      snapshots: '++id, listingId, seenAt',
      rateCards: 'id, forwarder, origin',
      fxRates: 'id',
      taxRules: 'destination',
      translations: 'key, usedAt',
      basket: 'listingId, addedAt',
      meta: 'key',
    },
  },
];

export class ZhongcaoDb extends Dexie {
  listings!: EntityTable<StoredListing, 'id'>;
  prices!: Dexie.Table<PriceObservation, [string, string]>;
  snapshots!: EntityTable<Snapshot, 'id'>;
  rateCards!: EntityTable<StoredRateCard, 'id'>;
  fxRates!: EntityTable<StoredFxRates, 'id'>;
  taxRules!: EntityTable<StoredTaxRule, 'destination'>;
  translations!: EntityTable<CachedTranslation, 'key'>;
  basket!: EntityTable<BasketEntry, 'listingId'>;
  meta!: EntityTable<MetaEntry, 'key'>;

  constructor(name: string = DB_NAME) {
    super(name);
    for (const { version, stores } of SCHEMA_VERSIONS) this.version(version).stores(stores);
  }
}

let shared: ZhongcaoDb | undefined;

/** The database for this context, opened lazily once. */
export function getDb(): ZhongcaoDb {
  shared ??= new ZhongcaoDb();
  return shared;
}

export { dayOf } from './day';
