import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { PAGES_DIR } from '../support/fixture-server';
import { clickInShadow, shadowText } from '../support/closed-shadow';

/**
 * The journeys of the three users the extension is for, in real Chromium on fixture pages:
 * an English-only buyer in the US, a student in the UK, and a seller watching competitors.
 */

const NOTE_A = '6745a1b2000000001e01c3d4';
const NOTE_B = '6745a1b3000000001e01c3d5';
const session = useExtensionBrowser();

const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((el) => (el.textContent ?? '').trim()));

async function openOptions(): Promise<Page> {
  const page = await openPage(session.ext, session.ext.pageUrl('options.html'));
  await page.waitForSelector('select[name="destination"]');
  return page;
}

async function saved(page: Page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent === 'Saved', { timeout: 10_000 });
  await page.evaluate(() => (document.querySelector('[data-testid="status"]')!.textContent = ''));
}

async function findOnTaobao(popup: Page, product: string): Promise<Page> {
  const tab = session.ext.browser.waitForTarget((target) => target.url().startsWith('https://s.taobao.com/search'), { timeout: 15_000 });
  await popup.click(`${product} [data-testid="find-on-taobao"]`);
  const taobao = (await (await tab).page())!;
  await taobao.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) >= 1, { timeout: 15_000 });
  await popup.bringToFront();
  await popup.waitForSelector(`${product} [data-testid="listing"]`, { timeout: 15_000 });
  return taobao;
}

