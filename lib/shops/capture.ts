import { ListingSchema, type Listing } from '../messaging/schemas';
import { WriteRateLimiter } from './budget';

/**
 * The background's side of a capture: the listings a page handed over are checked one by one (the
 * page controls their text and numbers), and writes are rationed per page origin.
 */

/** The listings that pass the schema; the others are dropped alone. */
export function validListings(raw: readonly unknown[]): Listing[] {
  const valid: Listing[] = [];
  for (const candidate of raw) {
    const parsed = ListingSchema.safeParse(candidate);
    if (parsed.success) valid.push(parsed.data);
  }
  return valid;
}

/** The origin a capture budget is counted against (`https://s.taobao.com`), or the raw text when it is no URL. */
export function originOf(pageUrl: string): string {
  try {
    return new URL(pageUrl).origin;
  } catch {
    return pageUrl.slice(0, 100);
  }
}

/** One limiter for the background's life: a service worker restart forgets it, which costs one minute's budget at most. */
export const captureLimiter = new WriteRateLimiter();
