import type { Platform } from '../messaging/schemas';

/** Shop hosts whose URLs carry an item id, and the platform each belongs to. */
const ITEM_HOSTS: Record<string, Platform> = {
  'item.taobao.com': 'taobao',
  'world.taobao.com': 'taobao',
  'a.m.taobao.com': 'taobao',
  'h5.m.taobao.com': 'taobao',
  'detail.m.tmall.com': 'tmall',
  'detail.tmall.com': 'tmall',
  'detail.tmall.hk': 'tmall-hk',
};

/**
 * The platform and item id of a Taobao/Tmall item URL (`?id=`, `?itemId=` or `/i<id>.htm`), or null.
 * Short links (`m.tb.cn/h.…`) need the network to resolve and give null.
 */
export function itemIdFromUrl(url: string): { platform: Platform; itemId: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url, 'https://item.taobao.com/');
  } catch {
    return null;
  }
  const platform = ITEM_HOSTS[parsed.hostname.toLowerCase()];
  if (!platform) return null;
  const fromQuery = parsed.searchParams.get('id') ?? parsed.searchParams.get('itemId');
  const fromPath = /\/i(\d{5,20})\.htm/.exec(parsed.pathname)?.[1];
  const itemId = fromQuery && /^\d{5,20}$/.test(fromQuery) ? fromQuery : fromPath;
  return itemId ? { platform, itemId } : null;
}

/** The canonical URL of an item page. */
export function canonicalItemUrl(platform: Platform, itemId: string): string {
  const host = platform === 'taobao' ? 'item.taobao.com' : platform === 'tmall' ? 'detail.tmall.com' : 'detail.tmall.hk';
  return `https://${host}/item.htm?id=${itemId}`;
}

/**
 * An absolute http(s) URL for a link or image source as a page writes it (`//img.alicdn.com/…`,
 * `/item.htm?id=…`), or undefined for placeholders (`data:` lazy-load images) and other schemes.
 */
export function absoluteHttpUrl(href: string | null | undefined, baseUrl: string): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed, baseUrl);
  } catch {
    return undefined;
  }
  if (parsed.protocol === 'http:') parsed.protocol = 'https:';
  return parsed.protocol === 'https:' ? parsed.href : undefined;
}

/** The search query (`q`) of a Taobao/Tmall search page URL, tidied; undefined when it has none. */
export function queryFromSearchUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const query = (parsed.searchParams.get('q') ?? '').replace(/[\s\u3000]+/g, ' ').trim();
  return query ? query.slice(0, 200) : undefined;
}

export const SEARCH_SHOPS = ['taobao', 'tmall', '1688', 'jd', 'pinduoduo', 'xianyu'] as const;
export type SearchShop = (typeof SEARCH_SHOPS)[number];

/** Display names of the shops, in Chinese and English. */
export const SEARCH_SHOP_NAMES: Record<SearchShop, { zh: string; en: string }> = {
  taobao: { zh: '淘宝', en: 'Taobao' },
  tmall: { zh: '天猫', en: 'Tmall' },
  '1688': { zh: '1688', en: '1688 (wholesale)' },
  jd: { zh: '京东', en: 'JD' },
  pinduoduo: { zh: '拼多多', en: 'Pinduoduo' },
  xianyu: { zh: '闲鱼', en: 'Xianyu (second hand)' },
};

/**
 * A URL that searches `query` on a shop. `URLSearchParams` encodes the query as UTF-8 (`+` for
 * spaces), which all six accept; 1688 and JD still default to GBK, so their URLs say utf-8 explicitly.
 */
export function searchUrl(shop: SearchShop, query: string): string {
  const q = query.replace(/[\s\u3000]+/g, ' ').trim();
  const build = (base: string, params: Record<string, string>) => `${base}?${new URLSearchParams(params)}`;
  switch (shop) {
    case 'taobao':
      return build('https://s.taobao.com/search', { q, tab: 'all' });
    case 'tmall':
      // Taobao's Tmall tab rather than list.tmall.com: it is s.taobao.com, where our content script captures.
      return build('https://s.taobao.com/search', { q, tab: 'mall' });
    case '1688':
      return build('https://s.1688.com/selloffer/offer_search.htm', { keywords: q, charset: 'utf8' });
    case 'jd':
      return build('https://search.jd.com/Search', { keyword: q, enc: 'utf-8' });
    case 'pinduoduo':
      return build('https://mobile.yangkeduo.com/search_result.html', { search_key: q });
    case 'xianyu':
      return build('https://www.goofish.com/search', { q });
  }
}

/** Search links for every shop, in the order of `SEARCH_SHOPS`. */
export function searchLinks(query: string): Array<{ shop: SearchShop; url: string }> {
  return SEARCH_SHOPS.map((shop) => ({ shop, url: searchUrl(shop, query) }));
}
