import { browser } from 'wxt/browser';
import { getDb } from '../../lib/db/index';
import { loadFxRates } from '../../lib/landed/store';
import type { EndpointReply } from '../../lib/messaging/protocol';
import type { Handlers } from '../../lib/messaging/router';
import { loadSettings } from '../../lib/settings/store';
import type { Settings } from '../../lib/settings/schema';
import { createDexieTranslationCache, type TranslationCache } from '../../lib/translate/cache';
import { createEndpointProvider, providerId, type FetchLike } from '../../lib/translate/endpoints';
import { getTabState } from '../../lib/messaging/tab-state';
import { createRemoteTranslation, type RemoteDeps } from './remote';
import { detectLatinLanguage } from '../../lib/translate/franc-detector';
import { noteTexts } from '../../lib/mentions/note-fields';
import { findPrices as findNotePrices } from '../../lib/mentions/prices';
import { loadLexiconData } from '../../lib/mentions/lexicon-data';
import type { FxRate, PriceFinder } from '../../lib/translate/glossary';
import { cedictOf, type Cedict } from '../../lib/translate/cedict';
import { loadCedictAsset } from '../../lib/translate/cedict-asset';
import { READING_STRINGS } from '../../lib/translate/reading-strings';
import { createOfflineReader, type OfflineReader } from '../../lib/translate/reading';
import { asTranslationError, toProviderFailure, type LanguageCode, type TranslationProvider } from '../../lib/translate/provider';
import { DEFAULT_PIECE_CHARS, splitForTranslation, trimPiece } from '../../lib/translate/chunking';
import type { Note } from '../../lib/messaging/schemas';
import { detectByScript } from '../../lib/translate/language';
import { translateBlocks, type BlockTranslation } from '../../lib/translate/pipeline';
import { machineProviderIds, type PageSettings } from '../../lib/translate/page-settings';

/**
 * The background's part of translation: what a content script cannot do itself. franc
 * stays out of the content script's bundle; the endpoint is fetched here, where the host permission
 * granted in the options page lifts CORS; the cache is Dexie, which lives in the extension's origin.
 */

/** What the options page's Test button translates: short, with slang and a price, like a real note. */
export const TEST_SAMPLE = '这件卫衣真的绝绝子，一百多块闭眼入！';

export interface TranslateHandlerDeps {
  fetch?: FetchLike;
  hasPermission?: (originPattern: string) => Promise<boolean>;
  settings?: () => Promise<Settings>;
  cache?: TranslationCache;
  /** Units of the user's currency per 1 CNY, for "about $14" after a price. */
  fxRate?: () => Promise<FxRate | undefined>;
  findPrices?: PriceFinder;
  /** CC-CEDICT for the offline reading; by default the packaged file, fetched on first use. */
  loadDictionary?: () => Promise<Cedict>;
  now?: () => number;
  /** The remote providers' budgets, retries and stand-in URLs (tests). */
  remote?: Partial<Omit<RemoteDeps, 'fetch' | 'hasPermission' | 'settings' | 'cache' | 'now'>>;
}

type TranslateHandlers = Pick<
  Required<Handlers>,
  | 'translate:detect-latin'
  | 'translate:endpoint'
  | 'translate:popup'
  | 'translate:test-endpoint'
  | 'translate:cache-lookup'
  | 'translate:cache-store'
  | 'translate:gloss'
>;

