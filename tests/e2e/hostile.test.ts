import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredListing } from '../../lib/db';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { readStore } from '../support/extension-db';
import { PAGES_DIR } from '../support/fixture-server';

const NOTE_A = '6745a1b2000000001e01c3d4';

/** Text a hostile author could write in a caption or comment: markup that must stay text. */
const HOSTILE_TEXT = '<img src=x onerror="window.__pwned=1">刺绣卫衣<script>window.__pwned=2</script>';

function hostileNotePage(): string {
  const escaped = HOSTILE_TEXT.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const original = readFileSync(join(PAGES_DIR, 'xiaohongshu', `note-${NOTE_A}.html`), 'utf8');
  const attack = `<script>
    // The page tries to reach the extension's privileged side every way it can.
    const forged = { zc: 1, type: 'listings:capture', payload: { pageUrl: 'x', listings: [{ platform: 'taobao', itemId: '99999999999', title: 'FORGED', url: 'https://item.taobao.com/item.htm?id=99999999999', seenAt: 1 }] } };
    window.postMessage(forged, '*');
    document.dispatchEvent(new CustomEvent('zc:listings:capture', { detail: forged }));
    window.dispatchEvent(new CustomEvent('wxt:locationchange', { detail: forged }));
    try { chrome.runtime.sendMessage(forged); } catch (e) {}
  </script>`;
  return original
    .replace('<span>姐妹们！', `<span>${escaped} 姐妹们！`)
    .replace('<span>求链接！！</span>', `<span>${escaped}${'很长的评论'.repeat(20_000)}</span>`)
    .replace('</body>', `${attack}</body>`);
}

const session = useExtensionBrowser();

describe('a hostile note page', () => {
  it('cannot make page text run as HTML, nor reach the database through forged messages', async () => {
    session.server.setOverride((_req, url) => (url.pathname === `/explore/${NOTE_A}` ? { body: hostileNotePage() } : null));
    const page = await session.ext.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=x`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 1000));
    session.server.setOverride(null);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The hostile markup is still just text in the caption, and nothing we added contains elements
    // other than our own spans.
    expect(await page.$eval('#detail-desc', (el) => el.textContent)).toContain('<img src=x onerror=');
    expect(await page.$$('#detail-desc img[src="x"], #detail-desc script')).toHaveLength(0);
    const oursWithElements = await page.$$eval('[data-zc-mention], [data-zc-translation]', (els) =>
      els.filter((el) => [...el.querySelectorAll('*')].some((child) => !child.matches('[data-zc-mention], [data-zc-translation], span, button'))).length,
    );
    expect(oursWithElements).toBe(0);

    const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
    const listings = await readStore<StoredListing>(options, 'listings');
    expect(listings.some((l) => l.title === 'FORGED' || l.itemId === '99999999999')).toBe(false);
    // The note itself was still read, with the hostile caption capped and intact as text.
    const tabId = await session.ext.tabIdOf(page);
    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${tabId}`));
    await popup.waitForSelector('main.zc-popup:not([aria-busy="true"])');
    expect(await popup.$eval('main', (el) => el.textContent ?? '')).toContain('秋冬刺绣卫衣');
    expect(await popup.$$('main img[src="x"], main script')).toHaveLength(0);
    expect(errors.filter((e) => !e.includes('chrome'))).toEqual([]);
    await Promise.all([popup.close(), options.close(), page.close()]);
  });
});
