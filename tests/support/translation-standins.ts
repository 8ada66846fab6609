import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stand-ins on loopback for every remote translation service Zhongcao speaks, each answering in
 * the service's own request and response format (see lib/translate/endpoints.ts and web.ts for the
 * sources of each format):
 * - LibreTranslate `POST /translate` `{q, source, target, format, api_key?}` → `{translatedText}`;
 * - DeepL `POST /v2/translate` with `Authorization: DeepL-Auth-Key …`, `{text: [...], target_lang, source_lang?}`
 *   → `{translations: [{detected_source_language, text}]}`;
 * - OpenAI chat completions `POST /v1/chat/completions` `{model, messages}` → `{choices: [{message: {content}}]}`
 *   (the content: a JSON array of translations, as the prompt asks);
 * - Google's web endpoint `GET /translate_a/single?client=gtx&sl&tl&dt=t&q` → `[[[translated, original, …], …], null, sl]`,
 *   one inner array per sentence;
 * - Microsoft's Edge token `GET /translate/auth` → a JWT as text, then `POST /translate?api-version=3.0&to&from?`
 *   with `Authorization: Bearer …` and `[{Text}]` → `[{detectedLanguage, translations: [{text, to}]}]`.
 * Each can be told to fail as real servers do, to answer late, and counts what it received.
 * Bounded: bodies over 1 MB are refused and the server closes itself after `lifetimeMs`.
 */

export type Service = 'libretranslate' | 'deepl' | 'openai' | 'google' | 'microsoft';
export type StandInMode =
  | 'ok'
  | 'error-500'
  | 'rate-limit'
  /** Accepts every request and never answers (until the server stops). */
  | 'hang'
  /** Never answers the next request, then answers the ones after it: a request lost on the way. */
  | 'hang-once'
  | 'bad-json';

export interface StandIns {
  /** `http://127.0.0.1:port`: the base URL for the endpoint kinds. */
  url: string;
  port: number;
  /** Answers a request if it is one of the services' (for a server that maps the real hostnames here). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  setMode(service: Service, mode: StandInMode): void;
  /** Every answer waits this long first (default 0). */
  setLatency(ms: number): void;
  /** Every batch of texts received, per service, in order. */
  received: Array<{ service: Service; texts: string[]; at: number }>;
  /** Characters received, for one service or all. */
  chars(service?: Service): number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
export const STANDIN_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJyZWdpb24iOiJzdGFuZC1pbiJ9.c3RhbmQtaW4';
export const DEEPL_KEY = 'standin-key:fx';

/** A stand-in translation with no Chinese left in it, telling what it translated. */
export function standInTranslation(service: Service, text: string, target: string): string {
  return `[${service}→${target}] ${[...text].length} chars`;
}

export async function startTranslationStandIns({ lifetimeMs = 180_000 } = {}): Promise<StandIns> {
  const modes = new Map<Service, StandInMode>();
  let latency = 0;
  const received: StandIns['received'] = [];

  function serviceOf(req: IncomingMessage, url: URL): Service | undefined {
    if (req.method === 'GET' && url.pathname === '/translate_a/single') return 'google';
    if (url.pathname === '/translate/auth') return 'microsoft';
    if (req.method === 'POST' && url.pathname === '/translate') return url.searchParams.get('api-version') === '3.0' ? 'microsoft' : 'libretranslate';
    if (req.method === 'POST' && url.pathname === '/v2/translate') return 'deepl';
    if (req.method === 'POST' && /^(?:\/v1)?\/chat\/completions$/.test(url.pathname)) return 'openai';
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const service = serviceOf(req, url);
    if (!service) return false;
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' });
      res.end();
      return true;
    }
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    // Microsoft's token comes before any text.
    if (service === 'microsoft' && url.pathname === '/translate/auth') {
      send(200, STANDIN_TOKEN, 'text/plain');
      return true;
    }
    let body: unknown;
    try {
      body = req.method === 'POST' ? JSON.parse(await readBody(req)) : undefined;
    } catch {
      send(400, { error: 'Invalid request' });
      return true;
    }
    const request = parse(service, url, body, req);
    if ('error' in request) {
      send(request.status, { error: request.error, message: request.error });
      return true;
    }
    received.push({ service, texts: request.texts, at: Date.now() });
    const mode = modes.get(service) ?? 'ok';
    if (mode === 'hang') return true;
    if (mode === 'hang-once') {
      modes.set(service, 'ok');
      return true;
    }
    if (mode === 'error-500') {
      send(500, { error: 'Translation model crashed', message: 'Translation model crashed' });
      return true;
    }
    if (mode === 'rate-limit') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(JSON.stringify({ error: 'Too many requests' }));
      return true;
    }
    if (mode === 'bad-json') {
      send(200, '{"translations": [', 'application/json');
      return true;
    }
    const out = request.texts.map((text) => standInTranslation(service, text, request.target));
    send(200, answer(service, request, out));
    return true;
  }

  const server = createServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (handled) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"Not found"}');
    });
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const lifetime = setTimeout(() => void close(), lifetimeMs);
  lifetime.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    handle,
    setMode: (service, mode) => void modes.set(service, mode),
    setLatency: (ms) => void (latency = ms),
    received,
    chars: (service) => received.filter((entry) => !service || entry.service === service).reduce((sum, entry) => sum + entry.texts.reduce((n, text) => n + text.length, 0), 0),
    close,
  };
}

