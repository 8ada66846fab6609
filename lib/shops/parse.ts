import type { Listing, Platform } from '../messaging/schemas';
import { fieldReport, type FieldReport } from '../messaging/field-list';

/** A field report from the fields expected and those found, in the order expected. */
function reportOf(layout: string | null, expected: readonly string[], found: Iterable<string>): FieldReport {
  const seen = new Set(found);
  return fieldReport(Object.fromEntries(expected.map((field) => [field, seen.has(field)])), layout ?? undefined);
}
import { ITEM_RULES, SEARCH_CARD, SEARCH_CARD_RULES, SEARCH_ITEMLIST_RULES, SEARCH_PAGE_CONFIG, hashed, type FieldRules } from './selectors';
import { MAX_PRICE_CNY, normalizeLocation, normalizeSpace, parsePriceRange, parseSales, truncate } from './text';
import { absoluteHttpUrl, canonicalItemUrl, itemIdFromUrl, queryFromSearchUrl } from './urls';
import { readAvailability } from './stock';

/**
 * Pure parsers of the Taobao/Tmall pages the user's own browser rendered. They take a `ParentNode`
 * (the content script passes `document`, tests a happy-dom document) and touch nothing else, so the
 * same code runs in the content script, the tests and the benchmarks.
 *
 * Page layouts change without notice, so every field is optional but the item id: a card that lost
 * its sales line still gives a listing, and a card that breaks the parser is counted and skipped.
 * Each reader also says which fields it found, so the popup can tell what a layout no longer shows.
 */

/** The fields a listing can carry besides its id, as the popup names them. */
export const LISTING_FIELDS = ['title', 'price', 'sales', 'shop', 'location', 'image'] as const;
export type ListingField = (typeof LISTING_FIELDS)[number];
/** Item pages do not show the seller's place in a way we read. */
export const ITEM_FIELDS = ['title', 'price', 'sales', 'shop', 'image'] as const;

/**
 * `2023`: React cards with module-prefixed hashed classes (`Card--doubleCardWrapper--…`); `2024`: the
 * unprefixed ones of 2024–2026 (`doubleCardWrapperAdapt--…`); `2016`: the server-rendered item list of
 * 2013–2019; `2016-json`: its `g_page_config` JSON before the list rendered.
 */
export type SearchLayout = '2023' | '2024' | '2016' | '2016-json';
/** `2023`: module-prefixed item page (`ItemHeader--mainTitle--`); `2024`: unprefixed (2024–2026); `2016`: `#J_Title`. */
export type ItemLayout = '2023' | '2024' | '2016';
type CardLayout = '2023' | '2024' | '2016';

/** Why a card gave no listing. */
export type SkipReason = 'ad' | 'no-id' | 'error';

export interface CardReading {
  listing: Listing | null;
  /** Fields the card showed (empty when skipped). */
  found: ListingField[];
  /** Set when the card gave no listing. */
  skipped?: SkipReason;
  /** An ad card: a click redirect (kept when its id could still be read). */
  ad: boolean;
}

export interface SearchPageCapture {
  /** The layout whose cards were found, or null when the page shows no card we know. */
  layout: SearchLayout | null;
  listings: Listing[];
  /** Cards that gave no listing: ads whose redirect hides the id, cards without id, cards that threw. */
  skipped: number;
  skippedBy: Record<SkipReason, number>;
  /** Fields found on at least one card, and those no card showed. */
  report: FieldReport;
}

export interface ItemPageCapture {
  layout: ItemLayout | null;
  listing: Listing | null;
  report: FieldReport;
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

/** Like `parseSearchPage`, also telling which layout matched, what was skipped and which fields were read. */
export function readSearchPage(root: ParentNode, pageUrl: string, now: number, maxCards = Infinity): SearchPageCapture {
  const seen: Seen = { pageUrl, query: queryFromSearchUrl(pageUrl), now };
  const collector = new SearchCollector();
  let layout: SearchLayout | null = null;
  let cards = 0;
  for (const card of root.querySelectorAll(SEARCH_CARD)) {
    if (cards++ >= maxCards) break;
    let cardLayout: CardLayout;
    try {
      cardLayout = layoutOfCard(card);
    } catch {
      collector.add(BROKEN_CARD);
      continue;
    }
    layout ??= cardLayout;
    collector.add(readCard(card, cardLayout, seen));
  }
  if (layout === null) {
    const auctions = pageConfigAuctions(root);
    if (auctions) {
      layout = '2016-json';
      for (const auction of auctions.slice(0, Math.min(auctions.length, maxCards))) collector.add(readAuction(auction, seen));
    }
  }
  return collector.result(layout);
}

/** Gathers card readings into a page capture: one listing per item, ads only when no organic card has the item. */
export class SearchCollector {
  private readonly listings: Listing[] = [];
  private readonly index = new Map<string, { at: number; ad: boolean }>();
  private readonly found = new Set<ListingField>();
  readonly skippedBy: Record<SkipReason, number> = { ad: 0, 'no-id': 0, error: 0 };

