import { ListingSchema, PLATFORMS, type Listing } from '../messaging/schemas';
import { getDb, type ZhongcaoDb } from '../db/index';
import { listingKey } from './store';
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

/**
 * A taken-down item's page shows no title: its capture (`delisted`, no title) only updates a listing
 * already stored, never creates one. Taobao's "no such item" page names the item id but not its
 * platform, so it is matched to the stored listing of that id, whichever platform. Other captures
 * pass as they are (a search card split by the HTML parser may lack its title and still carry the
 * shop).
 */
export async function resolveItemlessCaptures(captures: readonly Listing[], db: ZhongcaoDb = getDb()): Promise<Listing[]> {
  const resolved: Listing[] = [];
  for (const capture of captures) {
    if (capture.title || capture.availability !== 'delisted') {
      resolved.push(capture);
      continue;
    }
    for (const platform of [capture.platform, ...PLATFORMS.filter((other) => other !== capture.platform)]) {
      const stored = await db.listings.get(listingKey({ platform, itemId: capture.itemId }));
      if (!stored) continue;
      resolved.push({ ...capture, platform, url: stored.url });
      break;
    }
  }
  return resolved;
}
