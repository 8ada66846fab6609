import { z } from 'zod/mini';
import type { Settings } from '../settings/schema';
import { AUTO_SOURCE, TranslationError, withDeadline, type LanguageCode, type TranslationProvider } from './provider';
import { providerId } from './page-settings';

export { providerId };

/**
 * Translation endpoints the user configures: LibreTranslate-compatible servers, the DeepL API and
 * OpenAI-compatible chat completions (OpenAI, a local Ollama, DeepSeek, Qwen…). Each request goes to
 * the one URL the user set, nowhere else. `fetch` is passed in; call these from the background,
 * where the host permission granted at run time lifts CORS (a content script's fetch would not).
 */

export type EndpointSettings = Settings['endpoint'];
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface EndpointOptions {
  fetch: FetchLike;
  /** Per request; LLM endpoints on a laptop can be slow, so the default is generous. */
  timeoutMs?: number;
  /**
   * `(pattern) => browser.permissions.contains({ origins: [pattern] })`. Without the permission the
   * request would fail on CORS with no useful message; this says what to do instead.
   */
  hasPermission?: (originPattern: string) => Promise<boolean>;
}

export function createEndpointProvider(endpoint: EndpointSettings, options: EndpointOptions): TranslationProvider {
  switch (endpoint.kind) {
    case 'libretranslate':
      return createLibreTranslateProvider(endpoint, options);
    case 'deepl':
      return createDeepLProvider(endpoint, options);
    case 'openai':
      return createOpenAiProvider(endpoint, options);
  }
}

/** The exact URL a request will go to, or a user-readable reason why there is none. */
export function endpointRequestUrl(endpoint: EndpointSettings): URL {
  const id = providerId(endpoint);
  const configured = endpoint.url.trim();
  if (endpoint.kind === 'deepl' && !configured) {
    // DeepL serves free keys (ending in ":fx") and paid keys from different hosts.
    const host = endpoint.apiKey.trim().endsWith(':fx') ? 'api-free.deepl.com' : 'api.deepl.com';
    return new URL(`https://${host}/v2/translate`);
  }
  let base: URL;
  try {
    base = new URL(configured);
  } catch {
    throw new TranslationError('unavailable', id, 'Set the translation endpoint URL in the options page.');
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new TranslationError('unavailable', id, 'The translation endpoint URL must start with https:// or http://.');
  }
  // Over plain http the texts, and the key (LibreTranslate's API takes it in the body), can be read
  // and changed by anyone on the way; on this machine nobody is on the way.
  if (base.protocol === 'http:' && !isLoopbackHost(base.hostname) && !endpoint.allowHttp) {
    throw new TranslationError(
      'needs-user-action',
      id,
      `${base.host} is reached over plain http, which anyone on the network can read: use https://, or confirm in the options page that you understand.`,
    );
  }
  const path = { libretranslate: '/translate', deepl: '/v2/translate', openai: '/chat/completions' }[endpoint.kind];
  const trimmed = base.pathname.replace(/\/+$/, '');
  base.pathname = trimmed.endsWith(path) ? trimmed : trimmed + path;
  return base;
}

/** This machine: `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

/**
 * The pattern to pass to `permissions.request({ origins: [pattern] })` before the first request.
 * No port: Chrome matches every port of a host by default and Firefox rejects patterns with one.
 */
export function endpointOriginPattern(endpoint: EndpointSettings): string {
  return originPatternOf(endpointRequestUrl(endpoint));
}

function originPatternOf(url: URL): string {
  return `${url.protocol}//${url.hostname}/*`;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** POSTs JSON and returns the parsed body, turning every way it can fail into a `TranslationError`. */
function postJson(
  id: string,
  url: URL,
  body: unknown,
  headers: Record<string, string>,
  options: EndpointOptions,
  signal: AbortSignal,
): Promise<unknown> {
  return requestJson(id, url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }, options, signal);
}

/**
 * Sends one request and returns its parsed JSON body (or its text, with `as: 'text'`), turning every
 * way it can fail into a `TranslationError`: no permission, no answer in time, not reached, a
 * non-2xx status (with the server's own message when it gave one), a body that is not JSON.
 */
