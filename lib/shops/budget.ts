/**
 * Capture budgets: how much one Taobao page may put into the listing cache. A page controls what it
 * renders, so a hostile one could render 50,000 cards, or the same cards under a new long query
 * every few hundred milliseconds. These limits keep the cache small and the popup fast whatever a
 * page does, while ordinary browsing (48 cards a page, a few pages a minute) never reaches them.
 */

/** Cards read from one page load; the rest are only counted. A real result page shows 44–48. */
export const MAX_CARDS_PER_PAGE = 500;

/** Listing writes accepted per page origin per minute (about ten result pages a minute, scrolled to the end). */
export const MAX_WRITES_PER_ORIGIN_PER_MINUTE = 600;

/** Search queries remembered per listing (the most recent ones) and their length. */
export const MAX_QUERIES_PER_LISTING = 8;
export const MAX_QUERY_LENGTH = 100;

/** The cache's size: listings, and an estimate of the bytes they and their price history take. */
export const DEFAULT_MAX_LISTINGS = 50_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Listings seen within these days are evicted only after every older one. */
export const RECENT_DAYS = 3;

/** A sliding one-minute window of writes per key (a page origin). In memory: a cheap guard, not a ledger. */
export class WriteRateLimiter {
  private readonly windows = new Map<string, Array<{ at: number; count: number }>>();

  constructor(
    private readonly limit = MAX_WRITES_PER_ORIGIN_PER_MINUTE,
    private readonly windowMs = 60_000,
  ) {}

  /** How many of `wanted` writes `key` may make at `now` (0 when its budget is spent); records them. */
  take(key: string, wanted: number, now: number): number {
    const recent = (this.windows.get(key) ?? []).filter((entry) => now - entry.at < this.windowMs);
    const used = recent.reduce((sum, entry) => sum + entry.count, 0);
    const granted = Math.max(0, Math.min(wanted, this.limit - used));
    if (granted > 0) recent.push({ at: now, count: granted });
    this.windows.set(key, recent);
    return granted;
  }
}

/** The query as stored: trimmed and cut to MAX_QUERY_LENGTH without splitting a surrogate pair. */
export function storedQuery(query: string): string {
  const trimmed = query.trim();
  if (trimmed.length <= MAX_QUERY_LENGTH) return trimmed;
  const cut = trimmed.charCodeAt(MAX_QUERY_LENGTH - 1);
  return trimmed.slice(0, cut >= 0xd800 && cut <= 0xdbff ? MAX_QUERY_LENGTH - 1 : MAX_QUERY_LENGTH);
}
