import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { unmarkAll } from '../../../lib/dom/marks';
import { createFakeConnector, type FakeHandlers } from '../../../lib/messaging/fake-connector';
import { saveSettings } from '../../../lib/settings/store';
import type { TranslatorApi, TranslatorAvailability } from '../../../lib/translate/on-device';
import { readNote, type ReadNote } from '../../../lib/xhs/read';
import { noteGlossInputs, noteLatinLanguages, prefillNoteTranslations } from '../../../entrypoints/background/translate';
import { pageSettingsFrom } from '../../../lib/translate/page-settings';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { translateFeature, type TranslateFeatureOptions } from '../../../entrypoints/xiaohongshu.content/translate';
import { barShadowForTests, prepareTranslateBar } from '../../../entrypoints/xiaohongshu.content/translate-bar';
import type { NoteSession } from '../../../entrypoints/xiaohongshu.content/note';
import '../../../lib/mentions/lexicon-bundled';
import { loadLexiconData } from '../../../lib/mentions/lexicon-data';
import { findPrices } from '../../../lib/mentions/prices';
import { loadCedictFile } from '../../../lib/translate/cedict-file';
import { createOfflineReader } from '../../../lib/translate/reading';

const NOTE_A = '6745a1b2000000001e01c3d4';
const URL_A = `https://www.xiaohongshu.com/explore/${NOTE_A}`;
const FIXTURE = readFileSync(`tests/fixtures/pages/xiaohongshu/note-${NOTE_A}.html`, 'utf8');
const LIBRE = { kind: 'libretranslate' as const, url: 'http://127.0.0.1:5000', apiKey: '', model: '', allowHttp: false };

/** A stand-in translation with no Chinese left in it (the pipeline rejects replies that keep it). */
const english = (text: string) => `EN(${text.length} chars)`;

/** Background answers: a glossary that echoes, franc saying English, an empty cache. */
function backgroundHandlers(overrides: FakeHandlers = {}): FakeHandlers {
  return {
    'translate:gloss': ({ texts }) => ({ lines: texts.map((text) => (text ? `gloss of ${text}` : '')) }),
    'translate:detect-latin': ({ texts }) => ({ languages: texts.map(() => 'en') }),
    'translate:cache-lookup': ({ requests }) => ({ translations: requests.map(() => null) }),
    'translate:cache-store': ({ entries }) => ({ stored: entries.length }),
    'translate:endpoint': ({ texts }) => ({ translations: texts.map(english) }),
    ...overrides,
  };
}

let container: Element;
let sessions: AbortController[];

beforeEach(() => {
  const doc = new DOMParser().parseFromString(FIXTURE, 'text/html');
  document.body.replaceChildren(document.importNode(doc.querySelector('#noteContainer')!, true));
  container = document.querySelector('#noteContainer')!;
  sessions = [];
});
afterEach(() => {
  for (const controller of sessions) controller.abort();
  document.body.removeAttribute('style');
});

/** What note.ts does for a feature: a session, a first reading, and re-readings on demand. */
function open(
  handlers: FakeHandlers,
  options: TranslateFeatureOptions = { translatorApi: undefined },
  withReply: (read: ReadNote) => Partial<ReturnType<NoteSession['current']>> = () => ({}),
) {
  const connector = createFakeConnector(handlers);
  const controller = new AbortController();
  sessions.push(controller);
  const listeners: Array<() => void> = [];
  let state: ReturnType<NoteSession['current']> | undefined;
  translateFeature(options)({
    ctx: {} as ContentScriptContext,
    connector,
    container,
    signal: controller.signal,
    current: () => state!,
    onRead: (listener) => listeners.push(listener),
    reread: () => (state = { ...state!, read: readNote(container, URL_A, NOTE_A)! }).read,
  });
  const reread = () => {
    unmarkAll(container);
    const read = readNote(container, URL_A, NOTE_A)!;
    state = { read, mentions: [], ...withReply(read) };
    for (const listener of listeners) listener();
  };
  reread();
  return { connector, controller, reread };
}

