import { z } from 'zod/mini';
import { FieldReportSchema } from './field-report';
import { CommentSchema, ListingSchema, NoteSchema, PLATFORMS, TabNoteStateSchema, type Listing, type Mention, type TabNoteState } from './schemas';
import { EndpointSettingsSchema, type Settings } from '../settings/schema';
import type { BasketEntry, StoredListing } from '../db';
import type { CheckStatus } from '../watch/check';
import type { BasketComparison } from '../landed/basket';
import type { QuoteResult } from '../landed/quote';
import type { RankedListing } from '../match/rank';
import type { TranslatedQuery } from '../shops/query';
import type { ProviderFailure } from '../translate/provider';
import type { BlockTranslation } from '../translate/pipeline';
import type { PageSettings } from '../translate/page-settings';
import type { TranslatorAvailability } from '../translate/on-device';
import { ShopPageReportSchema, type CaptureAnswer, type ShopPageReport } from './shop-report';

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

/** What `tab:probe` says about a tab. */
export interface TabProbe {
  /** `note`: a Xiaohongshu note's URL; `page`: another page of our sites; `other`: none of ours. */
  page: 'note' | 'page' | 'other';
  /** Our content script answered in the tab (false also when the page cannot be reached). */
  alive: boolean;
}

/** What the page gets with a note's mentions (`note:read`, `note:comments`). */
export interface NoteReadAnswer {
  mentions: Mention[];
  /**
   * The glossary's line for each translatable text of the note (title, caption, comments, replies;
   * pieces' cores joined as the translation pipeline asks for them), so the page need not ask
   * `translate:gloss` again. Absent, like the fields below, when translation is off or failed.
   */
  glosses?: Array<[text: string, line: string]>;
  /** franc's answer for each text written in Latin letters, saving a `translate:detect-latin`. */
  languages?: Array<[text: string, language: string]>;
  /** The first translation pass (cache, then glossary) of each text, keyed by the text. */
  translations?: Array<[text: string, result: BlockTranslation]>;
  /** The page's translation settings, so it need not read storage before showing anything. */
  settings?: PageSettings;
  /** What the on-device Translator said about language pairs lately (`zh>en`), as pages reported it. */
  onDevice?: Array<[pair: string, state: TranslatorAvailability]>;
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

const translationText = (max: number) => z.string().check(z.maxLength(max));
/** `zh`, `en`, `zh-Hant`, `auto`, `und`: a language tag, never free text. */
const languageCode = z.string().check(z.regex(/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/), z.maxLength(16));
const cacheKeyParts = z.object({
  text: translationText(5000),
  source: languageCode,
  target: languageCode,
  /** Only machine providers are cached; the glossary is computed on the spot. */
  provider: z.string().check(z.regex(/^(?:on-device|endpoint:(?:libretranslate|deepl|openai)|web:(?:google|microsoft))$/)),
});
/** The remote providers the background runs: the user's endpoint and the keyless web services. */
const remoteService = z.enum(['endpoint', 'google-web', 'microsoft-web']);
/**
 * A provider's translations, or the failure it met. Sent to pages, so the failure's message is
 * generic ("the service answered with an error"): hosts, ports and the server's own words go to
 * Options only (read there from the secrets store).
 */
export type EndpointReply = { translations: string[] } | { failure: ProviderFailure };
/** The popup's lines through the user's remote providers: per text its translation and who made it, or null; generic failures. */
export interface PopupTranslateReply {
  results: Array<{ translation: string; provider: string } | null>;
  failures: ProviderFailure[];
}
export type TestEndpointReply =
  | { provider: string; sample: string; translation: string; elapsedMs: number }
  | { failure: ProviderFailure };

/** A basket entry with the listing it names (absent when the listing was evicted from the cache). */
export interface BasketLine {
  entry: BasketEntry;
  listing?: StoredListing;
}
/** Units of the user's currency per 1 CNY, dated; null when the user's currency is CNY or has no rate. */
export type UserFx = { currency: string; perCny: number; asOf: string } | null;

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const shortText = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
/** `taobao:123456`, as `listingKey` writes it. */
const listingId = z.string().check(z.regex(/^(?:taobao|tmall|tmall-hk):\d{5,20}$/));
const quantity = z.number().check(z.int(), z.gte(1), z.lte(99));
const quoteItem = z.object({
  priceCny: z.number().check(z.gte(0), z.lte(1_000_000)),
  quantity: z.optional(quantity),
  weightKg: z.optional(z.number().check(z.gt(0), z.lte(1000))),
  category: z.optional(shortText(100)),
  /** The box of one unit in cm, as the user typed it in the popup. */
  dimsCm: z.optional(z.tuple([z.number().check(z.gt(0), z.lte(1000)), z.number().check(z.gt(0), z.lte(1000)), z.number().check(z.gt(0), z.lte(1000))])),
  /** China-side shipping to the warehouse, and how it was found (包邮, assumed, typed). */
  domesticShippingCny: z.optional(z.number().check(z.gte(0), z.lte(1_000_000))),
  domesticShippingNote: z.optional(shortText(200)),
});

export const protocol = {
  /** Liveness and version check. */
  ping: message<{ version: string }>()(ANY, z.object({})),
  /** The Xiaohongshu content script reports a page that is not a note, or a layout it did not recognise. */
  'note:update': message<{ stored: true }>()(['xiaohongshu'], TabNoteStateSchema),
  /**
   * The Xiaohongshu content script hands over the note it read; the background detects the
   * mentions (the lexicon lives there, not in the page), remembers them for the tab and answers them
   * with the translation helpers of NoteReadAnswer.
   */
  'note:read': message<NoteReadAnswer>()(['xiaohongshu'], z.object({ note: NoteSchema, fields: z.optional(FieldReportSchema), capped: z.optional(z.object({ comments: z.number().check(z.int(), z.gte(0)) })) })),
  /**
   * Comments that loaded after the note was read: only they travel. The background adds
   * them to its reading of the note (which must hold exactly `from` comments, else this fails and
   * the page sends `note:read`), detects the whole note again and answers all its mentions, with
   * the translation helpers for the new texts only.
   */
  'note:comments': message<NoteReadAnswer>()(
    ['xiaohongshu'],
    z.object({
      noteId: z.string().check(z.minLength(1), z.maxLength(64)),
      from: z.number().check(z.int(), z.gte(0), z.lte(2000)),
      comments: z.array(CommentSchema).check(z.minLength(1), z.maxLength(2000)),
      fields: z.optional(FieldReportSchema),
      capped: z.optional(z.object({ comments: z.number().check(z.int(), z.gte(0)) })),
    }),
  ),
  /** A UI page asks what a tab shows. */
  'note:get': message<TabNoteState | null>()(['extension'], z.object({ tabId })),
  /**
   * Whether a tab shows one of our sites' pages, which kind, and whether our content script is
   * there to read it (a tab opened before install or update has none until it reloads).
   */
  'tab:probe': message<TabProbe>()(['extension'], z.object({ tabId })),
  /** Reloads a tab whose page has no content script. */
  'tab:reload': message<{ reloaded: boolean }>()(['extension'], z.object({ tabId })),
  /** The page's skeleton for a bug report: tags, ids and classes only (lib/dom/skeleton.ts). */
  'tab:skeleton': message<{ skeleton: string }>()(['extension'], z.object({ tabId })),
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
  'listings:capture': message<CaptureAnswer>()(
    ['taobao'],
    z.object({
      pageUrl: z.string().check(z.maxLength(4000)),
      query: z.optional(z.string().check(z.maxLength(200))),
      // Each listing is checked on its own in the handler: one bad card is dropped and counted,
      // it does not fail the batch.
      listings: z.array(z.unknown()).check(z.maxLength(200)),
    }),
  ),
  /** What a Taobao/Tmall page's reader found and missed. */
  'shop:report': message<{ stored: true }>()(['taobao'], ShopPageReportSchema),
  /** A UI page asks what the reader of a Taobao/Tmall tab found. */
  'shop:report-get': message<ShopPageReport | null>()(['extension'], z.object({ tabId })),
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
  /** The seller page's "Check my watchlist now": start or stop a run, or ask how it goes. */
  'watch:check': message<CheckStatus>()(['extension'], z.object({ action: z.enum(['start', 'stop', 'status']) })),
  /** The optional daily check of the watchlist (an alarm while the browser is open). */
  'watch:daily': message<{ enabled: boolean }>()(['extension'], z.object({ enabled: z.boolean() })),

  // ── Popup and side panel ─────────────────────────────────────────────────────────────
  // The popup is a thin view: Dexie, the ranking, the landed-cost engine and the lexicon stay in the
  // background, which keeps the popup under its size budget. When the data behind these
  // answers changes, the background bumps `dataVersion` in storage.session (lib/data-version.ts).
  /** The cached listings captured under a product's query, ranked for it, with the words to highlight. */
  'popup:listings': message<Array<RankedListing<StoredListing>>>()(
    ['extension'],
    z.object({
      query: shortText(200),
      /** The note's words for the product; the query when absent. */
      text: z.optional(shortText(2000)),
      brand: z.optional(shortText(100)),
      category: z.optional(shortText(100)),
      priceCny: z.optional(z.number().check(z.gte(0))),
      itemId: z.optional(z.string().check(z.regex(/^\d{5,20}$/))),
      limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(50))),
    }),
  ),
  /** Landed cost of one parcel on every line the user has on, to the user's destination, in their currency. */
  'popup:quote': message<QuoteResult>()(
    ['extension'],
    z.object({
      items: z.array(quoteItem).check(z.minLength(1), z.maxLength(100)),
      /** As the user typed it: a currency without a rate is refused by the quote, naming it. */
      localPrice: z.optional(z.object({ amount: z.number().check(z.gt(0)), currency: z.string().check(z.regex(/^[A-Z]{3}$/)) })),
      /** The quote date (`YYYY-MM-DD`); today when absent. */
      date: z.optional(day),
    }),
  ),
  /** The exchange rate that shows CNY prices in the user's currency. */
  'popup:fx': message<UserFx>()(['extension'], z.object({})),
  /** The settings, parsed by the background: the popup and side panel do not load zod to read them. */
  'settings:get': message<Settings>()(['extension'], z.object({})),
  /** English shopping words to a Chinese query (`embroidered hoodie` → 刺绣卫衣) through the glossary. */
  'query:translate': message<TranslatedQuery>()(['extension'], z.object({ english: shortText(200) })),
  /** The basket, oldest first. The changes below answer the basket as it is afterwards. */
  'basket:get': message<BasketLine[]>()(['extension'], z.object({})),
  /** Adds a captured listing (again: keeps its quantity); the category lets the quote estimate its weight. */
  'basket:add': message<BasketLine[]>()(
    ['extension'],
    z.object({ listingId, category: z.optional(shortText(100)), quantity: z.optional(quantity) }),
  ),
  'basket:remove': message<BasketLine[]>()(['extension'], z.object({ listingId })),
  'basket:set-quantity': message<BasketLine[]>()(['extension'], z.object({ listingId, quantity })),
  /** The basket as one consolidated parcel and as separate parcels; null when no item has a price. */
  'basket:quote': message<BasketComparison | null>()(['extension'], z.object({ date: z.optional(day) })),

  // ── Translation ──────────────────────────────────────────────────────────────────────
  // The content script runs the pipeline and the on-device Translator (window contexts only) and asks
  // the background for the rest: franc, the user's endpoint (host permission, no CORS), the Dexie
  // cache and the glossary (big data, and the exchange rate lives in Dexie).
  /** A page tells what Chrome's on-device Translator said about a language pair (see on-device-states.ts). */
  'translate:on-device-state': message<{ stored: true }>()(
    ['xiaohongshu'],
    z.object({
      pair: z.string().check(z.maxLength(40), z.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/)),
      state: z.enum(['unavailable', 'downloadable', 'downloading', 'available']),
    }),
  ),
  /** franc's guess for Latin-script texts, one language code (or `und`) per text. */
  'translate:detect-latin': message<{ languages: string[] }>()(
    ['xiaohongshu', 'extension'],
    z.object({ texts: z.array(translationText(2000)).check(z.maxLength(500)) }),
  ),
  /**
   * Runs a remote provider the user turned on (the endpoint they configured, never a URL from the
   * page; or a keyless web service) on a batch of texts, within the user's character budgets.
   */
  'translate:endpoint': message<EndpointReply>()(
    ['xiaohongshu', 'extension'],
    z.object({
      texts: z.array(translationText(5000)).check(z.minLength(1), z.maxLength(100)),
      from: languageCode,
      to: languageCode,
      service: z.optional(remoteService),
    }),
  ),
  /**
   * The popup's untranslated lines (note title, listing titles, shop names) through the user's
   * remote providers in their order, in one request per popup, cached and within the budgets.
   * `tabId`: the tab the popup shows, whose note's budget it spends.
   */
  'translate:popup': message<PopupTranslateReply>()(
    ['extension'],
    z.object({
      texts: z.array(translationText(2000)).check(z.minLength(1), z.maxLength(200)),
      tabId: z.optional(tabId),
    }),
  ),
  /** The options page's Test button: a sample through the given (possibly unsaved) endpoint settings. */
  'translate:test-endpoint': message<TestEndpointReply>()(
    ['extension'],
    z.object({ endpoint: z.optional(EndpointSettingsSchema), to: z.optional(languageCode) }),
  ),
  /** Cached translations, `null` for each miss. */
  'translate:cache-lookup': message<{ translations: Array<string | null> }>()(
    ['xiaohongshu', 'extension'],
    z.object({ requests: z.array(cacheKeyParts).check(z.maxLength(1000)) }),
  ),
  'translate:cache-store': message<{ stored: number }>()(
    ['xiaohongshu', 'extension'],
    z.object({ entries: z.array(z.extend(cacheKeyParts, { translation: translationText(20_000) })).check(z.maxLength(500)) }),
  ),
  /**
   * The offline glossary's line for each text ('' when it knows no word there). It runs here, not in
   * the page: its data (categories, brands, slang) would take the content script over its size budget.
   */
  'translate:gloss': message<{ lines: string[] }>()(
    ['xiaohongshu', 'extension'],
    z.object({ texts: z.array(translationText(20_000)).check(z.maxLength(500)) }),
  ),
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
