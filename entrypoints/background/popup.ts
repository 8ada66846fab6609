import { dayOf, getDb, type ZhongcaoDb } from '../../lib/db';
import { bumpDataVersion, currentDataVersion } from '../../lib/messaging/data-version';
import { compareBasket } from '../../lib/landed/basket';
import type { ItemInput } from '../../lib/landed/parcel';
import type { QuoteContext } from '../../lib/landed/quote';
import { quoteParcel } from '../../lib/landed/quote';
import { loadFxRates, loadQuoteContext } from '../../lib/landed/store';
import { createListingIndex, rankListings, type RankedListing } from '../../lib/match/rank';
import { findCategory } from '../../lib/mentions/categories';
import { loadLexiconData } from '../../lib/mentions/lexicon-data';
import type { Handlers } from '../../lib/messaging/router';
import type { BasketLine } from '../../lib/messaging/protocol';
import type { StoredListing } from '../../lib/db';
import type { Settings } from '../../lib/settings/schema';
import { loadSettings } from '../../lib/settings/store';
import { listingsForQuery } from '../../lib/shops/store';
import { translateQuery } from '../../lib/shops/query';

/**
 * What the popup and side panel ask the background for: ranked listings, landed-cost
 * quotes, the exchange rate, query translation and the basket. The view carries none of Dexie, the
 * ranking, the landed-cost engine or the lexicon (the 60 KB budget); every change to data it
 * shows bumps `dataVersion` (lib/data-version.ts), which tells open views to ask again.
 * Handlers that touch categories (ranking, weight estimates, the glossary) first await the lexicon,
 * which extension contexts load at run time (lib/mentions/lexicon-data.ts).
 */

export interface PopupHandlerDeps {
  db?: ZhongcaoDb;
  settings?: () => Promise<Settings>;
  now?: () => number;
  /** The data version (lib/data-version.ts): ranked listings are kept until it changes. */
  dataVersion?: () => Promise<number>;
}

/** Ranked answers kept per request (the popup asks the same again each time it opens). */
const RANKED_KEPT = 32;

/** Listings a product shows unless the view asks for another number. */
const DEFAULT_LISTING_LIMIT = 5;

/** A category the lexicon knows, or nothing: an unknown word must not pose as a weight estimate. */
function knownCategory(category: string | undefined): string | undefined {
  return category && findCategory(category) ? category : undefined;
}

function itemInput(item: Omit<ItemInput, 'cargoClass'>): ItemInput {
  const category = knownCategory(item.category);
  return {
    priceCny: item.priceCny,
    ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
    ...(item.weightKg !== undefined ? { weightKg: item.weightKg } : {}),
    ...(category ? { category } : {}),
    ...(item.dimsCm ? { dimsCm: item.dimsCm } : {}),
    ...(item.domesticShippingCny !== undefined ? { domesticShippingCny: item.domesticShippingCny } : {}),
    ...(item.domesticShippingNote ? { domesticShippingNote: item.domesticShippingNote } : {}),
  };
}

