/**
 * Every CSS selector the extension uses on Taobao and Tmall pages, as data: per field an ordered list
 * of fallbacks, the first that finds something wins. Each group names the layouts it reads; the
 * real-structure pages that must match are in tests/fixtures/real/taobao/ (see PROVENANCE.md there).
 *
 * Taobao's front end hashes class names at each release (`title--qJ7Xg_90` today, another suffix
 * tomorrow). Releases of 2023 also prefix the component (`Title--title--jCOPvpf`,
 * `ItemHeader--mainTitle--3CIjqW5`); 2024 onwards drop it (`mainTitle--O1XCl8e2`). `hashed(name)`
 * matches a class token that is `<name>--<hash>` or `<Module>--<name>--<hash>`, wherever the token
 * stands in the class list, and nothing that merely ends in the name (`subtitle--…`, `MainTitle--…`).
 */

/** Elements (of `tag`, if given) with a hashed class whose stable part is `name`. */
export function hashed(name: string, tag = ''): string {
  return [`[class^="${name}--"]`, `[class*=" ${name}--"]`, `[class*="--${name}--"]`].map((match) => `${tag}${match}`).join(',');
}

/** Every combination `outer inner` of two selector lists: an `inner` element inside an `outer` one. */
export function inside(outer: string, inner: string): string {
  return outer.split(',').flatMap((o) => inner.split(',').map((i) => `${o} ${i}`)).join(',');
}

/** Each alternative of a selector list with `suffix` appended (`[title]`, `:not(…)`). */
export function withSuffix(list: string, suffix: string): string {
  return list.split(',').map((one) => `${one}${suffix}`).join(',');
}

/** One way to read a field: an element, and the attribute to read (its text when absent). */
export interface FieldRule {
  selector: string;
  attribute?: string;
}

/** Ordered fallbacks for one field. */
export type FieldRules = readonly FieldRule[];

const text = (selector: string): FieldRule => ({ selector });
const attr = (selector: string, attribute: string): FieldRule => ({ selector, attribute });

/**
 * Search result cards rendered by the React front end: 2023 (`Card--doubleCardWrapper--L2XFE73`,
 * module-prefixed fields), 2024–2026 (`doubleCardWrapperAdapt--mEcC7olq`, `id="item_id_<id>"`).
 * Ads are the same card with a `click.simba.taobao.com` link and no `item_id_`.
 */
export const SEARCH_CARD_RULES = {
  card: 'a[class*="doubleCardWrapper"],a[id^="item_id_"]',
  /** The 2023 release prefixed the component: `Card--doubleCardWrapper--L2XFE73`. */
  prefixedCard: '[class*="--doubleCardWrapper"]',
  cardIdPrefix: 'item_id_',
  /** The title holds the query in `<span class="H">`; textContent joins it back. 2025 cards also carry it whole in `title`. */
  title: [attr(withSuffix(hashed('title'), '[title]'), 'title'), text(hashed('title'))],
  priceInt: [text(hashed('priceInt'))],
  priceFloat: [text(hashed('priceFloat'))],
  /** A whole price element (`¥39.90`), for cards without the split integer/decimal parts. */
  priceWhole: [text(hashed('innerPriceWrapper')), text(hashed('price'))],
  /** `300+人付款`, `2.3万+人付款`, `1万+人收货`. */
  sales: [text(hashed('realSales'))],
  /** One element per part (province, city); 2024 cards wrap each part in a span. */
  location: hashed('procity'),
  shop: [text(hashed('shopNameText')), text(hashed('shopName')), text('[class*="ShopInfo--TextAndPic--"] a')],
  image: [hashed('mainPic', 'img'), hashed('mainP4pPic', 'img'), 'img'],
  /** Ad pictures have their own class; with a click redirect this marks an ad card. */
  adMarker: hashed('mainP4pPic'),
} as const;

/** Search results, 2013–2019 layout (server-rendered `.m-itemlist`). */
export const SEARCH_ITEMLIST_RULES = {
  container: '.m-itemlist',
  card: '.m-itemlist .items .item',
  /** Item links carry `data-nid` (the item id) on the picture and the title, ads too. */
  itemLink: 'a[data-nid]',
  title: [text('.title a'), attr('img.J_ItemPic', 'alt')],
  /** `<span>¥</span><strong>59.00</strong>`. */
  price: [text('.price strong'), attr('a[trace-price]', 'trace-price')],
  /** `1.2万人付款`. */
  sales: [text('.deal-cnt')],
  shop: [text('.shopname span:last-child'), text('.shopname')],
  location: [text('.location')],
  /** Lazy images keep the real URL in `data-src` until scrolled into view. */
  image: ['img.J_ItemPic', '.pic img'],
  adClass: 'item-ad',
} as const;

/** The script that carried the 2013–2019 results as JSON before the client rendered them. */
export const SEARCH_PAGE_CONFIG = {
  script: 'script:not([src])',
  marker: 'g_page_config',
} as const;

