import type { Snapshot } from '../db/index';
import { numberChange, type NumberChange, type SnapshotFields } from './diff';

/**
 * Reading a watched listing's snapshots: the series the chart draws, the change since it was last
 * seen, the sales trend, and whether a new sighting is a price drop. Pure; snapshots come in any
 * order and are sorted by `seenAt` here.
 */

export function bySeenAt<T extends Pick<Snapshot, 'seenAt'>>(snapshots: readonly T[]): T[] {
  return [...snapshots].sort((a, b) => a.seenAt - b.seenAt);
}

/**
 * uPlot's columnar data: x in Unix seconds, then the lowest price and the highest variant price
 * (null where a sighting had none, so the line has a gap rather than a fake zero).
 */
export function priceSeries(snapshots: readonly SnapshotFields[]): [number[], Array<number | null>, Array<number | null>] {
  const sorted = bySeenAt(snapshots).filter((s) => s.priceCny !== undefined || s.priceMaxCny !== undefined);
  return [
    sorted.map((s) => s.seenAt / 1000),
    sorted.map((s) => s.priceCny ?? null),
    sorted.map((s) => s.priceMaxCny ?? null),
  ];
}

/** The price now against the price the last time before it was seen with one; null with fewer than two priced sightings. */
export function priceChangeSinceLastSeen(snapshots: readonly SnapshotFields[]): NumberChange | null {
  const priced = bySeenAt(snapshots).filter((s) => s.priceCny !== undefined);
  if (priced.length < 2) return null;
  return numberChange(priced[priced.length - 2]!.priceCny, priced[priced.length - 1]!.priceCny);
}

export interface SalesTrend {
  direction: 'up' | 'down' | 'flat' | 'unknown';
  /** Sales now minus sales at the first sighting that showed them. */
  delta: number;
  /** The same per day over the sightings' time span; null over less than an hour. */
  perDay: number | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Sales shown on Taobao are rounded (`2万+`), so the trend compares the first and the latest
 * sighting that showed sales rather than every step.
 */
export function salesTrend(snapshots: readonly SnapshotFields[]): SalesTrend {
  const withSales = bySeenAt(snapshots).filter((s) => s.sales !== undefined);
  const first = withSales[0];
  const last = withSales[withSales.length - 1];
  if (!first || !last || first === last) return { direction: 'unknown', delta: 0, perDay: null };
  const delta = last.sales! - first.sales!;
  const span = last.seenAt - first.seenAt;
  return {
    direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat',
    delta,
    perDay: span < HOUR_MS ? null : Math.round((delta / span) * DAY_MS),
  };
}

/** The latest known price of a listing's sightings, for the list. */
export function latestPrice(snapshots: readonly SnapshotFields[]): number | undefined {
  return bySeenAt(snapshots).reverse().find((s) => s.priceCny !== undefined)?.priceCny;
}

/**
 * A sighting is a drop when its lowest price is below the lowest price of the latest earlier
 * sighting that showed one. A sighting without a price says nothing.
 */
export function priceDrop(earlier: readonly SnapshotFields[], sighting: SnapshotFields): { fromCny: number; toCny: number } | null {
  if (sighting.priceCny === undefined) return null;
  const previous = bySeenAt(earlier)
    .filter((s) => s.seenAt <= sighting.seenAt && s.priceCny !== undefined)
    .pop();
  if (!previous || previous.priceCny! <= sighting.priceCny) return null;
  return { fromCny: previous.priceCny!, toCny: sighting.priceCny };
}

/** Two sightings that read the same: a reload, or the same card seen twice on one page. */
export function sameSighting(a: SnapshotFields, b: SnapshotFields): boolean {
  return (
    a.title === b.title &&
    a.priceCny === b.priceCny &&
    a.priceMaxCny === b.priceMaxCny &&
    a.sales === b.sales &&
    a.shop === b.shop &&
    a.imageUrl === b.imageUrl &&
    a.availability === b.availability
  );
}

/** What the latest sighting that said anything about stock said; undefined when none did. */
export function latestAvailability(snapshots: readonly SnapshotFields[]): SnapshotFields['availability'] {
  return bySeenAt(snapshots).reverse().find((s) => s.availability !== undefined)?.availability;
}
