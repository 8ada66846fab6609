import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { useExtensionBrowser } from '../support/extension-session';
import { openPage } from '../support/chromium';

/**
 * A quote taken apart in real Chromium: the background seeds the cards, tax rules and ECB rates from
 * the packaged asset, the popup quotes the note's hoodie, each line opens to its breakdown (freight
 * and how its weight was found, duties with their source pages and dates, the rate and its date), and
 * the weight and box typed in the popup change the chargeable weight.
 */

const NOTE_URL = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4';
const session = useExtensionBrowser();
const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '');

describe('landed cost, broken down', () => {
  it('shows each line’s parts with their sources and dates, and follows the weight and box typed', async () => {
    const note = await openPage(session.ext, NOTE_URL);
    await note.waitForSelector('[data-zc-mention]', { timeout: 15_000 });
    const tabId = await session.ext.tabIdOf(note);
    const popup = await openPage(session.ext, session.ext.pageUrl(`popup.html?tabId=${tabId}`));
    await popup.setViewport({ width: 440, height: 1400 });
    const hoodie = '[data-testid="product"][data-query="刺绣卫衣"]';
    await popup.waitForSelector(`${hoodie} [data-testid="quote-table"]`, { timeout: 15_000 });
    const more = await popup.$(`${hoodie} button.zc-more`);
    if (more) await more.click();

    // CSSBuy EMS carries no duty: the US rule's duties are listed with their pages and dates.
    const ems = `${hoodie} tr[data-line="cssbuy-us-ems"]`;
    await popup.waitForSelector(ems, { timeout: 10_000 });
    await popup.click(`${ems} [data-testid="breakdown"] > summary`);
    expect(await text(popup, `${ems} [data-testid="breakdown-freight"]`)).toMatch(/Chargeable [\d.]+ kg: actual [\d.]+ kg with packing/);
    // The freight row names the page its price comes from, and that it is one estimate, not a card.
    const freight = `${ems} [data-testid="breakdown-freight"]`;
    expect(await text(popup, `${freight} [data-testid="breakdown-source-kind"]`)).toContain('an estimator’s result for one box, not a published card');
    expect(await popup.$eval(`${freight} a`, (link) => link.getAttribute('href'))).toBe('https://www.jadeship.com/shipping-calculator/new/United%20States/cssbuy');
    const duties = await popup.$$eval(`${ems} [data-testid="breakdown-duty"]`, (rows) =>
      rows.map((row) => ({ text: row.textContent ?? '', href: row.querySelector('a')?.getAttribute('href') ?? '' })),
    );
    expect(duties.map((row) => row.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^MFN duty16\.5% on hoodie of the goods \(assumed\)/)]));
    for (const row of duties) expect(row.href).toMatch(/^https:\/\/[^/]+\/.+/);
    expect(await text(popup, `${ems} [data-testid="breakdown-rate"]`)).toMatch(/1 CNY = 0\.1492 USD, European Central Bank .*rates of 2026-10-06/);

    // A boxed item: 26×36×15 cm bills 2.34 kg of volume, 2.5 kg on Cainiao sea.
    await popup.type(`${hoodie} [data-testid="parcel-weight"]`, '0.85');
    await popup.type(`${hoodie} [data-testid="parcel-size"]`, '26 x 36 x 15');
    const sea = `${hoodie} tr[data-line="cainiao-us-sea-tax-included"]`;
    await popup.waitForFunction(
      (selector) => /Chargeable 2\.5 kg: volume 2\.34 kg/.test(document.querySelector(selector)?.textContent ?? ''),
      { timeout: 10_000 },
      `${sea} [data-testid="breakdown-freight"]`,
    );
    await popup.close();
    await note.close();
  });
});