/** Any search card of any DOM layout, for the content script's observer. */
export const SEARCH_CARD = `${SEARCH_CARD_RULES.card},${SEARCH_ITEMLIST_RULES.card}`;

/**
 * Item pages on item.taobao.com, detail.tmall.com and detail.tmall.hk: 2023 (module-prefixed:
 * `ItemHeader--mainTitle--`, `Price--priceText--`, `ShopHeader--title--`), 2024–2026 (unprefixed:
 * `mainTitle--`, `highlightPrice-- > text--`, `shopName--[title]`), 2012–2020 (`#J_Title`).
 */
export const ITEM_RULES = {
  /** The full title is in the `title` attribute where there is one; the text may be clamped. */
  title: [
    attr(withSuffix(hashed('mainTitle'), '[title]'), 'title'),
    text(hashed('mainTitle')),
    attr('#J_Title h1[data-title]', 'data-title'),
    text('#J_Title h1, #J_Title .tb-main-title, .tb-detail-hd h1, .tb-main-title'),
  ],
  /**
   * The price the page highlights (coupon price, or the only price), before the struck-out one.
   * 2024–2026: `highlightPrice-- > text--` (`priceText--` only in some variants); 2023:
   * `Price--extraPriceText--` then `Price--priceText--`; older: `#J_PromoPriceNum`, `.tm-price`.
   */
  highlightPrice: [
    text(inside(hashed('highlightPrice'), hashed('text'))),
    text(hashed('highlightPrice')),
    text(hashed('extraPriceText')),
    text(inside(hashed('extraPrice'), hashed('priceText'))),
  ],
  /** Every other price the page shows; the lowest counts when no highlighted price was found. */
  otherPrices: [
    text(hashed('priceText')),
    text(inside(hashed('subPrice'), hashed('text'))),
    text('#J_PromoPriceNum, #J_StrPrice .tb-rmb-num, #J_PromoPrice .tm-price, .tm-price'),
  ],
  /** `已售 100+`, `已售 1万+`, `月销 200`. */
  sales: [text(hashed('salesDesc')), text('#J_SellCounter, .tm-ind-sellCount .tm-count')],
  shop: [
    attr(withSuffix(hashed('shopName'), '[title]'), 'title'),
    attr(inside(hashed('shopNameWrap'), '[title]'), 'title'),
    attr('[class*="ShopHeader--title--"][title]', 'title'),
    text(hashed('shopName')),
    text('[class*="ShopHeader--title--"]'),
    attr('[data-spm="shop_block"] [title]', 'title'),
    text('.tb-shop-name a, .slogo-shopname strong, .shop-name-link'),
  ],
  image: ['#mainPicImageEl', hashed('mainPic', 'img'), hashed('thumbnailPic', 'img'), '#J_ImgBooth'],
} as const;

/** Any element whose presence says an item page has rendered its title. */
export const ITEM_TITLE = ITEM_RULES.title.map((rule) => rule.selector).join(',');

/**
 * What an item page says about stock (tests/fixtures/real/taobao/stock/, PROVENANCE.md there).
 * Read only where the page puts it, never from the whole page: "猜你喜欢" below an item lists other
 * items, and Taobao's sales line itself starts with 已售 ("sold"), so a bare 已售 means nothing.
 */
export const STOCK_RULES = {
  /** 2012–2020: `#J_SpanStock` holds the count on Taobao, `#J_EmStock` reads `库存N件` on Tmall. */
  stockCount: '#J_SpanStock, #J_EmStock',
  /** Where the buy buttons stand: 2024–2026 purchase panel, 2012–2020 `#J_LinkBuy` and its wrapper. */
  buyArea: ['#purchasePanel', hashed('PurchasePanel'), hashed('purchasePanel'), '#J_LinkBuy', '.tb-btn-buy', '.tb-action', '#J_ButtonWaitWrap'].join(','),
  /**
   * The buttons in the buy area, whose words are read: not the rest of the panel, where a variant
   * may be marked 缺货 while the item still sells.
   */
  buyButton: 'button, a, [role="button"]',
  /** A buy button that says the item can be bought now. */
  buyNowTexts: ['立即购买'],
  /** Words in the buy area that say no stock is left. */
  soldOutTexts: ['已售罄', '已售完', '卖光了', '已抢光', '暂时无货', '缺货'],
  /** Words in the buy area, or anywhere on a page without an item, that say the listing is gone. */
  delistedTexts: ['此商品已下架', '此宝贝已下架', '商品已下架', '宝贝已下架', '可能已下架或者被转移', '可能已下架或被转移', '商品已经下架', '宝贝不存在'],
  /** Where Taobao sends a visitor to an item that no longer exists (`?itemid=<id>`). */
  noItemHost: 'error.item.taobao.com',
  noItemPath: '/error/noitem',
} as const;
