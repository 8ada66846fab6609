import type { Listing, Platform } from '../messaging/schemas';
import { ITEM_2016, ITEM_2025, SEARCH_2016, SEARCH_2024, SEARCH_CARD } from './selectors';
import { normalizeLocation, normalizeSpace, parsePriceRange, parseSales, truncate } from './text';
import { absoluteHttpUrl, canonicalItemUrl, itemIdFromUrl, queryFromSearchUrl } from './urls';

/**
 * Pure parsers of the Taobao/Tmall pages the user's own browser rendered. They take a `ParentNode`
 * (the content script passes `document`, tests a happy-dom document) and touch nothing else, so the
 * same code runs in the content script, the tests and the benchmarks.
 *
 * Page layouts change without notice, so every field is optional but the item id: a card that lost
 * its sales line still gives a listing, and a card that breaks the parser is counted and skipped.
 */

export type SearchLayout = '2024' | '2016';

export interface SearchPageCapture {
  /** The layout whose cards were found, or null when the page shows no card we know. */
  layout: SearchLayout | null;
  listings: Listing[];
  /** Cards that had no item id or made the parser throw. */
  skipped: number;
}

/** Where a listing was seen: the page's URL (for its `q`) and the time. */
interface Seen {
  pageUrl: string;
  query: string | undefined;
  now: number;
}

/** Listings of a search results page, one per item, in page order. */
export function parseSearchPage(root: ParentNode, pageUrl: string, now: number): Listing[] {
  return readSearchPage(root, pageUrl, now).listings;
}

/** Like `parseSearchPage`, also telling which layout matched and how many cards were skipped. */
export function readSearchPage(root: ParentNode, pageUrl: string, now: number): SearchPageCapture {
  const seen: Seen = { pageUrl, query: queryFromSearchUrl(pageUrl), now };
  const listings: Listing[] = [];
  const ids = new Set<string>();
  let layout: SearchLayout | null = null;
  let skipped = 0;
  for (const card of root.querySelectorAll(SEARCH_CARD)) {
    let listing: Listing | null = null;
    try {
      const cardLayout = layoutOfCard(card);
      layout ??= cardLayout;
      listing = cardLayout === '2024' ? parseCard2024(card, seen) : parseCard2016(card, seen);
    } catch {
      // A card the page half-rendered or restyled must not cost the other 47.
    }
    if (!listing) {
      skipped++;
      continue;
    }
    // An item can appear twice on one page (as an ad and as a result); keep the first.
    const key = `${listing.platform}:${listing.itemId}`;
    if (ids.has(key)) continue;
    ids.add(key);
    listings.push(listing);
  }
  return { layout, listings, skipped };
}

/** One search card of either layout (for an observer that sees cards as they render), or null. */
export function parseSearchCard(card: Element, pageUrl: string, now: number): Listing | null {
  const seen: Seen = { pageUrl, query: queryFromSearchUrl(pageUrl), now };
  return layoutOfCard(card) === '2024' ? parseCard2024(card, seen) : parseCard2016(card, seen);
}

/** The listing of an item page (item.taobao.com, detail.tmall.com, detail.tmall.hk), or null until its title renders. */
export function parseItemPage(root: ParentNode, pageUrl: string, now: number): Listing | null {
  const item = itemIdFromUrl(pageUrl);
  if (!item) return null;
  const seen: Seen = { pageUrl, query: queryFromSearchUrl(pageUrl), now };
  if (root.querySelector(ITEM_2025.title)) return parseItem2025(root, item, seen);
  if (root.querySelector(ITEM_2016.title)) return parseItem2016(root, item, seen);
  return null;
}

function layoutOfCard(card: Element): SearchLayout {
  return card.matches(SEARCH_2024.card) ? '2024' : '2016';
}