export function createPopupHandlers({ db = getDb(), settings = loadSettings, now = Date.now, dataVersion = currentDataVersion }: PopupHandlerDeps = {}): Handlers {
  /**
   * Ranking reads every listing captured under the query: with tens of thousands cached that takes
   * a few hundred milliseconds, during which the service worker answers nothing else. Answers are
   * kept, newest last, until the data version moves (every capture, watch, basket, restore and
   * delete bumps it); a request made while the same one is being ranked waits for that one.
   */
  const ranked = new Map<string, { version: number; answer: Promise<Array<RankedListing<StoredListing>>> }>();
  async function rankedFor(request: Parameters<NonNullable<Handlers['popup:listings']>>[0], rank: () => Promise<Array<RankedListing<StoredListing>>>) {
    const version = await dataVersion();
    const key = JSON.stringify(request);
    const kept = ranked.get(key);
    ranked.delete(key);
    if (kept && kept.version === version) {
      ranked.set(key, kept);
      return kept.answer;
    }
    const answer = rank();
    ranked.set(key, { version, answer });
    // A failure is not kept: the next request tries again.
    answer.catch(() => ranked.get(key)?.answer === answer && ranked.delete(key));
    while (ranked.size > RANKED_KEPT) ranked.delete(ranked.keys().next().value!);
    return answer;
  }

  /** Rate cards, tax rules and rates, without the lines the user switched off in the options. */
  async function quoteContext(user: Settings): Promise<QuoteContext> {
    const context = await loadQuoteContext(db);
    const disabled = new Set(user.disabledLines);
    return { ...context, cards: context.cards.filter((card) => !disabled.has(card.id)) };
  }

  async function basketLines(): Promise<BasketLine[]> {
    const entries = await db.basket.orderBy('addedAt').toArray();
    const listings = await db.listings.bulkGet(entries.map((entry) => entry.listingId));
    return entries.map((entry, index) => {
      const listing = listings[index];
      return listing ? { entry, listing } : { entry };
    });
  }

  /** After a basket change: tell the open views, and answer the basket as it now is. */
  async function basketChanged(): Promise<BasketLine[]> {
    await bumpDataVersion();
    return basketLines();
  }

  return {
    'popup:listings': (request) =>
      rankedFor(request, async () => {
        const { query, text, brand, category, priceCny, itemId, limit } = request;
        await loadLexiconData();
        // Only the listings captured under this query (the `*queries` index), never the whole cache.
        const listings = await listingsForQuery(query, db);
        if (listings.length === 0) return [];
        return rankListings(
          createListingIndex(listings),
          {
            text: text ?? query,
            query,
            ...(brand ? { brand } : {}),
            ...(category ? { category } : {}),
            ...(priceCny !== undefined ? { priceCny } : {}),
            ...(itemId ? { itemId } : {}),
          },
          { limit: limit ?? DEFAULT_LISTING_LIMIT },
        );
      }),
    'popup:quote': async ({ items, localPrice, date }) => {
      await loadLexiconData();
      const user = await settings();
      return quoteParcel(
        {
          destination: user.destination,
          currency: user.currency,
          date: date ?? dayOf(now()),
          items: items.map(itemInput),
          ...(localPrice ? { localPrice } : {}),
        },
        await quoteContext(user),
      );
    },
    'popup:fx': async () => {
      const { currency } = await settings();
      if (currency === 'CNY') return null;
      const fx = await loadFxRates(db);
      const perCny = fx.rates[currency];
      return perCny === undefined ? null : { currency, perCny, asOf: fx.asOf };
    },
    'query:translate': async ({ english }) => {
      await loadLexiconData();
      return translateQuery(english);
    },
    'basket:get': () => basketLines(),
    'basket:add': async ({ listingId, category, quantity }) => {
      await loadLexiconData();
      if (!(await db.listings.get(listingId))) throw new Error(`Listing ${listingId} has not been captured yet`);
      const known = knownCategory(category);
      await db.transaction('rw', db.basket, async () => {
        // Adding what is already in the basket keeps the quantity the user chose.
        if (await db.basket.get(listingId)) return;
        await db.basket.put({ listingId, quantity: quantity ?? 1, addedAt: now(), ...(known ? { category: known } : {}) });
      });
      return basketChanged();
    },
    'basket:remove': async ({ listingId }) => {
      await db.basket.delete(listingId);
      return basketChanged();
    },
    'basket:set-quantity': async ({ listingId, quantity }) => {
      await db.basket.update(listingId, { quantity });
      return basketChanged();
    },
    'basket:quote': async ({ date }) => {
      await loadLexiconData();
      const items = (await basketLines()).flatMap(({ entry, listing }) =>
        listing?.priceCny === undefined
          ? []
          : [itemInput({ priceCny: listing.priceCny, quantity: entry.quantity, ...(entry.weightKg !== undefined ? { weightKg: entry.weightKg } : {}), ...(entry.category ? { category: entry.category } : {}) })],
      );
      if (items.length === 0) return null;
      const user = await settings();
      return compareBasket(items, { destination: user.destination, currency: user.currency, date: date ?? dayOf(now()) }, await quoteContext(user));
    },
  };
}
