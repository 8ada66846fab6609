import type { Mention, Note } from '../messaging/schemas';
import { itemUrl, type ItemPlatform } from '../buy/agents';

/**
 * Where the note says to buy: the share codes (淘口令), item and short links and shop names found in
 * its title, caption, tags and comments, each with the text it came from, so a reader who reads no
 * Chinese sees where the hint is and what it says around it.
 */

export type WhereToBuyKind = 'shareCode' | 'itemLink' | 'shortLink' | 'shop' | 'hint';

export interface WhereSource {
  where: 'title' | 'caption' | 'tags' | 'comment';
  /** The comment's author, for comments and replies. */
  author?: string;
  /** The whole text the hint stands in (the comment, the caption…). */
  text: string;
}

export interface WhereToBuy {
  kind: WhereToBuyKind;
  /** As written in the note (the code with its signs, the link, the shop name). */
  text: string;
  /** For item links: the item's page, which the Taobao script captures when it opens. */
  url?: string;
  itemId?: string;
  platform?: ItemPlatform;
  /** For share codes: the product title the share text carries in 【】. */
  title?: string;
  field: string;
  source: WhereSource;
}

/** Hosts of short links that open a Taobao or Tmall item (they need the network to resolve). */
const SHORT_LINK_HOST = /^(?:m|e|c)\.tb\.cn$|^s\.click\.taobao\.com$|^uland\.taobao\.com$/;
/** A shop's name as notes write it: `优衣库官方旗舰店`, `XX小店`. */
const SHOP_NAME = /[\p{Script=Han}A-Za-z0-9&·]{2,20}(?:官方旗舰店|旗舰店|专卖店|专营店|官方店|小店)/gu;
const ITEM_PLATFORMS = new Set<string>(['taobao', 'tmall', 'tmall-hk']);

/** The text of a field (`title`, `desc`, `tags.2`, `comments.3`, `comments.3.replies.1`) and where it is. */
export function fieldSource(note: Note, field: string): WhereSource | undefined {
  if (field === 'title') return { where: 'title', text: note.title };
  if (field === 'desc') return { where: 'caption', text: note.desc };
  const tag = /^tags\.(\d+)$/.exec(field);
  if (tag) {
    const text = note.tags[Number(tag[1])];
    return text === undefined ? undefined : { where: 'tags', text };
  }
  const comment = /^comments\.(\d+)(?:\.replies\.(\d+))?$/.exec(field);
  if (!comment) return undefined;
  const parent = note.comments[Number(comment[1])];
  const entry = comment[2] === undefined ? parent : parent?.replies[Number(comment[2])];
  return entry ? { where: 'comment', author: entry.author, text: entry.text } : undefined;
}

function fields(note: Note): string[] {
  return [
    'title',
    'desc',
    ...note.tags.map((_, index) => `tags.${index}`),
    ...note.comments.flatMap((comment, index) => [`comments.${index}`, ...comment.replies.map((_, reply) => `comments.${index}.replies.${reply}`)]),
  ];
}

function safeUrl(text: string): URL | undefined {
  try {
    const url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function whereToBuy(note: Note, mentions: readonly Mention[]): WhereToBuy[] {
  const found: WhereToBuy[] = [];
  const seen = new Set<string>();
  const add = (entry: WhereToBuy) => {
    const key = `${entry.kind}|${entry.itemId ?? entry.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(entry);
  };
  for (const mention of mentions) {
    const source = fieldSource(note, mention.field);
    if (!source) continue;
    if (mention.kind === 'shareCode') {
      const title = /【([^【】]{2,80})】/.exec(source.text)?.[1];
      add({ kind: 'shareCode', text: mention.text, field: mention.field, source, ...(title ? { title } : {}) });
    } else if (mention.kind === 'link') {
      if (mention.itemId && mention.platform && ITEM_PLATFORMS.has(mention.platform) && /^\d{5,20}$/.test(mention.itemId)) {
        const platform = mention.platform as ItemPlatform;
        add({ kind: 'itemLink', text: mention.text, url: itemUrl(platform, mention.itemId), itemId: mention.itemId, platform, field: mention.field, source });
      } else {
        const url = safeUrl(mention.text);
        // Only short links of Taobao itself: a page can write any address in a comment.
        if (url && SHORT_LINK_HOST.test(url.hostname)) add({ kind: 'shortLink', text: mention.text, url: `https://${url.host}${url.pathname}${url.search}`, field: mention.field, source });
      }
    } else if (mention.kind === 'whereToBuy' || mention.kind === 'platform') {
      add({ kind: 'hint', text: mention.text, field: mention.field, source });
    }
  }
  for (const field of fields(note)) {
    const source = fieldSource(note, field);
    if (!source) continue;
    for (const match of source.text.matchAll(SHOP_NAME)) add({ kind: 'shop', text: match[0], field, source });
  }
  // Codes and links first: they lead to the item; shop names and hints only narrow the search.
  const order: Record<WhereToBuyKind, number> = { itemLink: 0, shareCode: 1, shortLink: 2, shop: 3, hint: 4 };
  return found.sort((a, b) => order[a.kind] - order[b.kind]);
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The first entries, their texts cut to what the popup shows: what the tab's state keeps. */
export function whereToBuyDigest(note: Note, mentions: readonly Mention[], limit: number): WhereToBuy[] {
  return whereToBuy(note, mentions)
    .filter((entry) => !entry.url || entry.url.length <= 4000)
    .slice(0, limit)
    .map((entry) => ({
      ...entry,
      text: cut(entry.text, 500),
      ...(entry.title ? { title: cut(entry.title, 200) } : {}),
      source: { ...entry.source, text: cut(entry.source.text, 600), ...(entry.source.author !== undefined ? { author: cut(entry.source.author, 200) } : {}) },
    }));
}
