// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRemoteTranslation, type RemoteDeps } from '../../../entrypoints/background/remote';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import type { TranslationCache } from '../../../lib/translate/cache';
import { createEndpointProvider, type EndpointSettings } from '../../../lib/translate/endpoints';
import { TranslationError } from '../../../lib/translate/provider';
import { createGoogleWebProvider, createMicrosoftWebProvider, type WebEndpoints } from '../../../lib/translate/web';
import { DEEPL_KEY, standInTranslation, startTranslationStandIns, type StandIns } from '../../support/translation-standins';

/** Each provider against a loopback stand-in speaking its service's exact format, with real fetch. */

let standIns: StandIns;
let web: WebEndpoints;
const fetch = (url: string, init: RequestInit) => globalThis.fetch(url, init);

beforeAll(async () => {
  standIns = await startTranslationStandIns();
  web = {
    google: `${standIns.url}/translate_a/single`,
    microsoftAuth: `${standIns.url}/translate/auth`,
    microsoft: `${standIns.url}/translate`,
  };
});
afterAll(() => standIns.close());
beforeEach(() => {
  standIns.received.length = 0;
  for (const service of ['libretranslate', 'deepl', 'openai', 'google', 'microsoft'] as const) standIns.setMode(service, 'ok');
});

const signal = () => new AbortController().signal;
const endpoint = (patch: Partial<EndpointSettings>): EndpointSettings => ({ kind: 'libretranslate', url: standIns.url, apiKey: '', model: '', allowHttp: false, ...patch });
const TEXTS = ['求店名！！', '英国能买到吗', '面料软糯不起球。才79包邮！'];

describe('each service in its own format', () => {
  it('LibreTranslate: many texts in one request', async () => {
    const out = await createEndpointProvider(endpoint({}), { fetch }).translate(TEXTS, 'zh', 'en', signal());
    expect(out).toEqual(TEXTS.map((text) => standInTranslation('libretranslate', text, 'en')));
    expect(standIns.received).toHaveLength(1);
  });

  it('DeepL: the key in the header, many texts in one request', async () => {
    const out = await createEndpointProvider(endpoint({ kind: 'deepl', apiKey: DEEPL_KEY }), { fetch }).translate(TEXTS, 'zh', 'en', signal());
    expect(out).toEqual(TEXTS.map((text) => standInTranslation('deepl', text, 'EN-US')));
  });

  it('OpenAI-compatible chat: a JSON array in, a JSON array out', async () => {
    const out = await createEndpointProvider(endpoint({ kind: 'openai', url: `${standIns.url}/v1`, model: 'qwen2.5:7b' }), { fetch }).translate(TEXTS, 'zh', 'en', signal());
    expect(out).toEqual(TEXTS.map((text) => standInTranslation('openai', text, 'en')));
  });

  it('Google web: one text per request, its sentences joined back', async () => {
    const out = await createGoogleWebProvider({ fetch, endpoints: web }).translate(TEXTS, 'zh', 'en', signal());
    expect(out[1]).toBe(standInTranslation('google', TEXTS[1]!, 'en'));
    expect(out[2]).toBe(`${standInTranslation('google', '面料软糯不起球。', 'en')} ${standInTranslation('google', '才79包邮！', 'en')}`);
    expect(standIns.received.map((entry) => entry.texts)).toEqual(expect.arrayContaining(TEXTS.map((text) => [text])));
  });

  it('Microsoft web: a token first, then many texts in one request', async () => {
    const out = await createMicrosoftWebProvider({ fetch, endpoints: web }).translate(TEXTS, 'zh', 'en', signal());
    expect(out).toEqual(TEXTS.map((text) => standInTranslation('microsoft', text, 'en')));
    expect(standIns.received).toHaveLength(1);
  });

  it.each([
    ['error-500', 'http'],
    ['rate-limit', 'http'],
    ['bad-json', 'bad-response'],
  ] as const)('turns %s into a TranslationError (%s)', async (mode, code) => {
    standIns.setMode('microsoft', mode);
    const failure = await createMicrosoftWebProvider({ fetch, endpoints: web }).translate(TEXTS, 'zh', 'en', signal()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TranslationError);
    expect((failure as TranslationError).code).toBe(code);
  });

  it('gives up on a service that never answers', async () => {
    standIns.setMode('google', 'hang');
    const failure = await createGoogleWebProvider({ fetch, endpoints: web, timeoutMs: 200 }).translate(['求店名'], 'zh', 'en', signal()).catch((error: unknown) => error);
    expect((failure as TranslationError).code).toBe('timeout');
  });

  it('refuses a plain-http endpoint on another machine until the user says they understand', async () => {
    const remote = endpoint({ url: 'http://192.168.1.20:5000' });
    await expect(createEndpointProvider(remote, { fetch }).translate(['x'], 'zh', 'en', signal())).rejects.toMatchObject({ code: 'needs-user-action' });
    await expect(createEndpointProvider({ ...remote, allowHttp: true }, { fetch: async () => new Response('{"translatedText":["ok"]}') }).translate(['x'], 'zh', 'en', signal())).resolves.toEqual(['ok']);
  });
});

