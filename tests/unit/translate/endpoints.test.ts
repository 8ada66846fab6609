import { describe, expect, it } from 'vitest';
import {
  createEndpointProvider,
  endpointOriginPattern,
  endpointRequestUrl,
  parseTranslationList,
  type EndpointSettings,
  type FetchLike,
} from '../../../lib/translate/endpoints';
import { TranslationError } from '../../../lib/translate/provider';

const libre: EndpointSettings = { kind: 'libretranslate', url: 'http://127.0.0.1:5000', apiKey: '', model: '', allowHttp: false };
const deepl: EndpointSettings = { kind: 'deepl', url: '', apiKey: 'secret:fx', model: '', allowHttp: false };
const openai: EndpointSettings = { kind: 'openai', url: 'http://localhost:11434/v1', apiKey: 'sk-test', model: 'qwen2.5', allowHttp: false };

interface Call {
  url: string;
  init: RequestInit;
  body: Record<string, unknown>;
}

/** A fetch that records each call and answers with `reply(body)`. */
function fakeFetch(reply: (body: Record<string, unknown>) => Response | Promise<Response>): FetchLike & { calls: Call[] } {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    calls.push({ url, init, body });
    return reply(body);
  };
  return Object.assign(fetch, { calls });
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });

/** Good replies for each kind, echoing the request so order is checked. */
const goodReply: Record<EndpointSettings['kind'], (body: Record<string, unknown>) => Response> = {
  libretranslate: (body) => json({ translatedText: (body.q as string[]).map((text) => `EN(${text})`) }),
  deepl: (body) => json({ translations: (body.text as string[]).map((text) => ({ detected_source_language: 'ZH', text: `EN(${text})` })) }),
  openai: (body) => {
    const texts = JSON.parse((body.messages as Array<{ content: string }>)[1]!.content) as string[];
    return json({ choices: [{ message: { role: 'assistant', content: '```json\n' + JSON.stringify(texts.map((text) => `EN(${text})`)) + '\n```' } }] });
  },
};

const signal = () => new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<TranslationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TranslationError);
  return error as TranslationError;
}

describe.each([
  ['libretranslate', libre, 'http://127.0.0.1:5000/translate'],
  ['deepl', deepl, 'https://api-free.deepl.com/v2/translate'],
  ['openai', openai, 'http://localhost:11434/v1/chat/completions'],
] as const)('%s endpoint', (kind, settings, url) => {
  it('translates a batch in order, posting only to the configured URL', async () => {
    const fetch = fakeFetch(goodReply[kind]);
    const provider = createEndpointProvider(settings, { fetch });
    expect(provider.id).toBe(`endpoint:${kind}`);
    expect(await provider.translate(['种草', '卫衣'], 'zh', 'en', signal())).toEqual(['EN(种草)', 'EN(卫衣)']);
    expect(fetch.calls.map((call) => call.url)).toEqual([url]);
    expect(fetch.calls[0]!.init.method).toBe('POST');
  });

  it.each([
    ['a 500', () => json({ error: 'model crashed' }, 500), 'http', /answered 500.*model crashed/],
    ['a 401 without JSON', () => new Response('nope', { status: 401 }), 'http', /answered 401/],
    ['bad JSON', () => new Response('<html>oops</html>', { status: 200 }), 'bad-response', /JSON|list of translations/],
    ['the wrong shape', () => json({ hello: 'world' }), 'bad-response', /unexpected shape/],
    ['a network failure', () => Promise.reject(new TypeError('Failed to fetch')), 'network', /Could not reach/],
  ] as const)('turns %s into a TranslationError', async (_name, reply, code, message) => {
    const provider = createEndpointProvider(settings, { fetch: fakeFetch(reply) });
    const error = await failure(provider.translate(['种草', '卫衣'], 'zh', 'en', signal()));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.provider).toBe(`endpoint:${kind}`);
  });

  it('rejects a reply with the wrong number of translations', async () => {
    const provider = createEndpointProvider(settings, { fetch: fakeFetch(goodReply[kind]) });
    const wrongCount = createEndpointProvider(settings, {
      fetch: fakeFetch((body) => {
        const trimmed = { ...body, q: ['only one'], text: ['only one'], messages: [{}, { content: '["only one"]' }] };
        return goodReply[kind](trimmed);
      }),
    });
    expect(await provider.translate(['一', '二'], 'zh', 'en', signal())).toHaveLength(2);
    const error = await failure(wrongCount.translate(['一', '二'], 'zh', 'en', signal()));
    expect(error.code).toBe('bad-response');
    expect(error.message).toMatch(/1 translations for 2 texts/);
  });

  it('times out when the server never answers, and aborts the request', async () => {
    let requestSignal: AbortSignal | undefined;
    const fetch: FetchLike = (_url, init) => {
      requestSignal = init.signal ?? undefined;
      return new Promise(() => undefined);
    };
    const provider = createEndpointProvider(settings, { fetch, timeoutMs: 20 });
    const error = await failure(provider.translate(['种草'], 'zh', 'en', signal()));
    expect(error.code).toBe('timeout');
    expect(requestSignal?.aborted).toBe(true);
  });

  it('stops when the caller aborts', async () => {
    const provider = createEndpointProvider(settings, { fetch: () => new Promise(() => undefined) });
    const controller = new AbortController();
    const pending = provider.translate(['种草'], 'zh', 'en', controller.signal);
    controller.abort();
    expect((await failure(pending)).code).toBe('aborted');
  });
});

