import { useEffect, useState } from 'preact/hooks';
import type { StoredListing } from '../../lib/db';
import type { RankedListing } from '../../lib/match/rank';
import { formatCount, formatMoney, highlightRuns } from '../../lib/popup/format';
import { httpsUrl } from '../../lib/dom/safe-url';
import { usePopupEnv } from './env';
import { useUserCurrency } from './use-user-currency';
import { TranslatedLine } from './use-popup-translations';
import { BuyVia } from './BuyVia';
import { useBuyStrings } from './buy-strings';

export function ListingRow({
  ranked,
  chosen,
  onChoose,
  category,
  suggested,
}: {
  ranked: RankedListing<StoredListing>;
  chosen: boolean;
  onChoose: () => void;
  category: string | undefined;
  /** Why this listing is the one to pick, when the popup suggests it. */
  suggested?: string;
}) {
  const { t, language, connector, basket } = usePopupEnv();
  const toUser = useUserCurrency();
  // Shop images come from the shops' CDN: offline or blocked, an empty tile beats a broken-image icon.
  const [imageFailed, setImageFailed] = useState(false);
  const { listing, why } = ranked;
  const suggestedLabel = useBuyStrings()('suggestedBadge');
  const inBasket = basket.ids.has(listing.id);
  // The toggle's answer shows at once; the next ranking (the background bumps dataVersion) confirms it.
  const [watchAnswer, setWatchAnswer] = useState<boolean | undefined>();
  const [watchError, setWatchError] = useState<string | undefined>();
  useEffect(() => setWatchAnswer(undefined), [listing.watched]);
  const watched = watchAnswer ?? listing.watched === 1;
  const toggleWatch = () => {
    connector.send('watch:toggle', { platform: listing.platform, itemId: listing.itemId, watched: !watched }).then(
      (answer) => {
        setWatchAnswer(answer.watched);
        setWatchError(undefined);
      },
      (error: unknown) => setWatchError(error instanceof Error ? error.message : String(error)),
    );
  };
  const userPrice = listing.priceCny === undefined ? undefined : toUser(listing.priceCny);
  // Page-captured URLs: only https ones become a link or an image request.
  const href = httpsUrl(listing.url);
  const imageSrc = httpsUrl(listing.imageUrl);
  const titleRuns = highlightRuns(listing.title, why.highlights).map((run, index) => (run.marked ? <mark key={index}>{run.text}</mark> : run.text));
  return (
    <li class={`zc-listing${chosen ? ' zc-chosen' : ''}`} data-testid="listing" data-listing-id={listing.id}>
      {imageSrc && !imageFailed ? (
        <img src={imageSrc} alt="" width={56} height={56} loading="lazy" referrerpolicy="no-referrer" onError={() => setImageFailed(true)} />
      ) : (
        <span class="zc-noimage" aria-hidden="true" />
      )}
      <div class="zc-listing-body">
        {href ? (
          <a href={href} target="_blank" rel="noreferrer noopener" class="zc-listing-title" lang="zh-CN" title={t('openListing')}>
            {titleRuns}
          </a>
        ) : (
          <span class="zc-listing-title" lang="zh-CN">
            {titleRuns}
          </span>
        )}
        <TranslatedLine text={listing.title} testId="listing-title-line" />
        <p class="zc-listing-meta">
          {listing.priceCny !== undefined && (
            <strong data-testid="listing-price">
              {formatMoney(listing.priceCny, 'CNY', language)}
              {userPrice && <span class="zc-muted"> ≈ {userPrice}</span>}
            </strong>
          )}
          {listing.sales !== undefined && <span>{t('sales', { count: formatCount(listing.sales, language) })}</span>}
          {listing.shop && <span lang="zh-CN">{listing.shop}</span>}
          {listing.shop && <TranslatedLine as="span" text={listing.shop} testId="shop-line" />}
          {/* Stock is what the item's own page last said; a search card never says it. */}
          {(listing.availability === 'sold-out' || listing.availability === 'delisted') && (
            <span class="zc-badge zc-badge-out" data-testid="listing-stock" data-availability={listing.availability}>
              {t(listing.availability === 'sold-out' ? 'soldOut' : 'delisted')}
            </span>
          )}
          {suggested && (
            <span class="zc-badge" data-testid="suggested" title={suggested}>
              {suggestedLabel}
            </span>
          )}
        </p>
        {suggested && <p class="zc-muted zc-small">{suggested}</p>}
        <div class="zc-row">
          <button type="button" aria-pressed={chosen} onClick={onChoose} disabled={listing.priceCny === undefined}>
            {chosen ? t('quoting') : t('quoteThis')}
          </button>
          {/* The category lets the quote estimate the weight (and say that it did). */}
          <button
            type="button"
            onClick={() => basket.add(listing.id, category)}
            disabled={inBasket || listing.priceCny === undefined}
            data-testid="add-to-basket"
          >
            {inBasket ? t('inBasket') : t('addToBasket')}
          </button>
          <button type="button" aria-pressed={watched} onClick={toggleWatch} data-testid="watch" title={t('watchHint')}>
            {watched ? t('watching') : t('watch')}
          </button>
        </div>
        <BuyVia platform={listing.platform} itemId={listing.itemId} />
        {watchError && (
          <p role="alert" class="zc-error">
            {watchError}
          </p>
        )}
      </div>
    </li>
  );
}