/** Chrome's Translator on a machine with no language models; counts how often it is asked. */
function translatorWithoutModels() {
  let asked = 0;
  const api: TranslatorApi = {
    availability: async () => {
      asked++;
      return 'unavailable';
    },
    create: () => Promise.reject(new Error('no model here')),
  };
  return { api, asked: () => asked };
}

const translations = () => [...container.querySelectorAll<HTMLElement>('[data-zc-translation]')];
const bar = () => container.querySelector('[data-zc-ui="translate-bar"]');
const barText = () => barShadowForTests(bar())?.textContent ?? '';
const barButton = (label: RegExp) =>
  [...(barShadowForTests(bar())?.querySelectorAll('button') ?? [])].find((button) => label.test(button.textContent ?? '') && !button.hidden);
/** A click as the user's own: the bar ignores clicks a page script makes (`isTrusted` false). */
function userClick(button: HTMLElement) {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  button.dispatchEvent(event);
}
/** The five texts of the fixture: title, caption, two comments and a reply. */
const FIELDS = ['title', 'desc', 'comments.0', 'comments.0.replies.0', 'comments.1'];

describe('the translation feature', () => {
  it('puts the word-by-word reading right under the title, caption, each comment and reply', async () => {
    // The background's real reader (CC-CEDICT and the glossary), as `translate:gloss` answers.
    await loadLexiconData();
    const reader = createOfflineReader({ dictionary: loadCedictFile(), findPrices });
    open(backgroundHandlers({ 'translate:gloss': ({ texts }) => ({ lines: texts.map((text) => (text ? reader.line(text) : '')) }) }));
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
    expect(translations().map((element) => element.dataset.zcField).sort()).toEqual([...FIELDS].sort());
    for (const element of translations()) {
      expect(element.getAttribute('data-zc-translation')).toBe('glossary');
      expect(element.title).toBe('Word-by-word reading from a dictionary, not a translation');
      expect(element.querySelector('.zc-reading-label')?.textContent).toBe('Word-by-word reading');
      expect(element.previousElementSibling?.matches('#detail-title, #detail-desc .note-text, .content .note-text')).toBe(true);
    }
    const lineUnder = (selector: string) => container.querySelector(selector)!.nextElementSibling!.querySelector('.zc-translation-gloss')!;
    const caption = container.querySelector('#detail-desc .note-text')!;
    expect(lineUnder('#detail-desc .note-text').textContent).toContain('this item · embroidered hoodie · really · absolutely amazing');
    expect(lineUnder('#detail-desc .note-text').textContent).toContain('only ¥68.29');
    const comments = [...container.querySelectorAll('.content .note-text')].map((element) => element.nextElementSibling?.querySelector('.zc-translation-gloss')?.textContent);
    expect(comments).toContain('Word-by-word reading asking for the link!!');
    expect(comments).toContain("Word-by-word reading Taobao, peach = táo · search · shop of the same name · you'll find it");
    // Pinyin on hover, as text: written when the pointer first comes to the line.
    const word = [...lineUnder('#detail-desc .note-text').querySelectorAll<HTMLElement>('.zc-reading-word')].find((element) => element.dataset.zh === '真的')!;
    expect(word.title).toBe('');
    word.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(word.title).toBe('真的 zhēn de — really; truly');
    // The original is untouched.
    expect(caption.textContent).toContain('姐妹们！这件刺绣卫衣真的绝绝子😭');
  });

  it('uses the glosses and languages that came with note:read instead of asking again', async () => {
    const english = container.querySelector('#comment-6745b0030000000012031a03 .note-text span')!;
    english.textContent = 'Is it warmer than the Uniqlo one?';
    const handlers = backgroundHandlers();
    const gloss = handlers['translate:gloss']!;
    const languages = await noteLatinLanguages(readNote(container, URL_A, NOTE_A)!.note);
    expect(languages).toEqual([['Is it warmer than the Uniqlo one?', 'en']]);
    const { connector } = open(handlers, undefined, (read) => {
      const texts = noteGlossInputs(read.note);
      const { lines } = gloss({ texts }) as { lines: string[] };
      return { glosses: new Map(texts.map((text, index) => [text, lines[index]!])), languages: new Map(languages) };
    });
    await vi.waitFor(() => expect(translations()).toHaveLength(4));
    expect(container.querySelector('#detail-desc .note-text')!.nextElementSibling?.textContent).toContain('gloss of 姐妹们！这件刺绣卫衣真的绝绝子');
    expect(connector.calls.filter((call) => call.type === 'translate:gloss' || call.type === 'translate:detect-latin')).toEqual([]);
  });

  it('shows the first pass that came with note:read (cache, then glossary) without asking the background again', async () => {
    const caption = readNote(container, URL_A, NOTE_A)!.note.desc;
    const cached = new Map([[caption, 'Sisters! This embroidered hoodie is amazing']]);
    const settings = pageSettingsFrom(DEFAULT_SETTINGS);
    const { api, asked } = translatorWithoutModels();
    // The background's own first pass over the same note.
    const prefilled = await prefillNoteTranslations(readNote(container, URL_A, NOTE_A)!.note, settings, {
      gloss: { id: 'glossary', translate: async (texts) => texts.map((text) => (text ? `gloss of ${text}` : '')) },
      cache: {
        lookup: async (requests) => requests.map((request) => (request.provider === 'on-device' ? cached.get(request.text) : undefined)),
        store: async () => undefined,
      },
      languages: new Map(),
    });
    const { connector } = open(backgroundHandlers(), { translatorApi: api }, () => ({ settings, translations: new Map(prefilled) }));
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
    const shownCaption = container.querySelector<HTMLElement>('[data-zc-field="desc"]')!;
    expect(shownCaption.textContent).toBe('Sisters! This embroidered hoodie is amazing');
    expect(shownCaption.getAttribute('data-zc-translation')).toBe('on-device');
    expect(shownCaption.title).toBe('Translated by On-device translation (saved earlier)');
    expect(container.querySelector('[data-zc-field="title"]')!.textContent).toContain('gloss of');
    // The model is asked about once per page and pair; with none, the pipeline never runs.
    await vi.waitFor(() => expect(asked()).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // No lookup, gloss or detection: only the model's state, passed on for other pages.
    expect(connector.calls.map((call) => call.type)).toEqual(['translate:on-device-state']);
    expect(barText()).not.toContain('failed');
  });

  it('asks Chrome about a language pair once, tells the background, and trusts what other pages reported', async () => {
    const { api, asked } = translatorWithoutModels();
    const first = open(backgroundHandlers({ 'translate:on-device-state': () => ({ stored: true }) }), { translatorApi: api });
    await vi.waitFor(() => expect(first.connector.calls.filter((call) => call.type === 'translate:on-device-state')).toHaveLength(1));
    expect(first.connector.calls.find((call) => call.type === 'translate:on-device-state')!.payload).toEqual({ pair: 'zh>en', state: 'unavailable' });
    expect(asked()).toBe(1);
    first.controller.abort();

    // Another page, whose note came with that answer: Chrome is not asked again, nothing is reported.
    const before = asked();
    const second = open(backgroundHandlers(), { translatorApi: api }, () => ({ onDevice: new Map([['zh>en', 'unavailable' as const]]) }));
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked()).toBe(before);
    expect(second.connector.calls.filter((call) => call.type === 'translate:on-device-state')).toEqual([]);
  });

  it('runs the machine pass in the page only for texts the first pass did not translate', async () => {
    const settings = {
      ...pageSettingsFrom(DEFAULT_SETTINGS),
      translationProviders: ['endpoint' as const, 'glossary' as const],
      endpoint: { provider: 'endpoint:libretranslate' as const, configured: true },
    };
    const read = readNote(container, URL_A, NOTE_A)!;
    const everything = new Map([read.note.title, read.note.desc, ...read.note.comments.flatMap((c) => [c.text, ...c.replies.map((r) => r.text)])].map((text) => [text, `cached ${english(text)}`]));
    const prefilled = await prefillNoteTranslations(read.note, settings, {
      gloss: { id: 'glossary', translate: async (texts) => texts.map(() => '') },
      cache: { lookup: async (requests) => requests.map((request) => everything.get(request.text)), store: async () => undefined },
      languages: new Map(),
    });
    const { connector } = open(backgroundHandlers(), { translatorApi: undefined }, () => ({ settings, translations: new Map(prefilled) }));
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
    expect(translations().every((element) => element.getAttribute('data-zc-translation') === 'endpoint:libretranslate')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Everything came from the cache: no endpoint call, no lookup, no gloss.
    expect(connector.calls).toEqual([]);
  });

  it('translates only what is not already in the reader’s language', async () => {
    const english = container.querySelector('#comment-6745b0030000000012031a03 .note-text span')!;
    english.textContent = 'Is it warmer than the Uniqlo one?';
    const { connector } = open(backgroundHandlers());
    await vi.waitFor(() => expect(translations()).toHaveLength(4));
    expect(container.querySelector('[data-zc-field="comments.1"]')).toBeNull();
    expect(connector.calls.find((call) => call.type === 'translate:detect-latin')?.payload).toEqual({
      texts: ['Is it warmer than the Uniqlo one?'],
    });
  });

  it('does not duplicate translations when the note is read again, and translates new comments once', async () => {
    const { connector, reread } = open(backgroundHandlers());
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
    const before = translations();
    reread();
    reread();
    // Comments load: a new one is appended (as the fixture app does from its template).
    const template = container.querySelector<HTMLTemplateElement>('template.more-comments')!;
    container.querySelector('.comments-container .list-container')!.appendChild(template.content.cloneNode(true));
    reread();
    await vi.waitFor(() => expect(translations()).toHaveLength(6));
    for (const element of before) expect(element.isConnected).toBe(true);
    const glossed = connector.calls.filter((call) => call.type === 'translate:gloss').flatMap((call) => (call.payload as { texts: string[] }).texts);
    expect(glossed.filter(Boolean)).toHaveLength(6);
    expect(container.querySelectorAll('[data-zc-ui="translate-bar"]')).toHaveLength(1);
  });

  it('removes everything when the note closes', async () => {
    const { controller } = open(backgroundHandlers());
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
    expect(bar()).not.toBeNull();
    controller.abort();
    expect(translations()).toHaveLength(0);
    expect(bar()).toBeNull();
  });

  it('gives the next note the same bar, back in its first state, and the closed note no hold on it', async () => {
    await saveSettings({ endpoint: LIBRE });
    const failing = backgroundHandlers({
      'translate:endpoint': () => ({ failure: { provider: 'endpoint:libretranslate', code: 'http', message: 'answered with an error' } }),
    });
    const first = open(failing);
    await vi.waitFor(() => expect(barText()).toContain('LibreTranslate answered with an error'));
    userClick(barButton(/Hide translation/)!);
    const firstBar = bar();
    // The page's idle preparation may run now, after the first note made its bar (under load it
    // often does): it builds a spare, and the closed note's bar must still be the one reused.
    prepareTranslateBar();
    first.controller.abort();
    expect(bar()).toBeNull();

    await saveSettings({ endpoint: { ...LIBRE, url: '' } });
    open(backgroundHandlers());
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
    expect(bar()).toBe(firstBar);
    expect(barText()).not.toContain('answered');
    expect(barButton(/Hide translation/)?.getAttribute('aria-pressed')).toBe('false');
    expect(translations().every((element) => !element.hidden)).toBe(true);
    // The bar's toggle now hides this note's translations.
    userClick(barButton(/Hide translation/)!);
    expect(translations().every((element) => element.hidden)).toBe(true);
  });

  it('shows the endpoint’s translation in place of the glossary, cached through the background', async () => {
    await saveSettings({ endpoint: LIBRE });
    const { connector } = open(backgroundHandlers());
    await vi.waitFor(() => expect(translations().filter((element) => element.getAttribute('data-zc-translation') === 'endpoint:libretranslate')).toHaveLength(5));
    const title = container.querySelector('[data-zc-field="title"]') as HTMLElement;
    expect(title.textContent).toBe(english('秋冬刺绣卫衣｜学生党平价好物分享'));
    expect(title.title).toBe('Translated by LibreTranslate');
    expect(connector.calls.some((call) => call.type === 'translate:cache-store')).toBe(true);
  });

  it('shows a failing provider’s error and keeps the glossary', async () => {
    await saveSettings({ endpoint: LIBRE });
    open(
      backgroundHandlers({
        'translate:endpoint': () => ({ failure: { provider: 'endpoint:libretranslate', code: 'http', message: 'answered with an error' } }),
      }),
    );
    await vi.waitFor(() => expect(barText()).toContain('LibreTranslate answered with an error — showing the word-by-word reading (details in Zhongcao’s options)'));
    expect(translations()).toHaveLength(5);
    expect(translations().every((element) => element.getAttribute('data-zc-translation') === 'glossary')).toBe(true);
    // Each block says so too.
    await vi.waitFor(() => expect(translations().every((element) => element.dataset.zcError === 'http')).toBe(true));
    expect(translations()[0]!.title).toMatch(/\nLibreTranslate answered with an error/);
  });

  it('never lets a broken background break the page', async () => {
    await saveSettings({ endpoint: LIBRE });
    const broken = () => {
      throw new Error('service worker is gone');
    };
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    open({
      'translate:gloss': broken,
      'translate:detect-latin': broken,
      'translate:cache-lookup': broken,
      'translate:cache-store': broken,
      'translate:endpoint': broken,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    expect(container.querySelector('#detail-title')!.textContent).toBe('秋冬刺绣卫衣｜学生党平价好物分享');
  });

  it('writes page text as text, never as HTML', async () => {
    container.querySelector('#comment-6745b0030000000012031a03 .note-text span')!.textContent = '<b>求链接</b>这个和优衣库的卫衣比哪个厚？';
    open(backgroundHandlers());
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
    expect(container.querySelector('[data-zc-translation] b')).toBeNull();
    expect(container.querySelector('[data-zc-field="comments.1"]')!.textContent).toBe('gloss of <b>求链接</b>这个和优衣库的卫衣比哪个厚？');
  });

  it('hides and shows this note’s translations from the bar', async () => {
    open(backgroundHandlers());
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
    // A page script's click does nothing.
    barButton(/Hide translation/)!.click();
    expect(translations().every((element) => !element.hidden)).toBe(true);
    userClick(barButton(/Hide translation/)!);
    expect(translations().every((element) => element.hidden)).toBe(true);
    userClick(barButton(/Show translation/)!);
    expect(translations().every((element) => !element.hidden)).toBe(true);
  });

  it('sends comments past the first screenful to a remote provider only when the user asks', async () => {
    const list = container.querySelector('.comments-container .list-container')!;
    for (let index = 0; index < 12; index++) {
      const comment = container.querySelector('.parent-comment:last-of-type')!.cloneNode(true) as Element;
      comment.querySelector('.comment-item')!.id = `comment-6745b1${String(index).padStart(6, '0')}000000000000`;
      comment.querySelector('.note-text span')!.textContent = `第${index}条：这件卫衣起球吗`;
      list.append(comment);
    }
    await saveSettings({ endpoint: LIBRE });
    const sent: string[] = [];
    open(backgroundHandlers({ 'translate:endpoint': ({ texts }) => (sent.push(...texts), { translations: texts.map(english) }) }));
    await vi.waitFor(() => expect(barText()).toContain('Translate 4 more comments'));
    // Title, caption and comments 0–9 (with the reply): the last four comments waited.
    expect(sent.some((text) => text.startsWith('第8条'))).toBe(false);
    expect(sent.some((text) => text.startsWith('第7条'))).toBe(true);
    const before = sent.length;
    // A page's click does nothing; the user's sends the rest.
    barButton(/Translate 4 more comments/)!.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent.length).toBe(before);
    userClick(barButton(/Translate 4 more comments/)!);
    await vi.waitFor(() => expect(sent.filter((text) => /^第(?:8|9|10|11)条/.test(text))).toHaveLength(4));
    await vi.waitFor(() => expect(barText()).not.toContain('more comments'));
    expect(translations().every((element) => element.getAttribute('data-zc-translation') === 'endpoint:libretranslate')).toBe(true);
  });

  it('speaks the interface language in the bar and the lines’ titles', async () => {
    await saveSettings({ uiLanguage: 'zh-CN' });
    open(backgroundHandlers());
    await vi.waitFor(() => expect(barButton(/隐藏翻译/)).toBeDefined());
    expect(translations()[0]!.title).toBe('逐词释义（来自词典，并非翻译）');
  });

  it('follows the global switch live', async () => {
    open(backgroundHandlers());
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
    await saveSettings({ translationEnabled: false });
    await vi.waitFor(() => expect(translations()).toHaveLength(0));
    expect(bar()).toBeNull();
    await saveSettings({ translationEnabled: true });
    await vi.waitFor(() => expect(translations()).toHaveLength(5));
  });

});

describe('on-device translation', () => {
  /** A Translator whose model must be downloaded first; `finish()` completes the download. */
  function fakeTranslator() {
    let state: TranslatorAvailability = 'downloadable';
    let progress: ((event: { loaded: number }) => void) | undefined;
    let finish: () => void = () => undefined;
    const api: TranslatorApi = {
      availability: async () => state,
      create: (options) =>
        new Promise((resolve) => {
          options.monitor?.({ addEventListener: (_type, listener) => (progress = listener) });
          finish = () => {
            state = 'available';
            resolve({ translate: async (text) => `on-device ${english(text)}` });
          };
          if (state === 'available') finish();
        }),
    };
    return { api, progress: (loaded: number) => progress?.({ loaded }), finish: () => finish() };
  }

  it('offers the download, shows its progress, then translates on the device', async () => {
    const translator = fakeTranslator();
    open(backgroundHandlers(), { translatorApi: translator.api });
    await vi.waitFor(() => expect(barButton(/Download on-device translation/)).toBeDefined());
    // Meanwhile the glossary answers.
    expect(translations().every((element) => element.getAttribute('data-zc-translation') === 'glossary')).toBe(true);
    expect(barText()).not.toContain('failed');
    userClick(barButton(/Download on-device translation/)!);
    translator.progress(0.42);
    expect(barText()).toContain('Downloading… 42%');
    translator.finish();
    await vi.waitFor(() => expect(translations().filter((element) => element.getAttribute('data-zc-translation') === 'on-device')).toHaveLength(5));
    expect(container.querySelector('[data-zc-field="title"]')!.textContent).toBe(`on-device ${english('秋冬刺绣卫衣｜学生党平价好物分享')}`);
    expect(barButton(/Download/)).toBeUndefined();
  });

  it('gives up on a download that stalls and keeps the fallback', async () => {
    const translator = fakeTranslator();
    open(backgroundHandlers(), { translatorApi: translator.api, onDeviceTimeouts: { downloadStallTimeoutMs: 30 } });
    await vi.waitFor(() => expect(barButton(/Download on-device translation/)).toBeDefined());
    userClick(barButton(/Download on-device translation/)!);
    await vi.waitFor(() => expect(barText()).toContain('Download failed: The on-device language pack stopped downloading'));
    expect(barButton(/Try the download again/)).toBeDefined();
    expect(translations()).toHaveLength(5);
  });
});
