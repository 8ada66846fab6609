import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { screenshotFolder } from '../support/screenshots';

/**
 * The whole journey in real Chromium on fixture pages: a note → its marks → the popup
 * lists the products → "Find on Taobao" → the search page's listings are captured → the popup ranks
 * them with prices → landed totals in the user's currency → two listings in the basket ship cheaper
 * together than apart. Screenshots of the popup in light and dark (tests/support/screenshots.ts).
 */

const NOTE_URL = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4';

const session = useExtensionBrowser();

const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((el) => el.textContent ?? ''));

describe('from a note to a landed price', () => {
  it('walks the journey and ships two listings cheaper together', async () => {
    const note = await openPage(session.ext, NOTE_URL);
    await note.waitForSelector('[data-zc-mention]', { timeout: 15_000 });
    const tabId = await session.ext.tabIdOf(note);

    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${tabId}`));
    await popup.setViewport({ width: 440, height: 1400 });
    await popup.waitForSelector('main.zc-popup:not([aria-busy="true"]) [data-testid="product"]', { timeout: 15_000 });
    const queries = await popup.$$eval('[data-testid="product"]', (els) => els.map((el) => el.getAttribute('data-query')));
    expect(queries[0]).toBe('刺绣卫衣');
    const hoodie = '[data-testid="product"][data-query="刺绣卫衣"]';
    expect(await popup.$eval(hoodie, (el) => el.textContent)).toContain('embroidered hoodie');

    // "Find on Taobao" opens the search in a new tab; the Taobao content script captures its cards.
    const taobaoTarget = session.ext.browser.waitForTarget((target) => target.url().startsWith('https://s.taobao.com/search'), { timeout: 15_000 });
    await popup.click(`${hoodie} [data-testid="find-on-taobao"]`);
    const taobao = (await (await taobaoTarget).page())!;
    await taobao.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) >= 40, { timeout: 15_000 });

    // The popup never reloads: the background bumps dataVersion after the capture and the popup asks again.
    await popup.bringToFront();
    await popup.waitForSelector(`${hoodie} [data-testid="listing"]`, { timeout: 15_000 });
    const prices = await texts(popup, `${hoodie} [data-testid="listing-price"]`);
    expect(prices.length).toBeGreaterThanOrEqual(3);
    for (const price of prices) expect(price).toMatch(/^¥[\d,]+\.\d\d ≈ USD\s[\d,.]+$/);
    expect(await popup.$$eval(`${hoodie} [data-testid="listing"] mark`, (els) => els.length)).toBeGreaterThan(0);

    // Watching a listing from the popup starts its history on the seller page, linked in the footer.
    await popup.click(`${hoodie} [data-testid="listing"]:first-child [data-testid="watch"]`);
    await popup.waitForSelector(`${hoodie} [data-testid="listing"]:first-child [data-testid="watch"][aria-pressed="true"]`);
    expect(await popup.$eval('[data-testid="seller-link"]', (el) => el.getAttribute('href'))).toBe(session.ext.pageUrl('seller.html'));
    // Chrome shrinks extension page text unless the page's own element sets its size.
    expect(await popup.$eval('main.zc-popup', (el) => getComputedStyle(el).fontSize)).toBe('14px');

    // Landed totals in the user's currency, cheapest first and pointed out.
    await popup.waitForSelector(`${hoodie} [data-testid="quote-table"]`);
    const totals = await texts(popup, `${hoodie} [data-testid="quote-total"]`);
    expect(totals.length).toBeGreaterThan(3);
    expect(totals[0]).toMatch(/^USD\s[\d,.]+¥[\d,.]+/);
    expect(await popup.$(`${hoodie} [data-testid="cheapest"]`)).not.toBeNull();

    // The local price turns into the saving. Each keystroke asks the background for a quote: wait for
    // the answer to the whole price ("7" alone costs more).
    await popup.type(`${hoodie} [data-testid="local-price"]`, '75 USD');
    await popup.waitForFunction(
      (selector) => /^save USD\s[\d.]+ \(\d+%\)$/.test(document.querySelector(selector)?.textContent ?? ''),
      { timeout: 10_000 },
      `${hoodie} [data-testid="saving"]`,
    );

    // Two listings in the basket: one consolidated parcel beats two separate ones.
    const add = await popup.$$(`${hoodie} [data-testid="add-to-basket"]:not([disabled])`);
    await add[0]!.click();
    await add[1]!.click();
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="basket-line"]').length === 2, { timeout: 10_000 });
    // The basket is quoted in the background: wait for the answer that counts both items.
    await popup.waitForFunction(() => /Shipping together saves/.test(document.querySelector('[data-testid="consolidation-saving"]')?.textContent ?? ''), {
      timeout: 10_000,
    });
    const separate = await popup.$eval('[data-testid="separate-total"]', (el) => el.textContent ?? '');
    const together = await popup.$eval('[data-testid="consolidated-total"]', (el) => el.textContent ?? '');
    const amount = (text: string) => Number(/USD\s([\d,.]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
    expect(amount(together)).toBeLessThan(amount(separate));
    expect(await popup.$eval('[data-testid="consolidation-saving"]', (el) => el.textContent)).toMatch(/Shipping together saves USD/);

    const SCREENSHOTS = screenshotFolder('screenshots');
    await popup.evaluate(() => window.scrollTo(0, 0));
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup-light.png') as `${string}.png` });
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(24, 24, 27)');
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup-dark.png') as `${string}.png` });

    await taobao.close();
    await popup.close();
    await note.close();
  });

  it('is the same view in the side panel page, and says "not a note page" elsewhere', async () => {
    const page = await openPage(session.ext, 'https://s.taobao.com/search?q=%E5%88%BA%E7%BB%A3%E5%8D%AB%E8%A1%A3&tab=all');
    const tabId = await session.ext.tabIdOf(page);
    const panel = await openPage(session.ext, session.ext.pageUrl(`sidepanel.html?tabId=${tabId}`));
    expect(await (await panel.waitForSelector('[data-testid="empty"]'))!.evaluate((el) => el.textContent)).toMatch(/Not a note page/);
    expect(await panel.$('main.zc-sidepanel')).not.toBeNull();
    await panel.close();
    await page.close();
  });
});
