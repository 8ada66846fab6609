import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
// Category, brand and variant data load from a packaged asset, not from the bundle.
import '../../lib/mentions/lexicon-asset';
import { createRouter } from '../../lib/messaging/router';
import { clearTabState } from '../../lib/messaging/tab-state';
import { createHandlers } from './handlers';
import { withRateLimits } from '../../lib/messaging/rate-limit';
import { seedLandedData } from '../../lib/landed/store';

export default defineBackground(() => {
  // Messages that open tabs or windows or write the watchlist are rate-limited per sender.
  const route = createRouter(withRateLimits(createHandlers()), {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });
  // Returning undefined leaves messages that are not ours to other listeners.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.tabs.onRemoved.addListener((tabId) => void clearTabState(tabId));
  // Bundled rate cards, tax rules and exchange rates: seeded on install, refreshed on update
  // without overwriting cards the user edited.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void seedLandedData().catch((error: unknown) => console.error('[zhongcao] seeding rate cards failed', error));
    // A new user answers three questions first (destination, currency, translation): the first-run page.
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
});
