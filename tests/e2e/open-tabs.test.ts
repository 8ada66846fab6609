import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROME_BUILD, findChromium } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';

/**
 * A tab opened before the extension is installed: no content script was declared for it, so the
 * install must add one (onInstalled injects into open tabs of our sites). The browser starts
 * without the extension, the note is opened, then the built extension is installed.
 */
const NOTE = '6745a1b2000000001e01c3d4';
let server: FixtureServer;
let browser: Browser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await puppeteer.launch({
    executablePath: findChromium() ?? undefined,
    headless: true,
    pipe: true,
    enableExtensions: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=HttpsUpgrades,Translate,OptimizationHints,MediaRouter', ...server.chromiumArgs],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('tabs open before install', () => {
  it('reads the note of a tab opened before the extension was installed, without a reload', async () => {
    const page = await browser.newPage();
    await page.goto(`https://www.xiaohongshu.com/explore/${NOTE}?xsec_token=x`, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.dataset.zcRuns ?? null)).toBeNull();
    const origin = await page.evaluate(() => performance.timeOrigin);

    const extensionId = await browser.installExtension(CHROME_BUILD);
    await page.waitForFunction((id) => document.documentElement.dataset.zcNote === id && document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 60_000 }, NOTE);
    await page.waitForFunction(() => document.querySelector('[data-zc-mention]'), { timeout: 30_000 });
    // The same document: read without a reload, by one copy of the script.
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(origin);
    expect(await page.evaluate(() => document.documentElement.dataset.zcRuns)).toBe('1');

    // The popup shows the note.
    const worker = await (await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().includes(extensionId))).worker();
    const tabId = await worker!.evaluate(async (url: string) => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).chrome;
      return (await api.tabs.query({})).find((tab) => tab.url === url)?.id ?? -1;
    }, page.url());
    const popup = await browser.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`, { waitUntil: 'load' });
    await popup.waitForSelector('[data-testid="note-title"]', { timeout: 15_000 });
    expect(await popup.$eval('[data-testid="note-title"]', (el) => el.textContent)).toContain('卫衣');
    await popup.close();
    await page.close();
  }, 180_000);
});
