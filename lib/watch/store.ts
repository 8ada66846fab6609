import type { Listing } from '../messaging/schemas';
import { getDb, type Snapshot, type StoredListing, type ZhongcaoDb } from '../db/index';
import { listingKey } from '../shops/store';
import { bySeenAt, priceDrop, sameSighting } from './history';
import { alertsFor } from './alerts';
import { addAlerts, readPrefs, type Alert } from './prefs';

/**
 * The watchlist in IndexedDB: `listings.watched = 1` marks a watched listing; every sighting of one
 * (item page or search card) adds a snapshot; a sighting that raises an alert the seller asked for
 * (lib/watch/alerts.ts) adds it to `meta`, which the seller page lists and the background turns
 * into a notification and the badge.
 */

/** Sightings that read the same within this window are one (a reload, a card rendered twice). */
export const SAME_SIGHTING_MS = 10 * 60_000;
/** Where drop notices were kept before alerts replaced them; still accepted in old backups. */
export const DROP_NOTICES_KEY = 'watch:drops';

export interface DropNotice {
  listingId: string;
  title: string;
  fromCny: number;
  toCny: number;
  seenAt: number;
}

export interface SightingsResult {
  snapshots: number;
  drops: DropNotice[];
  /** Alerts raised, as the seller set them up per listing. */
  alerts: Alert[];
  /** Snapshots that read differently from the listing's one before (a first sighting is no change). */
  changed: number;
}

/** The snapshot a capture makes: only what that page showed, nothing merged from earlier sightings. */
export function snapshotOf(listingId: string, capture: Pick<Listing, 'seenAt' | 'title' | 'priceCny' | 'priceMaxCny' | 'sales' | 'shop' | 'imageUrl' | 'availability'>): Snapshot {
  const snapshot: Snapshot = { listingId, seenAt: capture.seenAt, title: capture.title };
  for (const field of ['priceCny', 'priceMaxCny', 'sales', 'shop', 'imageUrl', 'availability'] as const) {
    if (capture[field] !== undefined) Object.assign(snapshot, { [field]: capture[field] });
  }
  return snapshot;
}

/**
 * Adds a snapshot for every captured listing the user watches, and a drop notice for each one seen
 * cheaper than before. Call after `storeListings`, with the same captures.
 */
export async function recordSightings(captures: readonly Listing[], db: ZhongcaoDb = getDb()): Promise<SightingsResult> {
  const result: SightingsResult = { snapshots: 0, drops: [], alerts: [], changed: 0 };
  if (captures.length === 0) return result;
  await db.transaction('rw', [db.listings, db.snapshots, db.meta], async () => {
    const prefs = await readPrefs(db);
    const ids = [...new Set(captures.map(listingKey))];
    const watched = new Set(
      (await db.listings.bulkGet(ids)).filter((listing) => listing?.watched === 1).map((listing) => listing!.id),
    );
    if (watched.size === 0) return;
    for (const capture of bySeenAt(captures)) {
      const id = listingKey(capture);
      if (!watched.has(id)) continue;
      const snapshot = snapshotOf(id, capture);
      const earlier = await db.snapshots.where('listingId').equals(id).toArray();
      if (isRepeat(earlier, snapshot)) continue;
      const drop = priceDrop(earlier, snapshot);
      result.alerts.push(...alertsFor(id, prefs[id], earlier, snapshot));
      const previous = bySeenAt(earlier).pop();
      if (previous && !sameSighting(previous, snapshot)) result.changed++;
      await db.snapshots.add(snapshot);
      result.snapshots++;
      if (drop) result.drops.push({ listingId: id, title: snapshot.title, ...drop, seenAt: snapshot.seenAt });
    }
    await addAlerts(result.alerts, db);
  });
  return result;
}

function isRepeat(earlier: readonly Snapshot[], snapshot: Snapshot): boolean {
  const last = bySeenAt(earlier).pop();
  return Boolean(last && snapshot.seenAt - last.seenAt < SAME_SIGHTING_MS && snapshot.seenAt >= last.seenAt && sameSighting(last, snapshot));
}

/**
 * Watches or unwatches a stored listing. Watching takes a first snapshot (from `capture` when the
 * caller has the page's own reading, else from what is stored), so the history starts at once.
 * Unwatching keeps the snapshots: watching again continues the same history.
 */
export async function setWatched(
  id: string,
  watched: boolean,
  { db = getDb(), capture }: { db?: ZhongcaoDb; capture?: Listing } = {},
): Promise<{ watched: boolean }> {
  return db.transaction('rw', [db.listings, db.snapshots], async () => {
    const listing = await db.listings.get(id);
    if (!listing) throw new Error(`Listing ${id} has not been captured yet`);
    await db.listings.update(id, { watched: watched ? 1 : 0 });
    if (watched) {
      const snapshot = snapshotOf(id, capture ?? listing);
      const earlier = await db.snapshots.where('listingId').equals(id).toArray();
      if (!isRepeat(earlier, snapshot)) await db.snapshots.add(snapshot);
    }
    return { watched };
  });
}

export async function isWatched(id: string, db: ZhongcaoDb = getDb()): Promise<boolean> {
  return (await db.listings.get(id))?.watched === 1;
}

/** Watched listings, most recently seen first. */
export async function watchedListings(db: ZhongcaoDb = getDb()): Promise<StoredListing[]> {
  const listings = await db.listings.where('watched').equals(1).toArray();
  return listings.sort((a, b) => b.seenAt - a.seenAt);
}

/** A listing's snapshots, oldest first. */
export async function snapshotsOf(listingId: string, db: ZhongcaoDb = getDb()): Promise<Snapshot[]> {
  return db.snapshots.where('listingId').equals(listingId).sortBy('seenAt');
}
