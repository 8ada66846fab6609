import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { PriceObservation, StoredListing } from '../../lib/db';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';
import { readStore } from '../support/extension-db';

/**
 * Hostile Taobao pages against the listing cache, in real Chromium under s.taobao.com: a page that
 * renders 50,500 distinct cards, and one that re-renders the same 200 cards under a new 200-character
 * query every 400 ms. The ordinary listings stored before keep their histories, the cache stays
 * within its budgets, and the popup's listings request keeps answering. Times are measured and
 * printed (for the report); the assertion on them is a generous bound, not a speed goal.
 */
const session = useExtensionBrowser();

const ORDINARY_PAGES = 7;
const CARDS_PER_PAGE = 48;
const ORDINARY_BASE = 600_000_000_000;
const FLOOD_BASE = 700_000_000_000;
const CHURN_BASE = 800_000_000_000;

function card(id: number, title: string, priceInt: string, priceFloat = '.00'): string {
  return `<div class="tbpc-col search-content-col"><a id="item_id_${id}" class="doubleCardWrapperAdapt--mEcC7olq" href="//item.taobao.com/item.htm?id=${id}">` +
    `<div class="title--qJ7Xg_90"><span>${title}</span></div><div class="priceInt--yqqZMJ5a">${priceInt}</div><div class="priceFloat--XpixvyQ1">${priceFloat}</div>` +
    `<span class="realSales--XZJiepmt">100+人付款</span><a class="shopName--hdF527QA"><span class="shopNameText--DmtlsDKm">店${id % 97}</span></a></a></div>`;
}