export function createTranslateHandlers({
  fetch = (url, init) => globalThis.fetch(url, init),
  hasPermission = (origin) => browser.permissions.contains({ origins: [origin] }),
  settings = loadSettings,
  cache,
  fxRate = () => userFxRate(settings),
  findPrices = findNotePrices,
  loadDictionary = loadCedictAsset,
  now = Date.now,
  remote: remoteDeps = {},
}: TranslateHandlerDeps = {}): TranslateHandlers {
  // Opened on first use: most messages to the service worker never touch the cache.
  let translationCache = cache;
  const theCache = () => (translationCache ??= createDexieTranslationCache(getDb().translations));
  // Loaded once per service worker, when a reading is first asked for. Should the file fail to
  // load, the reading goes on with the glossary's words alone and the next note tries again.
  let dictionary: Promise<Cedict> | undefined;
  const theDictionary = () => {
    dictionary ??= loadDictionary().catch((error: unknown) => {
      console.warn('[zhongcao] the offline dictionary did not load; reading with the glossary only', error);
      dictionary = undefined;
      return cedictOf({});
    });
    return dictionary;
  };
  // Built once per rate and dictionary: the term table takes a few milliseconds to build.
  let reader: { key: string; dictionary: Cedict; reader: OfflineReader } | undefined;
  const theReader = async () => {
    const [fx, loaded, { uiLanguage }] = await Promise.all([fxRate().catch(() => undefined), theDictionary(), settings(), loadLexiconData()]);
    const key = `${fx ? `${fx.currency}:${fx.perCny}` : ''}|${uiLanguage}`;
    if (reader?.key !== key || reader.dictionary !== loaded) {
      reader = { key, dictionary: loaded, reader: createOfflineReader({ dictionary: loaded, findPrices, fx, names: READING_STRINGS[uiLanguage] ?? READING_STRINGS.en }) };
    }
    return reader.reader;
  };

  const remote = createRemoteTranslation({
    fetch,
    hasPermission,
    settings,
    cache: () => theCache(),
    now,
    noteOf: async (tabId) => {
      const state = await getTabState(tabId);
      return state?.status === 'note' ? state.note.id : undefined;
    },
    ...remoteDeps,
  });

  /** Options' Test: the full error, for the user who set the endpoint up. */
  async function runEndpoint(endpoint: Settings['endpoint'], texts: string[], from: LanguageCode, to: LanguageCode): Promise<EndpointReply> {
    const provider = createEndpointProvider(endpoint, { fetch, hasPermission, timeoutMs: 9000 });
    try {
      return { translations: await provider.translate(texts, from, to, new AbortController().signal) };
    } catch (error) {
      return { failure: toProviderFailure(asTranslationError(error, providerId(endpoint), `${providerId(endpoint)} failed to translate.`)) };
    }
  }

  return {
    'translate:detect-latin': async ({ texts }) => ({ languages: await Promise.all(texts.map(detectLatinLanguage)) }),
    'translate:endpoint': ({ texts, from, to, service = 'endpoint' }, { tabId, sender, kind }) =>
      remote.translate(service, texts, from, to, { tabId, pageUrl: kind === 'xiaohongshu' ? sender.url : undefined }),
    'translate:popup': ({ texts, tabId }) => remote.translateForPopup(texts, tabId === undefined ? {} : { tabId }),
    'translate:test-endpoint': async ({ endpoint, to }) => {
      const saved = await settings();
      const chosen = endpoint ?? saved.endpoint;
      const started = now();
      const reply = await runEndpoint(chosen, [TEST_SAMPLE], 'zh', to ?? saved.translationTarget);
      if ('failure' in reply) return reply;
      return { provider: providerId(chosen), sample: TEST_SAMPLE, translation: reply.translations[0] ?? '', elapsedMs: now() - started };
    },
    'translate:cache-lookup': async ({ requests }) => ({
      translations: (await theCache().lookup(requests)).map((translation) => translation ?? null),
    }),
    'translate:cache-store': async ({ entries }) => {
      await theCache().store(entries);
      return { stored: entries.length };
    },
    'translate:gloss': async ({ texts }) => {
      const offline = await theReader();
      return { lines: texts.map((text) => (text ? offline.line(text) : '')) };
    },
  };
}

/** The user's currency against the yuan, from the stored (or bundled) rates; dollars when not covered. */
async function userFxRate(settings: () => Promise<Settings>): Promise<FxRate> {
  const [{ currency }, fx] = await Promise.all([settings(), loadFxRates()]);
  const shown = fx.rates[currency] !== undefined ? currency : 'USD';
  return { currency: shown, perCny: fx.rates[shown] ?? 1 };
}

/**
 * What the page's translation pipeline will ask the glossary about for this note: per title,
 * caption, comment and reply, its pieces' trimmed cores joined by line breaks (see
 * `translateBlocks`). Answered with `note:read`, these save the page a `translate:gloss` round trip.
 */
export function noteGlossInputs(note: Note): string[] {
  const inputs = new Set<string>();
  for (const text of noteTexts(note)) {
    if (!text?.trim()) continue;
    const input = splitForTranslation(text, DEFAULT_PIECE_CHARS)
      .map((piece) => trimPiece(piece).core)
      .filter(Boolean)
      .join('\n');
    if (input) inputs.add(input);
  }
  return [...inputs].slice(0, MAX_NOTE_GLOSSES);
}
/** `translate:gloss` takes at most 500 texts; longer notes ask the rest themselves. */
const MAX_NOTE_GLOSSES = 500;

/**
 * franc's answer for each Latin-script text of the note, as `translate:detect-latin` would give
 * it to the page (which sends at most 2,000 characters of each), keyed by the whole text.
 */
export async function noteLatinLanguages(note: Note): Promise<Array<[string, LanguageCode]>> {
  const texts = [...new Set(noteTexts(note))].filter((text) => text && detectByScript(text).kind === 'latin').slice(0, MAX_NOTE_GLOSSES);
  return Promise.all(texts.map(async (text): Promise<[string, LanguageCode]> => [text, await detectLatinLanguage(text.slice(0, 2000))]));
}

/**
 * The page's first translation pass for a note, done here and sent with its mentions: each
 * text's language, its cached machine translation (for the user's providers, in their order) and the
 * glossary's line — what the page would otherwise get in three round trips after the note opened.
 * The page then only calls a machine provider for what the cache did not have.
 */
export async function prefillNoteTranslations(
  note: Note,
  settings: PageSettings,
  { gloss, cache, languages }: { gloss: TranslationProvider; cache: TranslationCache; languages: ReadonlyMap<string, LanguageCode> },
): Promise<Array<[string, BlockTranslation]>> {
  const texts = [...new Set(noteTexts(note))].filter((text) => text.trim()).slice(0, MAX_NOTE_GLOSSES);
  // Only their ids are used: `cacheOnly` reads the cache for them and never calls them.
  const providers = machineProviderIds(settings).map((id): TranslationProvider => ({ id, translate: () => Promise.reject(new Error(`${id} is not called here`)) }));
  const results = await translateBlocks(
    texts.map((text) => ({ id: text, text })),
    {
      target: settings.translationTarget,
      providers,
      glossary: gloss,
      cache,
      cacheOnly: true,
      detectLatin: (text) => Promise.resolve(languages.get(text) ?? detectLatinLanguage(text.slice(0, 2000))),
    },
  );
  return results.map((result) => [result.id, result]);
}
