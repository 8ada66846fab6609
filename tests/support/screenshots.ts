import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './chromium';

/**
 * Where tests save screenshots: `.output/screenshots/` (ignored by git), so `npm test` leaves the
 * work tree clean; `npm run screenshots` sets UPDATE_SCREENSHOTS and they replace the committed
 * ones in `docs/`.
 */
export function screenshotFolder(...sub: string[]): string {
  const folder = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs', ...sub) : join(ROOT, '.output', ...sub);
  mkdirSync(folder, { recursive: true });
  return folder;
}
