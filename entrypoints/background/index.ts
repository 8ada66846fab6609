import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
// Category, brand and variant data load from a packaged asset, not from the bundle.
import '../../lib/mentions/lexicon-asset';
import { createRouter } from '../../lib/messaging/router';
import { clearTabState } from '../../lib/messaging/tab-state';
import { createHandlers } from './handlers';
import { createBackgroundChecker, listenForChecks } from './check';
import { seedLandedData } from '../../lib/landed/store';

export default defineBackground(() => {
  const checker = createBackgroundChecker();
  listenForChecks(checker);
  const route = createRouter(createHandlers(checker), {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });
  // Returning undefined leaves messages that are not ours to other listeners.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.tabs.onRemoved.addListener((tabId) => void clearTabState(tabId));
  // Bundled rate cards, tax rules and exchange rates: seeded on install, refreshed on update
  // without overwriting cards the user edited.
  browser.runtime.onInstalled.addListener(() => {
    void seedLandedData().catch((error: unknown) => console.error('[zhongcao] seeding rate cards failed', error));
  });
});
