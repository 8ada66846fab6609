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

/** The signs that wrap the older codes, and the letters that start the newer ones, as in SHARE_CODE. */
const CODE_SIGNS = '￥€₤¤$¢₳';
const NEWER_CODE_STARTS = ['cz', 'hu', 'mf', 'fu'];

/**
 * @param originalSlice reads the text before normalisation: the newer codes are upper case (CZ0001), which
 *   tells them apart from ordinary words.
 * @param newer whether the text may hold a newer code (the caller knows the note has an upper-case
 *   C, H, M or F and a digit).
 *
 * A code starts at a sign followed by a token or, if newer ones may be there, at cz, hu, mf or fu
 * followed by a digit: SHARE_CODE runs from each such place instead of over the whole text.
 */
export function findShareCodes(text: string, originalSlice: (start: number, end: number) => string, newer = true): ShareCodeMatch[] {
  const codes: ShareCodeMatch[] = [];
  for (let from = codeStart(text, 0, newer); from >= 0; from = codeStart(text, SHARE_CODE.lastIndex, newer)) {
    SHARE_CODE.lastIndex = from;
    const match = SHARE_CODE.exec(text);
    if (!match) break;
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

/** The first place from `from` on where a code may start (see findShareCodes), -1 if none. */
function codeStart(text: string, from: number, newer: boolean): number {
  const signed = firstSignedToken(text, from);
  const unsigned = newer ? firstNewerCode(text, from) : -1;
  return signed < 0 ? unsigned : unsigned < 0 ? signed : Math.min(signed, unsigned);
}

/** The first place from `from` on of a code sign followed by six letters or digits, -1 if none. */
function firstSignedToken(text: string, from: number): number {
  let first = -1;
  for (let k = 0; k < CODE_SIGNS.length; k++) {
    const sign = CODE_SIGNS[k]!;
    for (let at = text.indexOf(sign, from); at >= 0 && (first < 0 || at < first); at = text.indexOf(sign, at + 1)) {
      if (isTokenRun(text, at + 1, 6)) {
        first = at;
        break;
      }
    }
  }
  return first;
}

/** The first place from `from` on of cz, hu, mf or fu followed by a digit, -1 if none. */
function firstNewerCode(text: string, from: number): number {
  let first = -1;
  for (const letters of NEWER_CODE_STARTS) {
    for (let at = text.indexOf(letters, from); at >= 0 && (first < 0 || at < first); at = text.indexOf(letters, at + 1)) {
      const next = text.charCodeAt(at + 2);
      if (next >= 0x30 && next <= 0x39) {
        first = at;
        break;
      }
    }
  }
  return first;
}

/** Whether `count` letters or digits (a-z, 0-9) stand in `text` from `at`. */
function isTokenRun(text: string, at: number, count: number): boolean {
  if (at + count > text.length) return false;
  for (let k = at; k < at + count; k++) {
    const code = text.charCodeAt(k);
    if (!((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39))) return false;
  }
  return true;
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

/**
 * How far before its anchor (see nextAnchor) a LINK match may start: "https" before "://", or four
 * labels of up to 31 units and the longest host name before its '.'.
 */
const ANCHOR_REACH = 4 * 31 + 'yangkeduo'.length;

/**
 * The first place at or after `from` where `://` or a '.' before com, cn or hk stands, -1 if none:
 * every LINK match holds one (a scheme, or the dot before the end of a shop's host). LINK is run
 * only from ANCHOR_REACH before each, not over the whole note: most notes have no link, and a note
 * with one is mostly text around it (a '.' of a price is enough to make the caller try).
 */
function nextAnchor(text: string, from: number): number {
  const scheme = text.indexOf('://', from);
  const limit = scheme < 0 ? text.length : scheme;
  for (let dot = text.indexOf('.', from); dot >= 0 && dot < limit; dot = text.indexOf('.', dot + 1)) {
    const next = text.charCodeAt(dot + 1);
    const after = text.charCodeAt(dot + 2);
    if (next === 0x63 /* c */ ? (after === 0x6f /* o */ && text.charCodeAt(dot + 3) === 0x6d) /* m */ || after === 0x6e /* n */ : next === 0x68 /* h */ && after === 0x6b /* k */) {
      return dot;
    }
  }
  return scheme;
}

export function findLinks(text: string): LinkMatch[] {
  const links: LinkMatch[] = [];
  LINK.lastIndex = 0;
  for (let anchor = nextAnchor(text, 0); anchor >= 0; ) {
    // No match starts between the last one and ANCHOR_REACH before the next anchor, so the global
    // search from there finds what a search over the whole text would.
    LINK.lastIndex = Math.max(LINK.lastIndex, anchor - ANCHOR_REACH);
    const match = LINK.exec(text);
    if (!match) break;
    const url = match[0].replace(/[.,;:!?'")\]}>]+$/, '');
    const start = match.index;
    const link = classify(url);
    if (link) links.push({ start, end: start + url.length, ...link });
    anchor = nextAnchor(text, LINK.lastIndex);
  }
  LINK.lastIndex = 0;
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
