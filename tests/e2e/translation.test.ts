import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Page } from 'puppeteer-core';
import { CHROME_BUILD, launchWithExtension, openPage, type ExtensionBrowser } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { startTranslationStandIns, type StandInMode, type StandIns } from '../support/translation-standins';
import { clickShadowButton, onShadowNode, shadowButtons, shadowText } from '../support/closed-shadow';
import { setTranslationSettings } from '../support/translation-settings';

/**
 * Translation in the built extension on the fixture note. Chromium's own Translator
 * cannot download a model here, so the glossary and a LibreTranslate-compatible server on loopback
 * are what translate.
 *
 * The endpoint's host permission: `optional_host_permissions` are granted by `permissions.request`
 * after a browser prompt that no automation can answer (puppeteer#5054), and
 * `developerPrivate.addHostPermission` does not cover optional hosts. So the test loads a copy of the
 * build whose manifest also lists `http://127.0.0.1/*` as a host permission: the same code, with the
 * permission the user would have granted in the options page already in place.
 */

const NOTE = '6745a1b2000000001e01c3d4';
const BUNDLED_USD_PER_CNY = (JSON.parse(readFileSync('lib/landed/data/fx-rates.json', 'utf8')) as { rates: { USD: number } }).rates.USD;
const NOTE_URL = `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=AB1&xsec_source=pc_feed`;
const CAPTION = '#detail-desc .note-text';
const CAPTION_TEXT = '姐妹们！这件刺绣卫衣真的绝绝子😭 加绒超厚实，某宝只要68.29元，闭眼入！';

let server: FixtureServer;
let libre: StandIns;
let ext: ExtensionBrowser;
let buildCopy: string;

beforeAll(async () => {
  server = await startFixtureServer();
  // The file runs for minutes on a loaded machine: the stand-in must outlive it.
  libre = await startTranslationStandIns({ lifetimeMs: 900_000 });
  buildCopy = mkdtempSync(join(tmpdir(), 'zhongcao-translation-'));
  cpSync(CHROME_BUILD, buildCopy, { recursive: true });
  const manifestPath = join(buildCopy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions.push('http://127.0.0.1/*');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  ext = await launchWithExtension(server, { extensionDir: buildCopy });
});
afterAll(async () => {
  await ext?.close();
  await libre?.close();
  await server?.close();
  if (buildCopy) rmSync(buildCopy, { recursive: true, force: true });
});

/** Writes the settings and empties the translation cache. */
const prepare = (settings: Record<string, unknown>) => setTranslationSettings(ext, settings);

/** Opens the note, recording anything the page throws. */
async function openNote(): Promise<{ page: Page; pageErrors: Error[] }> {
  const page = await ext.browser.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error as Error));
  await page.goto(NOTE_URL, { waitUntil: 'load' });
  await page.waitForFunction((id) => document.documentElement.dataset.zcNote === id, { timeout: 10_000 }, NOTE);
  return { page, pageErrors };
}

const captionTranslation = (page: Page) =>
  page.$eval(`${CAPTION} + [data-zc-translation]`, (element) => ({
    provider: element.getAttribute('data-zc-translation'),
    text: element.textContent ?? '',
    title: element.getAttribute('title'),
  }));