export async function requestJson(
  id: string,
  url: URL,
  init: RequestInit,
  { fetch, timeoutMs = DEFAULT_TIMEOUT_MS, hasPermission }: EndpointOptions,
  signal: AbortSignal,
  as: 'json' | 'text' = 'json',
): Promise<unknown> {
  const host = url.host;
  if (hasPermission && !(await hasPermission(originPatternOf(url)))) {
    throw new TranslationError('needs-user-action', id, `Allow Zhongcao to reach ${host} in the options page.`);
  }
  return withDeadline(
    async (deadline) => {
      let response: Response;
      try {
        response = await fetch(url.href, {
          ...init,
          headers: { Accept: 'application/json', ...(init.headers as Record<string, string> | undefined) },
          signal: deadline,
          // Keys go in headers or the body, never cookies: the service gets nothing else of the user's.
          credentials: 'omit',
        });
      } catch (error) {
        throw new TranslationError('network', id, `Could not reach ${host}.`, { cause: error });
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) {
        const detail = serverMessage(text);
        throw new TranslationError(
          'http',
          id,
          `${host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${detail ? `: ${detail}` : ''}.`,
          { cause: { status: response.status, retryAfter: response.headers.get('retry-after') } },
        );
      }
      if (as === 'text') return text;
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new TranslationError('bad-response', id, `${host} did not answer with JSON.`, { cause: error });
      }
    },
    { provider: id, timeoutMs, signal, what: `Translation by ${host}` },
  );
}

const ServerErrorSchema = z.object({
  error: z.union([z.string(), z.object({ message: z.string() })]),
});
const DeepLErrorSchema = z.object({ message: z.string() });

/** The error message a server put in its JSON body, shortened: it is shown to the user. */
function serverMessage(body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const generic = ServerErrorSchema.safeParse(json);
  const message = generic.success
    ? typeof generic.data.error === 'string'
      ? generic.data.error
      : generic.data.error.message
    : DeepLErrorSchema.safeParse(json).data?.message;
  return message?.slice(0, 200);
}

export function parseWith<T>(schema: z.ZodMiniType<T>, json: unknown, id: string, what: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new TranslationError('bad-response', id, `The ${what} reply had an unexpected shape.`);
  return parsed.data;
}

export function checkCount(translations: string[], expected: number, id: string, what: string): string[] {
  if (translations.length !== expected) {
    throw new TranslationError(
      'bad-response',
      id,
      `The ${what} reply had ${translations.length} translations for ${expected} texts.`,
    );
  }
  return translations;
}

// ── LibreTranslate ───────────────────────────────────────────────────────────────────────────────

const LibreTranslateReplySchema = z.object({ translatedText: z.union([z.string(), z.array(z.string())]) });

/** https://docs.libretranslate.com/ — `POST /translate`, `q` as an array translates many texts at once. */
export function createLibreTranslateProvider(endpoint: EndpointSettings, options: EndpointOptions): TranslationProvider {
  const id = providerId(endpoint);
  return {
    id,
    async translate(texts, from, to, signal) {
      const url = endpointRequestUrl(endpoint);
      const apiKey = endpoint.apiKey.trim();
      const json = await postJson(
        id,
        url,
        { q: texts, source: libreLanguage(from), target: libreLanguage(to), format: 'text', ...(apiKey ? { api_key: apiKey } : {}) },
        {},
        options,
        signal,
      );
      const { translatedText } = parseWith(LibreTranslateReplySchema, json, id, 'LibreTranslate');
      return checkCount(typeof translatedText === 'string' ? [translatedText] : translatedText, texts.length, id, 'LibreTranslate');
    },
  };
}

function libreLanguage(code: LanguageCode): string {
  // LibreTranslate calls simplified Chinese `zh` (newer servers also accept `zh-Hans`).
  return code.toLowerCase().split('-')[0] ?? code;
}

// ── DeepL ────────────────────────────────────────────────────────────────────────────────────────

const DeepLReplySchema = z.object({ translations: z.array(z.object({ text: z.string() })) });

/** https://developers.deepl.com/docs/api-reference/translate — many `text` entries per request. */
export function createDeepLProvider(endpoint: EndpointSettings, options: EndpointOptions): TranslationProvider {
  const id = providerId(endpoint);
  return {
    id,
    async translate(texts, from, to, signal) {
      const apiKey = endpoint.apiKey.trim();
      if (!apiKey) throw new TranslationError('unavailable', id, 'Add your DeepL API key in the options page.');
      const json = await postJson(
        id,
        endpointRequestUrl(endpoint),
        // Without source_lang DeepL detects the language itself.
        { text: texts, ...(from === AUTO_SOURCE ? {} : { source_lang: deeplSourceLanguage(from) }), target_lang: deeplTargetLanguage(to) },
        { Authorization: `DeepL-Auth-Key ${apiKey}` },
        options,
        signal,
      );
      const { translations } = parseWith(DeepLReplySchema, json, id, 'DeepL');
      return checkCount(
        translations.map((entry) => entry.text),
        texts.length,
        id,
        'DeepL',
      );
    },
  };
}