function parseCard2024(card: Element, seen: Seen): Listing | null {
  const idFromCard = card.id.startsWith(SEARCH_2024.cardIdPrefix) ? card.id.slice(SEARCH_2024.cardIdPrefix.length) : '';
  const href = absoluteHttpUrl(card.getAttribute('href'), seen.pageUrl);
  const fromHref = href ? itemIdFromUrl(href) : null;
  const itemId = /^\d{5,20}$/.test(idFromCard) ? idFromCard : fromHref?.itemId;
  if (!itemId) return null;
  // Ad cards link through a click redirect with no host to tell Tmall from Taobao; item.taobao.com
  // serves Tmall items too (it redirects), so 'taobao' is a safe default.
  const platform: Platform = fromHref?.itemId === itemId ? fromHref.platform : 'taobao';

  const priceDigits = textOf(card, SEARCH_2024.priceInt) + textOf(card, SEARCH_2024.priceFloat);
  const price = priceDigits ? parsePriceRange(priceDigits) : undefined;
  const salesText = textOf(card, SEARCH_2024.sales);
  const image = card.querySelector(SEARCH_2024.image);
  return makeListing(platform, itemId, seen, {
    title: textOf(card, SEARCH_2024.title) || image?.getAttribute('alt') || '',
    priceText: price ? `¥${priceDigits}` : undefined,
    priceCny: price?.min,
    priceMaxCny: price?.max,
    salesText,
    sales: salesText ? parseSales(salesText) : undefined,
    shop: textOf(card, SEARCH_2024.shop),
    location: normalizeLocation([...card.querySelectorAll(SEARCH_2024.location)].map((part) => part.textContent ?? '')),
    imageUrl: imageSource(image, seen.pageUrl),
  });
}

function parseCard2016(card: Element, seen: Seen): Listing | null {
  const link = card.querySelector(SEARCH_2016.itemLink);
  const href = absoluteHttpUrl(link?.getAttribute('href'), seen.pageUrl);
  const fromHref = href ? itemIdFromUrl(href) : null;
  const nid = link?.getAttribute('data-nid') ?? '';
  const itemId = /^\d{5,20}$/.test(nid) ? nid : fromHref?.itemId;
  if (!itemId) return null;
  const platform: Platform = fromHref?.itemId === itemId ? fromHref.platform : 'taobao';

  const priceText = textOf(card, SEARCH_2016.price);
  const price = priceText ? parsePriceRange(priceText) : undefined;
  const salesText = textOf(card, SEARCH_2016.sales);
  const image = card.querySelector(SEARCH_2016.image);
  return makeListing(platform, itemId, seen, {
    title: textOf(card, SEARCH_2016.title) || image?.getAttribute('alt') || '',
    priceText: price ? `¥${priceText}` : undefined,
    priceCny: price?.min,
    priceMaxCny: price?.max,
    salesText,
    sales: salesText ? parseSales(salesText) : undefined,
    shop: textOf(card, SEARCH_2016.shop),
    location: normalizeLocation([textOf(card, SEARCH_2016.location)]),
    imageUrl: imageSource(image, seen.pageUrl),
  });
}

function parseItem2025(root: ParentNode, item: { platform: Platform; itemId: string }, seen: Seen): Listing {
  const titleElement = root.querySelector(ITEM_2025.title);
  const prices = pricesOf(root.querySelectorAll(ITEM_2025.priceText));
  const salesText = textOf(root, ITEM_2025.sales) || findSoldText(root);
  const shopElement = root.querySelector(ITEM_2025.shopBlock)?.querySelector(ITEM_2025.shopName);
  return makeListing(item.platform, item.itemId, seen, {
    title: normalizeSpace(titleElement?.getAttribute('title') || titleElement?.textContent || ''),
    ...prices,
    salesText,
    sales: salesText ? parseSales(salesText) : undefined,
    shop: normalizeSpace(shopElement?.getAttribute('title') || shopElement?.textContent || ''),
    imageUrl: imageSource(root.querySelector(ITEM_2025.mainImage), seen.pageUrl),
  });
}