const barText = (page: Page) => shadowText(page, 'translate-bar');
/** Waits until the bar's text matches (the bar is in a closed shadow root: read through DevTools). */
async function waitForBar(page: Page, pattern: RegExp, timeout = 15_000): Promise<string> {
  const end = Date.now() + timeout;
  for (;;) {
    const text = await barText(page);
    if (pattern.test(text)) return text;
    if (Date.now() > end) throw new Error(`The bar never said ${pattern}; it says "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('translation on the fixture note', () => {
  it('shows the word-by-word reading under the caption when no machine translation is available', async () => {
    await prepare({});
    const { page, pageErrors } = await openNote();
    await page.waitForSelector(`${CAPTION} + [data-zc-translation="glossary"]`, { timeout: 15_000 });
    const caption = await captionTranslation(page);
    // Read from the packaged dictionary, fetched by the background on first use.
    expect(caption.text).toMatch(/^Word-by-word reading /);
    expect(caption.text).toContain('this item · embroidered hoodie · really · absolutely amazing');
    // In dollars at the bundled rate (lib/landed/data/fx-rates.json), whatever its date.
    const dollars = Number(/only ¥68\.29 \(about \$(\d+(?:\.\d+)?)\)/.exec(caption.text)?.[1]);
    expect(Math.abs(dollars - 68.29 * BUNDLED_USD_PER_CNY)).toBeLessThan(0.5);
    expect(caption.title).toBe('Word-by-word reading from a dictionary, not a translation');
    // Pinyin on hover, for learners: the title is there once the pointer is on the word.
    const really = `${CAPTION} + [data-zc-translation] .zc-reading-word[data-zh="真的"]`;
    await page.hover(really);
    expect(await page.$eval(really, (element) => element.getAttribute('title'))).toBe('真的 zhēn de — really; truly');
    // By keyboard: the line is one tab stop, the arrows move between words, the tip tells the pinyin.
    const line = `${CAPTION} + [data-zc-translation] .zc-translation-gloss`;
    expect(await page.$$eval(`${line} .zc-reading-word[tabindex="0"]`, (elements) => elements.length)).toBe(1);
    await page.focus(`${line} .zc-reading-word[tabindex="0"]`);
    const tip = () =>
      page.$eval(`${line} [role="tooltip"]`, (element) => ({
        text: element.textContent,
        shown: element.checkVisibility(),
        describes: document.activeElement?.getAttribute('aria-describedby') === element.id,
        focused: (document.activeElement as HTMLElement | null)?.dataset.zh,
      }));
    for (let moves = 0; moves < 10 && (await tip()).focused !== '真的'; moves++) await page.keyboard.press('ArrowRight');
    expect(await tip()).toEqual({ text: '真的 zhēn de — really; truly', shown: true, describes: true, focused: '真的' });
    await page.keyboard.press('Escape');
    expect((await tip()).shown).toBe(false);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // Every comment gets a line, the short ones too.
    const comments = await page.$$eval('.content .note-text + [data-zc-translation]', (elements) => elements.map((element) => element.textContent));
    expect(comments).toContain('Word-by-word reading asking for the link!!');
    // Title, caption, two comments and a reply, then the comment that loads later: each once.
    await page.waitForFunction(() => document.querySelectorAll('[data-zc-translation]').length === 6, { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.$$eval('[data-zc-translation]', (elements) => elements.map((element) => element.getAttribute('data-zc-field')))).toEqual([
      'title',
      'desc',
      'comments.0',
      'comments.0.replies.0',
      'comments.1',
      'comments.2',
    ]);
    // The original stays as it was.
    expect(await page.$eval(CAPTION, (element) => element.textContent)).toContain(CAPTION_TEXT);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('reads on light and dark pages: translations and the bar take their colours from the page text', async () => {
    await prepare({});
    const { page } = await openNote();
    // Closed whatever happens: an open note would go on translating when the next test saves settings.
    onTestFinished(() => page.close());
    await page.waitForSelector(`${CAPTION} + [data-zc-translation]`, { timeout: 15_000 });
    await page.waitForSelector('[data-zc-ui="translate-bar"]');
    /** Relative luminance (0 black … 1 white) of the caption's translation and the bar's toggle. */
    const luminances = () =>
      page.evaluate((caption: string) => {
        const luminance = (color: string) => {
          const [r, g, b] = /rgba?\((\d+), (\d+), (\d+)/.exec(color)!.slice(1, 4).map((v) => Number(v) / 255);
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        const translation = document.querySelector(`${caption} + [data-zc-translation]`)!;
        return luminance(getComputedStyle(translation).color);
      }, CAPTION)
        .then(async (translation) => {
          const [toggle] = await shadowButtons(page, 'translate-bar');
          const color = await onShadowNode<string>(page, toggle!.backendNodeId, 'function () { return getComputedStyle(this).color; }');
          const [r, g, b] = /rgba?\((\d+), (\d+), (\d+)/.exec(color)!.slice(1, 4).map((v) => Number(v) / 255);
          return { translation, toggle: 0.2126 * r! + 0.7152 * g! + 0.0722 * b! };
        });
    const light = await luminances();
    expect(light.translation).toBeLessThan(0.45);
    expect(light.toggle).toBeLessThan(0.45);
    // The reader switches the site to its dark mode (the fixture's `body.dark`, light text on black).
    await page.evaluate(() => document.body.classList.add('dark'));
    const dark = await luminances();
    expect(dark.translation).toBeGreaterThan(0.55);
    expect(dark.toggle).toBeGreaterThan(0.55);
  });

  it('offers the on-device download, and keeps the word-by-word reading while it cannot finish', async () => {
    // This Chromium has a Translator whose availability() says `downloadable` and whose create()
    // never finishes: the content script sees it in its own world too.
    await prepare({});
    const { page, pageErrors } = await openNote();
    await waitForBar(page, /Download on-device translation/);
    // The page cannot see into the bar, nor press its buttons.
    expect(await page.$eval('[data-zc-ui="translate-bar"]', (host) => host.shadowRoot)).toBeNull();
    await clickShadowButton(page, 'translate-bar', /^Download on-device translation$/);
    await waitForBar(page, /Downloading…/, 5000);
    expect((await captionTranslation(page)).provider).toBe('glossary');
    expect(await barText(page)).not.toContain('error');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows the LibreTranslate server’s translation when one is configured', async () => {
    libre.setMode('libretranslate', 'ok');
    await prepare({ endpoint: { kind: 'libretranslate', url: libre.url, apiKey: '', model: '' } });
    const { page, pageErrors } = await openNote();
    await page.waitForSelector(`${CAPTION} + [data-zc-translation="endpoint:libretranslate"]`, { timeout: 20_000 });
    const caption = await captionTranslation(page);
    expect(caption.text).toMatch(/^\[libretranslate→en\] \d+ chars$/);
    expect(caption.title).toBe('Translated by LibreTranslate');
    expect(libre.received.flatMap((entry) => entry.texts)).toContain('秋冬刺绣卫衣｜学生党平价好物分享');
    expect(await barText(page)).not.toContain('error');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it.each<[StandInMode, RegExp]>([
    ['error-500', /LibreTranslate answered with an error — showing the word-by-word reading \(details in Zhongcao’s options\)/],
    ['bad-json', /LibreTranslate answered with something that is not a translation — showing the word-by-word reading/],
    ['hang', /LibreTranslate did not answer in time, even when asked again — showing the word-by-word reading/],
  ])('falls back to the word-by-word reading and says so when the server answers %s', async (mode, error) => {
    libre.setMode('libretranslate', mode);
    await prepare({ endpoint: { kind: 'libretranslate', url: libre.url, apiKey: '', model: '' } });
    const { page, pageErrors } = await openNote();
    // The reading is there at once, before the server has failed.
    await page.waitForSelector(`${CAPTION} + [data-zc-translation="glossary"]`, { timeout: 15_000 });
    // A hung server is asked three times within 30 s before the bar says so.
    const shown = await waitForBar(page, error, 50_000);
    // The page is told what kind of failure, never the endpoint's host, port or the server's words.
    expect(shown).not.toMatch(/127\.0\.0\.1|:\d{4,5}|crashed/);
    expect((await captionTranslation(page)).provider).toBe('glossary');
    // The page still works: its text is intact, the note is still read and its products marked.
    expect(await page.$eval(CAPTION, (element) => element.textContent)).toContain(CAPTION_TEXT);
    await page.waitForSelector(`${CAPTION} [data-zc-mention]`, { timeout: 5000 });
    expect(await page.evaluate(() => document.documentElement.dataset.zcNoteStatus)).toBe('read');
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);
});

describe('translated lines in the popup', () => {
  const SEARCH_URL = 'https://s.taobao.com/search?q=%E5%88%BA%E7%BB%A3%E5%8D%AB%E8%A1%A3&tab=all';
  const HOODIE = '[data-testid="product"][data-query="刺绣卫衣"]';
  const lineOf = (popup: Page, selector: string) =>
    popup.$eval(selector, (element) => ({ text: element.textContent ?? '', kind: element.getAttribute('data-kind'), state: element.getAttribute('data-state') }));

  /** The Taobao search captured, the note open, and the popup showing that note with its listings. */
  async function popupOnNote(): Promise<{ popup: Page; pages: Page[] }> {
    const taobao = await openPage(ext, SEARCH_URL);
    await taobao.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) >= 40, { timeout: 15_000 });
    const { page: note } = await openNote();
    const tabId = await ext.tabIdOf(note);
    const popup = await openPage(ext, ext.pageUrl(`popup.html?tabId=${tabId}`));
    await popup.waitForSelector(`${HOODIE} [data-testid="listing"] [data-testid="listing-title-line"]`, { timeout: 20_000 });
    return { popup, pages: [popup, note, taobao] };
  }

  it('replaces the word-by-word reading with LibreTranslate’s translation of the note title and the listings', async () => {
    libre.setMode('libretranslate', 'ok');
    await prepare({ endpoint: { kind: 'libretranslate', url: libre.url, apiKey: '', model: '' } });
    libre.received.length = 0;
    const { popup, pages } = await popupOnNote();
    onTestFinished(() => Promise.all(pages.map((page) => page.close())).then(() => undefined));
    const listingLine = `${HOODIE} [data-testid="listing"]:first-child [data-testid="listing-title-line"]`;
    const machine = /^Translated by LibreTranslate: \[libretranslate→en\] \d+ chars$/;
    await popup.waitForFunction(
      (selectors: string[], pattern: string) => selectors.every((selector) => new RegExp(pattern).test(document.querySelector(selector)?.textContent ?? '')),
      { timeout: 45_000 },
      ['[data-testid="note-title-line"]', listingLine],
      machine.source,
    );
    expect(await lineOf(popup, '[data-testid="note-title-line"]')).toMatchObject({ kind: 'machine' });
    // The stand-in was asked for the listing's own title: the page never translates listings, the popup did.
    const title = await popup.$eval(`${HOODIE} [data-testid="listing"]:first-child .zc-listing-title`, (element) => element.textContent ?? '');
    expect(libre.received.flatMap((entry) => entry.texts)).toContain(title.trim());
    const translated = await lineOf(popup, listingLine);
    expect(translated.text).toBe(`Translated by LibreTranslate: [libretranslate→en] ${[...title.trim()].length} chars`);
  }, 90_000);

  it('sends nothing anywhere when no remote provider is on, and keeps the reading', async () => {
    await prepare({});
    libre.received.length = 0;
    const { popup, pages } = await popupOnNote();
    onTestFinished(() => Promise.all(pages.map((page) => page.close())).then(() => undefined));
    await popup.waitForFunction(() => /^Word-by-word reading: /.test(document.querySelector('[data-testid="note-title-line"]')?.textContent ?? ''), { timeout: 15_000 });
    const listing = await lineOf(popup, `${HOODIE} [data-testid="listing"]:first-child [data-testid="listing-title-line"]`);
    expect(listing.text).toMatch(/^Word-by-word reading: /);
    // Not waiting for a provider: none was asked.
    expect(listing.state).toBeNull();
    expect(await popup.$$eval('[data-state="waiting"]', (elements) => elements.length)).toBe(0);
    // Past the moment the popup would have sent its request had a provider been on.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(libre.received).toEqual([]);
  }, 90_000);
});