describe('request details', () => {
  it('sends LibreTranslate q, source, target, format and the key when set', async () => {
    const fetch = fakeFetch(goodReply.libretranslate);
    await createEndpointProvider({ ...libre, apiKey: 'k' }, { fetch }).translate(['种草'], 'zh', 'en', signal());
    expect(fetch.calls[0]!.body).toEqual({ q: ['种草'], source: 'zh', target: 'en', format: 'text', api_key: 'k' });
  });

  it('accepts a LibreTranslate single-string reply for one text', async () => {
    const fetch = fakeFetch(() => json({ translatedText: 'recommended' }));
    expect(await createEndpointProvider(libre, { fetch }).translate(['种草'], 'zh', 'en', signal())).toEqual(['recommended']);
  });

  it('sends DeepL its auth header and language codes, and lets it detect an unknown source', async () => {
    const fetch = fakeFetch(goodReply.deepl);
    const provider = createEndpointProvider(deepl, { fetch });
    await provider.translate(['种草'], 'zh', 'en', signal());
    await provider.translate(['hola'], 'auto', 'pt', signal());
    expect((fetch.calls[0]!.init.headers as Record<string, string>).Authorization).toBe('DeepL-Auth-Key secret:fx');
    expect(fetch.calls[0]!.body).toEqual({ text: ['种草'], source_lang: 'ZH', target_lang: 'EN-US' });
    expect(fetch.calls[1]!.body).toEqual({ text: ['hola'], target_lang: 'PT-BR' });
  });

  it('asks the chat model for a JSON array, with the key as a bearer token', async () => {
    const fetch = fakeFetch(goodReply.openai);
    await createEndpointProvider(openai, { fetch }).translate(['种草'], 'zh', 'en', signal());
    const { body, init } = fetch.calls[0]!;
    expect(body.model).toBe('qwen2.5');
    expect(JSON.stringify(body.messages)).toMatch(/JSON array of 1 strings/);
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer sk-test');
    expect(init.credentials).toBe('omit');
  });

  it.each([
    ['DeepL without a key', { ...deepl, apiKey: '' }, /DeepL API key/],
    ['a chat endpoint without a model', { ...openai, model: '' }, /Choose a model/],
    ['an empty URL', { ...libre, url: '' }, /Set the translation endpoint URL/],
    ['a non-http URL', { ...libre, url: 'ftp://example.com' }, /https:\/\/ or http:\/\//],
  ])('refuses %s without a request', async (_name, settings, message) => {
    const fetch = fakeFetch(goodReply.libretranslate);
    const error = await failure(createEndpointProvider(settings as EndpointSettings, { fetch }).translate(['种草'], 'zh', 'en', signal()));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(message);
    expect(fetch.calls).toHaveLength(0);
  });
});

describe('host permission', () => {
  it('asks the user to allow the host instead of sending a request that CORS would block', async () => {
    const fetch = fakeFetch(goodReply.libretranslate);
    const asked: string[] = [];
    const hasPermission = async (pattern: string) => {
      asked.push(pattern);
      return false;
    };
    const error = await failure(createEndpointProvider(libre, { fetch, hasPermission }).translate(['种草'], 'zh', 'en', signal()));
    expect(error.code).toBe('needs-user-action');
    expect(error.message).toBe('Allow Zhongcao to reach 127.0.0.1:5000 in the options page.');
    expect(asked).toEqual(['http://127.0.0.1/*']);
    expect(fetch.calls).toHaveLength(0);
  });

  it('sends the request once the host is allowed', async () => {
    const fetch = fakeFetch(goodReply.libretranslate);
    await createEndpointProvider(libre, { fetch, hasPermission: async () => true }).translate(['种草'], 'zh', 'en', signal());
    expect(fetch.calls).toHaveLength(1);
  });
});

describe('endpointRequestUrl and endpointOriginPattern', () => {
  it.each([
    [libre, 'http://127.0.0.1:5000/translate', 'http://127.0.0.1/*'],
    [{ ...libre, url: 'https://libre.example.org/translate/' }, 'https://libre.example.org/translate', 'https://libre.example.org/*'],
    [{ ...deepl, apiKey: 'paid-key' }, 'https://api.deepl.com/v2/translate', 'https://api.deepl.com/*'],
    [{ ...deepl, url: 'https://deepl-proxy.example.com' }, 'https://deepl-proxy.example.com/v2/translate', 'https://deepl-proxy.example.com/*'],
    [openai, 'http://localhost:11434/v1/chat/completions', 'http://localhost/*'],
    [{ ...openai, url: 'https://api.deepseek.com/chat/completions' }, 'https://api.deepseek.com/chat/completions', 'https://api.deepseek.com/*'],
  ] as Array<[EndpointSettings, string, string]>)('%j', (settings, url, pattern) => {
    expect(endpointRequestUrl(settings).href).toBe(url);
    expect(endpointOriginPattern(settings)).toBe(pattern);
  });
});

describe('parseTranslationList', () => {
  it.each([
    ['a bare array', '["a","b"]', 2, ['a', 'b']],
    ['a fenced array', '```json\n["a","b"]\n```', 2, ['a', 'b']],
    ['an array after a sentence', 'Here you go:\n["a","b"]', 2, ['a', 'b']],
    ['a thinking block first', '<think>hmm ["x"]</think>["a","b"]', 2, ['a', 'b']],
    ['a wrapped object', '{"translations":["a","b"]}', 2, ['a', 'b']],
    ['plain text for a single text', 'recommended', 1, ['recommended']],
  ])('reads %s', (_name, reply, expected, list) => {
    expect(parseTranslationList(reply, expected, 'endpoint:openai')).toEqual(list);
  });

  it.each([
    ['prose for two texts', 'Sorry, I cannot help with that.', 2],
    ['an array of numbers', '[1, 2]', 2],
    ['an empty reply', '', 1],
  ])('rejects %s', (_name, reply, expected) => {
    expect(() => parseTranslationList(reply, expected, 'endpoint:openai')).toThrow(TranslationError);
  });
});
