import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';

/**
 * One note must not stall the background or break other tabs, and opening notes in-app must not
 * leak. The extension directory can be pointed elsewhere (ZC_EXTENSION_DIR) to measure another
 * build the same way; the figures are printed for the README.
 */
const DIR = join(__dirname, '..', 'fixtures', 'real', 'xiaohongshu');
const NESTED = '69d1e2f3000000001a02a7b8';
const MEDIA = '67a0b3c40000000029012f3a';
const HOSTILE = '6a000000000000000000f1d0';
const session = useExtensionBrowser(process.env.ZC_EXTENSION_DIR ? { extensionDir: process.env.ZC_EXTENSION_DIR } : {});

/** A note page in the 2026 layout with 2,000 comments of 🍑 and share codes, one of them a million characters. */
function hostileNote(): string {
  const page = readFileSync(join(DIR, 'note-2026-nested.html'), 'utf8');
  const comment = (i: number) =>
    `<div class="parent-comment"><div class="comment-item" id="comment-6a00000000000000${String(i).padStart(8, '0')}"><div class="right"><div class="author-wrapper"><div class="author"><a class="name">u${i}</a></div></div><div class="content"><span class="note-text"><span>${
      i === 7 ? '求链接卫衣'.repeat(40_000) : i % 2 ? '🍑'.repeat(200) : '￥AbCdEfGhIj￥ 复制这段描述打开淘宝 '.repeat(12)
    }</span></span></div></div></div></div>`;
  const comments = Array.from({ length: 2000 }, (_, i) => comment(i)).join('');
  return page
    .replaceAll(NESTED, HOSTILE)
    .replace(/<script>window\.__INITIAL_STATE__=.*?<\/script>/s, '')
    .replace(/(<div class="list-container">)[\s\S]*(<\/div>\s*<\/div>\s*<\/div>\s*<\/div>\s*<\/div>\s*<\/div>\s*<\/div>\s*<\/body>)/, `$1${comments}$2`);
}

beforeAll(() => {
  const hostile = hostileNote();
  session.server.setOverride((_req, url) => {
    if (url.hostname !== 'www.xiaohongshu.com') return null;
    if (url.pathname === '/explore') return { body: readFileSync(join(DIR, 'feed-2026.html'), 'utf8') };
    if (url.pathname === '/__corpus/feed-app.js') return { type: 'text/javascript', body: readFileSync(join(DIR, 'feed-app.js'), 'utf8') };
    if (url.pathname === `/explore/${NESTED}`) return { body: readFileSync(join(DIR, 'note-2026-nested.html'), 'utf8') };
    if (url.pathname === `/explore/${MEDIA}`) return { body: readFileSync(join(DIR, 'note-2025-media.html'), 'utf8') };
    if (url.pathname === `/explore/${HOSTILE}`) return { body: hostile };
    return null;
  });
});

const statusOf = (page: Page, id: string, status: string, timeout = 60_000) =>
  page.waitForFunction((i, s) => document.documentElement.dataset.zcNote === i && document.documentElement.dataset.zcNoteStatus === s, { timeout }, id, status);

/**
 * Document click and keydown listeners in the content script's world (CDP lists a node's listeners
 * per world: the page's own are not ours), the renderer's live DOM nodes and listeners after a
 * full GC, and the page's JS heap.
 */
async function counts(page: Page) {
  const cdp = await page.createCDPSession();
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const ours = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'));
  if (!ours) throw new Error('the content script world was not found');
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document', contextId: ours.id });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId!, depth: 0 });
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const of = (type: string) => listeners.filter((l) => l.type === type).length;
  return { click: of('click'), keydown: of('keydown'), nodes, jsEventListeners, heapMb: Math.round((usedSize / 1048576) * 10) / 10 };
}

describe('note size limits', () => {
  it('opening 40 notes in-app leaks no listeners and no DOM', { timeout: 300_000 }, async () => {
    const page = await openPage(session.ext, 'https://www.xiaohongshu.com/explore');
    await page.waitForSelector('section.note-item a.title', { visible: true });
    const open = async (id: string) => {
      await page.click(`section.note-item a.title[href^="/explore/${id}"]`);
      await statusOf(page, id, 'read');
      await page.waitForFunction((i) => document.querySelector(`.note-detail-mask [data-zc-field="comments.1"]`) && document.documentElement.dataset.zcNote === i, { timeout: 30_000 }, id);
      await page.click('.close-circle');
      await page.waitForFunction(() => !document.querySelector('.note-detail-mask') && !document.documentElement.dataset.zcNote);
    };
    await open(NESTED);
    const after1 = await counts(page);
    const started = Date.now();
    for (let i = 1; i < 40; i++) await open(i % 2 ? MEDIA : NESTED);
    const ms = Date.now() - started;
    const after40 = await counts(page);
    console.log('[figures] 40 notes in-app', JSON.stringify({ after1, after40, msFor39More: ms }));
    expect(after40.click).toBe(after1.click);
    expect(after40.keydown).toBe(after1.keydown);
    // Nothing of 39 closed notes is kept: at most a few nodes of slack (text nodes the page merges).
    expect(after40.nodes - after1.nodes).toBeLessThan(200);
    await page.close();
  });

  it('a hostile note of 2,000 🍑 / share-code comments, one huge, does not break another tab', { timeout: 300_000 }, async () => {
    const hostile = await session.ext.browser.newPage();
    await hostile.goto(`https://www.xiaohongshu.com/explore/${HOSTILE}?xsec_token=x`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const started = Date.now();
    await statusOf(hostile, HOSTILE, 'read', 120_000);
    const hostileMs = Date.now() - started;
    console.log('[figures] hostile note read in ms', hostileMs);
    const other = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NESTED}?xsec_token=x`);
    const otherStarted = Date.now();
    await statusOf(other, NESTED, 'read', 60_000);
    const otherMs = Date.now() - otherStarted;
    console.log('[figures] other tab read in ms', otherMs);
    const tabId = await session.ext.tabIdOf(other);
    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${tabId}`));
    await popup.waitForSelector('[data-testid="note-title"]', { timeout: 15_000 });
    expect(await popup.$eval('[data-testid="note-title"]', (el) => el.textContent)).toBe('秋冬刺绣卫衣开箱');
    const sessionBytes = await session.ext.worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { session: { getBytesInUse(keys: null): Promise<number> } } } }).chrome;
      return api.storage.session.getBytesInUse(null);
    });
    console.log('[figures] hostile note', JSON.stringify({ hostileMs, otherMs, sessionBytes }));
    expect(sessionBytes).toBeLessThan(1_000_000);
    // Said on the page: only the first comments were read.
    await hostile.waitForSelector('[data-zc-ui="limit"]', { timeout: 30_000 });
    const notice = await hostile.$eval('[data-zc-ui="limit"]', (el) => el.textContent);
    expect(notice).toMatch(/first \d+ comments|前 \d+ 条评论/);
    await popup.close();
    await other.close();
    await hostile.close();
  });
});