function memoryCache(): TranslationCache & { size(): number } {
  const store = new Map<string, string>();
  const key = (parts: { text: string; source: string; target: string; provider: string }) => [parts.provider, parts.source, parts.target, parts.text].join('\u0000');
  return {
    lookup: async (requests) => requests.map((request) => store.get(key(request))),
    store: async (entries) => void entries.forEach((entry) => store.set(key(entry), entry.translation)),
    size: () => store.size,
  };
}

describe('the background’s remote translation', () => {
  const configured = (patch: Partial<Settings> = {}): Settings => ({
    ...DEFAULT_SETTINGS,
    endpoint: endpoint({}),
    endpointConfigured: true,
    ...patch,
  });
  function remote(settings: Settings, deps: Partial<RemoteDeps> = {}) {
    const cache = memoryCache();
    const errors: Array<[string, string | undefined]> = [];
    let usage: { day: string; chars: number; requests: number } | null = null;
    const service = createRemoteTranslation({
      fetch,
      hasPermission: async () => true,
      settings: async () => settings,
      cache: () => cache,
      webEndpoints: web,
      retryDelaysMs: [0, 0],
      sleep: async () => undefined,
      usage: { get: async () => usage, set: async (next) => void (usage = next) },
      recordError: async (provider, detail) => void errors.push([provider, detail?.message]),
      noteOf: async (tabId) => `note-of-${tabId}`,
      ...deps,
    });
    return { service, cache, errors, usage: () => usage };
  }

  it('sends nothing for a provider the user has not turned on', async () => {
    const { service } = remote(configured());
    expect(await service.translate('google-web', TEXTS, 'zh', 'en')).toMatchObject({ failure: { code: 'unavailable' } });
    expect(await remote(configured({ endpointConfigured: false })).service.translate('endpoint', TEXTS, 'zh', 'en')).toMatchObject({ failure: { code: 'unavailable' } });
    expect(standIns.received).toEqual([]);
  });

  it('translates once, then answers a revisit from the cache without sending anything', async () => {
    const { service, usage } = remote(configured());
    expect(await service.translate('endpoint', TEXTS, 'zh', 'en', { tabId: 3 })).toEqual({ translations: TEXTS.map((text) => standInTranslation('libretranslate', text, 'en')) });
    const sent = standIns.chars();
    expect(sent).toBe(TEXTS.join('').length);
    expect(await service.translate('endpoint', TEXTS, 'zh', 'en', { tabId: 3 })).toEqual({ translations: TEXTS.map((text) => standInTranslation('libretranslate', text, 'en')) });
    expect(standIns.chars()).toBe(sent);
    expect(usage()).toMatchObject({ chars: sent, requests: 1 });
  });

  it('stops at the note’s budget and at the day’s', async () => {
    const long = (n: number) => `${'好'.repeat(1000)}${n}`;
    const { service } = remote(configured({ translationBudget: { perNote: 2500, perDay: 4000 } }));
    expect(await service.translate('endpoint', [long(1), long(2)], 'zh', 'en', { tabId: 1 })).toHaveProperty('translations');
    expect(await service.translate('endpoint', [long(3)], 'zh', 'en', { tabId: 1 })).toEqual({
      failure: { provider: 'endpoint:libretranslate', code: 'over-budget', message: 'reached your translation character budget' },
    });
    // Another note has its own budget, within the day's.
    expect(await service.translate('endpoint', [long(4)], 'zh', 'en', { tabId: 2 })).toHaveProperty('translations');
    expect(await service.translate('endpoint', [long(5)], 'zh', 'en', { tabId: 2 })).toMatchObject({ failure: { code: 'over-budget' } });
    expect(standIns.chars()).toBeLessThanOrEqual(4000);
  });

  it('keeps a note’s budget across tabs: the note is the one the page is at', async () => {
    const page = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4?xsec_token=x';
    const { service } = remote(configured({ translationBudget: { perNote: 1500, perDay: 100_000 } }), { noteOf: async () => undefined });
    expect(await service.translate('endpoint', ['好'.repeat(1000)], 'zh', 'en', { tabId: 1, pageUrl: page })).toHaveProperty('translations');
    expect(await service.translate('endpoint', ['坏'.repeat(1000)], 'zh', 'en', { tabId: 2, pageUrl: page })).toMatchObject({ failure: { code: 'over-budget' } });
  });

  it('retries a rate limit and a server error, then reports them generically', async () => {
    standIns.setMode('libretranslate', 'rate-limit');
    const { service, errors } = remote(configured());
    const answer = await service.translate('endpoint', ['求店名'], 'zh', 'en');
    expect(answer).toEqual({ failure: { provider: 'endpoint:libretranslate', code: 'http', message: 'is refusing more requests for now' } });
    expect(standIns.received).toHaveLength(3);
    expect(errors.at(-1)?.[1]).toMatch(/127\.0\.0\.1:\d+ answered 429/);
    standIns.setMode('libretranslate', 'bad-json');
    standIns.received.length = 0;
    expect(await service.translate('endpoint', ['求店名'], 'zh', 'en')).toMatchObject({ failure: { code: 'bad-response' } });
    // Bad JSON is not retried: asking again would get the same.
    expect(standIns.received).toHaveLength(1);
  });

  it('runs a web service the user turned on', async () => {
    const { service } = remote(configured({ translationProviders: ['microsoft-web', 'glossary'] }));
    expect(await service.translate('microsoft-web', TEXTS, 'zh', 'en')).toEqual({ translations: TEXTS.map((text) => standInTranslation('microsoft', text, 'en')) });
  });
});
