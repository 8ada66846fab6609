import type { EndpointReply, PopupTranslateReply } from '../../lib/messaging/protocol';
import type { Settings } from '../../lib/settings/schema';
import { recordProviderError } from '../../lib/settings/secrets';
import type { TranslationCache } from '../../lib/translate/cache';
import { createEndpointProvider, type FetchLike } from '../../lib/translate/endpoints';
import { providerId, WEB_PROVIDER_IDS, type WebProviderKind } from '../../lib/translate/page-settings';
import { asTranslationError, TranslationError, withDeadline, type LanguageCode, type ProviderFailure, type TranslationErrorCode, type TranslationProvider } from '../../lib/translate/provider';
import { untranslatedReason } from '../../lib/translate/pipeline';
import { localDay, STORED_USAGE, type DailyUsage, type UsageStore } from '../../lib/translate/usage';
import { routeOf } from '../../lib/xhs/route';
import { createWebProvider, GOOGLE_PARALLEL, type WebEndpoints } from '../../lib/translate/web';

/**
 * The remote providers — the user's endpoint and the keyless web services — run here, in the
 * background, and only here: pages never see the endpoint's URL or key, nor what a server said.
 * A page asks for texts to be translated; this decides whether anything is sent at all (the user
 * turned the provider on; the note's and the day's character budgets allow it), reads the cache
 * first so a revisit sends nothing, retries what is worth retrying, stores what came back, and
 * answers failures with a generic line (the detail goes to Options).
 */

export type RemoteService = 'endpoint' | WebProviderKind;

