/**
 * Draws the extension's icons: one SVG (a sprout, 种草 "planting grass", on a rounded square),
 * rendered by the installed Chromium at 16, 32, 48 and 128 px into public/icon/, where WXT finds
 * them for the manifest. The square is solid and ringed with a darker edge, so the icon reads on
 * light and dark toolbars alike. Run `npx tsx scripts/draw-icons.ts` after changing the drawing;
 * the PNGs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findChromium, ROOT } from '../tests/support/chromium';

export const ICON_SIZES = [16, 32, 48, 128] as const;

/** The drawing on a 128-unit grid. Small sizes drop the thin details that would blur. */
export function iconSvg(size: number): string {
  const small = size <= 32;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="#e0245e" stroke="#8f0f37" stroke-width="${small ? 8 : 5}"/>
  <path d="M64 108 V62" stroke="#fff" stroke-width="${small ? 14 : 10}" stroke-linecap="round" fill="none"/>
  <path d="M64 66 C64 40 44 28 22 30 C22 54 38 68 64 66 Z" fill="#fff"/>
  <path d="M64 58 C64 34 82 20 106 22 C106 46 90 60 64 58 Z" fill="#fff"/>
  ${small ? '' : '<path d="M64 64 C56 52 44 42 32 36 M64 56 C74 44 86 34 98 28" stroke="#e0245e" stroke-width="3" fill="none" stroke-linecap="round"/>'}
</svg>`;
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set CHROME_PATH or run `node scripts/ensure-chromium.mjs`.');
  const out = join(ROOT, 'public', 'icon');
  mkdirSync(out, { recursive: true });
  const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    for (const size of ICON_SIZES) {
      const svg = iconSvg(size);
      await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      writeFileSync(join(out, `${size}.png`), png);
      console.log(`public/icon/${size}.png`);
    }
  } finally {
    await browser.close();
  }
}

await main();
