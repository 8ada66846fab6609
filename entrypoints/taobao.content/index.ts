import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { matchPatterns } from '../../lib/platform/hosts';
import { claimPage } from '../../lib/dom/claim-page';
import { createRuntimeConnector } from '../../lib/messaging/connector';
import type { Listing } from '../../lib/messaging/schemas';
import { observe } from '../../lib/dom/observe';
import { ITEM_FIELDS, layoutOfCard, readItemPage, readSearchCard, readSearchPage, SearchCollector, type SearchLayout } from '../../lib/shops/parse';
import { fieldReport } from '../../lib/messaging/field-list';
import { ITEM_TITLE, SEARCH_CARD } from '../../lib/shops/selectors';
import { MAX_CARDS_PER_PAGE } from '../../lib/shops/budget';
import { queryFromSearchUrl } from '../../lib/shops/urls';
import type { ShopPageReport } from '../../lib/messaging/shop-report';
import { mountWatchButton } from './watch-button';
import { delistedSighting, noItemTarget, readAvailability } from '../../lib/shops/stock';
import { itemIdFromUrl } from '../../lib/shops/urls';

/** Cards render in bursts as the user scrolls: hand them over in batches, not one message each. */
const BATCH_DELAY_MS = 200;
const MAX_BATCH = 200;
/** The field report waits for the page to settle, so one report covers a burst of cards. */
const REPORT_DELAY_MS = 1500;
/** Readings of an item page while its price and shop render after its title. */
const MAX_ITEM_READS = 30;
/** A page that shows nothing we know by then is reported as not recognised. */
const UNRECOGNISED_AFTER_MS = 5000;
const NONE_SKIPPED = { ad: 0, 'no-id': 0, error: 0, budget: 0 };

