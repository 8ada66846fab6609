import { render, screen, waitFor, within } from '@testing-library/preact';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Popup, type SettingsSource } from '../../../components/popup/Popup';
import type { StoredListing } from '../../../lib/db';
import '../../../lib/mentions/lexicon-bundled';
import { loadLexiconData } from '../../../lib/mentions/lexicon-data';
import { findPrices } from '../../../lib/mentions/prices';
import type { PopupTranslateReply } from '../../../lib/messaging/protocol';
import type { Mention, TabNoteState } from '../../../lib/messaging/schemas';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { translationCacheKey, type CacheKeyParts } from '../../../lib/translate/cache';
import { loadCedictFile } from '../../../lib/translate/cedict-file';
import { createOfflineReader, type OfflineReader } from '../../../lib/translate/reading';
import { fakeBackground } from './fake-background';

const settingsOf = (patch: Partial<Settings> = {}): SettingsSource => ({ load: async () => ({ ...DEFAULT_SETTINGS, ...patch }) });
const FRESH = () => Date.parse('2026-04-15T12:00:00Z');
const TITLE = '秋冬刺绣卫衣';
const noteState: TabNoteState = {
  status: 'note',
  note: { id: 'd'.repeat(24), url: 'https://www.xiaohongshu.com/explore/t', title: TITLE, layout: 'page', source: 'dom', comments: 0, replies: 0, images: 0, chars: 6 },
  mentions: [
    { field: 'desc', start: 0, end: 4, text: '刺绣卫衣', kind: 'product', confidence: 1, category: 'hoodie', en: 'embroidered hoodie', query: '刺绣卫衣' } satisfies Mention,
  ],
  updatedAt: 1,
};
const listing: StoredListing = {
  id: 'taobao:100001', platform: 'taobao', itemId: '100001', title: '纯色连帽卫衣', priceCny: 39, url: 'https://item.taobao.com/item.htm?id=100001',
  seenAt: 1, firstSeenAt: 1, queries: ['刺绣卫衣'], watched: 0, shop: '小熊的店',
};

let reader: OfflineReader;
beforeAll(async () => {
  await loadLexiconData();
  reader = createOfflineReader({ dictionary: loadCedictFile(), findPrices });
});

/** The background's cache and reading, in memory: the title was machine-translated on the page before. */
function backgroundWithCache(settings: Settings = DEFAULT_SETTINGS) {
  const cached = new Map<string, string>([[translationCacheKey({ text: TITLE, source: 'zh', target: settings.translationTarget, provider: 'on-device' }), 'Autumn/winter embroidered sweatshirt']]);
  return fakeBackground({
    settings,
    handlers: {
      'note:get': () => noteState,
      'translate:cache-lookup': ({ requests }) => ({ translations: requests.map((request: CacheKeyParts) => cached.get(translationCacheKey(request)) ?? null) }),
      'translate:gloss': ({ texts }) => ({ lines: texts.map((text) => reader.line(text)) }),
    },
  });
}

