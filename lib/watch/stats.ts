import { numberChange, type NumberChange, type SnapshotFields } from './diff';
import { bySeenAt } from './history';

/**
 * Figures a seller reads off a listing's history over a time range: lowest, highest and average
 * shown price, and the last time the price moved (from the whole history, so "days since" is true
 * even when the move happened before the range). Pure.
 */

export const RANGES = ['7', '30', '90', 'all'] as const;
export type Range = (typeof RANGES)[number];
const DAY_MS = 86_400_000;

/** The first moment a range covers; 0 for all. */
export function rangeStart(range: Range, now: number): number {
  return range === 'all' ? 0 : now - Number(range) * DAY_MS;
}

export function inRange<T extends Pick<SnapshotFields, 'seenAt'>>(snapshots: readonly T[], range: Range, now: number): T[] {
  const start = rangeStart(range, now);
  return snapshots.filter((s) => s.seenAt >= start);
}

export interface PriceStats {
  /** Priced sightings in the range. */
  count: number;
  min: number | null;
  max: number | null;
  /** Mean of the prices the sightings showed (each sighting counts once), to the fen. */
  average: number | null;
  lastChange: (NumberChange & { at: number }) | null;
  /** Whole days from the last change to now. */
  daysSince: number | null;
}

export function priceStats(snapshots: readonly SnapshotFields[], range: Range, now: number): PriceStats {
  const priced = bySeenAt(snapshots).filter((s) => s.priceCny !== undefined);
  const shown = inRange(priced, range, now).map((s) => s.priceCny!);
  let lastChange: PriceStats['lastChange'] = null;
  for (let i = priced.length - 1; i > 0; i--) {
    if (priced[i]!.priceCny !== priced[i - 1]!.priceCny) {
      lastChange = { ...numberChange(priced[i - 1]!.priceCny, priced[i]!.priceCny)!, at: priced[i]!.seenAt };
      break;
    }
  }
  return {
    count: shown.length,
    min: shown.length ? Math.min(...shown) : null,
    max: shown.length ? Math.max(...shown) : null,
    average: shown.length ? Math.round((shown.reduce((sum, price) => sum + price, 0) / shown.length) * 100) / 100 : null,
    lastChange,
    daysSince: lastChange ? Math.max(0, Math.floor((now - lastChange.at) / DAY_MS)) : null,
  };
}
