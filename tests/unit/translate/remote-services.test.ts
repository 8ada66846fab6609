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

  it('retries a request that timed out, and answers when the retry does', async () => {
    standIns.setMode('libretranslate', 'hang-once');
    const { service, errors } = remote(configured(), { attemptTimeoutMs: 300, totalTimeoutMs: 10_000 });
    expect(await service.translate('endpoint', ['求店名'], 'zh', 'en')).toEqual({ translations: [standInTranslation('libretranslate', '求店名', 'en')] });
    // The first request hung; the second was answered.
    expect(standIns.received.map((entry) => entry.texts)).toEqual([['求店名'], ['求店名']]);
    expect(errors).toEqual([]);
  });

  // Attempts are counted where they leave, not where the stand-in reads them: an attempt aborted
  // at its timeout may never be read, or be read after the next test has started.
  function countingFetch() {
    let calls = 0;
    const counted: typeof fetch = (...args) => {
      calls += 1;
      return fetch(...args);
    };
    return { fetch: counted, calls: () => calls };
  }

  it('gives up on a service that keeps timing out, within the total bound, and says it timed out', async () => {
    standIns.setMode('libretranslate', 'hang');
    const counted = countingFetch();
    const { service, errors } = remote(configured(), { fetch: counted.fetch, attemptTimeoutMs: 200, totalTimeoutMs: 10_000 });
    expect(await service.translate('endpoint', ['英国能买到吗'], 'zh', 'en')).toEqual({
      failure: { provider: 'endpoint:libretranslate', code: 'timeout', message: 'did not answer in time, even when asked again' },
    });
    // The first try and two retries.
    expect(counted.calls()).toBe(3);
    expect(errors.at(-1)?.[1]).toMatch(/took longer than 200 ms/);
  });

  it('does not start a retry the total bound leaves no time for', async () => {
    standIns.setMode('libretranslate', 'hang');
    // A clock that has run past the bound by the time the first attempt fails.
    let clock = 0;
    const counted = countingFetch();
    const { service } = remote(configured(), { fetch: counted.fetch, attemptTimeoutMs: 200, totalTimeoutMs: 1000, now: () => (clock += 600) });
    expect(await service.translate('endpoint', ['对的，就是这家'], 'zh', 'en')).toMatchObject({ failure: { code: 'timeout' } });
    expect(counted.calls()).toBe(1);
  });

  it('runs a web service the user turned on', async () => {
    const { service } = remote(configured({ translationProviders: ['microsoft-web', 'glossary'] }));
    expect(await service.translate('microsoft-web', TEXTS, 'zh', 'en')).toEqual({ translations: TEXTS.map((text) => standInTranslation('microsoft', text, 'en')) });
  });

  describe('the popup’s lines', () => {
    const TITLES = ['秋冬刺绣卫衣', '纯色连帽卫衣', '小熊的店'];

    it('sends nothing when no remote provider is on', async () => {
      const { service } = remote(configured({ translationProviders: ['on-device', 'glossary'] }));
      expect(await service.translateForPopup(TITLES, { tabId: 3 })).toEqual({ results: [null, null, null], failures: [] });
      expect(await remote(configured({ translationEnabled: false })).service.translateForPopup(TITLES)).toMatchObject({ results: [null, null, null] });
      expect(standIns.received).toEqual([]);
    });

    it('translates through the user’s providers in their order, one request, cached for the next popup', async () => {
      standIns.setMode('libretranslate', 'error-500');
      const { service, cache } = remote(configured({ translationProviders: ['endpoint', 'microsoft-web', 'glossary'] }));
      const reply = await service.translateForPopup(TITLES, { tabId: 3 });
      // LibreTranslate failed (three tries); Microsoft translated all three in one request.
      expect(reply.results).toEqual(TITLES.map((text) => ({ translation: standInTranslation('microsoft', text, 'en'), provider: 'web:microsoft' })));
      expect(reply.failures).toEqual([{ provider: 'endpoint:libretranslate', code: 'http', message: 'answered with an error' }]);
      expect(standIns.received.filter((entry) => entry.service === 'microsoft').map((entry) => entry.texts)).toEqual([TITLES]);
      expect(cache.size()).toBe(3);
      standIns.received.length = 0;
      expect((await service.translateForPopup(TITLES, { tabId: 3 })).results.map((result) => result?.provider)).toEqual(['web:microsoft', 'web:microsoft', 'web:microsoft']);
      expect(standIns.received.filter((entry) => entry.service === 'microsoft')).toEqual([]);
    });

    it('spends the budget of the note the popup shows, and its own off notes', async () => {
      const long = (n: number) => `${'好'.repeat(1000)}${n}`;
      // The tab shows note `note-of-1` (see `noteOf` above), whose page already spent 1,001 characters.
      const { service } = remote(configured({ translationBudget: { perNote: 2500, perDay: 100_000 } }));
      expect(await service.translate('endpoint', [long(1)], 'zh', 'en', { tabId: 1 })).toHaveProperty('translations');
      expect(await service.translateForPopup([long(2), long(3)], { tabId: 1 })).toMatchObject({ results: [null, null], failures: [{ code: 'over-budget' }] });
      expect((await service.translateForPopup([long(4)], { tabId: 1 })).results[0]).not.toBeNull();
      // Off a note, the popup has one budget of its own, whichever tab it opens on.
      expect((await service.translateForPopup([long(5), long(6)])).results.every(Boolean)).toBe(true);
      expect(await service.translateForPopup([long(7)])).toMatchObject({ results: [null], failures: [{ code: 'over-budget' }] });
    });
  });
});