describe('translated lines in the popup', () => {
  it('gives the note title, a listing title and a shop name a line, saying which is a reading', async () => {
    const background = backgroundWithCache();
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    const titleLine = await screen.findByTestId('note-title-line');
    // Cached machine translation: shown as a translation, in the target language.
    expect(titleLine.textContent).toBe('Translated by On-device translation: Autumn/winter embroidered sweatshirt');
    expect(titleLine.querySelector('[lang="en"]')?.textContent).toBe('Autumn/winter embroidered sweatshirt');

    await background.capture(listing);
    const row = await screen.findByTestId('listing');
    const listingLine = await within(row).findByTestId('listing-title-line');
    const shopLine = await within(row).findByTestId('shop-line');
    // Nothing cached for these: the offline reading, never called a translation.
    expect(listingLine.textContent).toMatch(/^Word-by-word reading: /);
    expect(listingLine.textContent).toMatch(/hoodie|sweatshirt/i);
    expect(shopLine.textContent).toMatch(/^Word-by-word reading: .*shop/i);
    expect(listingLine.dataset.kind).toBe('reading');
    expect(listingLine.title).toMatch(/not a translation/);
    // Plain text, not markup from the reading line.
    expect(listingLine.querySelectorAll('*')).toHaveLength(1);

    // The listing's two texts went in one batch; nothing was sent to a remote translator.
    const glosses = background.connector.calls.filter((call) => call.type === 'translate:gloss').map((call) => (call.payload as { texts: string[] }).texts);
    expect(glosses).toContainEqual(expect.arrayContaining(['纯色连帽卫衣', '小熊的店']));
    expect(glosses.flat()).not.toContain(TITLE);
    // No remote provider is on: nothing was sent to a translator.
    expect(background.connector.calls.some((call) => call.type === 'translate:endpoint' || call.type === 'translate:popup')).toBe(false);
    expect(listingLine.dataset.state).toBeUndefined();
  });

  it('labels the lines in 简体中文 and shows none when translation is off', async () => {
    const background = backgroundWithCache();
    const { unmount } = render(<Popup connector={background.connector} tabId={3} settings={settingsOf({ uiLanguage: 'zh-CN' })} now={FRESH} />);
    await background.capture(listing);
    const row = await screen.findByTestId('listing');
    await waitFor(() => expect(within(row).getByTestId('shop-line').textContent).toMatch(/^逐词释义：/));
    expect((await screen.findByTestId('note-title-line')).textContent).toBe('译文（本机翻译）：Autumn/winter embroidered sweatshirt');
    unmount();

    const off = backgroundWithCache();
    render(<Popup connector={off.connector} tabId={3} settings={settingsOf({ translationEnabled: false })} now={FRESH} />);
    await off.capture(listing);
    await screen.findByTestId('listing');
    expect(screen.queryByTestId('note-title-line')).toBeNull();
    expect(off.connector.calls.some((call) => call.type === 'translate:gloss' || call.type === 'translate:cache-lookup')).toBe(false);
  });
});

describe('machine translations in the popup', () => {
  const LIBRE: Partial<Settings> = {
    translationProviders: ['endpoint', 'glossary'],
    endpoint: { ...DEFAULT_SETTINGS.endpoint, kind: 'libretranslate', url: 'https://libre.example/' },
    endpointConfigured: true,
  };
  /** A background whose remote translation answers when the test says so. */
  function backgroundWithRemote(answer: (texts: string[]) => PopupTranslateReply) {
    const settings = { ...DEFAULT_SETTINGS, ...LIBRE };
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const background = fakeBackground({
      settings,
      handlers: {
        'note:get': () => noteState,
        'translate:cache-lookup': ({ requests }) => ({ translations: requests.map(() => null) }),
        'translate:gloss': ({ texts }) => ({ lines: texts.map((text) => reader.line(text)) }),
        'translate:popup': async ({ texts }) => {
          await released;
          return answer(texts);
        },
      },
    });
    return { background, release, settings };
  }
  const remoteTexts = (background: ReturnType<typeof fakeBackground>) =>
    background.connector.calls.filter((call) => call.type === 'translate:popup').flatMap((call) => (call.payload as { texts: string[] }).texts);

  it('shows the reading at once, then the provider’s translation in its place', async () => {
    const { background, release } = backgroundWithRemote((texts) => ({
      results: texts.map((text) => ({ translation: `EN(${text.length})`, provider: 'endpoint:libretranslate' })),
      failures: [],
    }));
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf(LIBRE)} now={FRESH} />);
    const titleLine = await screen.findByTestId('note-title-line');
    await waitFor(() => expect(titleLine.textContent).toMatch(/^Word-by-word reading: .*embroider.* \(translating…\)$/));
    await background.capture(listing);
    const row = await screen.findByTestId('listing');
    await within(row).findByTestId('shop-line');
    release();
    await waitFor(() => expect(screen.getByTestId('note-title-line').textContent).toBe(`Translated by LibreTranslate: EN(${TITLE.length})`));
    await waitFor(() => expect(within(row).getByTestId('listing-title-line').textContent).toBe('Translated by LibreTranslate: EN(6)'));
    expect(within(row).getByTestId('shop-line').textContent).toBe('Translated by LibreTranslate: EN(4)');
    expect(screen.getByTestId('note-title-line').dataset.provider).toBe('endpoint:libretranslate');
    // Each text went to the background once, with the tab whose note's budget it spends.
    const sent = remoteTexts(background);
    expect([...sent].sort()).toEqual([TITLE, '小熊的店', '纯色连帽卫衣'].sort());
    expect(background.connector.calls.find((call) => call.type === 'translate:popup')?.payload).toMatchObject({ tabId: 3 });
  });

  it('keeps the reading and says the provider failed, in English and in 简体中文', async () => {
    const failing = () =>
      backgroundWithRemote((texts) => ({
        results: texts.map(() => null),
        failures: [{ provider: 'endpoint:libretranslate', code: 'timeout', message: 'did not answer in time' }],
      }));
    const english = failing();
    english.release();
    const { unmount } = render(<Popup connector={english.background.connector} tabId={3} settings={settingsOf(LIBRE)} now={FRESH} />);
    await waitFor(() =>
      expect(screen.getByTestId('note-title-line').textContent).toMatch(/^Word-by-word reading: .*embroider.* \(LibreTranslate did not answer in time, even when asked again\)$/),
    );
    expect(screen.getByTestId('note-title-line').dataset.kind).toBe('reading');
    unmount();

    const chinese = failing();
    chinese.release();
    render(<Popup connector={chinese.background.connector} tabId={3} settings={settingsOf({ ...LIBRE, uiLanguage: 'zh-CN' })} now={FRESH} />);
    await waitFor(() => expect(screen.getByTestId('note-title-line').textContent).toMatch(/^逐词释义：.*（LibreTranslate多次请求都没有及时回应）$/));
  });
});

