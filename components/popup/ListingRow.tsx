import { useState } from 'preact/hooks';
import type { StoredListing } from '../../lib/db';
import type { RankedListing } from '../../lib/match/rank';
import { formatCount, formatMoney, highlightRuns } from '../../lib/popup/format';
import { usePopupEnv } from './env';
import { useLiveQuery } from './use-live-query';
import { useUserCurrency } from './use-user-currency';

export function ListingRow({
  ranked,
  chosen,
  onChoose,
  category,
}: {
  ranked: RankedListing<StoredListing>;
  chosen: boolean;
  onChoose: () => void;
  category: string | undefined;
}) {
  const { t, language, db } = usePopupEnv();
  const toUser = useUserCurrency();
  // Shop images come from the shops' CDN: offline or blocked, an empty tile beats a broken-image icon.
  const [imageFailed, setImageFailed] = useState(false);
  const { listing, why } = ranked;
  const basketEntry = useLiveQuery(() => db.basket.get(listing.id), [db, listing.id]);
  const inBasket = basketEntry.status === 'ready' && basketEntry.value !== undefined;
  const addToBasket = () => {
    // The category lets the quote estimate the weight (and say that it did).
    void db.basket.put({ listingId: listing.id, quantity: 1, addedAt: Date.now(), ...(category ? { category } : {}) });
  };
  const userPrice = listing.priceCny === undefined ? undefined : toUser(listing.priceCny);
  return (
    <li class={`zc-listing${chosen ? ' zc-chosen' : ''}`} data-testid="listing" data-listing-id={listing.id}>
      {listing.imageUrl && !imageFailed ? (
        <img src={listing.imageUrl} alt="" width={56} height={56} loading="lazy" referrerpolicy="no-referrer" onError={() => setImageFailed(true)} />
      ) : (
        <span class="zc-noimage" aria-hidden="true" />
      )}
      <div class="zc-listing-body">
        <a href={listing.url} target="_blank" rel="noreferrer noopener" class="zc-listing-title" lang="zh-CN" title={t('openListing')}>
          {highlightRuns(listing.title, why.highlights).map((run, index) => (run.marked ? <mark key={index}>{run.text}</mark> : run.text))}
        </a>
        <p class="zc-listing-meta">
          {listing.priceCny !== undefined && (
            <strong data-testid="listing-price">
              {formatMoney(listing.priceCny, 'CNY', language)}
              {userPrice && <span class="zc-muted"> ≈ {userPrice}</span>}
            </strong>
          )}
          {listing.sales !== undefined && <span>{t('sales', { count: formatCount(listing.sales, language) })}</span>}
          {listing.shop && <span lang="zh-CN">{listing.shop}</span>}
        </p>
        <div class="zc-row">
          <button type="button" aria-pressed={chosen} onClick={onChoose} disabled={listing.priceCny === undefined}>
            {chosen ? t('quoting') : t('quoteThis')}
          </button>
          <button type="button" onClick={addToBasket} disabled={inBasket || listing.priceCny === undefined} data-testid="add-to-basket">
            {inBasket ? t('inBasket') : t('addToBasket')}
          </button>
        </div>
      </div>
    </li>
  );
}
