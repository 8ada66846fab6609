/**
 * Every CSS selector the extension uses on Taobao and Tmall pages, one group per layout, each with
 * the years it was seen and the fixture page that must match it (tests/fixtures/pages/taobao/).
 *
 * Taobao's front end hashes class names at each release (`title--qJ7Xg_90` today, another suffix
 * tomorrow), so hashed classes are matched by their stable prefix: `hashed('title')` matches a class
 * that *starts* with `title--`, not one that merely contains it (`subtitle--…` must not match).
 */

/** Elements (of `tag`, if given) with a class token starting with `<name>--`, a hashed class's stable part. */
export function hashed(name: string, tag = ''): string {
  return `${tag}[class^="${name}--"],${tag}[class*=" ${name}--"]`;
}

/** Search results, 2024–2025 layout (React; cards rendered client-side from the mtop JSONP). */
export const SEARCH_2024 = {
  /** Fixture: search-2025-embroidered-hoodie.html, search-2025-deli-sticky-notes.html. */
  container: '#content_items_wrapper',
  /** Each card is a link; `id="item_id_<itemId>"` is present even on ad cards whose href is a redirect. */
  card: 'a[class*="doubleCardWrapper"]',
  cardIdPrefix: 'item_id_',
  /** The title holds the query in `<span class="H">`; textContent joins it back. */
  title: hashed('title'),
  priceInt: hashed('priceInt'),
  priceFloat: hashed('priceFloat'),
  /** `300+人付款`, `2.3万+人付款`, `1万+人收货`. */
  sales: hashed('realSales'),
  /** One element per part: province, then city. */
  location: hashed('procity'),
  /** The shop name text; `shopName--` wraps it with icons on some cards. */
  shop: `${hashed('shopNameText')},${hashed('shopName')}`,
  image: hashed('mainPic', 'img'),
} as const;

/** Search results, 2015–2019 layout (server-rendered `.m-itemlist`). Fixture: search-2016-backpack.html. */
export const SEARCH_2016 = {
  container: '.m-itemlist',
  card: '.m-itemlist .items .item',
  /** Item links carry `data-nid` (the item id) on the picture and the title. */
  itemLink: 'a[data-nid]',
  title: '.title a',
  /** `<span>¥</span><strong>59.00</strong>`. */
  price: '.price strong',
  /** `1.2万人付款`. */
  sales: '.deal-cnt',
  shop: '.shopname',
  location: '.location',
  /** Lazy images keep the real URL in `data-src` until scrolled into view. */
  image: 'img.J_ItemPic, .pic img',
} as const;

/** Any search card of any layout, for the content script's observer. */
export const SEARCH_CARD = `${SEARCH_2024.card},${SEARCH_2016.card}`;

/**
 * Item pages on item.taobao.com and detail.tmall.com, 2023–2025 layout (one React front end for both).
 * Fixtures: item-2025-taobao.html, item-2025-tmall.html.
 */
export const ITEM_2025 = {
  /** The full title is in the `title` attribute; the text may be clamped to two lines. */
  title: '[class^="mainTitle--"]',
  /** The highlighted price first (coupon price, or a variant range `59-129`), then the struck-out one. */
  priceText: '[class*="priceText--"]',
  /** `已售 100+`, `已售 1万+`. */
  sales: hashed('salesDesc'),
  /** The shop block; its name is the first `[title]` or the text of the shop name element. */
  shopBlock: '[data-spm="shop_block"]',
  shopName: `${hashed('shopName')},[title]`,
  mainImage: '#mainPicImageEl',
  /** Variant options, `title` attribute per option (`黑色`, `XL`); not part of a Listing yet. */
  skuOptions: '#skuOptionsArea span[title]',
} as const;

/** Item pages, 2012–2020 layout (Taobao `#J_Title` page and old Tmall `.tb-detail-hd`). Fixture: item-2016-taobao.html. */
export const ITEM_2016 = {
  title: '#J_Title h1, #J_Title .tb-main-title, .tb-detail-hd h1, .tb-main-title',
  /** Promotion price first when there is one, then the list price (often a range `59.00-129.00`). */
  price: '#J_PromoPriceNum, #J_StrPrice .tb-rmb-num, #J_PromoPrice .tm-price, .tm-price',
  sales: '#J_SellCounter, .tm-ind-sellCount .tm-count',
  shop: '.tb-shop-name a, .slogo-shopname strong, .shop-name-link',
  mainImage: '#J_ImgBooth',
} as const;