describe('three users, from a note to a purchase', () => {
  it('the English-only buyer: note → product card → popup on that product → listing → quote → "Buy via Superbuy" opened', async () => {
    // Picks the one agent they use; none is picked until then.
    const options = await openOptions();
    expect(await options.$$eval('[data-testid="agents"] input:checked', (els) => els.length)).toBe(0);
    await options.click('input[name="agent-superbuy"]');
    await saved(options);
    await options.close();

    const note = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=x`);
    await note.waitForSelector('#detail-desc [data-zc-mention="product"]', { timeout: 15_000 });
    // The hover card speaks English and opens the popup on the product hovered.
    await (await note.$('#detail-desc [data-zc-mention="product"]'))!.hover();
    let card = '';
    while (!/Landed cost/.test(card)) card = await shadowText(note, '[data-zc-ui="card"]');
    expect(card).toMatch(/Search 刺绣卫衣 on Taobao/);
    const popupTarget = session.ext.browser.waitForTarget((target) => target.url().includes('popup.html') && target.url().includes('focus='), { timeout: 15_000 });
    await clickInShadow(note, '[data-zc-ui="card"]', /Landed cost/);
    const popup = (await (await popupTarget).page())!;
    expect(decodeURIComponent(new URL(popup.url()).searchParams.get('focus') ?? '')).toBe('刺绣卫衣');
    await popup.setViewport({ width: 440, height: 1600 });
    await popup.waitForSelector('[data-testid="product"][data-focused="true"]', { timeout: 15_000 });
    const first = await popup.$eval('[data-testid="product"]', (el) => el.getAttribute('data-query'));
    expect(first).toBe('刺绣卫衣');

    // Where the note says to buy: the comment's share code, with Copy and how to use it, and who wrote it.
    const shareCode = '[data-testid="where-entry"][data-kind="shareCode"]';
    await popup.waitForSelector(shareCode);
    const entry = await popup.$eval(shareCode, (el) => el.textContent ?? '');
    expect(entry).toContain('￥AbC123Xyz￥');
    expect(entry).toMatch(/open the Taobao app/);
    expect(entry).toMatch(/from a comment by/);
    expect(await popup.$(`${shareCode} [data-testid="copy-share-code"]`)).not.toBeNull();

    const hoodie = '[data-testid="product"][data-query="刺绣卫衣"]';
    const taobao = await findOnTaobao(popup, hoodie);
    // Before a pick the quote is the note's price for the hoodie, and the top match nearest it is suggested.
    await popup.waitForSelector(`${hoodie} [data-testid="quote-table"]`, { timeout: 15_000 });
    expect(await popup.$eval(`${hoodie} [data-testid="quote"] h4`, (el) => el.textContent)).toMatch(/Landed cost of ¥68\.29 to US/);
    const suggested = `${hoodie} [data-testid="listing"]:has([data-testid="suggested"])`;
    await popup.waitForSelector(suggested);
    const suggestedPrice = await popup.$eval(`${suggested} [data-testid="listing-price"]`, (el) => el.textContent ?? '');
    const price = (text: string) => Number(/¥([\d,.]+)/.exec(text)?.[1]?.replace(/,/g, ''));
    const all = (await texts(popup, `${hoodie} [data-testid="listing-price"]`)).map(price);
    // No other shown listing is closer to ¥68.29 than the suggested one among the top matches.
    expect(Math.abs(price(suggestedPrice) - 68.29)).toBeLessThanOrEqual(Math.min(...all.map((p) => Math.abs(p - 68.29))) + 20);

    // The buyer picks the suggestion: the quote follows, totals in USD.
    await popup.click(`${suggested} button[aria-pressed]`);
    await popup.waitForFunction(
      (selector, expected) => (document.querySelector(selector)?.textContent ?? '').includes(expected),
      { timeout: 10_000 },
      `${hoodie} [data-testid="quote"] h4`,
      suggestedPrice.split(' ')[0]!,
    );
    const totals = await texts(popup, `${hoodie} [data-testid="quote-total"]`);
    expect(totals[0]).toMatch(/^USD\s[\d,.]+/);

    // "Buy via…" on the chosen listing: the agent's page for this item, no referral code.
    const chosen = `${hoodie} [data-testid="listing"].zc-chosen`;
    const itemId = await popup.$eval(chosen, (el) => el.getAttribute('data-listing-id')?.split(':')[1] ?? '');
    await popup.click(`${chosen} [data-testid="buy-via"] > summary`);
    const link = await popup.$eval(`${chosen} [data-testid="agent-link"][data-agent="superbuy"]`, (el) => el.getAttribute('href') ?? '');
    expect(link).toBe(`https://www.superbuy.com/en/page/buy?from=search-input&url=${encodeURIComponent(`https://item.taobao.com/item.htm?id=${itemId}`)}`);
    const agentTab = session.ext.browser.waitForTarget((target) => target.url().startsWith('https://www.superbuy.com/'), { timeout: 15_000 });
    await popup.click(`${chosen} [data-testid="agent-link"][data-agent="superbuy"]`);
    const agentPage = (await (await agentTab).page())!;
    await expect.poll(() => session.server.requests.some((r) => r.host === 'www.superbuy.com' && r.path.includes(itemId)), { timeout: 15_000 }).toBe(true);
    const reached = session.server.requests.find((r) => r.host === 'www.superbuy.com')!;
    expect(new URL(`https://x${reached.path}`).searchParams.get('url')).toBe(`https://item.taobao.com/item.htm?id=${itemId}`);
    expect(reached.path).not.toMatch(/partnercode|ref=|affcode|inviteCode/i);
    // And Taobao's own route, step by step.
    expect(await popup.$eval(`${chosen} .zc-cainiao`, (el) => el.textContent ?? '')).toMatch(/Cainiao consolidation/);

    await Promise.all([agentPage.close(), taobao.close(), popup.close(), note.close()]);
  });

  it('an item link in a comment: the popup shows it with its comment, and opening it captures the listing', async () => {
    const ITEM = '727851748466';
    const original = readFileSync(join(PAGES_DIR, 'xiaohongshu', `note-${NOTE_A}.html`), 'utf8');
    const withLink = original.replace('<span>求链接！！</span>', `<span>求链接！！ 找到了 https://item.taobao.com/item.htm?id=${ITEM}&amp;spm=a1z10</span>`);
    expect(withLink).not.toBe(original);
    session.server.setOverride((_req, url) => (url.pathname === `/explore/${NOTE_A}` ? { body: withLink } : null));
    const note = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=link`);
    await note.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 15_000 });
    session.server.setOverride(null);
    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${await session.ext.tabIdOf(note)}`));
    const entry = '[data-testid="where-entry"][data-kind="itemLink"]';
    await popup.waitForSelector(entry, { timeout: 15_000 });
    expect(await popup.$eval(entry, (el) => el.textContent ?? '')).toMatch(/Item link.*Open the item page.*from a comment by momo/s);
    expect(await popup.$eval(`${entry} a`, (el) => el.getAttribute('href'))).toBe(`https://item.taobao.com/item.htm?id=${ITEM}`);
    const itemTab = session.ext.browser.waitForTarget((target) => target.url().startsWith(`https://item.taobao.com/item.htm?id=${ITEM}`), { timeout: 15_000 });
    await popup.click(`${entry} a`);
    const item = (await (await itemTab).page())!;
    await item.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) >= 1, { timeout: 15_000 });
    await Promise.all([item.close(), popup.close(), note.close()]);
  });

  it('the UK student: GBP follows the destination; stationery quoted in pounds; a lipstick at the note’s price that no UK line takes; prices typed in pounds and dollars', async () => {
    const options = await openOptions();
    await options.select('select[name="destination"]', 'GB');
    await saved(options);
    expect(await options.$eval('select[name="currency"]', (el) => (el as HTMLSelectElement).value)).toBe('GBP');
    await options.close();

    // Stationery: the second fixture note's search (得力便利贴) reaches its fixture page.
    const note = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_B}?xsec_token=x`);
    await note.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 15_000 });
    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${await session.ext.tabIdOf(note)}`));
    await popup.setViewport({ width: 440, height: 1400 });
    const stickyNotes = '[data-testid="product"][data-query*="便利贴"]';
    await popup.waitForSelector(stickyNotes, { timeout: 15_000 });
    const taobao = await findOnTaobao(popup, stickyNotes);
    expect(session.server.requests.some((r) => r.host === 's.taobao.com' && decodeURIComponent(r.path).includes('便利贴'))).toBe(true);
    for (const listingPrice of await texts(popup, `${stickyNotes} [data-testid="listing-price"]`)) expect(listingPrice).toMatch(/≈ GBP/);
    await popup.waitForSelector(`${stickyNotes} [data-testid="quote-table"]`, { timeout: 15_000 });
    expect((await texts(popup, `${stickyNotes} [data-testid="quote-total"]`))[0]).toMatch(/^GBP\s[\d,.]+/);
    await Promise.all([taobao.close(), popup.close(), note.close()]);

    // Cosmetics: a note that prices a lipstick. The quote uses the note's price, in pounds; a price
    // at home typed as "£25" reads as pounds, and "US$30" stays dollars, converted to compare.
    const template = readFileSync(join(PAGES_DIR, 'xiaohongshu', `note-${NOTE_B}.html`), 'utf8');
    const lipstickNote = template
      .replaceAll('得力(Deli)的便利贴真的好用，一包才9.9元，tb搜「得力便利贴」就有。这支中性笔也回购了三次✍️', '这支口红显白不拔干，某宝129元，闭眼入！')
      .replaceAll('得力便利贴｜考研党必备文具', '平价口红推荐');
    expect(lipstickNote).toContain('这支口红');
    session.server.setOverride((_req, url) => (url.pathname === `/explore/${NOTE_B}` ? { body: lipstickNote } : null));
    const cosmetics = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_B}?xsec_token=y`);
    await cosmetics.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 15_000 });
    session.server.setOverride(null);
    const view = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${await session.ext.tabIdOf(cosmetics)}`));
    await view.setViewport({ width: 440, height: 1400 });
    const lipstick = '[data-testid="product"][data-query*="口红"]';
    // Cosmetics are sensitive cargo: none of the bundled UK lines takes them, and the quote says so, line by line.
    await view.waitForFunction((s) => /No forwarder line can take this parcel/.test(document.querySelector(s)?.textContent ?? ''), { timeout: 15_000 }, `${lipstick} [data-testid="quote"]`);
    expect(await view.$eval(`${lipstick} [data-testid="quote"] h4`, (el) => el.textContent)).toMatch(/¥129\.00 to GB/);
    const refusals = await view.$eval(`${lipstick} [data-testid="unavailable"]`, (el) => el.textContent ?? '');
    expect(refusals).toMatch(/UK air: takes general cargo; the parcel is sensitive/);
    await view.type(`${lipstick} [data-testid="local-price"]`, '£25');
    await view.waitForFunction((s) => /^Read as GBP\s25\.00$/.test(document.querySelector(s)?.textContent ?? ''), { timeout: 10_000 }, `${lipstick} [data-testid="local-read-as"]`);
    await view.click(`${lipstick} [data-testid="local-price"]`, { count: 3 });
    await view.type(`${lipstick} [data-testid="local-price"]`, 'US$30');
    await view.waitForFunction(
      (s) => /^Read as USD\s30\.00: the landed total is converted to USD to compare$/.test(document.querySelector(s)?.textContent ?? ''),
      { timeout: 10_000 },
      `${lipstick} [data-testid="local-read-as"]`,
    );
    await Promise.all([view.close(), cosmetics.close()]);
  });

  it('the seller: watches a competitor’s listing from the popup and finds it on the seller page', async () => {
    const note = await openPage(session.ext, `https://www.xiaohongshu.com/explore/${NOTE_A}?xsec_token=z`);
    await note.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 15_000 });
    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${await session.ext.tabIdOf(note)}`));
    await popup.setViewport({ width: 440, height: 1400 });
    const hoodie = '[data-testid="product"][data-query="刺绣卫衣"]';
    await popup.waitForSelector(hoodie, { timeout: 15_000 });
    const taobao = await findOnTaobao(popup, hoodie);
    const row = `${hoodie} [data-testid="listing"]:last-child`;
    const title = await popup.$eval(`${row} .zc-listing-title`, (el) => el.textContent ?? '');
    await popup.click(`${row} [data-testid="watch"]`);
    await popup.waitForSelector(`${row} [data-testid="watch"][aria-pressed="true"]`, { timeout: 10_000 });
    const seller = await openPage(session.ext, session.ext.pageUrl('seller.html'));
    await seller.waitForFunction((t) => (document.querySelector('main')?.textContent ?? '').includes(t.slice(0, 12)), { timeout: 15_000 }, title);
    await Promise.all([seller.close(), taobao.close(), popup.close(), note.close()]);
  });
});
