import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
// Category, brand and variant data load from a packaged asset, not from the bundle.
import '../../lib/mentions/lexicon-asset';
// Rate cards, tax rules and exchange rates too.
import '../../lib/landed/bundled-asset';
import { createRouter } from '../../lib/messaging/router';
import { clearTabState } from '../../lib/messaging/tab-state';
import { createHandlers } from './handlers';
import { openNotes } from './open-notes';
import { injectIntoOpenTabs } from './tabs';
import { refreshFxRatesIfDue, seedLandedData } from '../../lib/landed/store';
import { loadSettings } from '../../lib/settings/store';
import { withRateLimits } from '../../lib/messaging/rate-limit';
import { createBackgroundChecker, listenForChecks } from './check';

export default defineBackground(() => {
  const checker = createBackgroundChecker();
  listenForChecks(checker);
  // Messages that open tabs or windows or write the watchlist are rate-limited per sender.
  const route = createRouter(withRateLimits(createHandlers(checker)), {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });
  // Returning undefined leaves messages that are not ours to other listeners.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.tabs.onRemoved.addListener((tabId) => {
    openNotes.delete(tabId);
    void clearTabState(tabId);
  });
  // Bundled rate cards, tax rules and exchange rates: seeded on install, refreshed on update
  // without overwriting cards the user edited.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void seedLandedData().catch((error: unknown) => console.error('[zhongcao] seeding rate cards failed', error));
    // Tabs open before install or update have no (live) content script: give them one now.
    if (reason === 'install' || reason === 'update') {
      void injectIntoOpenTabs().catch((error: unknown) => console.debug('[zhongcao] injecting into open tabs failed', error));
    }
    // A new user answers three questions first (destination, currency, translation): the first-run page.
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
  // Exchange rates: once a day, only from the URL the user chose and only if they granted its host.
  void loadSettings()
    .then((settings) =>
      refreshFxRatesIfDue(settings.fxRefreshUrl, (url) => fetch(url), (url) => {
        // The pattern the options page asked for: scheme and host, any path.
        const { protocol, hostname } = new URL(url);
        return browser.permissions.contains({ origins: [`${protocol}//${hostname}/*`] });
      }),
    )
    .catch((error: unknown) => console.error('[zhongcao] exchange-rate refresh failed', error));
});
