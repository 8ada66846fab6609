import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import type { FixtureServer } from './fixture-server';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
export const CHROME_BUILD = join(ROOT, '.output', 'chrome-mv3');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium to drive: `CHROME_PATH` when set, else the system one. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  worker: WebWorker;
  /** URL of an extension page, e.g. `popup.html?tabId=3`. */
  pageUrl(path: string): string;
  /** The tab id Chrome gave a page (from the service worker's view of the tabs). */
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
}

export async function launchWithExtension(
  server: FixtureServer,
  { headless = true, extensionDir = CHROME_BUILD, colorScheme, keepWelcome = false }: { headless?: boolean; extensionDir?: string; colorScheme?: 'light' | 'dark'; keepWelcome?: boolean } = {},
): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set CHROME_PATH or run `node scripts/ensure-chromium.mjs`.');
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No built extension in ${extensionDir}: run \`npm run build\`.`);
  const browser = await puppeteer.launch({
    executablePath,
    headless,
    pipe: true,
    enableExtensions: [extensionDir],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--disable-features=HttpsUpgrades,Translate,OptimizationHints,MediaRouter',
      ...(colorScheme === 'dark' ? ['--force-dark-mode', '--blink-settings=preferredColorScheme=0'] : []),
      ...server.chromiumArgs,
    ],
  });
  try {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 20_000 });
    const extensionId = new URL(target.url()).host;
    const worker = (await target.worker())!;
    const pageUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;
    // A fresh profile is a new install, which opens the first-run page in front. Tests that are not
    // about it close it: a note page left behind it is hidden, and hidden pages get no frames.
    if (!keepWelcome) {
      const welcome = await browser.waitForTarget((t) => t.url() === pageUrl('welcome.html'), { timeout: 10_000 }).catch(() => null);
      await (await welcome?.page())?.close();
    }
    return {
      browser,
      extensionId,
      worker,
      pageUrl,
      async tabIdOf(page) {
        const url = page.url();
        const id = await worker.evaluate(async (u: string) => {
          const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).chrome;
          const tabs = await api.tabs.query({});
          return tabs.find((tab) => tab.url === u)?.id ?? -1;
        }, url);
        if (id < 0) throw new Error(`No tab found for ${url}`);
        return id;
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Opens a URL in a new page and waits for it to load. */
export async function openPage(ext: ExtensionBrowser, url: string): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}
