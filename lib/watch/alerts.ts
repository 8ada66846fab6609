import type { SnapshotFields } from './diff';
import { bySeenAt } from './history';
import { alertKindsOf, type Alert, type ListingPrefs } from './prefs';

/**
 * Which alerts a new sighting of a watched listing raises, against the sightings before it. Pure:
 * the background calls it as captures arrive, the tests call it directly.
 *
 * - `price-down` / `price-up`: the lowest price moved against the last sighting that showed one.
 * - `target`: the price reached the seller's target (at or below it) from above, or on the first
 *   priced sighting; staying below it alerts no more.
 * - `title`: the title differs from the last sighting's.
 * - `sales-jump`: sales rose by at least a fifth and at least 10 since the last sighting that showed
 *   them (Taobao rounds sales, `2万+`, so smaller steps say little).
 * - `sold-out`: the page says the item is sold out or taken down, and the last sighting that said
 *   anything about stock did not say the same: once per change, not at every visit. A sighting that
 *   says nothing about stock (a search card) neither alerts nor resets it.
 * - `back-in-stock`: the page says the item can be bought, and the last sighting that said anything
 *   about stock said it was sold out or taken down (the alert keeps which).
 */

export const SALES_JUMP_SHARE = 0.2;
export const SALES_JUMP_MIN = 10;

export function alertsFor(listingId: string, prefs: ListingPrefs | undefined, earlier: readonly SnapshotFields[], sighting: SnapshotFields): Alert[] {
  const kinds = alertKindsOf(prefs);
  const before = bySeenAt(earlier).filter((s) => s.seenAt <= sighting.seenAt);
  const last = before[before.length - 1];
  const lastPriced = before.filter((s) => s.priceCny !== undefined).pop();
  const lastSales = before.filter((s) => s.sales !== undefined).pop();
  const base = { listingId, title: sighting.title, seenAt: sighting.seenAt };
  const alerts: Alert[] = [];
  const price = sighting.priceCny;
  if (price !== undefined && lastPriced) {
    const from = lastPriced.priceCny!;
    if (price < from && kinds.includes('price-down')) alerts.push({ ...base, kind: 'price-down', fromCny: from, toCny: price });
    if (price > from && kinds.includes('price-up')) alerts.push({ ...base, kind: 'price-up', fromCny: from, toCny: price });
  }
  const target = prefs?.targetCny;
  if (target !== undefined && price !== undefined && price <= target && (!lastPriced || lastPriced.priceCny! > target)) {
    alerts.push({ ...base, kind: 'target', toCny: price, targetCny: target, ...(lastPriced ? { fromCny: lastPriced.priceCny! } : {}) });
  }
  if (kinds.includes('title') && last && last.title && sighting.title && last.title !== sighting.title) {
    alerts.push({ ...base, kind: 'title', fromTitle: last.title });
  }
  if (kinds.includes('sales-jump') && sighting.sales !== undefined && lastSales) {
    const from = lastSales.sales!;
    const rise = sighting.sales - from;
    if (rise >= SALES_JUMP_MIN && rise >= from * SALES_JUMP_SHARE) alerts.push({ ...base, kind: 'sales-jump', fromSales: from, toSales: sighting.sales });
  }
  const availability = sighting.availability;
  const lastKnown = before.filter((s) => s.availability !== undefined).pop()?.availability;
  if (kinds.includes('sold-out') && (availability === 'sold-out' || availability === 'delisted')) {
    // A page without the item shows no title: the alert names the listing by its last known one.
    const title = sighting.title || before.filter((s) => s.title).pop()?.title || '';
    if (lastKnown !== availability) alerts.push({ ...base, title, kind: 'sold-out', availability });
  }
  if (kinds.includes('back-in-stock') && availability === 'in-stock' && (lastKnown === 'sold-out' || lastKnown === 'delisted')) {
    alerts.push({ ...base, kind: 'back-in-stock', availability: lastKnown });
  }
  return alerts;
}