function parseItem2016(root: ParentNode, item: { platform: Platform; itemId: string }, seen: Seen): Listing {
  const titleElement = root.querySelector(ITEM_2016.title);
  const salesText = textOf(root, ITEM_2016.sales);
  return makeListing(item.platform, item.itemId, seen, {
    title: normalizeSpace(titleElement?.getAttribute('data-title') || titleElement?.textContent || ''),
    ...pricesOf(root.querySelectorAll(ITEM_2016.price)),
    salesText,
    sales: salesText ? parseSales(salesText) : undefined,
    shop: textOf(root, ITEM_2016.shop),
    imageUrl: imageSource(root.querySelector(ITEM_2016.mainImage), seen.pageUrl),
  });
}

/**
 * The prices an item page shows (highlighted price, list price, variant range): the lowest is the
 * price and its text the price text; a range anywhere gives the highest variant price.
 */
function pricesOf(elements: Iterable<Element>): Pick<Listing, 'priceCny' | 'priceMaxCny' | 'priceText'> {
  const prices: Pick<Listing, 'priceCny' | 'priceMaxCny' | 'priceText'> = {};
  for (const element of elements) {
    const text = normalizeSpace(element.textContent ?? '');
    const range = text ? parsePriceRange(text) : undefined;
    if (!range) continue;
    if (prices.priceCny === undefined || range.min < prices.priceCny) {
      prices.priceCny = range.min;
      prices.priceText = /^[¥￥]/.test(text) ? text : `¥${text}`;
    }
    if (range.max !== undefined) prices.priceMaxCny = Math.max(prices.priceMaxCny ?? 0, range.max);
  }
  return prices;
}

/** `已售 100+` where the sales element has a class name we do not know yet: the first leaf saying so. */
function findSoldText(root: ParentNode): string {
  for (const element of root.querySelectorAll('span, div')) {
    if (element.childElementCount > 0) continue;
    const text = normalizeSpace(element.textContent ?? '');
    if (text.startsWith('已售') && text.length <= 30) return text;
  }
  return '';
}

function textOf(root: ParentNode, selector: string): string {
  return normalizeSpace(root.querySelector(selector)?.textContent ?? '');
}

/** The real image of an `<img>`: lazy-loading pages keep it in `data-src` while `src` is a placeholder (`s.gif`, `data:`). */
function imageSource(image: Element | null | undefined, pageUrl: string): string | undefined {
  if (!image) return undefined;
  for (const attribute of ['data-src', 'data-ks-lazyload', 'src']) {
    const url = absoluteHttpUrl(image.getAttribute(attribute), pageUrl);
    if (url) return url;
  }
  return undefined;
}

type ListingFields = Omit<Listing, 'platform' | 'itemId' | 'url' | 'query' | 'seenAt'>;

/**
 * A listing within `ListingSchema`'s limits: empty strings become absent fields and long page text
 * is cut, so a hostile or broken page still yields a listing that validates.
 */
function makeListing(platform: Platform, itemId: string, seen: Seen, fields: ListingFields): Listing {
  const listing: Listing = {
    platform,
    itemId,
    title: truncate(fields.title, 1000),
    url: canonicalItemUrl(platform, itemId),
    seenAt: seen.now,
  };
  if (fields.priceCny !== undefined) listing.priceCny = fields.priceCny;
  if (fields.priceMaxCny !== undefined) listing.priceMaxCny = fields.priceMaxCny;
  if (fields.priceText) listing.priceText = truncate(fields.priceText, 200);
  if (fields.sales !== undefined) listing.sales = fields.sales;
  if (fields.salesText) listing.salesText = truncate(fields.salesText, 100);
  if (fields.shop) listing.shop = truncate(fields.shop, 200);
  if (fields.location) listing.location = truncate(fields.location, 100);
  if (fields.imageUrl && fields.imageUrl.length <= 4000) listing.imageUrl = fields.imageUrl;
  if (seen.query) listing.query = seen.query;
  return listing;
}
