import type { Browser } from 'webextension-polyfill';

/**
 * `wxt/browser` for content scripts (wxt.config.ts points the alias here for them only). Content
 * scripts run on every Xiaohongshu and Taobao page, where webextension-polyfill's start-up (wrapping
 * `chrome` in proxies, about 3–4 ms of main-thread time per page on our bench) is too dear for the
 * note-open budget. What they use — `runtime.sendMessage`, `runtime.id`, `storage.local` and
 * `storage.onChanged` — returns promises natively in Chrome MV3 and Firefox, so the browser's own
 * object serves. Extension pages and the background keep the polyfill.
 */
const scope = globalThis as unknown as { browser?: { runtime?: { id?: string } }; chrome?: unknown };

export const browser = (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as Browser;
