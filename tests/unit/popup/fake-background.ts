import type { BasketEntry, StoredListing } from '../../../lib/db';
import { bumpDataVersion } from '../../../lib/messaging/data-version';
import { compareBasket } from '../../../lib/landed/basket';
import { bundledFxRates, bundledRateCards, bundledTaxRules } from '../../../lib/landed/bundled';
import { quoteParcel } from '../../../lib/landed/quote';
import { createListingIndex, rankListings } from '../../../lib/match/rank';
import { createFakeConnector, type FakeHandlers } from '../../../lib/messaging/fake-connector';
import type { BasketLine } from '../../../lib/messaging/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { translateQuery } from '../../../lib/shops/query';

/**
 * The background as the popup sees it, in memory: the pure engines (ranking, landed cost, glossary)
 * on the bundled data, and a listing cache and basket held in arrays. Component tests talk to it
 * through `createFakeConnector`, so they need neither Dexie nor an extension. `capture` and the
 * basket changes bump `dataVersion` in the fake browser's storage, as the real background does.
 */
export function fakeBackground({ settings = DEFAULT_SETTINGS, handlers = {} }: { settings?: Settings; handlers?: FakeHandlers } = {}) {
  const listings = new Map<string, StoredListing>();
  const basket: BasketEntry[] = [];
  let addedAt = 0;
  const context = { cards: bundledRateCards(), taxRules: bundledTaxRules(), fx: bundledFxRates() };
  const lines = (): BasketLine[] =>
    basket.map((entry) => {
      const listing = listings.get(entry.listingId);
      return listing ? { entry: { ...entry }, listing } : { entry: { ...entry } };
    });
  const changed = async () => {
    await bumpDataVersion();
    return lines();
  };

  const connector = createFakeConnector({
    'note:get': () => null,
    'shop:report-get': () => null,
    'popup:fx': () => (settings.currency === 'CNY' ? null : { currency: settings.currency, perCny: context.fx.rates[settings.currency]!, asOf: context.fx.asOf }),
    'popup:listings': ({ query, text, limit, ...rest }) => {
      const found = [...listings.values()].filter((listing) => listing.queries.includes(query));
      return found.length === 0 ? [] : rankListings(createListingIndex(found), { text: text ?? query, query, ...rest }, { limit: limit ?? 5 });
    },
    'popup:quote': ({ items, localPrice, date }) =>
      quoteParcel({ destination: settings.destination, currency: settings.currency, date: date ?? '2026-04-15', items, ...(localPrice ? { localPrice } : {}) }, context),
    'query:translate': ({ english }) => translateQuery(english),
    'basket:get': () => lines(),
    'basket:add': ({ listingId, category, quantity }) => {
      if (!basket.some((entry) => entry.listingId === listingId)) {
        basket.push({ listingId, quantity: quantity ?? 1, addedAt: ++addedAt, ...(category ? { category } : {}) });
      }
      return changed();
    },
    'basket:remove': ({ listingId }) => {
      const index = basket.findIndex((entry) => entry.listingId === listingId);
      if (index >= 0) basket.splice(index, 1);
      return changed();
    },
    'basket:set-quantity': ({ listingId, quantity }) => {
      const entry = basket.find((line) => line.listingId === listingId);
      if (entry) entry.quantity = quantity;
      return changed();
    },
    'basket:quote': ({ date }) => {
      const items = lines().flatMap(({ entry, listing }) =>
        listing?.priceCny === undefined ? [] : [{ priceCny: listing.priceCny, quantity: entry.quantity, ...(entry.category ? { category: entry.category } : {}) }],
      );
      return items.length === 0 ? null : compareBasket(items, { destination: settings.destination, currency: settings.currency, date: date ?? '2026-04-15' }, context);
    },
    'watch:toggle': async ({ platform, itemId, watched }) => {
      const listing = listings.get(`${platform}:${itemId}`);
      if (!listing) throw new Error('not captured');
      const now = watched ?? listing.watched === 0;
      listings.set(listing.id, { ...listing, watched: now ? 1 : 0 });
      await bumpDataVersion();
      return { watched: now };
    },
    ...handlers,
  });

  return {
    connector,
    basket,
    listings,
    /** Listings captured in a Taobao tab: stored, then the open views are told. */
    async capture(...captured: StoredListing[]) {
      for (const listing of captured) listings.set(listing.id, listing);
      await bumpDataVersion();
    },
  };
}
