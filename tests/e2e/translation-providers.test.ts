import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { CHROME_BUILD, launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { clickShadowButton, shadowText } from '../support/closed-shadow';
import { PAGES_DIR, startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEEPL_KEY, standInTranslation, startTranslationStandIns, type Service, type StandIns } from '../support/translation-standins';
import { setTranslationSettings } from '../support/translation-settings';

/**
 * Each remote provider in the built extension, against a loopback stand-in speaking its service's
 * format: the user's endpoint kinds at a loopback URL, the web services under their real hostnames
 * (mapped to loopback, over https). Also a failing provider falling through to the next, and a
 * hostile note trying to spend the user's quota.
 *
 * Host permissions: a copy of the build lists the stand-ins' hosts as granted (the browser's prompt
 * cannot be answered by automation; see translation.test.ts).
 */

const NOTE = '6745a1b2000000001e01c3d4';
const NOTE_URL = `https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=AB1&xsec_source=pc_feed`;
const WEB_HOSTS = ['translate.googleapis.com', 'edge.microsoft.com', 'api-edge.cognitive.microsofttranslator.com'];
/** Title, caption, two comments and a reply: what the fixture shows before more comments load. */
const FIELDS = ['title', 'desc', 'comments.0', 'comments.0.replies.0', 'comments.1'];

let standIns: StandIns;
let server: FixtureServer;
let ext: ExtensionBrowser;
let buildCopy: string;

beforeAll(async () => {
  standIns = await startTranslationStandIns({ lifetimeMs: 600_000 });
  server = await startFixtureServer({
    extraHosts: WEB_HOSTS,
    handler: async (req, res) => WEB_HOSTS.includes((req.headers.host ?? '').replace(/:\d+$/, '')) && (await standIns.handle(req, res)),
  });
  buildCopy = mkdtempSync(join(tmpdir(), 'zhongcao-providers-'));
  cpSync(CHROME_BUILD, buildCopy, { recursive: true });
  const manifestPath = join(buildCopy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions.push('http://127.0.0.1/*', ...WEB_HOSTS.map((host) => `https://${host}/*`));
  writeFileSync(manifestPath, JSON.stringify(manifest));
  ext = await launchWithExtension(server, { extensionDir: buildCopy });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
  await standIns?.close();
  if (buildCopy) rmSync(buildCopy, { recursive: true, force: true });
});
beforeEach(() => {
  server.setOverride(null);
  standIns.received.length = 0;
  standIns.setLatency(0);
  for (const service of ['libretranslate', 'deepl', 'openai', 'google', 'microsoft'] as const) standIns.setMode(service, 'ok');
});

/** Writes the settings and empties the translation cache. */
const prepare = (settings: Record<string, unknown>) => setTranslationSettings(ext, settings);

async function openNote(url = NOTE_URL): Promise<{ page: Page; pageErrors: Error[] }> {
  const page = await ext.browser.newPage();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error as Error));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 30_000 }).catch(async (error: unknown) => {
    throw new Error(`The note was not read: status ${await page.evaluate(() => document.documentElement.dataset.zcNoteStatus)}`, { cause: error });
  });
  return { page, pageErrors };
}

const shownBy = (page: Page): Promise<Record<string, { provider: string | null; text: string }>> =>
  page.$$eval('[data-zc-translation]', (elements) =>
    Object.fromEntries(elements.map((element) => [element.getAttribute('data-zc-field'), { provider: element.getAttribute('data-zc-translation'), text: element.textContent ?? '' }])),
  );

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const endpointSettings = (kind: 'libretranslate' | 'deepl' | 'openai') => ({
  translationProviders: ['endpoint', 'glossary'],
  endpoint: {
    kind,
    url: kind === 'openai' ? `${standIns.url}/v1` : standIns.url,
    apiKey: kind === 'deepl' ? DEEPL_KEY : '',
    model: kind === 'openai' ? 'qwen2.5:7b' : '',
    allowHttp: false,
  },
});

const CASES: Array<[name: string, settings: () => Record<string, unknown>, provider: string, service: Service, target: string]> = [
  ['LibreTranslate', () => endpointSettings('libretranslate'), 'endpoint:libretranslate', 'libretranslate', 'en'],
  ['DeepL', () => endpointSettings('deepl'), 'endpoint:deepl', 'deepl', 'EN-US'],
  ['an OpenAI-compatible chat endpoint', () => endpointSettings('openai'), 'endpoint:openai', 'openai', 'en'],
  ['Google’s web endpoint', () => ({ translationProviders: ['google-web', 'glossary'] }), 'web:google', 'google', 'en'],
  ['Microsoft’s web endpoint', () => ({ translationProviders: ['microsoft-web', 'glossary'] }), 'web:microsoft', 'microsoft', 'en'],
];

