import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { screenshotFolder } from '../support/screenshots';

/**
 * Store screenshots at 1280×800 (Chrome Web Store's size): the note with its marks and product card,
 * and the popup's quote beside the note. Saved to `.output/store/`; `npm run screenshots` writes
 * them to `docs/store/` for the listing.
 */

const NOTE = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4?xsec_token=x';
const session = useExtensionBrowser();

/** Two pictures side by side on one 1280×800 canvas, with a caption. */
async function compose(page: Page, left: Uint8Array, right: Uint8Array, caption: string, path: string) {
  const data = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  await page.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><body style="margin:0;width:1280px;height:800px;overflow:hidden;background:#fdf2f5;font:600 26px system-ui,'Noto Sans CJK SC',sans-serif;color:#1d1d1f">
    <p style="margin:0;padding:22px 32px 14px">${caption}</p>
    <div style="display:flex;gap:24px;padding:0 32px;align-items:flex-start">
      <img src="${data(left)}" style="width:760px;height:700px;object-fit:cover;object-position:70% 0;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.18)">
      <img src="${data(right)}" style="width:440px;height:700px;object-fit:cover;object-position:top;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.18)">
    </div></body>`);
  await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode())));
  await page.screenshot({ path: path as `${string}.png` });
}

describe('store screenshots', () => {
  it('draws them at 1280×800', async () => {
    const folder = screenshotFolder('store');
    const note = await openPage(session.ext, NOTE);
    await note.setViewport({ width: 1280, height: 800 });
    await note.waitForSelector('#detail-desc [data-zc-mention="product"]', { timeout: 15_000 });
    await note.hover('#detail-desc [data-zc-mention="product"]');
    await note.waitForSelector('[data-zc-ui="card"]');
    await note.screenshot({ path: join(folder, '1-note.png') as `${string}.png` });
    const noteShot = await note.screenshot();

    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${await session.ext.tabIdOf(note)}`));
    await popup.setViewport({ width: 440, height: 1400 });
    const hoodie = '[data-testid="product"][data-query="刺绣卫衣"]';
    await popup.waitForSelector(`${hoodie} [data-testid="quote-table"]`, { timeout: 15_000 });
    const popupShot = await popup.screenshot();

    const stage = await session.ext.browser.newPage();
    await compose(stage, noteShot, popupShot, 'Products in RedNote notes, translated and priced to your door', join(folder, '2-note-and-quote.png'));
    const size = await stage.evaluate(() => [innerWidth, innerHeight]);
    expect(size).toEqual([1280, 800]);
    await Promise.all([stage.close(), popup.close(), note.close()]);
  });
});
