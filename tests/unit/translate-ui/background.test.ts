import { describe, expect, it } from 'vitest';
import { createTranslateHandlers, TEST_SAMPLE, type TranslateHandlerDeps } from '../../../entrypoints/background/translate';
import { createRouter } from '../../../lib/messaging/router';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import type { TranslationCache } from '../../../lib/translate/cache';
import type { FetchLike } from '../../../lib/translate/endpoints';
import { loadCedictFile } from '../../../lib/translate/cedict-file';
import { decodeReading, plainLine, readingText } from '../../../lib/translate/reading-line';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const fromNote = { id: ID, url: 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4', tab: { id: 4, url: 'https://www.xiaohongshu.com/' } };
const fromTaobao = { id: ID, url: 'https://s.taobao.com/search?q=x', tab: { id: 5 } };
const fromOptions = { id: ID, url: `${ORIGIN}options.html` };
const withEndpoint: Settings = { ...DEFAULT_SETTINGS, endpoint: { kind: 'libretranslate', url: 'http://127.0.0.1:5000', apiKey: '', model: '', allowHttp: false }, endpointConfigured: true };
const ctx = { sender: fromNote, kind: 'xiaohongshu' as const, tabId: 4 };

/** A cache of this test's own: the background stores what a remote provider returned. */
function memoryCache(): TranslationCache {
  const store = new Map<string, string>();
  const key = (parts: { text: string; source: string; target: string; provider: string }) => [parts.provider, parts.source, parts.target, parts.text].join('\u0000');
  return {
    lookup: async (requests) => requests.map((request) => store.get(key(request))),
    store: async (entries) => void entries.forEach((entry) => store.set(key(entry), entry.translation)),
  };
}

const recorded: Array<{ provider: string; message?: string }> = [];
function handlers(deps: TranslateHandlerDeps = {}) {
  return createTranslateHandlers({
    settings: async () => withEndpoint,
    hasPermission: async () => true,
    cache: memoryCache(),
    remote: {
      retryDelaysMs: [0, 0],
      sleep: async () => undefined,
      usage: { get: async () => null, set: async () => undefined },
      recordError: async (provider, detail) => void recorded.push({ provider, message: detail?.message }),
    },
    ...deps,
  });
}

const reply = (status: number, body: string): FetchLike => async () => new Response(body, { status });

describe('translate:endpoint', () => {
  it('translates with the endpoint from the settings, never one from the message', async () => {
    const urls: string[] = [];
    const fetch: FetchLike = async (url, init) => {
      urls.push(url);
      const { q } = JSON.parse(String(init.body)) as { q: string[] };
      return new Response(JSON.stringify({ translatedText: q.map((text) => `T:${text.length}`) }));
    };
    const answer = await handlers({ fetch })['translate:endpoint']({ texts: ['求链接', '绝绝子'], from: 'zh', to: 'en' }, ctx);
    expect(answer).toEqual({ translations: ['T:3', 'T:3'] });
    expect(urls).toEqual(['http://127.0.0.1:5000/translate']);
  });

  it.each<[string, FetchLike, string, string, RegExp]>([
    ['a server error', reply(500, '{"error":"boom"}'), 'http', 'answered with an error', /127\.0\.0\.1:5000 answered 500.*boom/],
    ['a reply that is not JSON', reply(200, '<html>'), 'bad-response', 'answered with something that is not a translation', /did not answer with JSON/],
    ['JSON of the wrong shape', reply(200, '{"translation":"x"}'), 'bad-response', 'answered with something that is not a translation', /unexpected shape/],
    ['no connection', async () => Promise.reject(new TypeError('Failed to fetch')), 'network', 'could not be reached', /Could not reach 127\.0\.0\.1:5000/],
  ])('turns %s into a generic failure for the page, the detail for Options', async (_name, fetch, code, generic, detail) => {
    recorded.length = 0;
    const answer = await handlers({ fetch })['translate:endpoint']({ texts: ['求链接'], from: 'zh', to: 'en' }, ctx);
    expect(answer).toEqual({ failure: { provider: 'endpoint:libretranslate', code, message: generic } });
    // Neither host, port nor the server's words reach the page.
    expect(JSON.stringify(answer)).not.toMatch(/127\.0\.0\.1|5000|boom/);
    expect(recorded.at(-1)).toMatchObject({ provider: 'endpoint:libretranslate', message: expect.stringMatching(detail) });
  });

  it('says what to do when the host permission was not granted, and sends nothing', async () => {
    let fetched = false;
    const fetch: FetchLike = async () => {
      fetched = true;
      return new Response('{}');
    };
    const answer = await handlers({ fetch, hasPermission: async () => false })['translate:endpoint']({ texts: ['求链接'], from: 'zh', to: 'en' }, ctx);
    expect(answer).toEqual({
      failure: { provider: 'endpoint:libretranslate', code: 'needs-user-action', message: 'needs your attention in the options page' },
    });
    expect(recorded.at(-1)).toMatchObject({ message: 'Allow Zhongcao to reach 127.0.0.1:5000 in the options page.' });
    expect(fetched).toBe(false);
  });
});

describe('translate:test-endpoint', () => {
  it('translates the sample through unsaved settings and times it', async () => {
    const fetch: FetchLike = async (url) => new Response(JSON.stringify({ translatedText: [`from ${new URL(url).host}`] }));
    let clock = 1000;
    const answer = await handlers({ fetch, now: () => (clock += 250) })['translate:test-endpoint'](
      { endpoint: { kind: 'libretranslate', url: 'https://libre.example/', apiKey: '', model: '', allowHttp: false } },
      { sender: fromOptions, kind: 'extension' },
    );
    expect(answer).toEqual({ provider: 'endpoint:libretranslate', sample: TEST_SAMPLE, translation: 'from libre.example', elapsedMs: 250 });
  });

  it('reports a missing URL as a failure', async () => {
    const answer = await createTranslateHandlers({ settings: async () => DEFAULT_SETTINGS })['translate:test-endpoint']({}, { sender: fromOptions, kind: 'extension' });
    expect(answer).toMatchObject({ failure: { code: 'unavailable', message: 'Set the translation endpoint URL in the options page.' } });
  });
});

describe('translate:gloss', () => {
  const dictionary = async () => loadCedictFile();

  it('reads slang, products and prices word by word, with the user’s currency', async () => {
    const { lines } = await handlers({ fxRate: async () => ({ currency: 'USD', perCny: 0.1429 }), loadDictionary: dictionary })['translate:gloss'](
      { texts: ['这件刺绣卫衣真的绝绝子，一百多块闭眼入！', '', 'hello'] },
      ctx,
    );
    const reading = decodeReading(lines[0]!)!;
    expect(reading.label).toBe('Word-by-word reading');
    // lib/mentions/prices reads 一百多 as 100–200.
    expect(readingText(reading.tokens)).toBe('this item · embroidered hoodie · really · absolutely amazing, ¥100-odd (about $14) · buy without hesitation!');
    expect(reading.tokens.find((token) => token.text === '真的')).toMatchObject({ pinyin: 'zhēn de' });
    expect(lines.slice(1)).toEqual(['', '']);
  });

  it('falls back to yuan when no rate can be read', async () => {
    const { lines } = await handlers({ fxRate: () => Promise.reject(new Error('no db')), loadDictionary: dictionary })['translate:gloss']({ texts: ['只要68.29元'] }, ctx);
    expect(plainLine(lines[0]!)).toBe('only ¥68.29');
  });

  it('labels the reading in the interface language', async () => {
    const { lines } = await createTranslateHandlers({ settings: async () => ({ ...DEFAULT_SETTINGS, uiLanguage: 'zh-CN' }), loadDictionary: dictionary })['translate:gloss']({ texts: ['求店名'] }, ctx);
    expect(decodeReading(lines[0]!)).toMatchObject({ label: '逐词释义', tokens: [{ text: '求店名', en: 'asking for the shop name' }] });
  });

  it('still reads the glossary’s words when the dictionary cannot be loaded', async () => {
    const { lines } = await handlers({ loadDictionary: () => Promise.reject(new Error('404')) })['translate:gloss']({ texts: ['面料不起球，包邮'] }, ctx);
    expect(plainLine(lines[0]!)).toBe('fabric · not pilling, free shipping');
  });
});

describe('translate:detect-latin', () => {
  it('tells English from other Latin-script languages with franc', async () => {
    const { languages } = await handlers()['translate:detect-latin']({ texts: ['So cute, where can I buy it?', 'Trop mignon, je le veux absolument pour cet hiver'] }, ctx);
    expect(languages).toEqual(['en', 'fr']);
  });
});

describe('the translation cache through messages', () => {
  it('stores and finds translations, null for a miss', async () => {
    const store = new Map<string, string>();
    const cache: TranslationCache = {
      lookup: async (requests) => requests.map((request) => store.get(request.text)),
      store: async (entries) => void entries.forEach((entry) => store.set(entry.text, entry.translation)),
    };
    const h = handlers({ cache });
    const key = { text: '求链接', source: 'zh', target: 'en', provider: 'endpoint:libretranslate' };
    expect(await h['translate:cache-store']({ entries: [{ ...key, translation: 'Link please' }] }, ctx)).toEqual({ stored: 1 });
    expect(await h['translate:cache-lookup']({ requests: [key, { ...key, text: '绝绝子' }] }, ctx)).toEqual({ translations: ['Link please', null] });
  });

  it('uses the Dexie cache by default', async () => {
    const h = createTranslateHandlers({ settings: async () => DEFAULT_SETTINGS });
    const key = { text: '闭眼入', source: 'zh', target: 'en', provider: 'on-device' };
    await h['translate:cache-store']({ entries: [{ ...key, translation: 'Buy it blind' }] }, ctx);
    expect(await h['translate:cache-lookup']({ requests: [key] }, ctx)).toEqual({ translations: ['Buy it blind'] });
  });
});

describe('the router guards the translation messages', () => {
  const route = createRouter(handlers(), { extensionId: ID, extensionOrigin: ORIGIN });

  it('refuses them from the Taobao content script', async () => {
    expect(await route({ zc: 1, type: 'translate:endpoint', payload: { texts: ['x'], from: 'zh', to: 'en' } }, fromTaobao)).toEqual({
      ok: false,
      error: 'Message "translate:endpoint" is not accepted from this sender',
    });
  });

  it('keeps the Test button to extension pages', async () => {
    expect(await route({ zc: 1, type: 'translate:test-endpoint', payload: {} }, fromNote)).toMatchObject({ ok: false });
  });

  it.each([
    ['a language that is not a tag', { texts: ['x'], from: 'zh"; DROP', to: 'en' }],
    ['too many texts', { texts: Array.from({ length: 101 }, () => 'x'), from: 'zh', to: 'en' }],
    ['no texts', { texts: [], from: 'zh', to: 'en' }],
  ])('rejects %s', async (_name, payload) => {
    expect(await route({ zc: 1, type: 'translate:endpoint', payload }, fromNote)).toMatchObject({ ok: false, error: expect.stringContaining('Invalid') });
  });

  it('caches only machine providers', async () => {
    const entry = { text: 'x', source: 'zh', target: 'en', provider: 'glossary', translation: 'y' };
    expect(await route({ zc: 1, type: 'translate:cache-store', payload: { entries: [entry] } }, fromNote)).toMatchObject({ ok: false });
  });
});
