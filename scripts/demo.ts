// `npm start`: the whole job offline. Serves the bundled fixture pages of a Xiaohongshu note and a
// Taobao search under their real hostnames on loopback, launches Chromium with the built extension
// and opens the note. With a display it stays open for you to play; without one it runs headless,
// walks note → products → "Find on Taobao" → captured listings → landed-cost quote, prints what
// each step found, saves screenshots into a folder it names, and exits non-zero when a step fails.
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchWithExtension, openPage, ROOT } from '../tests/support/chromium';
import { startFixtureServer } from '../tests/support/fixture-server';

const NOTE_URL = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4?xsec_token=ABdemo&xsec_source=pc_feed';
const interactive = Boolean(process.env.DISPLAY) && !process.env.CI;

/** Runs one step of the walk; a failure names the step and ends the demo with exit code 1. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    console.error(`✗ ${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    throw new Error(`demo stopped at: ${name}`, { cause: error });
  }
}

const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()));

const server = await startFixtureServer();
const ext = await launchWithExtension(server, { headless: !interactive });
try {
  const note = await step('open the note', async () => {
    const page = await openPage(ext, NOTE_URL);
    await page.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 15_000 });
    return page;
  });

  if (interactive) {
    console.log("Zhongcao demo is open in Chromium. Click the extension's icon on the note; close the browser to finish.");
    await new Promise<void>((resolve) => ext.browser.on('disconnected', () => resolve()));
  } else {
    const folder = join(ROOT, 'demo-output', new Date().toISOString().replace(/[:.]/g, '-'));
    mkdirSync(folder, { recursive: true });
    await note.setViewport({ width: 1280, height: 900 });
    await note.waitForNetworkIdle({ idleTime: 500, timeout: 10_000 }).catch(() => {});
    await note.screenshot({ path: join(folder, 'note.png') });
    const marks = await texts(note, '[data-zc-mention]');
    console.log(`✓ note read: ${marks.length} marks (${[...new Set(marks)].slice(0, 6).join(', ')})`);

    const tabId = await ext.tabIdOf(note);
    const popup = await openPage(ext, ext.pageUrl(`popup.html?tabId=${tabId}`));
    await popup.setViewport({ width: 440, height: 900 });
    const products = await step('the popup lists the products', async () => {
      await popup.waitForSelector('main.zc-popup:not([aria-busy="true"]) [data-testid="product"]', { timeout: 15_000 });
      return popup.$$eval('[data-testid="product"]', (els) => els.map((el) => `${el.querySelector('.zc-product-en')?.textContent ?? ''} (${el.getAttribute('data-query') ?? ''})`));
    });
    console.log(`✓ products: ${products.join('; ')}`);
    await popup.screenshot({ path: join(folder, 'popup.png') });
    const where = await texts(popup, '[data-testid="where-entry"] > strong');
    if (where.length) console.log(`✓ where the note says to buy: ${where.join(', ')}`);

    const product = '[data-testid="product"]';
    const taobao = await step('"Find on Taobao" opens the search and its cards are captured', async () => {
      const tab = ext.browser.waitForTarget((target) => target.url().startsWith('https://s.taobao.com/search'), { timeout: 15_000 });
      await popup.click(`${product} [data-testid="find-on-taobao"]`);
      const page = (await (await tab).page())!;
      await page.setViewport({ width: 1280, height: 900 });
      await page.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) > 0, { timeout: 15_000 });
      return page;
    });
    const captured = await taobao.evaluate(() => Number(document.documentElement.dataset.zcCaptured ?? 0));
    await taobao.screenshot({ path: join(folder, 'taobao-search.png') });
    console.log(`✓ captured ${captured} listings from the Taobao search`);

    await popup.bringToFront();
    const listings = await step('the popup ranks the captured listings', async () => {
      await popup.waitForSelector(`${product} [data-testid="listing"]`, { timeout: 15_000 });
      return popup.$$eval(`${product}:first-of-type [data-testid="listing"]`, (els) =>
        els.map((el) => `${el.querySelector('[data-testid="listing-price"]')?.textContent ?? '?'} ${(el.querySelector('.zc-listing-title')?.textContent ?? '').slice(0, 24)}`),
      );
    });
    console.log(`✓ ${listings.length} matching listings:\n    ${listings.join('\n    ')}`);
    const suggested = await popup
      .$eval(`${product}:first-of-type [data-testid="listing"]:has([data-testid="suggested"]) [data-testid="listing-price"]`, (el) => el.textContent ?? '')
      .catch(() => '');
    if (suggested) console.log(`✓ suggested (the top match nearest the note's price): ${suggested}`);

    const cheapest = await step('the landed-cost quote', async () => {
      await popup.waitForSelector(`${product} [data-testid="quote-table"] tr.zc-best`, { timeout: 15_000 });
      return popup.$eval(`${product} [data-testid="quote-table"] tr.zc-best`, (row) => ({
        line: (row.querySelector('th span')?.textContent ?? '').trim(),
        total: (row.querySelector('[data-testid="quote-total"]')?.firstChild?.textContent ?? '').trim(),
      }));
    });
    const heading = await popup.$eval(`${product} [data-testid="quote"] h4`, (el) => el.textContent ?? '').catch(() => '');
    console.log(`✓ ${heading}: cheapest ${cheapest.total} on ${cheapest.line}`);
    await popup.type(`${product} [data-testid="local-price"]`, '75 USD');
    const saving = await step('the saving against the price at home', async () => {
      await popup.waitForFunction((selector) => /^(save|costs)/.test(document.querySelector(selector)?.textContent ?? ''), { timeout: 10_000 }, `${product} [data-testid="saving"]`);
      return popup.$eval(`${product} [data-testid="saving"]`, (el) => el.textContent ?? '');
    });
    console.log(`✓ against 75 USD at home: ${saving}`);
    await popup.screenshot({ path: join(folder, 'popup-quote.png'), fullPage: true });
    console.log(`Demo finished. Screenshots of the note page, the popup, the Taobao search and the quote are in ${relative(process.cwd(), folder) || folder}/`);
  }
} catch (error) {
  if (!process.exitCode) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
} finally {
  await ext.close().catch(() => {});
  await server.close();
}
