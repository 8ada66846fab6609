import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { useExtensionBrowser } from '../support/extension-session';
import { inShadow } from '../support/closed-shadow';
import { openPage } from '../support/chromium';

const NOTE_A = '6745a1b2000000001e01c3d4';
const NOTE_B = '6745a1b3000000001e01c3d5';
const NOTE_C = '6745a1b4000000001e01c3d6';
const session = useExtensionBrowser();

const markedTexts = (page: Page) => page.$$eval('[data-zc-mention]', (els) => els.map((el) => `${el.getAttribute('data-zc-mention')}:${el.textContent}`));
async function waitForMarks(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('[data-zc-mention]').length > 0, { timeout: 15_000 });
}

describe('product marks in the note', () => {
  it('marks the products of the open note, with the page text unchanged', async () => {
    const page = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=x`);
    const before = await page.$eval('#detail-desc .note-text', (el) => el.textContent);
    // The hoodie in the caption is marked as a product (comments arriving later re-mark the note).
    await page.waitForFunction(
      () => [...document.querySelectorAll('#detail-desc [data-zc-mention="product"]')].some((el) => el.textContent?.includes('卫衣')),
      { timeout: 15_000 },
    );
    expect(await page.$eval('#detail-desc .note-text', (el) => el.textContent)).toBe(before);
    // Hashtag links are still links.
    expect(await page.$$eval('#detail-desc a.tag', (els) => els.map((a) => a.getAttribute('href')?.startsWith('/search_result')))).toEqual([true, true]);
    await page.close();
  });

  it('marks a comment that loads later and leaves the marks already shown in place', async () => {
    const page = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=x`);
    await page.waitForFunction(() => document.querySelector('#detail-desc [data-zc-mention="product"]'), { timeout: 15_000 });
    // Tag the caption's mark: the same element must still be there after the comment is marked.
    await page.evaluate(() => Object.assign(document.querySelector('#detail-desc [data-zc-mention="product"]')!, { zcProbe: true }));
    await page.waitForFunction(() => document.querySelector('#comment-6745b0040000000012031a04 [data-zc-mention="product"]'), { timeout: 15_000 });
    expect(await page.$eval('#comment-6745b0040000000012031a04 [data-zc-mention="product"]', (el) => el.textContent)).toContain('卫衣');
    expect(await page.evaluate(() => (document.querySelector('#detail-desc [data-zc-mention="product"]') as unknown as { zcProbe?: boolean }).zcProbe)).toBe(true);
    // Each text is marked once: no mark inside another.
    expect(await page.$$eval('[data-zc-mention] [data-zc-mention]', (els) => els.length)).toBe(0);
    await page.close();
  });

  it('shows the product card on keyboard focus and hides it with Escape', async () => {
    const page = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=x`);
    await waitForMarks(page);
    await page.focus('[data-zc-mention="product"]');
    const cardText = () => inShadow(page, '[data-zc-ui="card"]', (root) => {
      const el = root.querySelector('.card') as HTMLElement | null;
      return el && !el.hidden ? el.textContent : null;
    });
    await page.waitForSelector('[data-zc-ui="card"]');
    let text: string | null = null;
    while (!(text = await cardText())) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(text).toMatch(/Find on Taobao/);
    // Every word in the UI language, and no raw ids: "Search 刺绣卫衣 on Taobao", not "搜 刺绣卫衣".
    expect(text).toMatch(/Search \S+ on Taobao/);
    expect(text).not.toMatch(/搜 /);
    // The page cannot reach it.
    expect(await page.$eval('[data-zc-ui="card"]', (host) => host.shadowRoot)).toBeNull();
    await page.keyboard.press('Escape');
    expect(await cardText()).toBeNull();
    await page.close();
  });

  it('moves the marks to the next note on a pushState navigation', async () => {
    const page = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=x`);
    await waitForMarks(page);
    const first = await markedTexts(page);
    await page.click(`section.note-item a.title[href^="/explore/${NOTE_B}"]`);
    await page.waitForFunction((id) => document.documentElement.dataset.zcNote === id && document.documentElement.dataset.zcNoteStatus === 'read', {}, NOTE_B);
    await waitForMarks(page);
    const second = await markedTexts(page);
    expect(second.some((m) => m.includes('便利贴'))).toBe(true);
    expect(second.some((m) => m.includes('卫衣'))).toBe(false);
    expect(second).not.toEqual(first);
    await page.close();
  });

  it('marks nothing in a café review', async () => {
    const page = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_C}?xsec_token=x`);
    await page.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 15_000 });
    expect(await markedTexts(page)).toEqual([]);
    await page.close();
  });

  it('removes marks and card when the modal over the feed closes', async () => {
    const page = await openPage(session.ext, 'https://www.xiaohongshu.com/explore');
    await page.click(`section.note-item a.title[href^="/explore/${NOTE_A}"]`);
    await page.waitForSelector('.note-detail-mask #noteContainer');
    await waitForMarks(page);
    await page.focus('[data-zc-mention]');
    await page.click('.close-circle');
    await page.waitForFunction(() => !document.querySelector('.note-detail-mask'));
    await page.waitForFunction(() => !document.documentElement.dataset.zcNote);
    expect(await page.$$('[data-zc-mention], [data-zc-ui]')).toHaveLength(0);
    await page.close();
  });
});
