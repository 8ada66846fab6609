import type { Browser } from 'webextension-polyfill';

/**
 * `wxt/browser` for content scripts and extension pages (wxt.config.ts points the alias here for
 * every build but the background's). Content scripts run on every Xiaohongshu and Taobao page, where
 * webextension-polyfill's start-up (wrapping `chrome` in proxies, about 3–4 ms of main-thread time
 * per page on our bench) is too dear for the note-open budget, and the popup must be useful within
 * 100 ms. What they use — `runtime.sendMessage`, `runtime.id`, `runtime.getURL`, `storage`,
 * `tabs.query` and its events, `windows.getCurrent`, `permissions` — returns promises natively in
 * Chrome MV3 and Firefox, so the browser's own object serves. The background keeps the polyfill:
 * its `runtime.onMessage` listener answers by returning a promise, which the polyfill makes work
 * in Chrome.
 */
const scope = globalThis as unknown as { browser?: { runtime?: { id?: string } }; chrome?: unknown };

export const browser = (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as Browser;
