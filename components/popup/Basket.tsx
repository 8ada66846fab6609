import { useMemo } from 'preact/hooks';
import type { BasketEntry, StoredListing } from '../../lib/db';
import type { ItemInput } from '../../lib/landed/parcel';
import { formatMoney } from '../../lib/popup/format';
import { compareBasket } from '../../lib/popup/quotes';
import { usePopupEnv } from './env';
import { QuoteLines } from './QuoteTable';
import { useLiveQuery } from './use-live-query';

interface BasketLine {
  entry: BasketEntry;
  listing: StoredListing | undefined;
}

/** Listings the user collected, quoted as one consolidated parcel next to the same items sent one by one. */
export function Basket() {
  const { t, language, db, settings, today, quoteContext } = usePopupEnv();
  const basket = useLiveQuery<BasketLine[]>(async () => {
    const entries = await db.basket.orderBy('addedAt').toArray();
    const listings = await db.listings.bulkGet(entries.map((entry) => entry.listingId));
    return entries.map((entry, index) => ({ entry, listing: listings[index] }));
  }, [db]);
  const lines = basket.status === 'ready' ? basket.value : [];

  const items = useMemo<ItemInput[]>(
    () =>
      lines.flatMap(({ entry, listing }) =>
        listing?.priceCny === undefined
          ? []
          : [
              {
                priceCny: listing.priceCny,
                quantity: entry.quantity,
                ...(entry.weightKg !== undefined ? { weightKg: entry.weightKg } : {}),
                ...(entry.category ? { category: entry.category } : {}),
              },
            ],
      ),
    [lines],
  );
  const comparison = useMemo(() => {
    if (!quoteContext || items.length === 0) return undefined;
    try {
      return compareBasket(items, { destination: settings.destination, currency: settings.currency, date: today }, quoteContext, today);
    } catch {
      return undefined;
    }
  }, [items, quoteContext, settings.destination, settings.currency, today]);

  const setQuantity = (listingId: string, quantity: number) => {
    if (Number.isInteger(quantity) && quantity >= 1 && quantity <= 99) void db.basket.update(listingId, { quantity });
  };
  const cheapest = comparison?.consolidated.cheapest;
  return (
    <section class="zc-basket" aria-labelledby="zc-basket" data-testid="basket">
      <h2 id="zc-basket" class="zc-section">
        {t('basket')} {lines.length > 0 && `(${lines.length})`}
      </h2>
      {lines.length === 0 && <p class="zc-muted">{t('basketEmpty')}</p>}
      {lines.length > 0 && (
        <ul class="zc-basket-lines">
          {lines.map(({ entry, listing }) => (
            <li key={entry.listingId} data-testid="basket-line">
              <span class="zc-basket-title" lang="zh-CN">
                {listing?.title ?? entry.listingId}
              </span>
              {listing?.priceCny !== undefined && <span>{formatMoney(listing.priceCny, 'CNY', language)}</span>}
              <label class="zc-qty">
                <span class="zc-sr">{t('quantity')}</span>
                <input
                  type="number"
                  min={1}
                  max={99}
                  value={entry.quantity}
                  onChange={(event) => setQuantity(entry.listingId, Number(event.currentTarget.value))}
                />
              </label>
              <button type="button" onClick={() => void db.basket.delete(entry.listingId)}>
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {comparison && cheapest && (
        <div class="zc-consolidation" data-testid="consolidation">
          <p data-testid="consolidated-total">
            {t('consolidated', { total: formatMoney(cheapest.total, cheapest.currency, language), line: `${cheapest.forwarder} · ${cheapest.line}` })}
          </p>
          {items.length > 1 && comparison.separateTotal !== undefined && (
            <>
              <p data-testid="separate-total">{t('separate', { total: formatMoney(comparison.separateTotal, cheapest.currency, language) })}</p>
              <p class={comparison.saving !== undefined && comparison.saving > 0 ? 'zc-good' : 'zc-muted'} data-testid="consolidation-saving">
                {comparison.saving !== undefined && comparison.saving > 0
                  ? t('consolidationSaves', { amount: formatMoney(comparison.saving, cheapest.currency, language) })
                  : t('consolidationNoGain')}
              </p>
            </>
          )}
        </div>
      )}
      {comparison && <QuoteLines summary={comparison.consolidated} />}
    </section>
  );
}
