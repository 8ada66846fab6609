import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';

/**
 * The real-structure corpus (tests/fixtures/real/xiaohongshu/PROVENANCE.md) in the built extension,
 * served under www.xiaohongshu.com: marks and a translation under every block the page holds
 * (title, caption, comments, replies), and the state-only pages' notes in the popup.
 */
const DIR = join(__dirname, '..', 'fixtures', 'real', 'xiaohongshu');
const PAGES: Record<string, string> = {
  '65f1c2a0000000001203b4e1': 'note-2024-slider.html',
  '67a0b3c40000000029012f3a': 'note-2025-media.html',
  '69d1e2f3000000001a02a7b8': 'note-2026-nested.html',
  '6a8b2c1d000000000b03d4e5': 'state-2026-map.html',
  '64c8d9e0000000001e00f1a2': 'state-2023-note-note.html',
  '66e1a2b3000000001f03c4d5': 'state-phone-notedata.html',
};
const session = useExtensionBrowser();

beforeAll(() => {
  session.server.setOverride((_req, url) => {
    if (url.hostname !== 'www.xiaohongshu.com') return null;
    if (url.pathname === '/explore') return { body: readFileSync(join(DIR, 'feed-2026.html'), 'utf8') };
    if (url.pathname === '/__corpus/feed-app.js') return { type: 'text/javascript', body: readFileSync(join(DIR, 'feed-app.js'), 'utf8') };
    const id = /^\/explore\/([0-9a-f]{24})$/.exec(url.pathname)?.[1];
    const file = id ? PAGES[id] : undefined;
    return file ? { body: readFileSync(join(DIR, file), 'utf8') } : null;
  });
});

const noteUrl = (id: string) => `https://www.xiaohongshu.com/explore/${id}?xsec_token=AB0&xsec_source=pc_feed`;
const readStatus = (page: Page, id: string, status: string) =>
  page.waitForFunction((i, s) => document.documentElement.dataset.zcNote === i && document.documentElement.dataset.zcNoteStatus === s, { timeout: 20_000 }, id, status);

/** The fields translated, in page order, once as many as expected are shown. */
async function translatedFields(page: Page, count: number) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-zc-translation]').length >= n, { timeout: 20_000 }, count);
  return page.$$eval('[data-zc-translation]', (els) => els.map((el) => el.getAttribute('data-zc-field')));
}

/** Each translation sits right under the text it translates, inside the comment or reply it belongs to. */
const translationPlaces = (page: Page) =>
  page.$$eval('[data-zc-translation]', (els) =>
    els.map((el) => {
      const item = el.closest('.comment-item');
      return { field: el.getAttribute('data-zc-field'), under: el.previousElementSibling?.className ?? el.previousElementSibling?.id, item: item?.id ?? null };
    }),
  );

/** Marked texts per block: title, caption, each comment and reply by its element id. */
const marksByBlock = (page: Page) =>
  page.$$eval('[data-zc-mention]', (els) =>
    els.map((el) => {
      const block = el.closest('#detail-title') ? 'title' : el.closest('#detail-desc') ? 'caption' : el.closest('.comment-item')?.id ?? 'other';
      return `${block}:${el.textContent}`;
    }),
  );