export interface RemoteDeps {
  fetch: FetchLike;
  hasPermission: (originPattern: string) => Promise<boolean>;
  settings: () => Promise<Settings>;
  cache: () => TranslationCache;
  /** The note open in a tab, when the background knows it (its tab state). */
  noteOf?: (tabId: number) => Promise<string | undefined>;
  usage?: UsageStore;
  recordError?: typeof recordProviderError;
  webEndpoints?: WebEndpoints;
  /** Waits before each retry; the last entry repeats. */
  retryDelaysMs?: readonly number[];
  /** Per attempt, whatever the service (tests); by default see `attemptTimeout`. */
  attemptTimeoutMs?: number;
  /** All attempts at one batch together, the waits between them included. */
  totalTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Two retries, then the failure is shown and the next provider tried. */
const RETRY_DELAYS_MS = [800, 2500] as const;
/**
 * How long one attempt may take. A chat model on the user's laptop can need a while for a batch;
 * the translation services answer in a second or two when they answer at all.
 */
const ATTEMPT_TIMEOUT_MS = { chat: 20_000, service: 10_000 } as const;
/** The reader never waits longer than this for one batch, retries included; then the next provider is tried. */
const TOTAL_TIMEOUT_MS = 30_000;
/** A retry that would get less time than this is not worth starting. */
const MIN_ATTEMPT_MS = 3000;
/** A server's Retry-After is honoured up to this; longer, and the next provider is the better bet. */
const MAX_RETRY_AFTER_MS = 8000;
/** Notes remembered for their budgets; the oldest is forgotten first. */
const MAX_NOTES = 200;

export function remoteProviderId(service: RemoteService, settings: Settings): string {
  return service === 'endpoint' ? providerId(settings.endpoint) : WEB_PROVIDER_IDS[service];
}

/** What a page may be told about a failure: what kind of thing went wrong, not where or in whose words. */
export function genericMessage(code: TranslationErrorCode, status?: number): string {
  switch (code) {
    case 'unavailable':
      return 'is not set up';
    case 'needs-user-action':
      return 'needs your attention in the options page';
    case 'timeout':
      return 'did not answer in time, even when asked again';
    case 'network':
      return 'could not be reached';
    case 'http':
      return status === 429 ? 'is refusing more requests for now' : 'answered with an error';
    case 'bad-response':
      return 'answered with something that is not a translation';
    case 'over-budget':
      return 'reached your translation character budget';
    case 'aborted':
      return 'was cancelled';
  }
}

/**
 * How long one attempt at `count` texts may take. Google's web endpoint takes one text per request,
 * a few at a time: a batch is several rounds, and a slow one is not a lost one.
 */
function attemptTimeout(service: RemoteService, chosen: Settings, count: number): number {
  if (service === 'google-web') return ATTEMPT_TIMEOUT_MS.service * Math.ceil(count / GOOGLE_PARALLEL);
  return service === 'endpoint' && chosen.endpoint.kind === 'openai' ? ATTEMPT_TIMEOUT_MS.chat : ATTEMPT_TIMEOUT_MS.service;
}

const statusOf = (error: TranslationError) => (error.cause as { status?: number } | undefined)?.status;

/**
 * Worth asking again after a pause: a refused connection, a rate limit, a server error, a request
 * lost on the way (a timeout: the attempts share one total deadline, so the reader's wait stays
 * bounded). Not a bad reply: the same question gets the same answer.
 */
function retryable(error: TranslationError): boolean {
  if (error.code === 'network' || error.code === 'timeout') return true;
  const status = statusOf(error);
  return error.code === 'http' && status !== undefined && (status === 429 || status >= 500);
}

function retryAfterMs(error: TranslationError): number | undefined {
  const header = (error.cause as { retryAfter?: string | null } | undefined)?.retryAfter;
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function createRemoteTranslation({
  fetch,
  hasPermission,
  settings,
  cache,
  noteOf = () => Promise.resolve(undefined),
  usage = STORED_USAGE,
  recordError = recordProviderError,
  webEndpoints,
  retryDelaysMs = RETRY_DELAYS_MS,
  attemptTimeoutMs,
  totalTimeoutMs = TOTAL_TIMEOUT_MS,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now = Date.now,
}: RemoteDeps) {
  const noteChars = new Map<string, number>();
  // Web providers keep state (Microsoft's token): one each for the worker's life.
  const webProviders = new Map<WebProviderKind, TranslationProvider>();
  // Errors recorded since start, so a success clears only what is there.
  const erred = new Set<string>();
  let day: DailyUsage | undefined;

  async function today(): Promise<DailyUsage> {
    const current = localDay(now());
    if (day?.day !== current) {
      const stored = await usage.get().catch(() => null);
      day = stored?.day === current ? { ...stored } : { day: current, chars: 0, requests: 0 };
    }
    return day;
  }

  function providerFor(service: RemoteService, chosen: Settings): TranslationProvider {
    if (service === 'endpoint') return createEndpointProvider(chosen.endpoint, { fetch, hasPermission });
    let provider = webProviders.get(service);
    if (!provider) {
      provider = createWebProvider(service, { fetch, hasPermission, ...(webEndpoints ? { endpoints: webEndpoints } : {}) });
      webProviders.set(service, provider);
    }
    return provider;
  }

  /** Charges `chars` to the note and the day, or refuses when either budget would be passed. */
  async function charge(noteKey: string, chars: number, chosen: Settings, id: string): Promise<void> {
    const { perNote, perDay } = chosen.translationBudget;
    const spent = await today();
    const noteSpent = noteChars.get(noteKey) ?? 0;
    if (noteSpent + chars > perNote) {
      throw new TranslationError('over-budget', id, `This note would pass your budget of ${perNote.toLocaleString('en')} characters per note.`);
    }
    if (spent.chars + chars > perDay) {
      throw new TranslationError('over-budget', id, `Today's translations would pass your budget of ${perDay.toLocaleString('en')} characters per day.`);
    }
    noteChars.delete(noteKey);
    noteChars.set(noteKey, noteSpent + chars);
    if (noteChars.size > MAX_NOTES) noteChars.delete(noteChars.keys().next().value!);
    spent.chars += chars;
    spent.requests += 1;
    await usage.set({ ...spent }).catch(() => undefined);
  }

  async function send(provider: TranslationProvider, texts: string[], from: LanguageCode, to: LanguageCode, noteKey: string, chosen: Settings, service: RemoteService) {
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    const perAttempt = attemptTimeoutMs ?? attemptTimeout(service, chosen, texts.length);
    const started = now();
    const left = () => totalTimeoutMs - (now() - started);
    for (let attempt = 0; ; attempt++) {
      await charge(noteKey, chars, chosen, provider.id);
      try {
        // Our own deadline, whatever the provider's: a hung request ends here and may be retried.
        return await withDeadline((signal) => provider.translate(texts, from, to, signal), {
          provider: provider.id,
          timeoutMs: Math.max(1, Math.min(perAttempt, left())),
          what: `Translation by ${provider.id}`,
        });
      } catch (thrown) {
        const error = asTranslationError(thrown, provider.id, `${provider.id} failed to translate.`);
        if (!retryable(error) || attempt >= retryDelaysMs.length) throw error;
        const wait = retryAfterMs(error) ?? retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)]!;
        if (wait > MAX_RETRY_AFTER_MS || left() - wait < Math.min(MIN_ATTEMPT_MS, perAttempt)) throw error;
        await sleep(wait);
      }
    }
  }

