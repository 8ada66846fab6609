import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGES_DIR } from '../support/fixture-server';

const NOTE_A = '6745a1b2000000001e01c3d4';
const NOTE_B = '6745a1b3000000001e01c3d5';

const session = useExtensionBrowser();

const runs = (page: Page) => page.evaluate(() => document.documentElement.dataset.zcRuns ?? '0');
const currentNote = (page: Page) => page.evaluate(() => document.documentElement.dataset.zcNote ?? '');
async function waitForNote(page: Page, id: string) {
  await page.waitForFunction((want) => document.documentElement.dataset.zcNote === want, { timeout: 10_000 }, id);
}

describe('the built extension in Chromium', () => {
  it('starts its service worker, which answers a ping', async () => {
    const popup = await openPage(session.ext, session.ext.pageUrl('popup.html'));
    const reply = await popup.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ zc: 1, type: 'ping', payload: {} }),
    );
    expect(reply).toMatchObject({ ok: true, data: { version: expect.stringMatching(/^\d+\.\d+\.\d+$/) } });
    await popup.close();
  });

  it.each(['https', 'http'])('runs the Xiaohongshu content script once on a note over %s, also after a reload', async (scheme) => {
    const page = await openPage(session.ext, `${scheme}://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=AB1&xsec_source=pc_feed`);
    await waitForNote(page, NOTE_A);
    expect(await runs(page)).toBe('1');
    await page.reload({ waitUntil: 'load' });
    await waitForNote(page, NOTE_A);
    expect(await runs(page)).toBe('1');
    await page.close();
  });

  it('follows a pushState navigation to another note without running again', async () => {
    const page = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=AB1&xsec_source=pc_feed`);
    await waitForNote(page, NOTE_A);
    await page.click(`section.note-item a.title[href^="/explore/${NOTE_B}"]`);
    await page.waitForFunction((id) => location.pathname === `/explore/${id}`, {}, NOTE_B);
    await waitForNote(page, NOTE_B);
    expect(await currentNote(page)).toBe(NOTE_B);
    expect(await runs(page)).toBe('1');
    await page.close();
  });

  it('marks and translates a note on a page whose Content-Security-Policy allows only its own scripts', async () => {
    // The Xiaohongshu script's code is a module it imports from the extension (wxt.config.ts): the
    // page's policy must not stop that. This one even stops the page's own inline state.
    const html = readFileSync(join(PAGES_DIR, 'xiaohongshu', `note-${NOTE_A}.html`), 'utf8');
    const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";
    session.server.setOverride((_req, url) => (url.pathname === `/explore/${NOTE_A}` ? { body: html, headers: { 'content-security-policy': csp } } : null));
    try {
      const page = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=AB1&xsec_source=pc_feed`);
      await waitForNote(page, NOTE_A);
      await page.waitForFunction(() => document.querySelector('#detail-desc [data-zc-mention="product"]') && document.querySelector('[data-zc-translation]'), { timeout: 15_000 });
      expect(await runs(page)).toBe('1');
      await page.close();
    } finally {
      session.server.setOverride(null);
    }
  });

  it('does not let a page find its scripts at the extension’s fixed address', async () => {
    const note = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=AB1&xsec_source=pc_feed`);
    await waitForNote(note, NOTE_A);
    const search = await openPage(session.ext, 'https://s.taobao.com/search?q=%E5%88%BA%E7%BB%A3%E5%8D%AB%E8%A1%A3&tab=all');
    await search.waitForFunction(() => document.documentElement.dataset.zcContent === 'taobao', { timeout: 10_000 });
    const probe = (page: Page, path: string) =>
      page.evaluate((url) => fetch(url).then((response) => `status ${response.status}`, () => 'blocked'), session.ext.pageUrl(path));
    for (const page of [note, search]) {
      for (const script of ['xiaohongshu-main.js', 'xiaohongshu.js', 'taobao-main.js', 'taobao.js']) {
        expect(await probe(page, `content-scripts/${script}`)).toBe('blocked');
      }
    }
    await note.close();
    await search.close();
  });

  it('does not announce itself to the page’s own scripts with a window message', async () => {
    const heard = async (url: string, ready: string) => {
      const page = await session.ext.browser.newPage();
      await page.bringToFront();
      // The page's world: every window message its scripts would receive, as text.
      await page.evaluateOnNewDocument(() => {
        const log: string[] = [];
        (window as unknown as { __heard: string[] }).__heard = log;
        window.addEventListener('message', (event) => log.push(JSON.stringify(event.data) ?? String(event.data)));
      });
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(ready, { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 300));
      const messages = await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
      await page.close();
      return messages.filter((text) => text.includes(session.ext.extensionId) || /content-script|wxt/i.test(text));
    };
    expect(await heard(`https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=AB1&xsec_source=pc_feed`, `document.documentElement.dataset.zcNote === '${NOTE_A}'`)).toEqual([]);
    expect(await heard('https://s.taobao.com/search?q=%E5%88%BA%E7%BB%A3%E5%8D%AB%E8%A1%A3&tab=all', `document.documentElement.dataset.zcContent === 'taobao'`)).toEqual([]);
  });

  it('runs the Taobao content script on a search page', async () => {
    const page = await openPage(session.ext, 'https://s.taobao.com/search?q=%E5%88%BA%E7%BB%A3%E5%8D%AB%E8%A1%A3&tab=all');
    await page.waitForFunction(() => document.documentElement.dataset.zcContent === 'taobao', { timeout: 10_000 });
    expect(await runs(page)).toBe('1');
    await page.close();
  });

  it('opens the popup for a given tab', async () => {
    const note = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=AB1&xsec_source=pc_feed`);
    await waitForNote(note, NOTE_A);
    const tabId = await session.ext.tabIdOf(note);
    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${tabId}`));
    await popup.waitForSelector('main.zc-popup:not([aria-busy="true"])');
    const text = await popup.$eval('main', (el) => el.textContent ?? '');
    expect(text).toContain('Zhongcao');
    expect(text).not.toContain('Could not reach');
    await popup.close();
    await note.close();
  });
});
