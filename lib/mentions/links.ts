import { itemIdFromUrl } from '../shops/urls';

/**
 * Share codes (淘口令) and shop links, found in normalised text (lower-case, half-width), with
 * offsets into that text. See shared/reference/shops.md.
 */

export interface ShareCodeMatch {
  start: number;
  end: number;
  /** The product title the share text carries in 【】 or 「」, if any. */
  title?: string;
}

export interface LinkMatch {
  start: number;
  end: number;
  platform: string;
  itemId?: string;
}

// A token of 6+ letters and digits between two identical currency-like symbols (￥AbC123Xyz￥), or
// the newer CZ0001-style code. Bounded quantifiers keep this linear.
const SHARE_CODE = /([￥€₤¤$¢₳])([a-z0-9]{6,32})\1|(?<![a-z0-9])(?:cz|hu|mf|fu)\d{3,4}(?:\s?[a-z0-9]{6,16})?(?![a-z0-9])/g;
/** Titles in share text; generic labels such as 【淘宝】 are not product titles. */
const BRACKETED_TITLE = /【([^【】\n]{2,80})】|「([^「」\n]{2,80})」/g;
const GENERIC_TITLE = /^(淘宝|天猫|京东|拼多多|闲鱼|手机淘宝|淘口令|tb|广告)$/;

/**
 * @param originalSlice reads the text before normalisation: the newer codes are upper case (CZ0001), which
 *   tells them apart from ordinary words.
 *
 * One pass of a global regex whose every quantifier is bounded: linear in the text, also when it
 * is nothing but codes.
 */
export function findShareCodes(text: string, originalSlice: (start: number, end: number) => string): ShareCodeMatch[] {
  const codes: ShareCodeMatch[] = [];
  for (const match of text.matchAll(SHARE_CODE)) {
    const start = match.index;
    const end = start + match[0].length;
    if (!match[1] && !/^(CZ|HU|MF|FU)/.test(originalSlice(start, end))) continue;
    // A price such as $12.50$ is not a code: codes mix letters in.
    if (match[2] && !/[a-z]/.test(match[2])) continue;
    codes.push({ start, end });
  }
  if (codes.length > 0) {
    const title = shareTitle(text);
    if (title) for (const code of codes) code.title = title;
  }
  return codes;
}

function shareTitle(text: string): string | undefined {
  for (const match of text.matchAll(BRACKETED_TITLE)) {
    const title = (match[1] ?? match[2] ?? '').trim();
    if (title && !GENERIC_TITLE.test(title)) return title;
  }
  return undefined;
}

const SHOP_HOSTS = String.raw`taobao\.com|tmall\.com|tmall\.hk|tb\.cn|jd\.com|3\.cn|1688\.com|yangkeduo\.com|pinduoduo\.com|goofish\.com`;
// URLs end at the first character that is not printable ASCII (notes run URLs into Chinese text).
const LINK = new RegExp(
  String.raw`https?:\/\/[\x21-\x7e]{1,500}|(?<![a-z0-9.\/-])(?:[a-z0-9-]{1,30}\.){0,4}(?:${SHOP_HOSTS})(?:\/[\x21-\x7e]{0,500})?`,
  'g',
);

/** Hosts that carry an item id that `itemIdFromUrl` does not read, and how to read it. */
const OTHER_SHOPS: Array<{ host: RegExp; platform: string; id: RegExp }> = [
  { host: /(^|\.)jd\.com$|(^|\.)3\.cn$/, platform: 'jd', id: /item\.jd\.com\/(\d{4,20})\.html|[?&](?:sku|wareid)=(\d{4,20})/ },
  { host: /(^|\.)1688\.com$/, platform: '1688', id: /\/offer\/(\d{5,20})\.html/ },
  { host: /(^|\.)(yangkeduo|pinduoduo)\.com$/, platform: 'pinduoduo', id: /[?&]goods_id=(\d{5,20})/ },
  { host: /(^|\.)goofish\.com$/, platform: 'xianyu', id: /[?&]id=(\d{5,20})/ },
  { host: /(^|\.)(taobao\.com|tb\.cn)$/, platform: 'taobao', id: /$^/ },
  { host: /(^|\.)(tmall\.com|tmall\.hk)$/, platform: 'tmall', id: /$^/ },
];

/** One pass of LINK over the text: its quantifiers are bounded, so the pass is linear. */
export function findLinks(text: string): LinkMatch[] {
  const links: LinkMatch[] = [];
  for (const match of text.matchAll(LINK)) {
    const url = match[0].replace(/[.,;:!?'")\]}>]+$/, '');
    const start = match.index;
    const link = classify(url);
    if (link) links.push({ start, end: start + url.length, ...link });
  }
  return links;
}

function classify(url: string): Omit<LinkMatch, 'start' | 'end'> | undefined {
  const withScheme = /^https?:\/\//.test(url) ? url : `https://${url}`;
  const item = itemIdFromUrl(withScheme);
  if (item) return { platform: item.platform, itemId: item.itemId };
  let host: string;
  try {
    host = new URL(withScheme).hostname;
  } catch {
    return undefined;
  }
  for (const shop of OTHER_SHOPS) {
    if (!shop.host.test(host)) continue;
    const id = shop.id.exec(url);
    const itemId = id?.[1] ?? id?.[2];
    return itemId ? { platform: shop.platform, itemId } : { platform: shop.platform };
  }
  return undefined;
}
