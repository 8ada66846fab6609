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
