import { z } from 'zod/mini';
import { checkCount, parseWith, requestJson, type EndpointOptions } from './endpoints';
import { WEB_PROVIDER_IDS, type WebProviderKind } from './page-settings';
import { AUTO_SOURCE, TranslationError, type LanguageCode, type TranslationProvider } from './provider';

/**
 * The keyless web endpoints of Google Translate and Microsoft Translator, as open-source page
 * translators call them. Neither is a documented public API: both can change or refuse without
 * notice, which is why they are off until the user turns one on, and why a failure falls through to
 * the next provider. Called from the background only (host permissions lift CORS there).
 *
 * Provenance of the formats (read 2026-12-06):
 * - Google, `GET https://translate.googleapis.com/translate_a/single?client=gtx&sl=…&tl=…&dt=t&q=…`,
 *   answering `[[["translated","original",…], …], null, "zh-CN", …]` — one sentence per inner
 *   array, the detected language third: MRongM/tttt src/common/translate.js (translateViaGoogleApi),
 *   wallenweel/weel-translate src/defaults/sources/google.ts (client gtx, dt t).
 * - Microsoft, the token Edge's built-in translator uses: `GET https://edge.microsoft.com/translate/auth`
 *   answers a bearer token as plain text (valid about ten minutes); then
 *   `POST https://api-edge.cognitive.microsofttranslator.com/translate?api-version=3.0&from=…&to=…`
 *   with `Authorization: Bearer <token>` and `[{"Text": "…"}, …]`, answering
 *   `[{"detectedLanguage": {…}, "translations": [{"text": "…", "to": "en"}]}, …]` in the same order:
 *   FilipePS/Traduzir-paginas-web src/background/translationService.js @24409048 (BingHelper,
 *   bingService); the request and reply bodies are those of the documented Translator v3
 *   `/translate` (learn.microsoft.com, "Translator 3.0: Translate"), which takes up to 1,000 texts
 *   and 50,000 characters per request.
 */

export interface WebEndpoints {
  google: string;
  microsoftAuth: string;
  microsoft: string;
}

export const WEB_ENDPOINTS: WebEndpoints = {
  google: 'https://translate.googleapis.com/translate_a/single',
  microsoftAuth: 'https://edge.microsoft.com/translate/auth',
  microsoft: 'https://api-edge.cognitive.microsofttranslator.com/translate',
};

/** The hosts each service is reached at: the permissions asked when the user turns it on. */
export function webOriginPatterns(kind: WebProviderKind, endpoints: WebEndpoints = WEB_ENDPOINTS): string[] {
  const urls = kind === 'google-web' ? [endpoints.google] : [endpoints.microsoftAuth, endpoints.microsoft];
  return urls.map((url) => {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}/*`;
  });
}

export interface WebOptions extends EndpointOptions {
  endpoints?: WebEndpoints;
  now?: () => number;
}

export function createWebProvider(kind: WebProviderKind, options: WebOptions): TranslationProvider {
  return kind === 'google-web' ? createGoogleWebProvider(options) : createMicrosoftWebProvider(options);
}

// ── Google ───────────────────────────────────────────────────────────────────────────────────────

const GoogleReplySchema = z.tuple([z.array(z.tuple([z.nullable(z.string())], z.unknown()))], z.unknown());

/** Google's codes: simplified Chinese is `zh-CN`; the others are the bare primary subtags we use. */
function googleLanguage(code: LanguageCode): string {
  if (code === AUTO_SOURCE) return 'auto';
  const primary = code.toLowerCase().split('-')[0] ?? code;
  return primary === 'zh' ? 'zh-CN' : primary;
}

/** Texts in flight at once: the endpoint takes one text per request. */
export const GOOGLE_PARALLEL = 4;

export function createGoogleWebProvider({ endpoints = WEB_ENDPOINTS, ...options }: WebOptions): TranslationProvider {
  const id = WEB_PROVIDER_IDS['google-web'];
  async function one(text: string, from: LanguageCode, to: LanguageCode, signal: AbortSignal): Promise<string> {
    const url = new URL(endpoints.google);
    url.search = new URLSearchParams({ client: 'gtx', sl: googleLanguage(from), tl: googleLanguage(to), dt: 't', q: text }).toString();
    const json = await requestJson(id, url, { method: 'GET' }, options, signal);
    const [sentences] = parseWith(GoogleReplySchema, json, id, 'Google Translate');
    return sentences.map((sentence) => sentence[0] ?? '').join('');
  }
  return {
    id,
    async translate(texts, from, to, signal) {
      const translations: string[] = new Array<string>(texts.length);
      let next = 0;
      const worker = async () => {
        while (next < texts.length) {
          const index = next++;
          translations[index] = await one(texts[index]!, from, to, signal);
        }
      };
      await Promise.all(Array.from({ length: Math.min(GOOGLE_PARALLEL, texts.length) }, worker));
      return translations;
    },
  };
}

// ── Microsoft ────────────────────────────────────────────────────────────────────────────────────

const MicrosoftReplySchema = z.array(z.object({ translations: z.array(z.object({ text: z.string() })).check(z.minLength(1)) }));

/** Microsoft's codes: simplified Chinese is `zh-Hans`. */
function microsoftLanguage(code: LanguageCode): string {
  const primary = code.toLowerCase().split('-')[0] ?? code;
  return primary === 'zh' ? 'zh-Hans' : primary;
}

/** Tokens last about ten minutes; a fresh one is fetched well before. */
const TOKEN_LIFETIME_MS = 8 * 60 * 1000;

export function createMicrosoftWebProvider({ endpoints = WEB_ENDPOINTS, now = Date.now, ...options }: WebOptions): TranslationProvider {
  const id = WEB_PROVIDER_IDS['microsoft-web'];
  let token: { value: string; at: number } | undefined;

  async function bearer(signal: AbortSignal, fresh: boolean): Promise<string> {
    if (!fresh && token && now() - token.at < TOKEN_LIFETIME_MS) return token.value;
    const text = String(await requestJson(id, new URL(endpoints.microsoftAuth), { method: 'GET' }, options, signal, 'text')).trim();
    // A JWT: three base64url parts. Anything else (an HTML error page) is not a token.
    if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(text)) throw new TranslationError('bad-response', id, 'Microsoft did not hand out a translation token.');
    token = { value: text, at: now() };
    return text;
  }

  async function call(texts: string[], from: LanguageCode, to: LanguageCode, signal: AbortSignal, fresh: boolean) {
    const url = new URL(endpoints.microsoft);
    const params = new URLSearchParams({ 'api-version': '3.0', to: microsoftLanguage(to) });
    if (from !== AUTO_SOURCE) params.set('from', microsoftLanguage(from));
    url.search = params.toString();
    const auth = await bearer(signal, fresh);
    return requestJson(
      id,
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${auth}` }, body: JSON.stringify(texts.map((text) => ({ Text: text }))) },
      options,
      signal,
    );
  }

  return {
    id,
    async translate(texts, from, to, signal) {
      let json: unknown;
      try {
        json = await call(texts, from, to, signal, false);
      } catch (error) {
        // An expired or revoked token: fetch a new one once.
        const status = error instanceof TranslationError ? (error.cause as { status?: number } | undefined)?.status : undefined;
        if (status !== 401) throw error;
        json = await call(texts, from, to, signal, true);
      }
      const reply = parseWith(MicrosoftReplySchema, json, id, 'Microsoft Translator');
      return checkCount(
        reply.map((entry) => entry.translations[0]!.text),
        texts.length,
        id,
        'Microsoft Translator',
      );
    },
  };
}