  add(reading: CardReading): void {
    if (!reading.listing) {
      this.skippedBy[reading.skipped ?? 'error']++;
      return;
    }
    for (const field of reading.found) this.found.add(field);
    // An item can appear twice on one page (as an ad and as a result): the result's text wins.
    const key = `${reading.listing.platform}:${reading.listing.itemId}`;
    const earlier = this.index.get(key);
    if (!earlier) {
      this.index.set(key, { at: this.listings.length, ad: reading.ad });
      this.listings.push(reading.listing);
    } else if (earlier.ad && !reading.ad) {
      this.listings[earlier.at] = reading.listing;
      earlier.ad = false;
    }
  }

  result(layout: SearchLayout | null): SearchPageCapture {
    const skipped = this.skippedBy.ad + this.skippedBy['no-id'] + this.skippedBy.error;
    return { layout, listings: this.listings, skipped, skippedBy: { ...this.skippedBy }, report: reportOf(layout, LISTING_FIELDS, this.found) };
  }
}

/** One search card of either DOM layout (for an observer that sees cards as they render). */
export function readSearchCard(card: Element, pageUrl: string, now: number): CardReading {
  try {
    return readCard(card, layoutOfCard(card), { pageUrl, query: queryFromSearchUrl(pageUrl), now });
  } catch {
    return BROKEN_CARD;
  }
}

/** What a card that made the parser throw gives. */
const BROKEN_CARD: CardReading = { listing: null, found: [], skipped: 'error', ad: false };

/** One search card as a listing, or null (an ad without id, a card without id, a broken card). */
export function parseSearchCard(card: Element, pageUrl: string, now: number): Listing | null {
  return readSearchCard(card, pageUrl, now).listing;
}

/** The listing of an item page (item.taobao.com, detail.tmall.com, detail.tmall.hk), or null until its title renders. */
export function parseItemPage(root: ParentNode, pageUrl: string, now: number): Listing | null {
  return readItemPage(root, pageUrl, now).listing;
}

/** Like `parseItemPage`, also telling the layout and which fields the page showed. */
export function readItemPage(root: ParentNode, pageUrl: string, now: number): ItemPageCapture {
  const item = itemIdFromUrl(pageUrl);
  const title = item ? readField(root, ITEM_RULES.title) : '';
  if (!item || !title) return { layout: null, listing: null, report: reportOf(null, ITEM_FIELDS, []) };
  const seen: Seen = { pageUrl, query: queryFromSearchUrl(pageUrl), now };
  const layout = itemLayout(root);
  const prices = itemPrices(root);
  const salesText = readField(root, ITEM_RULES.sales) || findSoldText(root);
  const shop = cleanShopName(readField(root, ITEM_RULES.shop));
  const imageUrl = imageSource(firstElement(root, ITEM_RULES.image), pageUrl);
  const listing = makeListing(item.platform, item.itemId, seen, {
    title,
    ...prices,
    salesText,
    sales: salesText ? parseSales(salesText) : undefined,
    shop,
    imageUrl,
    availability: readAvailability(root, pageUrl),
  });
  return { layout, listing, report: reportOf(layout, ITEM_FIELDS, foundFields(listing)) };
}

export function layoutOfCard(card: Element): CardLayout {
  if (!card.matches(SEARCH_CARD_RULES.card)) return '2016';
  return card.matches(SEARCH_CARD_RULES.prefixedCard) ? '2023' : '2024';
}

function itemLayout(root: ParentNode): ItemLayout {
  if (root.querySelector('[class*="ItemHeader--mainTitle--"],[class*="Price--priceText--"]')) return '2023';
  if (root.querySelector(hashed('mainTitle'))) return '2024';
  return '2016';
}

function readCard(card: Element, layout: CardLayout, seen: Seen): CardReading {
  try {
    return layout === '2016' ? readItemlistCard(card, seen) : readReactCard(card, seen);
  } catch {
    // A card the page half-rendered or restyled must not cost the other 47.
    return BROKEN_CARD;
  }
}

/** The item id an ad's click redirect carries, when it carries one in plain sight. */
export function itemIdFromRedirect(href: string): { platform: Platform; itemId: string } | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  for (const name of ['itemId', 'item_id', 'itemid', 'nid', 'id']) {
    const value = url.searchParams.get(name);
    if (value && /^\d{5,20}$/.test(value)) return { platform: 'taobao', itemId: value };
  }
  // Some redirects wrap the target item URL in a parameter.
  for (const value of url.searchParams.values()) {
    if (!/^https?:|^\/\//.test(value)) continue;
    const target = itemIdFromUrl(value.startsWith('//') ? `https:${value}` : value);
    if (target) return target;
  }
  return null;
}

function isClickRedirect(href: string | undefined): boolean {
  if (!href) return false;
  try {
    const host = new URL(href).hostname;
    return host === 'click.simba.taobao.com' || host === 's.click.taobao.com' || host === 'uland.taobao.com';
  } catch {
    return false;
  }
}

function readReactCard(card: Element, seen: Seen): CardReading {
  const rules = SEARCH_CARD_RULES;
  const href = absoluteHttpUrl(card.getAttribute('href'), seen.pageUrl);
  const ad = isClickRedirect(href) || card.querySelector(rules.adMarker) !== null;
  const idFromCard = card.id.startsWith(rules.cardIdPrefix) ? card.id.slice(rules.cardIdPrefix.length) : '';
  const fromHref = href ? (itemIdFromUrl(href) ?? (isClickRedirect(href) ? itemIdFromRedirect(href) : null)) : null;
  const fromData = card.getAttribute('data-nid') ?? card.querySelector('[data-nid]')?.getAttribute('data-nid') ?? '';
  const itemId = /^\d{5,20}$/.test(idFromCard) ? idFromCard : (fromHref?.itemId ?? (/^\d{5,20}$/.test(fromData) ? fromData : undefined));
  if (!itemId) return { listing: null, found: [], skipped: ad ? 'ad' : 'no-id', ad };
  // Ad cards link through a click redirect with no host to tell Tmall from Taobao; item.taobao.com
  // serves Tmall items too (it redirects), so 'taobao' is a safe default.
  const platform: Platform = fromHref?.itemId === itemId ? fromHref.platform : 'taobao';

  // A card is a link, and the shop name inside it is a link too: the page builds that nesting with
  // DOM calls, but an HTML parser (a saved page, a server-rendered one) moves the inner link out of
  // the card into its wrapper. Fields are read in the card, then in a wrapper that holds only it.
  const wrapper = card.parentElement;
  const scopes: ParentNode[] = wrapper && wrapper.querySelectorAll(rules.card).length === 1 ? [card, wrapper] : [card];
  const field = (fieldRules: FieldRules) => {
    for (const scope of scopes) {
      const value = readField(scope, fieldRules);
      if (value) return value;
    }
    return '';
  };
  const split = field(rules.priceInt) + field(rules.priceFloat);
  const priceDigits = split || priceNumberText(field(rules.priceWhole));
  const price = priceDigits ? parsePriceRange(priceDigits) : undefined;
  const salesText = field(rules.sales);
  const image = firstElement(card, rules.image);
  const places = scopes.map((scope) => [...scope.querySelectorAll(rules.location)]).find((found) => found.length > 0) ?? [];
  const listing = makeListing(platform, itemId, seen, {
    title: field(rules.title) || image?.getAttribute('alt') || '',
    priceText: price ? `¥${priceDigits}` : undefined,
    priceCny: price?.min,
    priceMaxCny: price?.max,
    salesText,
    sales: salesText ? parseSales(salesText) : undefined,
    shop: field(rules.shop),
    location: normalizeLocation(places.map((part) => part.textContent ?? '')),
    imageUrl: imageSource(image, seen.pageUrl),
  });
  return { listing, found: foundFields(listing), ad };
}

function readItemlistCard(card: Element, seen: Seen): CardReading {
  const rules = SEARCH_ITEMLIST_RULES;
  const link = card.querySelector(rules.itemLink);
  const href = absoluteHttpUrl(link?.getAttribute('href'), seen.pageUrl);
  const ad = card.classList.contains(rules.adClass) || isClickRedirect(href);
  const fromHref = href ? itemIdFromUrl(href) : null;
  const nid = link?.getAttribute('data-nid') ?? '';
  const itemId = /^\d{5,20}$/.test(nid) ? nid : fromHref?.itemId;
  if (!itemId) return { listing: null, found: [], skipped: ad ? 'ad' : 'no-id', ad };
  const platform: Platform = fromHref?.itemId === itemId ? fromHref.platform : 'taobao';

  const priceText = readField(card, rules.price);
  const price = priceText ? parsePriceRange(priceText) : undefined;
  const salesText = readField(card, rules.sales);
  const image = firstElement(card, rules.image);
  const listing = makeListing(platform, itemId, seen, {
    title: readField(card, rules.title),
    priceText: price ? `¥${priceText}` : undefined,
    priceCny: price?.min,
    priceMaxCny: price?.max,
    salesText,
    sales: salesText ? parseSales(salesText) : undefined,
    shop: readField(card, rules.shop),
    location: normalizeLocation([readField(card, rules.location)]),
    imageUrl: imageSource(image, seen.pageUrl),
  });
  return { listing, found: foundFields(listing), ad };
}

/** One auction of the 2013–2019 `g_page_config` JSON, checked field by field (the page wrote it). */
interface Auction {
  nid?: unknown;
  title?: unknown;
  raw_title?: unknown;
  view_price?: unknown;
  view_sales?: unknown;
  item_loc?: unknown;
  nick?: unknown;
  pic_url?: unknown;
  detail_url?: unknown;
  p4p?: unknown;
}

const MAX_CONFIG_CHARS = 4_000_000;

/** The auctions of a `g_page_config = {…};` script, or null when the page has none that parses. */
function pageConfigAuctions(root: ParentNode): Auction[] | null {
  for (const script of root.querySelectorAll(SEARCH_PAGE_CONFIG.script)) {
    const source = script.textContent ?? '';
    const at = source.indexOf(SEARCH_PAGE_CONFIG.marker);
    if (at < 0 || source.length > MAX_CONFIG_CHARS) continue;
    const json = balancedObject(source, source.indexOf('{', at));
    if (!json) continue;
    try {
      const config = JSON.parse(json) as { mods?: { itemlist?: { data?: { auctions?: unknown } } } };
      const auctions = config.mods?.itemlist?.data?.auctions;
      if (Array.isArray(auctions)) return auctions.filter((auction): auction is Auction => typeof auction === 'object' && auction !== null);
    } catch {
      // Not JSON after all (a script that only mentions the name).
    }
  }
  return null;
}

/** The `{…}` starting at `start`, braces balanced outside string literals; one linear pass. */
function balancedObject(source: string, start: number): string | null {
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < source.length; i++) {
    const char = source[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  return null;
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function readAuction(auction: Auction, seen: Seen): CardReading {
  try {
    const href = absoluteHttpUrl(stringOf(auction.detail_url), seen.pageUrl);
    const ad = auction.p4p === 1 || isClickRedirect(href);
    const fromHref = href ? itemIdFromUrl(href) : null;
    const nid = stringOf(auction.nid);
    const itemId = /^\d{5,20}$/.test(nid) ? nid : fromHref?.itemId;
    if (!itemId) return { listing: null, found: [], skipped: ad ? 'ad' : 'no-id', ad };
    const platform: Platform = fromHref?.itemId === itemId ? fromHref.platform : 'taobao';
    // The page shows `title` (the query highlighted in <span class=H>), not `raw_title`.
    const title = normalizeSpace(stringOf(auction.title).replace(/<[^<>]{0,200}>/g, '')) || stringOf(auction.raw_title);
    const priceText = normalizeSpace(stringOf(auction.view_price));
    const price = priceText ? parsePriceRange(priceText) : undefined;
    const salesText = normalizeSpace(stringOf(auction.view_sales));
    const listing = makeListing(platform, itemId, seen, {
      title,
      priceText: price ? `¥${priceText}` : undefined,
      priceCny: price?.min,
      priceMaxCny: price?.max,
      salesText,
      sales: salesText ? parseSales(salesText) : undefined,
      shop: normalizeSpace(stringOf(auction.nick)),
      location: normalizeLocation([stringOf(auction.item_loc)]),
      imageUrl: absoluteHttpUrl(stringOf(auction.pic_url), seen.pageUrl),
    });
    return { listing, found: foundFields(listing), ad };
  } catch {
    return { listing: null, found: [], skipped: 'error', ad: false };
  }
}

/**
 * The price an item page shows: the highlighted one (coupon price, or the only price) when the page
 * has one, else the lowest of the others; a range anywhere gives the highest variant price.
 */
function itemPrices(root: ParentNode): Pick<Listing, 'priceCny' | 'priceMaxCny' | 'priceText'> {
  const highlighted = priceFrom(readField(root, ITEM_RULES.highlightPrice));
  const prices: Pick<Listing, 'priceCny' | 'priceMaxCny' | 'priceText'> = {};
  if (highlighted) {
    prices.priceCny = highlighted.range.min;
    prices.priceText = highlighted.text;
    if (highlighted.range.max !== undefined) prices.priceMaxCny = highlighted.range.max;
    return prices;
  }
  for (const rule of ITEM_RULES.otherPrices) {
    for (const element of root.querySelectorAll(rule.selector)) {
      const price = priceFrom(normalizeSpace(element.textContent ?? ''));
      if (!price) continue;
      if (prices.priceCny === undefined || price.range.min < prices.priceCny) {
        prices.priceCny = price.range.min;
        prices.priceText = price.text;
      }
      if (price.range.max !== undefined) prices.priceMaxCny = Math.max(prices.priceMaxCny ?? 0, price.range.max);
    }
    if (prices.priceCny !== undefined) break;
  }
  return prices;
}

/** `券后￥68` → 68 shown as `¥68`; the number after the currency sign wins over labels like `88VIP`. */
function priceFrom(text: string): { range: { min: number; max?: number }; text: string } | undefined {
  const digits = priceNumberText(text);
  const range = digits ? parsePriceRange(digits) : undefined;
  return range ? { range, text: `¥${digits}` } : undefined;
}

/** The price part of a text: what follows the first currency sign, or the whole text without one. */
function priceNumberText(text: string): string {
  const sign = text.search(/[¥￥]/);
  const rest = normalizeSpace(sign < 0 ? text : text.slice(sign + 1)).replace(/^[¥￥]\s*/, '');
  const match = /^\d[\d,]*(?:\.\d+)?(?:\s*万)?(?:\s*[-~～—–至]\s*[¥￥]?\s*\d[\d,]*(?:\.\d+)?(?:\s*万)?)?/.exec(rest);
  if (match) return normalizeSpace(match[0]);
  return sign < 0 ? '' : (/\d[\d,]*(?:\.\d+)?/.exec(rest)?.[0] ?? '');
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

/**
 * A shop name read from a wrapper can carry the rating after it (`明智电脑科技4.690天新增…`): cut at
 * the first digit after two or more non-digits. Names that start with digits (`360官方旗舰店`) stay.
 */
function cleanShopName(text: string): string {
  const match = /^[^\d]{2,}(?=\d\.\d)/.exec(text);
  return match ? match[0].trim() : text;
}

/** The first rule that finds a non-empty value (an attribute, or the element's text). */
export function readField(root: ParentNode, rules: FieldRules): string {
  for (const rule of rules) {
    for (const element of root.querySelectorAll(rule.selector)) {
      const value = normalizeSpace((rule.attribute ? element.getAttribute(rule.attribute) : element.textContent) ?? '');
      if (value) return value;
    }
  }
  return '';
}

function firstElement(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const element = root.querySelector(selector);
    if (element) return element;
  }
  return null;
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

function foundFields(listing: Listing): ListingField[] {
  const found: ListingField[] = [];
  if (listing.title) found.push('title');
  if (listing.priceCny !== undefined) found.push('price');
  if (listing.sales !== undefined || listing.salesText) found.push('sales');
  if (listing.shop) found.push('shop');
  if (listing.location) found.push('location');
  if (listing.imageUrl) found.push('image');
  return found;
}

type ListingFields = Omit<Listing, 'platform' | 'itemId' | 'url' | 'query' | 'seenAt'>;

/**
 * A listing within `ListingSchema`'s limits: empty strings become absent fields, long page text
 * is cut and numbers that are not finite are dropped, so a hostile or broken page still yields a
 * listing that validates.
 */
function makeListing(platform: Platform, itemId: string, seen: Seen, fields: ListingFields): Listing {
  const listing: Listing = {
    platform,
    itemId,
    title: truncate(fields.title, 1000),
    url: canonicalItemUrl(platform, itemId),
    seenAt: seen.now,
  };
  if (isPrice(fields.priceCny)) listing.priceCny = fields.priceCny;
  if (isPrice(fields.priceMaxCny)) listing.priceMaxCny = fields.priceMaxCny;
  if (fields.priceText && listing.priceCny !== undefined) listing.priceText = truncate(fields.priceText, 200);
  if (fields.sales !== undefined && Number.isSafeInteger(fields.sales) && fields.sales >= 0) listing.sales = fields.sales;
  if (fields.salesText) listing.salesText = truncate(fields.salesText, 100);
  if (fields.shop) listing.shop = truncate(fields.shop, 200);
  if (fields.location) listing.location = truncate(fields.location, 100);
  if (fields.imageUrl && fields.imageUrl.length <= 4000) listing.imageUrl = fields.imageUrl;
  if (seen.query) listing.query = truncate(seen.query, 200);
  if (fields.availability) listing.availability = fields.availability;
  return listing;
}

function isPrice(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value >= 0 && value <= MAX_PRICE_CNY;
}