describe('each remote provider on the fixture note', () => {
  it.each(CASES)('%s translates the title, caption, comments and replies', async (_name, settings, provider, service, target) => {
    await prepare(settings());
    const { page, pageErrors } = await openNote();
    const shown = await waitFor(() => shownBy(page), (by) => FIELDS.every((field) => by[field]?.provider === provider), `${provider} on every block`);
    const title = await page.$eval('#detail-title', (element) => element.textContent ?? '');
    expect(shown.title!.text).toBe(standInTranslation(service, title.trim(), target));
    expect(standIns.received.every((entry) => entry.service === service)).toBe(true);
    // The page learns nothing of where the translations came from but the provider's name.
    const visible = await page.evaluate(() =>
      [document.documentElement.textContent, ...[...document.querySelectorAll('[data-zc-translation]')].map((element) => element.getAttribute('title'))].join('\n'),
    );
    expect(visible).not.toContain(String(standIns.port));
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('falls through to the next provider when one fails, and says so generically', async () => {
    standIns.setMode('google', 'error-500');
    await prepare({ translationProviders: ['google-web', 'microsoft-web', 'glossary'] });
    const { page, pageErrors } = await openNote();
    await waitFor(() => shownBy(page), (by) => FIELDS.every((field) => by[field]?.provider === 'web:microsoft'), 'Microsoft after Google failed');
    // Either generic line: a retried 500 can end on a reset connection, which reads as unreachable.
    const bar = await waitFor(() => shadowText(page, 'translate-bar'), (text) => /Google Translate (answered with an error|could not be reached)/.test(text), 'the failure line');
    expect(bar).toContain('using Microsoft Translator instead');
    expect(bar).not.toContain('crashed');
    // Retried before falling through: three tries per batch.
    expect(standIns.received.filter((entry) => entry.service === 'google').length).toBeGreaterThanOrEqual(3);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

/** Comments of 5,000 different characters each (150,000 in all, 7.5 times the default budget): a note built to spend the reader’s quota. */
const QUOTA_COMMENTS = 30;
function quotaNote(): string {
  const original = readFileSync(join(PAGES_DIR, 'xiaohongshu', `note-${NOTE}.html`), 'utf8');
  const base = '这件刺绣卫衣真的绝绝子加绒超厚实面料软糯不起球才包邮淘宝搜店铺名就行颜色选了燕麦色码刚好链接在评论区';
  const comments = Array.from({ length: QUOTA_COMMENTS }, (_, index) => {
    const text = `${index}号：${Array.from({ length: 5000 / base.length + 1 }, (_, turn) => base.slice((index + turn) % base.length) + base.slice(0, (index + turn) % base.length)).join('')}`.slice(0, 5000);
    const id = `6745b1${String(index).padStart(6, '0')}000000000000`;
    return `<div class="parent-comment"><div class="comment-item" id="comment-${id}"><div class="comment-inner-container"><div class="right">
      <div class="author-wrapper"><div class="author"><a class="name" href="/user/profile/5f1e0000000000000001a0ff">bot${index}</a></div></div>
      <div class="content"><span class="note-text"><span>${text}</span></span></div></div></div></div></div>`;
  }).join('\n');
  return original.replace('<div class="list-container">', `<div class="list-container">${comments}`).replace('</body>', `<script>
    // The page presses every button it can find, including ours.
    setInterval(() => document.querySelectorAll('[data-zc-ui]').forEach((element) => element.click()), 200);
  </script></body>`);
}

describe('a note built to spend the user’s quota', () => {
  it('sends at most the note’s budget, translates more only on the user’s click, and nothing on a revisit', async () => {
    server.setOverride((_req, url) => (url.pathname === `/explore/${NOTE}` ? { body: quotaNote() } : null));
    await prepare(endpointSettings('libretranslate'));
    const started = Date.now();
    const { page } = await openNote();
    // Wait until the bar offers the rest of the comments, and the stand-in has stopped receiving.
    await waitFor(
      async () =>
        `${await shadowText(page, 'translate-bar')} | sent ${standIns.chars()} in ${standIns.received.length} | ${await page.$$eval('[data-zc-translation]', (elements) => elements.length)} lines`,
      (text) => /Translate \d+ more comments/.test(text),
      'the offer to translate more',
      60_000,
    );
    let last = -1;
    await waitFor(
      async () => {
        const now = standIns.chars();
        const settled = now === last;
        last = now;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return settled;
      },
      Boolean,
      'the requests to stop',
      60_000,
    );
    const firstVisit = { chars: standIns.chars(), requests: standIns.received.length, ms: Date.now() - started };
    console.log(`quota note, first visit: ${firstVisit.chars} characters in ${firstVisit.requests} requests`);
    expect(firstVisit.chars).toBeGreaterThan(0);
    expect(firstVisit.chars).toBeLessThanOrEqual(20_000);
    // The page's own clicks (every 200 ms, on everything) translated nothing more.
    expect(await shadowText(page, 'translate-bar')).toMatch(/Translate \d+ more comments/);

    // The user asks for the rest: sending stops at the note's budget, and the bar says why.
    await clickShadowButton(page, 'translate-bar', /^Translate \d+ more comments$/);
    await waitFor(() => shadowText(page, 'translate-bar'), (text) => /reached your translation character budget/.test(text), 'the budget line', 60_000);
    const afterClick = { chars: standIns.chars(), requests: standIns.received.length };
    console.log(`quota note, after "translate more": ${afterClick.chars} characters in ${afterClick.requests} requests`);
    expect(afterClick.chars).toBeLessThanOrEqual(20_000);
    await page.close();

    // A revisit of the same note in a new tab: the cache answers what was sent before, and the
    // note's budget is spent, so nothing goes out.
    standIns.received.length = 0;
    const again = await openNote();
    await waitFor(() => shadowText(again.page, 'translate-bar'), (text) => /Translate \d+ more comments/.test(text), 'the offer on the revisit', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const revisit = { chars: standIns.chars(), requests: standIns.received.length };
    console.log(`quota note, revisit: ${revisit.chars} characters in ${revisit.requests} requests`);
    expect(revisit.chars).toBe(0);
    // What was paid for is shown again, from the cache.
    expect(Object.values(await shownBy(again.page)).filter((shown) => shown.provider === 'endpoint:libretranslate').length).toBeGreaterThan(0);
    server.setOverride(null);
    await again.page.close();
  }, 240_000);
});
