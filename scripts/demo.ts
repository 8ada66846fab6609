// `npm start`: the whole job offline. Serves the bundled fixture pages of a Xiaohongshu note and a
// Taobao search under their real hostnames on loopback, launches Chromium with the built extension
// and opens the note. With a display it stays open for you to play; without one it runs headless,
// saves screenshots into a folder it names, and exits.
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { launchWithExtension, openPage, ROOT } from '../tests/support/chromium';
import { startFixtureServer } from '../tests/support/fixture-server';

const NOTE_URL = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4?xsec_token=ABdemo&xsec_source=pc_feed';
const interactive = Boolean(process.env.DISPLAY) && !process.env.CI;

const server = await startFixtureServer();
const ext = await launchWithExtension(server, { headless: !interactive });
const note = await openPage(ext, NOTE_URL);
await note.waitForFunction(() => document.documentElement.dataset.zcNote, { timeout: 15_000 });

if (interactive) {
  console.log('Zhongcao demo is open in Chromium. Click the extension\'s icon on the note; close the browser to finish.');
  await new Promise<void>((resolve) => ext.browser.on('disconnected', () => resolve()));
  await server.close();
  process.exit(0);
}

const folder = join(ROOT, 'demo-output', new Date().toISOString().replace(/[:.]/g, '-'));
mkdirSync(folder, { recursive: true });
await note.setViewport({ width: 1280, height: 900 });
// Give lazily loaded comments and their marks a moment to settle before the picture.
await note.waitForNetworkIdle({ idleTime: 500, timeout: 10_000 }).catch(() => {});
await note.screenshot({ path: join(folder, 'note.png') });

const tabId = await ext.tabIdOf(note);
const popup = await openPage(ext, ext.pageUrl(`popup.html?tabId=${tabId}`));
await popup.setViewport({ width: 440, height: 900 });
await popup.waitForSelector('main.zc-popup:not([aria-busy="true"]) [data-testid="product"]', { timeout: 15_000 });
await popup.screenshot({ path: join(folder, 'popup.png') });

// The rest of the job: "Find on Taobao" opens the (fixture) search, its cards are captured, and the
// popup shows ranked listings with their landed cost.
const product = '[data-testid="product"]';
const taobaoTab = ext.browser.waitForTarget((target) => target.url().startsWith('https://s.taobao.com/search'), { timeout: 15_000 });
await popup.click(`${product} [data-testid="find-on-taobao"]`);
const taobao = (await (await taobaoTab).page())!;
await taobao.setViewport({ width: 1280, height: 900 });
await taobao.waitForFunction(() => Number(document.documentElement.dataset.zcCaptured ?? 0) > 0, { timeout: 15_000 });
await taobao.screenshot({ path: join(folder, 'taobao-search.png') });
await popup.bringToFront();
await popup.waitForSelector(`${product} [data-testid="quote-table"]`, { timeout: 15_000 }).catch(() => {});
await popup.type(`${product} [data-testid="local-price"]`, '75 USD').catch(() => {});
await new Promise((resolve) => setTimeout(resolve, 800));
await popup.screenshot({ path: join(folder, 'popup-quote.png'), fullPage: true });

await ext.close();
await server.close();
console.log(`Demo finished. Screenshots of the note page, the popup, the Taobao search and the landed-cost quote are in ${relative(process.cwd(), folder) || folder}/`);
