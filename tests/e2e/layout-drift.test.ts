import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';

const NOTE_A = '6745a1b2000000001e01c3d4';
const session = useExtensionBrowser();

/** Opens a page and records every error the page's console or scripts report. */
async function openWatched(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await session.ext.browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors };
}

async function popupText(page: Page): Promise<string> {
  const tabId = await session.ext.tabIdOf(page);
  const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${tabId}`));
  await popup.waitForSelector('main.zc-popup:not([aria-busy="true"])');
  const text = await popup.$eval('main', (el) => el.textContent ?? '');
  await popup.close();
  return text;
}

describe('when Xiaohongshu changes its layout', () => {
  it('reads the note from the page state when the selectors find nothing', async () => {
    const { page, errors } = await openWatched(`https://www.xiaohongshu.com/explore/${NOTE_A}?zc_fixture_layout=drift`);
    await page.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'initial-state', { timeout: 15_000 });
    expect(await popupText(page)).toContain('秋冬刺绣卫衣');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('does nothing harmful and the popup says the page was not recognised', async () => {
    const { page, errors } = await openWatched(`https://www.xiaohongshu.com/explore/${NOTE_A}?zc_fixture_layout=drift-nostate`);
    const before = await page.$eval('body', (b) => b.textContent);
    await page.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'unrecognised', { timeout: 15_000 });
    expect(await popupText(page)).toMatch(/not recognised/);
    expect(await page.$eval('body', (b) => b.textContent)).toBe(before);
    expect(await page.$$('[data-zc-mention], [data-zc-translation], [data-zc-ui]')).toHaveLength(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
