import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { StoredListing } from '../../lib/db';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { readStore } from '../support/extension-db';
import { PAGES_DIR } from '../support/fixture-server';
import { clickInShadow, shadowText } from '../support/closed-shadow';

/**
 * A page presses our buttons: it dispatches mouseover on every mark, then clicks whatever of ours
 * it can reach, as fast as it likes. Nothing may open and nothing may be written; a person's real
 * click still works. The figures (tabs and windows before and after) are printed for the report.
 */

const NOTE_A = '6745a1b2000000001e01c3d4';
const ITEM_ID = '727851748466';

/**
 * The attack, as a page script: 20 rounds of hover-and-click in one task (a tab opened by the first
 * round would put this page in the background, where timers slow to a crawl), then
 * `__zcAttack.done`. It presses the watch button once: one press is all it takes to add the item.
 */
const ATTACK = `<script>
(() => {
  const report = (window.__zcAttack = { rounds: 0, reached: 0, clicked: 0, done: false });
  let watchPressed = false;
  const round = () => {
    for (const mark of document.querySelectorAll('[data-zc-mention]')) {
      mark.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    }
    for (const host of document.querySelectorAll('[data-zc-ui="card"], zhongcao-watch')) {
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      const root = host.shadowRoot;
      if (!root) continue;
      report.reached++;
      for (const button of root.querySelectorAll('button')) {
        if (host.localName === 'zhongcao-watch') {
          if (watchPressed) continue;
          watchPressed = true;
        }
        button.click();
        report.clicked++;
      }
    }
    report.rounds++;
  };
  const start = () => {
    if (!document.querySelector('[data-zc-mention], zhongcao-watch[data-state="idle"]')) return setTimeout(start, 50);
    for (let i = 0; i < 20; i++) round();
    report.done = true;
  };
  start();
})();
</script>`;

const session = useExtensionBrowser(process.env.ZC_EXTENSION_DIR ? { extensionDir: process.env.ZC_EXTENSION_DIR } : {});

interface Counts {
  tabs: number;
  windows: number;
  popupWindows: number;
}

async function counts(): Promise<Counts> {
  return session.ext.worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<unknown[]> }; windows: { getAll(): Promise<Array<{ type?: string }>> } } }).chrome;
    const [tabs, windows] = await Promise.all([api.tabs.query({}), api.windows.getAll()]);
    return { tabs: tabs.length, windows: windows.length, popupWindows: windows.filter((w) => w.type === 'popup').length };
  });
}

async function waitForAttack(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __zcAttack?: { done: boolean } }).__zcAttack?.done === true, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { __zcAttack: { rounds: number; reached: number; clicked: number } }).__zcAttack);
}

describe('a page that presses our buttons', () => {
  it('opens no tab and no window from the product card; a real click still opens one search', async () => {
    const note = readFileSync(join(PAGES_DIR, 'xiaohongshu', `note-${NOTE_A}.html`), 'utf8');
    session.server.setOverride((_req, url) => (url.pathname === `/explore/${NOTE_A}` ? { body: note.replace('</body>', `${ATTACK}</body>`) } : null));
    const page = await session.ext.browser.newPage();
    page.on('pageerror', (error) => console.log('[page-clicks] page error', String(error)));
    await page.goto(`https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=x`, { waitUntil: 'load' });
    const before = await counts();
    const attack = await waitForAttack(page);
    session.server.setOverride(null);
    const afterAttack = await counts();
    console.log(`[page-clicks] note page, after the page's ${attack.rounds} rounds: tabs ${before.tabs} → ${afterAttack.tabs}, windows ${before.windows} → ${afterAttack.windows} (popup windows ${before.popupWindows} → ${afterAttack.popupWindows}); it reached ${attack.reached} shadow roots and clicked ${attack.clicked} buttons`);
    expect(attack.rounds).toBe(20);
    // The card's shadow root is closed: the page reaches none of its buttons.
    expect(attack.reached).toBe(0);

    // A person hovers (a real mouse) and clicks "Find on Taobao": exactly that one tab opens. It is
    // also the barrier: anything the page had managed to send was sent before it.
    const mark = await page.$('#detail-desc [data-zc-mention="product"]');
    expect(mark).not.toBeNull();
    await mark!.hover();
    await page.waitForSelector('[data-zc-ui="card"]');
    for (let text = ''; !/Find on Taobao/.test(text); text = await shadowText(page, '[data-zc-ui="card"]')) await new Promise((r) => setTimeout(r, 100));
    await clickInShadow(page, '[data-zc-ui="card"]', /Find on Taobao/);
    await expect.poll(async () => (await counts()).tabs, { timeout: 15_000 }).toBe(before.tabs + 1);
    const after = await counts();
    console.log(`[page-clicks] note page, after one real click: tabs ${before.tabs} → ${after.tabs}, windows ${before.windows} → ${after.windows}`);
    expect(after).toEqual({ ...before, tabs: before.tabs + 1 });
    for (const extra of (await session.ext.browser.pages()).filter((p) => p.url().includes('s.taobao.com'))) await extra.close();
    await page.close();
  });

  it('cannot add an item page to the watchlist; a real click watches it', async () => {
    const item = readFileSync(join(PAGES_DIR, 'taobao', 'item-2025-taobao.html'), 'utf8');
    session.server.setOverride((_req, url) =>
      url.hostname === 'item.taobao.com' && url.searchParams.get('id') === ITEM_ID ? { body: item.replace('</body>', `${ATTACK}</body>`) } : null,
    );
    const before = await counts();
    const page = await session.ext.browser.newPage();
    await page.goto(`https://item.taobao.com/item.htm?id=${ITEM_ID}`, { waitUntil: 'load' });
    const attack = await waitForAttack(page);
    session.server.setOverride(null);
    const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
    const watchedAfterAttack = (await readStore<StoredListing>(options, 'listings')).filter((listing) => listing.watched === 1).length;
    console.log(`[page-clicks] item page: the page reached ${attack.reached} shadow roots, clicked ${attack.clicked} buttons; watched listings after the attack: ${watchedAfterAttack}`);
    expect(attack.reached).toBe(0);
    expect(await page.$eval('zhongcao-watch', (host) => host.getAttribute('data-state'))).toBe('idle');
    expect(watchedAfterAttack).toBe(0);

    await clickInShadow(page, 'zhongcao-watch', /Watch price/);
    await page.waitForSelector('zhongcao-watch[data-state="watching"]', { timeout: 10_000 });
    const watched = (await readStore<StoredListing>(options, 'listings')).filter((listing) => listing.watched === 1);
    expect(watched.map((listing) => listing.itemId)).toEqual([ITEM_ID]);
    // The item page itself is the only tab this test opened (with the options page).
    expect(await counts()).toEqual({ ...before, tabs: before.tabs + 2 });
    await Promise.all([options.close(), page.close()]);
  });
});