function page(body: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>search</title></head><body><div id="content_items_wrapper">${body}</div></body></html>`;
}

/** An ordinary result page: 48 cards; on the first page one card's price overflows when multiplied by 万. */
function ordinaryPage(n: number): string {
  const cards = Array.from({ length: CARDS_PER_PAGE }, (_, i) => {
    const id = ORDINARY_BASE + n * 100 + i;
    return n === 1 && i === 5 ? card(id, `普通商品${n}-${i}`, '9'.repeat(305), '万') : card(id, `普通商品${n}-${i}`, String(10 + i));
  });
  return page(cards.join(''));
}

/** 50,500 distinct cards, built in the page (as a React page would), in one go. */
function floodPage(): string {
  return page('') + `<script>
    const parts = [];
    for (let i = 0; i < 50500; i++) {
      const id = ${FLOOD_BASE} + i;
      parts.push('<div class="tbpc-col"><a id="item_id_' + id + '" class="doubleCardWrapperAdapt--mEcC7olq" href="//item.taobao.com/item.htm?id=' + id + '"><div class="title--qJ7Xg_90"><span>灌水' + i + '</span></div><div class="priceInt--yqqZMJ5a">1</div></a></div>');
    }
    document.getElementById('content_items_wrapper').innerHTML = parts.join('');
    document.documentElement.dataset.floodRendered = '1';
  </script>`;
}

/** The same 200 cards re-rendered every 400 ms under a new 200-character query, for `seconds`. */
function churnPage(seconds: number): string {
  return page('') + `<script>
    let round = 0;
    const render = () => {
      const query = String(round).padStart(4, '0') + '查'.repeat(196);
      history.replaceState(null, '', '/search?q=' + encodeURIComponent(query));
      const parts = [];
      for (let i = 0; i < 200; i++) {
        const id = ${CHURN_BASE} + i;
        parts.push('<div class="tbpc-col"><a id="item_id_' + id + '" class="doubleCardWrapperAdapt--mEcC7olq" href="//item.taobao.com/item.htm?id=' + id + '"><div class="title--qJ7Xg_90"><span>' + '标题'.repeat(100) + round + '</span></div><div class="priceInt--yqqZMJ5a">' + (20 + round % 7) + '</div></a></div>');
      }
      document.getElementById('content_items_wrapper').innerHTML = parts.join('');
      document.documentElement.dataset.churnRounds = String(++round);
      if (round * 400 < ${seconds * 1000}) setTimeout(render, 400);
      else document.documentElement.dataset.churnDone = '1';
    };
    render();
  </script>`;
}

/** The popup's listings request, from an extension page, with the time it took to answer. */
async function timedListings(extensionPage: Page, query: string): Promise<{ ok: boolean; count: number; ms: number }> {
  return extensionPage.evaluate(async (q: string) => {
    const started = performance.now();
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: unknown[] }> } } }).chrome.runtime;
    const answer = await runtime.sendMessage({ zc: 1, type: 'popup:listings', payload: { query: q } });
    return { ok: answer.ok, count: Array.isArray(answer.data) ? answer.data.length : -1, ms: performance.now() - started };
  }, query);
}

async function usageBytes(extensionPage: Page): Promise<number> {
  return extensionPage.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/** Waits until the page's capture counters stop moving (every batch answered), however many there are. */
async function settled(tab: Page): Promise<void> {
  let last = '';
  for (let stable = 0; stable < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await tab.evaluate(() => `${document.documentElement.dataset.zcCaptured}|${document.documentElement.dataset.zcRefused}|${document.documentElement.dataset.zcOverBudget}`);
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

describe('capture budgets against hostile Taobao pages', () => {
  it('keeps ordinary listings and their histories through a 50,500-card page, and drops an overflowing price alone', async () => {
    session.server.setOverride((_req, url) => {
      if (url.hostname !== 's.taobao.com' || url.pathname !== '/search') return null;
      const q = url.searchParams.get('q') ?? '';
      if (q.startsWith('ordinary-')) return { body: ordinaryPage(Number(q.slice('ordinary-'.length))) };
      if (q === 'flood') return { body: floodPage() };
      return null;
    });
    for (let n = 1; n <= ORDINARY_PAGES; n++) {
      const tab = await openPage(session.ext, `https://s.taobao.com/search?q=ordinary-${n}`);
      await tab.waitForFunction((want) => Number(document.documentElement.dataset.zcCaptured ?? 0) >= want, { timeout: 20_000 }, CARDS_PER_PAGE);
      await tab.close();
    }
    const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
    const ordinaryIds = new Set((await readStore<StoredListing>(options, 'listings')).filter((l) => l.title.startsWith('普通商品')).map((l) => l.id));
    // Every card of every ordinary page, the one with the overflowing price included (without a price).
    expect(ordinaryIds.size).toBe(ORDINARY_PAGES * CARDS_PER_PAGE);
    const overflow = (await readStore<StoredListing>(options, 'listings')).find((l) => l.itemId === String(ORDINARY_BASE + 105));
    expect(overflow?.priceCny).toBeUndefined();
    const usageBefore = await usageBytes(options);

    const flood = await openPage(session.ext, 'https://s.taobao.com/search?q=flood');
    await flood.waitForFunction(() => document.documentElement.dataset.floodRendered === '1', { timeout: 60_000 });
    await settled(flood);
    const counters = await flood.evaluate(() => ({ ...document.documentElement.dataset }));

    const listings = await readStore<StoredListing>(options, 'listings');
    const prices = await readStore<PriceObservation>(options, 'prices');
    const kept = listings.filter((l) => ordinaryIds.has(l.id));
    const flooded = listings.filter((l) => l.title.startsWith('灌水'));
    const popup = await timedListings(options, 'ordinary-3');
    const usageAfter = await usageBytes(options);
    console.info(`[budgets] flood: ${flooded.length} of 50,500 cards stored (page counters ${JSON.stringify(counters)}); ` +
      `ordinary listings kept ${kept.length}/${ordinaryIds.size}; popup answered ${popup.count} listings in ${popup.ms.toFixed(0)} ms; ` +
      `usage ${(usageBefore / 1e6).toFixed(2)} → ${(usageAfter / 1e6).toFixed(2)} MB`);

    expect(kept.length).toBe(ordinaryIds.size);
    for (const listing of kept) if (listing.priceCny !== undefined) expect(prices.some((p) => p.listingId === listing.id)).toBe(true);
    // At most one page's card budget from the flood.
    expect(flooded.length).toBeLessThanOrEqual(500);
    expect(Number(counters.zcOverBudget)).toBe(50_000);
    expect(popup.ok).toBe(true);
    expect(popup.count).toBeGreaterThan(0);
    expect(popup.ms).toBeLessThan(10_000);
    await flood.close();
    await options.close();
  }, 240_000);

  it('bounds what a page re-rendering its cards under new long queries can store, and the popup keeps answering', async () => {
    const seconds = 15;
    session.server.setOverride((_req, url) => (url.hostname === 's.taobao.com' && url.searchParams.get('q') === 'churn' ? { body: churnPage(seconds) } : null));
    const options = await openPage(session.ext, session.ext.pageUrl('options.html'));
    const usageBefore = await usageBytes(options);
    const churn = await openPage(session.ext, 'https://s.taobao.com/search?q=churn');
    const times: number[] = [];
    while ((await churn.evaluate(() => document.documentElement.dataset.churnDone)) !== '1') {
      const popup = await timedListings(options, 'ordinary-2');
      expect(popup.ok).toBe(true);
      times.push(popup.ms);
    }
    await settled(churn);
    const rounds = Number(await churn.evaluate(() => document.documentElement.dataset.churnRounds));
    const listings = (await readStore<StoredListing>(options, 'listings')).filter((l) => Number(l.itemId) >= CHURN_BASE && Number(l.itemId) < CHURN_BASE + 200);
    const usageAfter = await usageBytes(options);
    const worst = Math.max(...times);
    console.info(`[budgets] churn: ${rounds} renders of 200 cards under new 200-char queries in ${seconds} s; ` +
      `${listings.length} listings, at most ${Math.max(...listings.map((l) => l.queries.length))} queries each; ` +
      `popup answered ${times.length} times, worst ${worst.toFixed(0)} ms, median ${times.sort((a, b) => a - b)[Math.floor(times.length / 2)]?.toFixed(0)} ms; ` +
      `usage ${(usageBefore / 1e6).toFixed(2)} → ${(usageAfter / 1e6).toFixed(2)} MB`);

    expect(rounds).toBeGreaterThan(10);
    for (const listing of listings) {
      expect(listing.queries.length).toBeLessThanOrEqual(8);
      for (const query of listing.queries) expect(query.length).toBeLessThanOrEqual(100);
    }
    expect(times.length).toBeGreaterThan(0);
    expect(worst).toBeLessThan(10_000);
    await churn.close();
    await options.close();
  }, 120_000);
});