describe('on-device translation in the popup', () => {
  /** Chrome's Translator as the popup's window sees it: a model for zh → en that is there, or one still to download. */
  function fakeTranslator(state: 'available' | 'downloadable') {
    const created: string[] = [];
    const asked: string[] = [];
    const api = {
      availability: async ({ sourceLanguage, targetLanguage }: { sourceLanguage: string; targetLanguage: string }) => {
        asked.push(`${sourceLanguage}>${targetLanguage}`);
        return state;
      },
      create: async ({ sourceLanguage, targetLanguage }: { sourceLanguage: string; targetLanguage: string }) => {
        created.push(`${sourceLanguage}>${targetLanguage}`);
        return { translate: async (text: string) => `OD(${text.length})` };
      },
    };
    (globalThis as { Translator?: unknown }).Translator = api;
    onTestFinished(() => void delete (globalThis as { Translator?: unknown }).Translator);
    return { created, asked };
  }
  function background(settings: Settings) {
    return fakeBackground({
      settings,
      handlers: {
        'note:get': () => noteState,
        'translate:cache-lookup': ({ requests }) => ({ translations: requests.map(() => null) }),
        'translate:cache-store': ({ entries }) => ({ stored: entries.length }),
        'translate:gloss': ({ texts }) => ({ lines: texts.map((text) => reader.line(text)) }),
      },
    });
  }

  it('translates with the model already on this machine, caches it, and sends nothing anywhere', async () => {
    const { created } = fakeTranslator('available');
    const settings = { ...DEFAULT_SETTINGS, translationProviders: ['on-device', 'glossary'] as Settings['translationProviders'] };
    const { connector } = background(settings);
    render(<Popup connector={connector} tabId={3} settings={settingsOf(settings)} now={FRESH} />);
    await waitFor(() => expect(screen.getByTestId('note-title-line').textContent).toBe(`Translated by On-device translation: OD(${TITLE.length})`));
    expect(created).toEqual(['zh>en']);
    const stored = connector.calls.filter((call) => call.type === 'translate:cache-store').flatMap((call) => (call.payload as { entries: CacheKeyParts[] }).entries);
    expect(stored).toContainEqual(expect.objectContaining({ text: TITLE, source: 'zh', target: 'en', provider: 'on-device', translation: `OD(${TITLE.length})` }));
    expect(connector.calls.some((call) => call.type === 'translate:popup' || call.type === 'translate:endpoint')).toBe(false);
  });

  it('leaves a model still to download alone: the reading stays', async () => {
    const { created, asked } = fakeTranslator('downloadable');
    const settings = { ...DEFAULT_SETTINGS, translationProviders: ['on-device', 'glossary'] as Settings['translationProviders'] };
    const { connector } = background(settings);
    render(<Popup connector={connector} tabId={3} settings={settingsOf(settings)} now={FRESH} />);
    await waitFor(() => expect(screen.getByTestId('note-title-line').textContent).toMatch(/^Word-by-word reading: /));
    // The popup asked about the model, heard it is not there, and went no further.
    await waitFor(() => expect(asked).toContain('zh>en'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(created).toEqual([]);
    expect(connector.calls.some((call) => call.type === 'translate:cache-store')).toBe(false);
    expect(screen.getByTestId('note-title-line').dataset.kind).toBe('reading');
  });
});
