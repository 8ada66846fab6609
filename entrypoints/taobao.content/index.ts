import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { matchPatterns } from '../../lib/platform/hosts';
import { claimPage } from '../../lib/dom/claim-page';
import { createRuntimeConnector } from '../../lib/messaging/connector';
import type { Listing } from '../../lib/messaging/schemas';
import { observe } from '../../lib/dom/observe';
import { parseItemPage, parseSearchCard } from '../../lib/shops/parse';
import { ITEM_2016, ITEM_2025, SEARCH_CARD } from '../../lib/shops/selectors';
import { queryFromSearchUrl } from '../../lib/shops/urls';
import { mountWatchButton } from './watch-button';

/** Cards render in bursts as the user scrolls: hand them over in batches, not one message each. */
const BATCH_DELAY_MS = 200;
const MAX_BATCH = 200;

export default defineContentScript({
  matches: matchPatterns('taobao'),
  runAt: 'document_idle',
  main(ctx: ContentScriptContext) {
    if (!claimPage(ctx, 'taobao')) return;

    const connector = createRuntimeConnector((message) => browser.runtime.sendMessage(message));
    const pending: Listing[] = [];
    let timer: number | undefined;
    let captured = 0;
    const flush = () => {
      timer = undefined;
      const listings = pending.splice(0, MAX_BATCH);
      if (pending.length) timer = ctx.setTimeout(flush, 0);
      if (!listings.length) return;
      const pageUrl = location.href;
      void connector
        .send('listings:capture', { pageUrl, query: queryFromSearchUrl(pageUrl), listings })
        .then(({ stored }) => {
          captured += stored;
          // Visible to the user's own tools and to the tests: how many listings this page gave.
          document.documentElement.dataset.zcCaptured = String(captured);
        })
        .catch((error: unknown) => console.debug('[zhongcao] capture failed', error));
    };
    const queue = (listing: Listing | null) => {
      if (!listing) return;
      pending.push(listing);
      timer ??= ctx.setTimeout(flush, BATCH_DELAY_MS);
    };

    const signal = new AbortController();
    ctx.onInvalidated(() => signal.abort());
    if (location.hostname === 's.taobao.com') {
      observe(SEARCH_CARD, (card) => {
        try {
          queue(parseSearchCard(card, location.href, Date.now()));
        } catch {
          // A card the page restyled is skipped; the others still count.
        }
      }, { signal: signal.signal });
    } else {
      // Item pages: read once the title has rendered (it arrives after the first paint).
      let done = false;
      observe(`${ITEM_2025.title}, ${ITEM_2016.title}`, (title) => {
        if (done) return;
        const listing = parseItemPage(document, location.href, Date.now());
        if (listing) {
          done = true;
          queue(listing);
          mountWatchButton(title, listing, connector, signal.signal);
        }
      }, { signal: signal.signal });
    }
  },
});
