import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, openPage, type ExtensionBrowser } from '../support/chromium';
import { screenshotFolder } from '../support/screenshots';
import { readStore } from '../support/extension-db';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';

let server: FixtureServer;
let ext: ExtensionBrowser;
let scratch: string;

beforeAll(async () => {
  server = await startFixtureServer();
  ext = await launchWithExtension(server);
  scratch = mkdtempSync(join(tmpdir(), 'zc-options-'));
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const TABLES = ['listings', 'prices', 'snapshots', 'rateCards', 'fxRates', 'taxRules', 'basket', 'meta'];

/** The options page once every section has read the database (and the bundled cards are seeded). */
async function openOptions(): Promise<Page> {
  const page = await openPage(ext, ext.pageUrl('options.html'));
  await page.setViewport({ width: 960, height: 1400 });
  await page.waitForSelector('main[aria-busy="false"] [data-line]', { timeout: 20_000 });
  await page.waitForSelector('[data-table="listings"] td');
  return page;
}

async function statusIs(page: Page, text: string | RegExp): Promise<void> {
  const source = typeof text === 'string' ? `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : text.source;
  await page.waitForFunction((pattern) => new RegExp(pattern).test(document.querySelector('[data-testid="status"]')?.textContent ?? ''), { timeout: 10_000 }, source);
}

async function dumpStores(page: Page): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = await readStore(page, table);
  return out;
}

/** Puts a captured listing, its price and a basket entry into the extension's real IndexedDB. */
async function seedUserData(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhongcao');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['listings', 'prices', 'basket'], 'readwrite');
    tx.objectStore('listings').put({
      id: 'taobao:727851748466', platform: 'taobao', itemId: '727851748466', title: '小熊刺绣卫衣', url: 'https://item.taobao.com/item.htm?id=727851748466',
      priceCny: 68.29, seenAt: 1_790_000_000_000, firstSeenAt: 1_790_000_000_000, queries: ['刺绣卫衣'], watched: 1,
    });
    tx.objectStore('prices').put({ listingId: 'taobao:727851748466', day: '2026-09-21', priceCny: 68.29, seenAt: 1_790_000_000_000 });
    tx.objectStore('basket').put({ listingId: 'taobao:727851748466', quantity: 2, addedAt: 1_790_000_000_000 });
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

describe('the options page in Chromium', () => {
  it('keeps the destination and currency after a reload', async () => {
    const page = await openOptions();
    await page.select('select[name="destination"]', 'GB');
    await statusIs(page, 'Saved');
    await page.select('select[name="currency"]', 'GBP');
    await statusIs(page, 'Saved');
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('main[aria-busy="false"] [data-line]');
    expect(await page.$eval('select[name="destination"]', (el) => (el as HTMLSelectElement).value)).toBe('GB');
    expect(await page.$eval('select[name="currency"]', (el) => (el as HTMLSelectElement).value)).toBe('GBP');
    // Only lines to the destination are listed.
    expect(await page.$('[data-line="cainiao-gb-air"]')).not.toBeNull();
    expect(await page.$('[data-line="cainiao-us-sea-tax-included"]')).toBeNull();
    await page.close();
  });

  it('lists every error of a bad rate-card file and changes nothing', async () => {
    const page = await openOptions();
    const before = await readStore(page, 'rateCards');
    const good = (before as Array<{ card: Record<string, unknown> }>)[0]!.card;
    const file = join(scratch, 'bad-cards.json');
    writeFileSync(file, JSON.stringify({ cards: [{ ...good, id: 'mine-1' }, { ...good, id: 'mine-2', roundingStepKg: -1, destinations: [] }] }));
    const input = await page.$('input[name="importCards"]');
    await input!.uploadFile(file);
    await page.waitForSelector('[data-testid="import-errors"]');
    const errors = await page.$$eval('[data-testid="import-errors"] li', (items) => items.map((item) => item.textContent ?? ''));
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^Card 2 \(mine-2\) roundingStepKg/), expect.stringMatching(/^Card 2 \(mine-2\) destinations/)]));
    expect(await page.$eval('[data-testid="import-errors"]', (el) => el.textContent)).toMatch(/Nothing was imported/);
    expect(await readStore(page, 'rateCards')).toEqual(before);
    await page.close();
  });

  it('exports everything to a file, deletes everything, and restores the file: the same data comes back', async () => {
    const page = await openOptions();
    await seedUserData(page);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('[data-table="basket"] td')?.textContent === '1', { timeout: 10_000 });
    const before = await dumpStores(page);
    expect(before.listings).toHaveLength(1);

    const downloads = join(scratch, 'downloads');
    mkdirSync(downloads, { recursive: true });
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.click('button ::-p-text(Export everything)');
    await statusIs(page, /^Saved zhongcao-backup-/);
    const backup = await waitForFile(downloads, /^zhongcao-backup-.*\.json$/);
    expect(JSON.parse(readFileSync(backup, 'utf8'))).toMatchObject({ format: 'zhongcao-backup', settings: { destination: 'GB' } });

    await page.click('button ::-p-text(Delete everything…)');
    await page.waitForSelector('[data-testid="delete-confirm"]');
    await page.click('button ::-p-text(Yes, delete everything)');
    await statusIs(page, /Everything was deleted/);
    expect(await readStore(page, 'listings')).toEqual([]);
    expect(await page.$eval('select[name="destination"]', (el) => (el as HTMLSelectElement).value)).toBe('US');

    const input = await page.$('input[name="restoreFile"]');
    await input!.uploadFile(backup);
    await page.waitForSelector('[data-testid="restore-confirm"]');
    await page.click('button ::-p-text(Replace everything with this backup)');
    await statusIs(page, 'Backup restored');
    expect(await dumpStores(page)).toEqual(before);
    expect(await page.$eval('select[name="destination"]', (el) => (el as HTMLSelectElement).value)).toBe('GB');
    await cdp.detach();
    await page.close();
  });

  it('crafted backups restore or are refused with a named error, and the rest of Options keeps working', async () => {
    const page = await openOptions();
    const exported = readdirSync(join(scratch, 'downloads')).find((name) => name.endsWith('.json'));
    expect(exported).toBeTruthy();
    const good = JSON.parse(readFileSync(join(scratch, 'downloads', exported!), 'utf8')) as { exportedAt: string; tables: Record<string, Array<Record<string, unknown>>> };
    const craft = (name: string, change: (doc: typeof good) => void) => {
      const doc = structuredClone(good);
      change(doc);
      const file = join(scratch, name);
      writeFileSync(file, JSON.stringify(doc));
      return file;
    };
    const upload = async (file: string) => {
      const input = await page.$('input[name="restoreFile"]');
      await input!.uploadFile(file);
    };
    const errorsText = async () => {
      await page.waitForSelector('[data-testid="restore-errors"]', { timeout: 10_000 });
      return page.$eval('[data-testid="restore-errors"]', (el) => el.textContent ?? '');
    };

    // A storage warning of the wrong shape: refused, naming the record and the field.
    await upload(craft('bad-warning.json', (doc) => doc.tables.meta!.push({ key: 'storage-warning', value: { at: 'yesterday', evicted: 3 } })));
    const warningErrors = await errorsText();
    expect(warningErrors).toContain('storage-warning');
    expect(warningErrors).toContain('value.at');
    // An export date that is no date: refused by name, the screen still there.
    await upload(craft('bad-date.json', (doc) => (doc.exportedAt = 'not a date')));
    await page.waitForFunction(() => document.querySelector('[data-testid="restore-errors"]')?.textContent?.includes('exportedAt'), { timeout: 10_000 });

    // A listing whose link is javascript: and whose image is a plain-http pixel restores as data, never as a link or an image.
    await upload(
      craft('hostile-links.json', (doc) => {
        const listing = doc.tables.listings![0]!;
        listing.url = 'javascript:alert(document.domain)';
        listing.imageUrl = 'http://tracker.invalid/pixel.gif';
        listing.watched = 1;
      }),
    );
    await page.waitForSelector('[data-testid="restore-confirm"]', { timeout: 10_000 });
    await page.click('button ::-p-text(Replace everything with this backup)');
    await statusIs(page, 'Backup restored');
    const seller = await openPage(ext, ext.pageUrl('seller.html'));
    await seller.waitForSelector('[data-testid="watchlist"] tbody tr', { timeout: 15_000 });
    expect(await seller.$$eval('a[href], img[src]', (els) => els.map((el) => el.getAttribute('href') ?? el.getAttribute('src')).filter((url) => !/^(?:https:|blob:|#)/.test(url ?? '')))).toEqual([]);
    await seller.close();

    // A bad record that reached the database some other way: "Your data" still counts, restores and deletes.
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('zhongcao');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('meta', 'readwrite');
      tx.objectStore('meta').put({ key: 'storage-warning', value: { at: 'yesterday', evicted: null } });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    });
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('[data-table="listings"] td', { timeout: 20_000 });
    expect(await page.$('[data-testid="storage-warning"]')).toBeNull();
    expect(await page.$('button ::-p-text(Delete everything…)')).not.toBeNull();
    expect(await page.$('select[name="destination"]')).not.toBeNull();
    await page.close();
  });

  it('saves screenshots in light and dark', async () => {
    const folder = screenshotFolder('screenshots');
    const page = await openOptions();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(scheme === 'dark' ? 'rgb(24, 24, 27)' : 'rgb(255, 255, 255)');
      await page.screenshot({ path: join(folder, `options-${scheme}.png`) as `${string}.png`, fullPage: true });
    }
    await page.close();
  });
});

function isCompleteJson(path: string): boolean {
  try {
    JSON.parse(readFileSync(path, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

async function waitForFile(folder: string, name: RegExp, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = readdirSync(folder).find((file) => name.test(file));
    // Chromium reserves the final name with an empty file before the download is written there.
    if (found && isCompleteJson(join(folder, found))) return join(folder, found);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no file matching ${name} in ${folder}`);
}
