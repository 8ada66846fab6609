import { findChromium, CHROME_BUILD } from '../support/chromium';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The e2e script builds the extension and installs Chromium before vitest starts; say clearly
// what is missing when someone runs this project directly.
export default function setup() {
  if (!findChromium()) throw new Error('No Chromium: run `node scripts/ensure-chromium.mjs` or set CHROME_PATH.');
  if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) throw new Error('No Chrome build: run `npm run build` first.');
}