export default defineContentScript({
  matches: matchPatterns('taobao'),
  runAt: 'document_idle',
  // WXT also announces each start with a window message, which the page's own scripts receive (a
  // sign the extension is installed) and which costs a structured clone and a page-wide message
  // event on every load. Its document event, and `claimPage`, already tell an older copy to stop.
  noScriptStartedPostMessage: true,
  main(ctx: ContentScriptContext) {
    if (!claimPage(ctx, 'taobao')) return;

    const connector = createRuntimeConnector((message) => browser.runtime.sendMessage(message));
    const pending: Listing[] = [];
    let timer: number | undefined;
    let captured = 0;
    let refused = 0;
    const flush = () => {
      timer = undefined;
      const listings = pending.splice(0, MAX_BATCH);
      if (pending.length) timer = ctx.setTimeout(flush, 0);
      if (!listings.length) return;
      const pageUrl = location.href;
      void connector
        .send('listings:capture', { pageUrl, query: queryFromSearchUrl(pageUrl), listings })
        .then((answer) => {
          captured += answer.stored;
          refused += answer.invalid + answer.refused;
          // Visible to the user's own tools and to the tests: how many listings this page gave.
          document.documentElement.dataset.zcCaptured = String(captured);
          document.documentElement.dataset.zcRefused = String(refused);
        })
        .catch((error: unknown) => console.debug('[zhongcao] capture failed', error));
    };
    const queue = (listing: Listing | null) => {
      if (!listing) return;
      pending.push(listing);
      timer ??= ctx.setTimeout(flush, BATCH_DELAY_MS);
    };

    let reportTimer: number | undefined;
    const sendReport = (report: () => Omit<ShopPageReport, 'at'>) => {
      if (reportTimer !== undefined) clearTimeout(reportTimer);
      reportTimer = ctx.setTimeout(() => {
        reportTimer = undefined;
        const body = report();
        void connector
          .send('shop:report', { ...body, at: Date.now() })
          .catch((error: unknown) => console.debug('[zhongcao] report failed', error));
      }, REPORT_DELAY_MS);
    };

    const signal = new AbortController();
    ctx.onInvalidated(() => signal.abort());
    // Taobao's "this item does not exist" page names the item that was taken down.
    const gone = noItemTarget(location.href);
    if (location.hostname === 's.taobao.com') {
      // A page can render any number of cards: the first MAX_CARDS_PER_PAGE are read, the rest
      // only counted, so a flood neither floods the cache nor keeps this tab busy.
      const collector = new SearchCollector();
      let cards = 0;
      let overBudget = 0;
      let layout: SearchLayout | null = null;
      let configRead = false;
      let overBudgetTimer: number | undefined;
      const report = () => {
        const page = collector.result(layout);
        return {
          kind: 'search' as const,
          report: page.report,
          cards,
          listings: page.listings.length,
          skipped: { ...page.skippedBy, budget: overBudget },
        };
      };
      observe(SEARCH_CARD, (card) => {
        cards++;
        if (cards > MAX_CARDS_PER_PAGE) {
          // Only counted; the count is written once the burst is over, not once per card.
          overBudget++;
          overBudgetTimer ??= ctx.setTimeout(() => {
            overBudgetTimer = undefined;
            document.documentElement.dataset.zcOverBudget = String(overBudget);
            sendReport(report);
          }, BATCH_DELAY_MS);
          return;
        }
        layout ??= layoutOfCard(card);
        const reading = readSearchCard(card, location.href, Date.now());
        collector.add(reading);
        queue(reading.listing);
        sendReport(report);
      }, { signal: signal.signal });
      ctx.setTimeout(() => {
        if (cards === 0 && !configRead) sendReport(report);
      }, UNRECOGNISED_AFTER_MS);
      // The 2013–2019 page carried its results as JSON before any card rendered.
      if (cards === 0) {
        const page = readSearchPage(document, location.href, Date.now(), MAX_CARDS_PER_PAGE);
        if (page.layout === '2016-json') {
          configRead = true;
          for (const listing of page.listings) queue(listing);
          sendReport(() => ({ kind: 'search', report: page.report, cards: page.listings.length + page.skipped, listings: page.listings.length, skipped: { ...page.skippedBy, budget: 0 } }));
        }
      }
    } else if (gone) {
      // Nothing else to read there.
      queue(delistedSighting(gone.platform, gone.itemId, Date.now()));
    } else {
      // Item pages: read once the title has rendered (it arrives after the first paint); read again
      // when more of the page arrives until every field is there, then stop.
      let done = false;
      let mounted = false;
      let reads = 0;
      let foundBefore = 0;
      let availabilityBefore: Listing['availability'];
      let delistedSent = false;
      // A page that shows no item but says it was taken down (Tmall's "此商品已下架").
      const readItemless = () => {
        const item = itemIdFromUrl(location.href);
        if (mounted || delistedSent || !item) return;
        if (readAvailability(document, location.href, { hasItem: false }) !== 'delisted') return;
        delistedSent = true;
        queue(delistedSighting(item.platform, item.itemId, Date.now()));
      };
      const read = () => {
        if (done) return;
        // Bounded: a page that never shows some field is not re-read for every node it adds.
        if (++reads > MAX_ITEM_READS) done = true;
        const page = readItemPage(document, location.href, Date.now());
        if (!page.listing) return;
        sendReport(() => ({ kind: 'item', report: page.report, cards: 1, listings: 1, skipped: NONE_SKIPPED }));
        // Stored again only when the page showed more than the last reading (stock renders late).
        const newStock = page.listing.availability !== undefined && page.listing.availability !== availabilityBefore;
        if (page.report.found.length > foundBefore || newStock) queue(page.listing);
        foundBefore = Math.max(foundBefore, page.report.found.length);
        availabilityBefore = page.listing.availability ?? availabilityBefore;
        if (page.report.missing.length === 0 && availabilityBefore !== undefined) done = true;
        if (!mounted) {
          const title = document.querySelector(ITEM_TITLE);
          if (title) mountWatchButton(title, page.listing, connector, signal.signal);
          mounted = true;
        }
      };
      observe(ITEM_TITLE, read, { signal: signal.signal });
      readItemless();
      // A page whose title never renders in a layout we know still gets a report.
      ctx.setTimeout(() => {
        readItemless();
        if (!mounted) sendReport(() => ({ kind: 'item', report: fieldReport(Object.fromEntries(ITEM_FIELDS.map((field) => [field, false]))), cards: 0, listings: 0, skipped: NONE_SKIPPED }));
      }, UNRECOGNISED_AFTER_MS);
      // Prices and the shop block often render after the title.
      observe('[class*="rice"],[class*="hop"],[class*="ales"],[class*="urchase"],#J_SpanStock,#J_EmStock,#J_LinkBuy', () => {
        if (mounted && !done) read();
      }, { signal: signal.signal });
    }
  },
});