  /** Translates `texts` with `service`, or says (generically) why not. */
  async function translate(
    service: RemoteService,
    texts: string[],
    from: LanguageCode,
    to: LanguageCode,
    { tabId, pageUrl, budgetKey }: { tabId?: number; pageUrl?: string; budgetKey?: string } = {},
  ): Promise<EndpointReply> {
    const chosen = await settings();
    const id = remoteProviderId(service, chosen);
    const fail = (code: TranslationErrorCode, status?: number): EndpointReply => ({ failure: { provider: id, code, message: genericMessage(code, status) } });
    // Nothing leaves the machine for a provider the user has not turned on.
    if (!chosen.translationEnabled || !chosen.translationProviders.includes(service)) return fail('unavailable');
    if (service === 'endpoint' && !chosen.endpointConfigured) return fail('unavailable');

    const found = await cache()
      .lookup(texts.map((text) => ({ text, source: from, target: to, provider: id })))
      .catch(() => texts.map(() => undefined));
    const missing = [...new Set(texts.filter((_, index) => found[index] === undefined))];
    if (missing.length === 0) return { translations: found as string[] };

    // Keyed by the note, not the tab: opening the same note again does not buy it a new budget. The
    // note is the one the browser says the page is at (the sender's URL), else the tab's last read.
    // The popup names its own key (see `translateForPopup`).
    let noteKey = budgetKey;
    if (!noteKey) {
      const route = pageUrl ? routeOf(pageUrl) : undefined;
      const noteId = route?.kind === 'note' ? route.noteId : tabId === undefined ? undefined : await noteOf(tabId).catch(() => undefined);
      noteKey = noteId ? `note:${noteId}` : tabId === undefined ? 'extension' : `tab:${tabId}`;
    }
    let translated: string[];
    try {
      translated = await send(providerFor(service, chosen), missing, from, to, noteKey, chosen, service);
      if (translated.length !== missing.length) throw new TranslationError('bad-response', id, `${id} returned ${translated.length} translations for ${missing.length} texts.`);
    } catch (thrown) {
      const error = asTranslationError(thrown, id, `${id} failed to translate.`);
      erred.add(id);
      await recordError(id, { code: error.code, message: error.message, at: now() }).catch(() => undefined);
      return fail(error.code, statusOf(error));
    }
    if (erred.delete(id)) await recordError(id, undefined).catch(() => undefined);
    const byText = new Map(missing.map((text, index) => [text, translated[index]!]));
    // Stored here, not left to the page: a revisit finds them whatever the page did. Replies that
    // are no translation (empty, or the original back) are left for the pipeline to reject.
    const keep = missing
      .map((text) => ({ text, source: from, target: to, provider: id, translation: byText.get(text)!.trim() }))
      .filter((entry) => !untranslatedReason(entry.text, entry.translation, from, to));
    await cache()
      .store(keep)
      .catch(() => undefined);
    return { translations: texts.map((text, index) => found[index] ?? byText.get(text)!) };
  }

  /**
   * The popup's Chinese lines (note title, listing titles, shop names) through the user's remote
   * providers in their order, each text going to the next provider only when the one before failed
   * it. The popup of a note spends that note's budget (it is the note's text, or products from it);
   * any other tab's popup spends one budget of its own, `popup`, within the day's like everything.
   * On-device translation runs in pages only (no Translator in a service worker): its cached lines
   * are what the popup reads for it.
   */
  async function translateForPopup(texts: string[], { tabId }: { tabId?: number } = {}): Promise<PopupTranslateReply> {
    const chosen = await settings();
    const results: PopupTranslateReply['results'] = texts.map(() => null);
    const failures: ProviderFailure[] = [];
    if (!chosen.translationEnabled || texts.length === 0) return { results, failures };
    const services = chosen.translationProviders.filter(
      (kind): kind is RemoteService => (kind === 'endpoint' && chosen.endpointConfigured) || kind === 'google-web' || kind === 'microsoft-web',
    );
    if (services.length === 0) return { results, failures };
    const noteId = tabId === undefined ? undefined : await noteOf(tabId).catch(() => undefined);
    const budgetKey = noteId ? `note:${noteId}` : 'popup';
    const to = chosen.translationTarget;
    for (const service of services) {
      const pending = texts.flatMap((text, index) => (results[index] ? [] : [index]));
      if (pending.length === 0) break;
      for (let start = 0; start < pending.length; start += MAX_REMOTE_TEXTS) {
        const slice = pending.slice(start, start + MAX_REMOTE_TEXTS);
        const reply = await translate(service, slice.map((index) => texts[index]!), 'zh', to, { budgetKey });
        if ('failure' in reply) {
          failures.push(reply.failure);
          break;
        }
        const provider = remoteProviderId(service, chosen);
        slice.forEach((index, position) => {
          const translation = reply.translations[position]?.trim() ?? '';
          if (!untranslatedReason(texts[index]!, translation, 'zh', to)) results[index] = { translation, provider };
        });
      }
    }
    return { results, failures };
  }

  return { translate, translateForPopup, today };
}

/** `translate:endpoint` takes at most 100 texts at once; the popup's are sent in slices of that. */
const MAX_REMOTE_TEXTS = 100;