function deeplSourceLanguage(code: LanguageCode): string {
  return (code.split('-')[0] ?? code).toUpperCase();
}

/** DeepL wants a variant for English and Portuguese targets; the bare codes are deprecated. */
export function deeplTargetLanguage(code: LanguageCode): string {
  const primary = (code.split('-')[0] ?? code).toLowerCase();
  if (primary === 'en') return 'EN-US';
  if (primary === 'pt') return 'PT-BR';
  if (primary === 'zh') return 'ZH-HANS';
  return primary.toUpperCase();
}

// ── OpenAI-compatible chat completions ────────────────────────────────────────────────────────────

const ChatReplySchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).check(z.minLength(1)),
});
const StringArraySchema = z.array(z.string());
const WrappedArraySchema = z.object({ translations: z.array(z.string()) });

const LANGUAGE_NAMES: Record<string, string> = {
  zh: 'Chinese', en: 'English', ja: 'Japanese', ko: 'Korean', fr: 'French', de: 'German', es: 'Spanish',
  it: 'Italian', pt: 'Portuguese', ru: 'Russian', ms: 'Malay', vi: 'Vietnamese', id: 'Indonesian',
  [AUTO_SOURCE]: 'their original language',
};

/** OpenAI's `POST /chat/completions`, which Ollama, DeepSeek, Qwen and most local servers speak. */
export function createOpenAiProvider(endpoint: EndpointSettings, options: EndpointOptions): TranslationProvider {
  const id = providerId(endpoint);
  return {
    id,
    async translate(texts, from, to, signal) {
      const model = endpoint.model.trim();
      if (!model) throw new TranslationError('unavailable', id, 'Choose a model for the chat endpoint in the options page.');
      const apiKey = endpoint.apiKey.trim();
      const json = await postJson(
        id,
        endpointRequestUrl(endpoint),
        // One JSON answer, not a stream: Ollama and LM Studio default to streaming on some routes.
        { model, messages: translationPrompt(texts, from, to), stream: false },
        apiKey ? { Authorization: `Bearer ${apiKey}` } : {},
        options,
        signal,
      );
      const reply = parseWith(ChatReplySchema, json, id, 'chat').choices[0]!.message.content;
      return checkCount(parseTranslationList(reply, texts.length, id), texts.length, id, 'chat');
    },
  };
}

function translationPrompt(texts: string[], from: LanguageCode, to: LanguageCode) {
  const source = LANGUAGE_NAMES[from] ?? from;
  const target = LANGUAGE_NAMES[to] ?? to;
  return [
    {
      role: 'system',
      content:
        `You translate Xiaohongshu (RedNote) posts and comments from ${source} to ${target}. ` +
        `Keep emoji, hashtags, brand names and line breaks; explain nothing. ` +
        `You receive a JSON array of ${texts.length} strings. Reply with only a JSON array of ${texts.length} strings: ` +
        `the translations, in the same order.`,
    },
    { role: 'user', content: JSON.stringify(texts) },
  ];
}

/**
 * Reads the array of translations out of a chat reply. Models wrap JSON in code fences, prefix it
 * with a sentence, think aloud in `<think>` blocks (DeepSeek R1, Qwen) or answer `{"translations": […]}`;
 * for a single text, a plain-text reply is taken as the translation itself.
 */
export function parseTranslationList(reply: string, expected: number, id: string): string[] {
  const content = reply.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
  const candidates = [content, content.replace(/^```[a-z]*\s*|\s*```$/g, '')];
  const start = content.indexOf('[');
  const end = content.lastIndexOf(']');
  if (start !== -1 && end > start) candidates.push(content.slice(start, end + 1));
  const objectStart = content.indexOf('{');
  const objectEnd = content.lastIndexOf('}');
  if (objectStart !== -1 && objectEnd > objectStart) candidates.push(content.slice(objectStart, objectEnd + 1));
  for (const candidate of candidates) {
    let json: unknown;
    try {
      json = JSON.parse(candidate);
    } catch {
      continue;
    }
    const list = StringArraySchema.safeParse(json);
    if (list.success) return list.data;
    const wrapped = WrappedArraySchema.safeParse(json);
    if (wrapped.success) return wrapped.data.translations;
  }
  if (expected === 1 && content && !content.startsWith('[') && !content.startsWith('{')) return [content];
  throw new TranslationError('bad-response', id, 'The chat model did not reply with a list of translations.');
}