describe('the real-structure corpus, read in Chromium under the real hostname', () => {
  it('2026 nested replies: marks and a translation under title, caption, comments and both replies', async () => {
    const page = await openPage(session.ext, noteUrl('69d1e2f3000000001a02a7b8'));
    await readStatus(page, '69d1e2f3000000001a02a7b8', 'read');
    expect(await translatedFields(page, 6)).toEqual(['title', 'desc', 'comments.0', 'comments.0.replies.0', 'comments.0.replies.1', 'comments.1']);
    const places = await translationPlaces(page);
    expect(places.filter((p) => p.field?.includes('replies')).map((p) => p.item)).toEqual(['comment-69d1f0020000000002021002', 'comment-69d1f0030000000002021003']);
    expect(places.every((p) => p.under === 'note-text' || p.under === 'title' || p.under === 'desc')).toBe(true);
    await page.waitForFunction(() => document.querySelector('#comment-69d1f0020000000002021002 [data-zc-mention]'), { timeout: 20_000 });
    const marks = await marksByBlock(page);
    for (const block of ['title:', 'caption:', 'comment-69d1f0010000000002021001:', 'comment-69d1f0020000000002021002:', 'comment-69d1f0030000000002021003:']) {
      expect(marks.some((m) => m.startsWith(block)), `${block} in ${marks.join(' | ')}`).toBe(true);
    }
    await page.close();
  });

  it('2024 slider page: marks and translations under comments and the .comment-item-sub reply', async () => {
    const page = await openPage(session.ext, noteUrl('65f1c2a0000000001203b4e1'));
    await readStatus(page, '65f1c2a0000000001203b4e1', 'read');
    expect(await translatedFields(page, 5)).toEqual(['title', 'desc', 'comments.0', 'comments.0.replies.0', 'comments.1']);
    await page.waitForFunction(() => document.querySelector('#comment-65f1d0020000000012031002 [data-zc-mention]'), { timeout: 20_000 });
    const marks = await marksByBlock(page);
    for (const block of ['title:', 'caption:', 'comment-65f1d0010000000012031001:', 'comment-65f1d0020000000012031002:', 'comment-65f1d0030000000012031003:']) {
      expect(marks.some((m) => m.startsWith(block)), `${block} in ${marks.join(' | ')}`).toBe(true);
    }
    await page.close();
  });

  it('2025 media page: marks and translations under comments and the reply', async () => {
    const page = await openPage(session.ext, noteUrl('67a0b3c40000000029012f3a'));
    await readStatus(page, '67a0b3c40000000029012f3a', 'read');
    expect(await translatedFields(page, 5)).toEqual(['title', 'desc', 'comments.0', 'comments.0.replies.0', 'comments.1']);
    await page.waitForFunction(() => document.querySelector('#comment-67a0c0020000000029020002 [data-zc-mention]'), { timeout: 20_000 });
    const marks = await marksByBlock(page);
    for (const block of ['title:', 'caption:', 'comment-67a0c0010000000029020001:', 'comment-67a0c0020000000029020002:', 'comment-67a0c0030000000029020003:']) {
      expect(marks.some((m) => m.startsWith(block)), `${block} in ${marks.join(' | ')}`).toBe(true);
    }
    await page.close();
  });

  it('2026 feed: the note opened in the modal after in-app navigation, its late comments and replies marked and translated', async () => {
    const page = await openPage(session.ext, 'https://www.xiaohongshu.com/explore');
    await page.waitForSelector('section.note-item a.title', { visible: true });
    await page.click('section.note-item a.title[href^="/explore/69d1e2f3000000001a02a7b8"]');
    await page.waitForSelector('.note-detail-mask #noteContainer');
    await readStatus(page, '69d1e2f3000000001a02a7b8', 'read');
    expect(await translatedFields(page, 6)).toEqual(['title', 'desc', 'comments.0', 'comments.0.replies.0', 'comments.0.replies.1', 'comments.1']);
    await page.waitForFunction(() => document.querySelector('.note-detail-mask #comment-69d1f0030000000002021003 [data-zc-mention]'), { timeout: 20_000 });
    // Closing the modal takes everything of ours away.
    await page.click('.close-circle');
    await page.waitForFunction(() => !document.documentElement.dataset.zcNote);
    expect(await page.$$('[data-zc-mention], [data-zc-translation], [data-zc-ui]')).toHaveLength(0);
    await page.close();
  });

  it.each([
    ['6a8b2c1d000000000b03d4e5', '开学文具清单📒'],
    ['64c8d9e0000000001e00f1a2', '夏天防晒衣推荐'],
    ['66e1a2b3000000001f03c4d5', '宿舍神器小风扇'],
  ])('state-only page %s: the note read from __INITIAL_STATE__ and shown in the popup', async (id, title) => {
    const page = await openPage(session.ext, noteUrl(id));
    await readStatus(page, id, 'initial-state');
    const tabId = await session.ext.tabIdOf(page);
    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${tabId}`));
    await popup.waitForSelector('[data-testid="note-title"]', { timeout: 15_000 });
    expect(await popup.$eval('[data-testid="note-title"]', (el) => el.textContent)).toBe(title);
    await popup.close();
    await page.close();
  });
});