interface ParsedRequest {
  texts: string[];
  target: string;
  source: string;
  /** LibreTranslate answers a string for a string `q`. */
  single?: boolean;
}

function parse(service: Service, url: URL, body: unknown, req: IncomingMessage): ParsedRequest | { status: number; error: string } {
  const object = (body ?? {}) as Record<string, unknown>;
  switch (service) {
    case 'libretranslate': {
      const q = object.q;
      if (typeof object.target !== 'string' || (typeof q !== 'string' && !Array.isArray(q))) return { status: 400, error: 'Invalid request: missing q or target' };
      return { texts: Array.isArray(q) ? q.map(String) : [q], target: object.target, source: String(object.source ?? 'auto'), single: !Array.isArray(q) };
    }
    case 'deepl': {
      if (!/^DeepL-Auth-Key \S+/.test(req.headers.authorization ?? '')) return { status: 403, error: 'Authorization failure, check auth_key' };
      if (!Array.isArray(object.text) || typeof object.target_lang !== 'string') return { status: 400, error: "Value for 'target_lang' not supported." };
      return { texts: object.text.map(String), target: object.target_lang, source: String(object.source_lang ?? 'ZH') };
    }
    case 'openai': {
      const messages = object.messages;
      const user = Array.isArray(messages) ? (messages as Array<{ role?: string; content?: string }>).findLast((message) => message.role === 'user') : undefined;
      let texts: unknown;
      try {
        texts = JSON.parse(user?.content ?? '');
      } catch {
        texts = undefined;
      }
      if (typeof object.model !== 'string' || !Array.isArray(texts)) return { status: 400, error: 'messages must end with a JSON array of texts' };
      return { texts: texts.map(String), target: 'en', source: 'zh' };
    }
    case 'google': {
      const q = url.searchParams.get('q');
      if (url.searchParams.get('client') !== 'gtx' || !q || !url.searchParams.get('tl')) return { status: 400, error: 'Bad Request' };
      return { texts: [q], target: url.searchParams.get('tl')!, source: url.searchParams.get('sl') ?? 'auto' };
    }
    case 'microsoft': {
      if (req.headers.authorization !== `Bearer ${STANDIN_TOKEN}`) return { status: 401, error: 'The request is not authorized because credentials are missing or invalid.' };
      if (!Array.isArray(body) || !url.searchParams.get('to')) return { status: 400, error: 'The body of the request is not valid JSON.' };
      return { texts: (body as Array<{ Text?: unknown }>).map((entry) => String(entry.Text ?? '')), target: url.searchParams.get('to')!, source: url.searchParams.get('from') ?? 'auto' };
    }
  }
}

function answer(service: Service, request: ParsedRequest, out: string[]): unknown {
  switch (service) {
    case 'libretranslate':
      return { translatedText: request.single ? out[0] : out };
    case 'deepl':
      return { translations: out.map((text) => ({ detected_source_language: 'ZH', text })) };
    case 'openai':
      return {
        id: 'chatcmpl-standin',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(out) }, finish_reason: 'stop' }],
      };
    case 'google': {
      // One inner array per sentence of the original, as Google answers a multi-sentence text.
      const sentences = request.texts[0]!.split(/(?<=[。！？!?\n])/u).filter(Boolean);
      const pieces = sentences.length > 1 ? sentences.map((sentence, index) => `${index === 0 ? '' : ' '}${standInTranslation('google', sentence, request.target)}`) : [out[0]!];
      return [pieces.map((piece, index) => [piece, sentences[index] ?? request.texts[0], null, null, 10]), null, request.source === 'auto' ? 'zh-CN' : request.source];
    }
    case 'microsoft':
      return out.map((text) => ({ detectedLanguage: { language: 'zh-Hans', score: 1 }, translations: [{ text, to: request.target }] }));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
