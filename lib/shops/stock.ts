import type { Availability, Listing, Platform } from '../messaging/schemas';
import { STOCK_RULES } from './selectors';
import { normalizeSpace } from './text';
import { canonicalItemUrl } from './urls';

/** Leaves longer than this are paragraphs of description, not a status line. */
const MAX_STATUS_CHARS = 200;

/**
 * Whether an item page says its item can be bought: `in-stock`, `sold-out` (listed, nothing left)
 * or `delisted` (taken down or gone). A page that does not say is "unknown", returned as undefined
 * and never guessed: most of today's pages show no count, and a missing buy button may only mean the
 * panel has not rendered yet. Pure; the content script passes `document`, tests a parsed page.
 */
export function readAvailability(root: ParentNode, pageUrl: string, { hasItem = true }: { hasItem?: boolean } = {}): Availability | undefined {
  if (isNoItemUrl(pageUrl)) return 'delisted';
  const buyText = buyButtons(root).map((element) => normalizeSpace(element.textContent ?? '')).join(' ');
  if (STOCK_RULES.delistedTexts.some((text) => buyText.includes(text))) return 'delisted';
  if (STOCK_RULES.soldOutTexts.some((text) => buyText.includes(text))) return 'sold-out';
  const count = stockCount(root);
  if (count !== undefined) return count > 0 ? 'in-stock' : 'sold-out';
  if (STOCK_RULES.buyNowTexts.some((text) => buyText.includes(text))) return 'in-stock';
  // A page that shows no item at all (Tmall's "此商品已下架" page) says so in a line of its own.
  if (!hasItem && statusLines(root).some((line) => STOCK_RULES.delistedTexts.some((text) => line.includes(text)))) return 'delisted';
  return undefined;
}

/** The buttons of the buy area: the area itself when it is one (`a#J_LinkBuy`), and those inside it. */
function buyButtons(root: ParentNode): Element[] {
  const buttons = new Set<Element>();
  for (const area of root.querySelectorAll(STOCK_RULES.buyArea)) {
    if (area.matches(STOCK_RULES.buyButton)) buttons.add(area);
    for (const button of area.querySelectorAll(STOCK_RULES.buyButton)) buttons.add(button);
  }
  return [...buttons];
}

/** The count of `库存8件` / `8`; undefined when the page shows none or the element is empty (not loaded yet). */
function stockCount(root: ParentNode): number | undefined {
  for (const element of root.querySelectorAll(STOCK_RULES.stockCount)) {
    const digits = /\d[\d,]*/.exec(element.textContent ?? '')?.[0];
    if (digits) return Number(digits.replaceAll(',', ''));
  }
  return undefined;
}

/** Short text leaves outside scripts and styles: where a page states a status. */
function statusLines(root: ParentNode): string[] {
  const lines: string[] = [];
  for (const element of root.querySelectorAll('body p, body div, body span, body h1, body h2, body h3, body strong, body em, body b, body a, body li')) {
    if (element.childElementCount > 0) continue;
    const text = normalizeSpace(element.textContent ?? '');
    if (text && text.length <= MAX_STATUS_CHARS) lines.push(text);
  }
  return lines;
}

/** Taobao's "this item does not exist" page: `error.item.taobao.com/error/noitem?type=noitem&itemid=<id>`. */
export function isNoItemUrl(pageUrl: string): boolean {
  try {
    const url = new URL(pageUrl);
    return url.hostname === STOCK_RULES.noItemHost && url.pathname.startsWith(STOCK_RULES.noItemPath);
  } catch {
    return false;
  }
}

/** The item a "no such item" page names, or null. Its platform is unknown there; item.taobao.com serves Tmall items too. */
export function noItemTarget(pageUrl: string): { platform: Platform; itemId: string } | null {
  if (!isNoItemUrl(pageUrl)) return null;
  const itemId = new URL(pageUrl).searchParams.get('itemid') ?? '';
  return /^\d{5,20}$/.test(itemId) ? { platform: 'taobao', itemId } : null;
}

/**
 * The sighting a page without an item gives: the item is gone, nothing else is known. The title is
 * empty, which the store reads as "not shown" (it keeps the title it had).
 */
export function delistedSighting(platform: Platform, itemId: string, now: number): Listing {
  return { platform, itemId, title: '', url: canonicalItemUrl(platform, itemId), seenAt: now, availability: 'delisted' };
}
