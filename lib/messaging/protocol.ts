import { z } from 'zod/mini';
import { ListingSchema, NoteSchema, PLATFORMS, TabNoteStateSchema, type Listing, type Mention, type TabNoteState } from './schemas';

/**
 * The one message protocol of the extension: every request type, who may send it, the schema of its
 * payload and the type of its answer. The background rejects anything not listed here, anything
 * whose payload does not parse, and anything from a sender the entry does not allow.
 */

/** Who sends a message: a content script on one of our sites, or one of our extension pages. */
export type SenderKind = 'xiaohongshu' | 'taobao' | 'extension';

interface MessageDefinition<Req extends z.ZodMiniType, Res> {
  from: readonly SenderKind[];
  request: Req;
  /** Phantom: the answer's type, for the compiler only. */
  response?: Res;
}

function message<Res>() {
  return <Req extends z.ZodMiniType>(from: readonly SenderKind[], request: Req): MessageDefinition<Req, Res> => ({
    from,
    request,
  });
}

const ANY = ['xiaohongshu', 'taobao', 'extension'] as const;
const tabId = z.number().check(z.int(), z.gte(0));
const listingRef = { platform: z.enum(PLATFORMS), itemId: z.string().check(z.regex(/^\d{5,20}$/)) };

export const protocol = {
  /** Liveness and version check. */
  ping: message<{ version: string }>()(ANY, z.object({})),
  /** The Xiaohongshu content script reports a page that is not a note, or a layout it did not recognise. */
  'note:update': message<{ stored: true }>()(['xiaohongshu'], TabNoteStateSchema),
  /**
   * The Xiaohongshu content script hands over the note it read; the background detects the
   * mentions (the lexicon lives there, not in the page), remembers them for the tab and answers them.
   */
  'note:read': message<{ mentions: Mention[] }>()(['xiaohongshu'], z.object({ note: NoteSchema })),
  /** A UI page asks what a tab shows. */
  'note:get': message<TabNoteState | null>()(['extension'], z.object({ tabId })),
  /** Open a Taobao search in a new tab; the Taobao content script captures what it renders. */
  'taobao:search': message<{ tabId: number; url: string }>()(
    ['xiaohongshu', 'extension'],
    z.object({ query: z.string().check(z.minLength(1), z.maxLength(200)) }),
  ),
  /** Open the Zhongcao view for the sender's tab (the product card's "Landed cost"). */
  'ui:open-popup': message<{ opened: true }>()(
    ['xiaohongshu'],
    z.object({ focus: z.optional(z.string().check(z.maxLength(200))) }),
  ),
  /** The Taobao content script hands over the listings a page rendered. */
  'listings:capture': message<{ stored: number }>()(
    ['taobao'],
    z.object({
      pageUrl: z.string().check(z.maxLength(4000)),
      query: z.optional(z.string().check(z.maxLength(200))),
      listings: z.array(ListingSchema).check(z.maxLength(200)),
    }),
  ),
  /**
   * Watch or unwatch a listing (`watched` omitted: flip it). The item page's button sends the page's
   * own reading as `listing`, so watching works even before its capture has been stored.
   */
  'watch:toggle': message<{ watched: boolean }>()(
    ['taobao', 'extension'],
    z.object({ ...listingRef, watched: z.optional(z.boolean()), listing: z.optional(ListingSchema) }),
  ),
  /** Whether a listing is watched (the item page's button shows it). */
  'watch:status': message<{ watched: boolean }>()(['taobao', 'extension'], z.object(listingRef)),
} as const;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = z.infer<Protocol[K]['request']>;
export type ResponseOf<K extends MessageType> =
  Protocol[K] extends MessageDefinition<z.ZodMiniType, infer R> ? R : never;

/** What travels over `runtime.sendMessage`. The `zc` tag keeps other extensions' messages apart. */
export interface Envelope<K extends MessageType = MessageType> {
  zc: 1;
  type: K;
  payload: RequestOf<K>;
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export const EnvelopeSchema = z.object({
  zc: z.literal(1),
  type: z.string().check(z.maxLength(64)),
  payload: z.unknown(),
});

export function isMessageType(type: string): type is MessageType {
  return Object.prototype.hasOwnProperty.call(protocol, type);
}

export type { Listing, TabNoteState };
