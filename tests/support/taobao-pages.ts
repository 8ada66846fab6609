import type { Page } from 'puppeteer-core';

/**
 * Hostile and ordinary Taobao search pages for the capture-budget tests, and the measurements they
 * take: the popup's listings request timed from an extension page, the extension origin's storage.
 */

export const ORDINARY_PAGES = 7;
export const CARDS_PER_PAGE = 48;
export const ORDINARY_BASE = 600_000_000_000;
export const FLOOD_BASE = 700_000_000_000;
export const CHURN_BASE = 800_000_000_000;

export function card(id: number, title: string, priceInt: string, priceFloat = '.00'): string {
  return `<div class="tbpc-col search-content-col"><a id="item_id_${id}" class="doubleCardWrapperAdapt--mEcC7olq" href="//item.taobao.com/item.htm?id=${id}">` +
    `<div class="title--qJ7Xg_90"><span>${title}</span></div><div class="priceInt--yqqZMJ5a">${priceInt}</div><div class="priceFloat--XpixvyQ1">${priceFloat}</div>` +
    `<span class="realSales--XZJiepmt">100+人付款</span><a class="shopName--hdF527QA"><span class="shopNameText--DmtlsDKm">店${id % 97}</span></a></a></div>`;
}

export function page(body: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>search</title></head><body><div id="content_items_wrapper">${body}</div></body></html>`;
}

/** An ordinary result page: 48 cards; on the first page one card's price overflows when multiplied by 万. */
export function ordinaryPage(n: number): string {
  const cards = Array.from({ length: CARDS_PER_PAGE }, (_, i) => {
    const id = ORDINARY_BASE + n * 100 + i;
    return n === 1 && i === 5 ? card(id, `普通商品${n}-${i}`, '9'.repeat(305), '万') : card(id, `普通商品${n}-${i}`, String(10 + i));
  });
  return page(cards.join(''));
}

/** 50,500 distinct cards, built in the page (as a React page would), in one go. */
export function floodPage(): string {
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
export function churnPage(seconds: number): string {
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
export async function timedListings(extensionPage: Page, query: string): Promise<{ ok: boolean; count: number; ms: number }> {
  return extensionPage.evaluate(async (q: string) => {
    const started = performance.now();
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: unknown[] }> } } }).chrome.runtime;
    const answer = await runtime.sendMessage({ zc: 1, type: 'popup:listings', payload: { query: q } });
    return { ok: answer.ok, count: Array.isArray(answer.data) ? answer.data.length : -1, ms: performance.now() - started };
  }, query);
}

export async function usageBytes(extensionPage: Page): Promise<number> {
  return extensionPage.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/** Waits until the page's capture counters stop moving (every batch answered), however many there are. */
export async function settled(tab: Page): Promise<void> {
  let last = '';
  for (let stable = 0; stable < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await tab.evaluate(() => `${document.documentElement.dataset.zcCaptured}|${document.documentElement.dataset.zcRefused}|${document.documentElement.dataset.zcOverBudget}`);
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

