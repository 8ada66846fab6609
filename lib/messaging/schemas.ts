import { z } from 'zod/mini';
import { FieldReportSchema } from './field-report';

/**
 * Domain shapes that cross a message boundary. A content script fills them from page text, which
 * the page controls, so the background validates them with these schemas before using them.
 * Limits on sizes stop a hostile page from flooding the background.
 */

const text = (max: number) => z.string().check(z.maxLength(max));
const count = z.number().check(z.int(), z.gte(0));

export const MENTION_KINDS = [
  'product',
  'brand',
  'attribute',
  'price',
  'platform',
  'whereToBuy',
  'shareCode',
  'link',
] as const;
export type MentionKind = (typeof MENTION_KINDS)[number];

export const MentionSchema = z.object({
  /** `title`, `desc`, `tags.N` or `comments.N` (replies: `comments.N.replies.M`). */
  field: text(64),
  /** UTF-16 offsets into the field as given: `field.slice(start, end) === text`. */
  start: count,
  end: count,
  text: text(2000),
  kind: z.enum(MENTION_KINDS),
  category: z.optional(text(100)),
  en: z.optional(text(200)),
  brand: z.optional(text(100)),
  query: z.optional(text(200)),
  /** Price quoted in the note, converted to CNY when the text named a currency we know. */
  priceCny: z.optional(z.number().check(z.gte(0))),
  /** Item id found in a shop link. */
  itemId: z.optional(text(40)),
  platform: z.optional(text(40)),
  confidence: z.number().check(z.gte(0), z.lte(1)),
});
export type Mention = z.infer<typeof MentionSchema>;

export const CommentSchema = z.object({
  id: text(100),
  author: text(200),
  text: text(20_000),
  replies: z.array(z.object({ id: text(100), author: text(200), text: text(20_000) })).check(z.maxLength(500)),
});
export type NoteComment = z.infer<typeof CommentSchema>;

export const NoteSchema = z.object({
  id: text(64),
  url: text(4000),
  title: text(2000),
  desc: text(50_000),
  tags: z.array(text(200)).check(z.maxLength(200)),
  author: text(200),
  images: z.array(text(4000)).check(z.maxLength(100)),
  comments: z.array(CommentSchema).check(z.maxLength(2000)),
  /** Whether the note is shown as a full page or in the modal over the feed. */
  layout: z.enum(['page', 'modal']),
  /** Where the text came from: the rendered DOM or the page's own `__INITIAL_STATE__`. */
  source: z.enum(['dom', 'initial-state']),
});
export type Note = z.infer<typeof NoteSchema>;

/**
 * What the popup keeps of a note: enough to name it and count it, never its text. The whole note
 * stays in the page and, for a while, in the background's memory: a note of 10 MB once filled
 * `storage.session` and broke note reading in every other tab.
 */
export const NoteDigestSchema = z.object({
  id: text(64),
  url: text(4000),
  title: text(200),
  layout: z.enum(['page', 'modal']),
  source: z.enum(['dom', 'initial-state']),
  comments: count,
  replies: count,
  images: count,
  chars: count,
});
export type NoteDigest = z.infer<typeof NoteDigestSchema>;

/**
 * Where the note says to buy (share codes, item links, shop names), each with the text it stands
 * in, cut short: the popup shows these and never needs the rest of the note's text.
 */
export const WhereToBuyEntrySchema = z.object({
  kind: z.enum(['shareCode', 'itemLink', 'shortLink', 'shop', 'hint']),
  text: text(500),
  url: z.optional(text(4000)),
  itemId: z.optional(text(40)),
  platform: z.optional(z.enum(['taobao', 'tmall', 'tmall-hk'])),
  title: z.optional(text(200)),
  field: text(64),
  source: z.object({
    where: z.enum(['title', 'caption', 'tags', 'comment']),
    author: z.optional(text(200)),
    text: text(600),
  }),
});
export const MAX_WHERE_TO_BUY = 40;

/** The digest of a note. */
export function digestOf(note: Note): NoteDigest {
  let chars = note.title.length + note.desc.length;
  let replies = 0;
  for (const comment of note.comments) {
    chars += comment.text.length;
    replies += comment.replies.length;
    for (const reply of comment.replies) chars += reply.text.length;
  }
  return {
    id: note.id,
    url: note.url,
    title: note.title.slice(0, 200),
    layout: note.layout,
    source: note.source,
    comments: note.comments.length,
    replies,
    images: note.images.length,
    chars,
  };
}

/**
 * What the popup shows for a tab: a note being read, a recognised note, a page that is not a note,
 * or an unknown layout. `fields` says what the reader found and missed; `capped`, that the note was
 * larger than the reader reads (the first N comments).
 */
export const TabNoteStateSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('note'),
    note: NoteDigestSchema,
    mentions: z.array(MentionSchema).check(z.maxLength(5000)),
    whereToBuy: z.optional(z.array(WhereToBuyEntrySchema).check(z.maxLength(MAX_WHERE_TO_BUY))),
    fields: z.optional(FieldReportSchema),
    capped: z.optional(z.object({ comments: count })),
    updatedAt: z.number(),
  }),
  z.object({ status: z.literal('reading'), url: text(4000), updatedAt: z.number() }),
  z.object({ status: z.literal('not-note'), url: text(4000), updatedAt: z.number() }),
  z.object({
    status: z.literal('unrecognised'),
    url: text(4000),
    reason: text(500),
    fields: z.optional(FieldReportSchema),
    updatedAt: z.number(),
  }),
]);
export type TabNoteState = z.infer<typeof TabNoteStateSchema>;

export const PLATFORMS = ['taobao', 'tmall', 'tmall-hk'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** What an item page said about stock; absent when it said nothing (lib/shops/stock.ts). */
export const AVAILABILITIES = ['in-stock', 'sold-out', 'delisted'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** One listing as read from a Taobao/Tmall search card or item page; any field but the id may be missing. */
export const ListingSchema = z.object({
  platform: z.enum(PLATFORMS),
  itemId: z.string().check(z.regex(/^\d{5,20}$/)),
  title: text(1000),
  priceCny: z.optional(z.number().check(z.gte(0))),
  priceText: z.optional(text(200)),
  /** Highest price of the variants when the page shows a range. */
  priceMaxCny: z.optional(z.number().check(z.gte(0))),
  sales: z.optional(count),
  salesText: z.optional(text(100)),
  shop: z.optional(text(200)),
  location: z.optional(text(100)),
  imageUrl: z.optional(text(4000)),
  url: text(4000),
  query: z.optional(text(200)),
  seenAt: z.number(),
  availability: z.optional(z.enum(AVAILABILITIES)),
});
export type Listing = z.infer<typeof ListingSchema>;
