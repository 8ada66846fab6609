import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import { bumpDataVersion } from '../../lib/messaging/data-version';
import type { Snapshot, StoredListing, ZhongcaoDb } from '../../lib/db/index';
import { translator, type UiLanguage } from '../../lib/i18n';
import { formatCny, formatPriceChange } from '../../lib/watch/diff';
import { bySeenAt, latestPrice, priceChangeSinceLastSeen, salesTrend } from '../../lib/watch/history';
import { clearDropNotices, dropNotices, setWatched, type DropNotice } from '../../lib/watch/store';
import { formatCount, formatTime, PLATFORM_NAMES } from './format';
import { httpsUrl } from '../../lib/dom/safe-url';
import { PriceChart } from './PriceChart';
import { changeClass, SnapshotDiff } from './SnapshotDiff';
import { sellerStrings, type SellerT } from './strings';
import { Transfer } from './Transfer';

interface WatchedItem {
  listing: StoredListing;
  /** Oldest first. */
  snapshots: Snapshot[];
}

interface Watchlist {
  items: WatchedItem[];
  notices: DropNotice[];
}

async function readWatchlist(db: ZhongcaoDb): Promise<Watchlist> {
  const listings = (await db.listings.where('watched').equals(1).toArray()).sort((a, b) => b.seenAt - a.seenAt);
  const snapshots = await db.snapshots.where('listingId').anyOf(listings.map((listing) => listing.id)).toArray();
  const byListing = new Map<string, Snapshot[]>();
  for (const snapshot of snapshots) byListing.set(snapshot.listingId, [...(byListing.get(snapshot.listingId) ?? []), snapshot]);
  return {
    items: listings.map((listing) => ({ listing, snapshots: bySeenAt(byListing.get(listing.id) ?? []) })),
    notices: await dropNotices(db),
  };
}

export interface SellerPageProps {
  db: ZhongcaoDb;
  language: UiLanguage;
  /** Clears the toolbar badge once the user has read the drop notices. */
  clearBadge: () => Promise<void>;
}

/** The seller page: watched listings, drop notices, one listing's history and snapshot diff, export/import. */
export function SellerPage({ db, language, clearBadge }: SellerPageProps) {
  const t: SellerT = translator(sellerStrings, language);
  const [watchlist, setWatchlist] = useState<Watchlist | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Live: a capture in another tab or an import shows up here at once.
  useEffect(() => {
    const subscription = liveQuery(() => readWatchlist(db)).subscribe({
      next: setWatchlist,
      error: (error: unknown) => console.error('[zhongcao] reading the watchlist failed', error),
    });
    return () => subscription.unsubscribe();
  }, [db]);

  const items = watchlist?.items ?? [];
  const current = items.find((item) => item.listing.id === selected) ?? items[0];

  const unwatch = async (id: string) => {
    await setWatched(id, false, { db });
    // An open popup or side panel shows the listing's Watch toggle: it asks again.
    void bumpDataVersion();
    heading.current?.focus();
  };
  const dismiss = async () => {
    await clearDropNotices(db);
    await clearBadge();
  };

  return (
    <main class="zc-seller" aria-busy={watchlist === null}>
      <h1 ref={heading} tabIndex={-1}>{t('pageTitle')}</h1>
      <p class="zc-muted">{t('intro')}</p>
      <div role="status" class="zc-notices" data-testid="drop-notices">
        {watchlist?.notices.length ? (
          <>
            <ul>
              {watchlist.notices.map((notice) => (
                <li key={`${notice.listingId}-${notice.seenAt}`}>
                  <strong>{t('dropNotice', { from: formatCny(notice.fromCny), to: formatCny(notice.toCny) })}</strong>
                  {' · '}
                  {notice.title}
                  {' · '}
                  <span class="zc-muted">{formatTime(notice.seenAt, language)}</span>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => void dismiss()}>{t('dismiss')}</button>
          </>
        ) : null}
      </div>
      {watchlist === null ? (
        <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <section class="zc-empty" data-testid="empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
        </section>
      ) : (
        <div class="zc-seller-grid">
          <WatchTable items={items} current={current?.listing.id} onSelect={setSelected} onUnwatch={(id) => void unwatch(id)} t={t} language={language} />
          {current && <ItemDetail item={current} t={t} language={language} />}
        </div>
      )}
      <Transfer db={db} t={t} />
    </main>
  );
}

function WatchTable({
  items,
  current,
  onSelect,
  onUnwatch,
  t,
  language,
}: {
  items: WatchedItem[];
  current: string | undefined;
  onSelect: (id: string) => void;
  onUnwatch: (id: string) => void;
  t: SellerT;
  language: UiLanguage;
}) {
  return (
    <table class="zc-watch-table" data-testid="watchlist">
      <caption class="zc-sr">{t('listCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('colListing')}</th>
          <th scope="col">{t('colPrice')}</th>
          <th scope="col">{t('colChange')}</th>
          <th scope="col">{t('colSales')}</th>
          <th scope="col">{t('colActions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ listing, snapshots }) => {
          const price = latestPrice(snapshots) ?? listing.priceCny;
          const change = priceChangeSinceLastSeen(snapshots);
          const trend = salesTrend(snapshots);
          const platform = PLATFORM_NAMES[listing.platform] ?? listing.platform;
          return (
            <tr key={listing.id} aria-current={listing.id === current ? 'true' : undefined} data-listing={listing.id}>
              <th scope="row">
                <button type="button" class="zc-link" aria-pressed={listing.id === current} aria-label={t('show', { title: listing.title })} onClick={() => onSelect(listing.id)}>
                  {listing.title}
                </button>
                <div class="zc-muted">{[listing.shop, platform].filter(Boolean).join(' · ')}</div>
              </th>
              <td class="zc-num">{price === undefined ? t('unknown') : formatCny(price)}</td>
              <td class={`zc-num ${change ? changeClass(change.delta) : ''}`} data-testid="change">
                {!change ? t('unknown') : change.delta === 0 ? t('noChange') : formatPriceChange(change)}
              </td>
              <td class="zc-num">
                {trend.direction === 'unknown'
                  ? t('unknown')
                  : trend.direction === 'flat'
                    ? t('salesFlat')
                    : t(trend.direction === 'up' ? 'salesUp' : 'salesDown', { delta: formatCount(trend.delta, language) })}
                {trend.perDay !== null && trend.perDay !== 0 && <div class="zc-muted">{t('perDay', { rate: formatCount(trend.perDay, language) })}</div>}
              </td>
              <td>
                <div class="zc-actions">
                  {/^https?:\/\//.test(listing.url) && (
                    <a href={listing.url} target="_blank" rel="noopener noreferrer" aria-label={t('openLabel', { title: listing.title, platform })}>
                      {t('open')}
                    </a>
                  )}
                  <button type="button" aria-label={t('unwatchLabel', { title: listing.title })} onClick={() => onUnwatch(listing.id)}>
                    {t('unwatch')}
                  </button>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ItemDetail({ item, t, language }: { item: WatchedItem; t: SellerT; language: UiLanguage }) {
  const { listing, snapshots } = item;
  return (
    <section class="zc-detail" aria-labelledby="zc-detail-title" data-testid="detail">
      <h2 id="zc-detail-title">{listing.title}</h2>
      <h3>{t('historyTitle')}</h3>
      <PriceChart snapshots={snapshots} t={t} />
      <details>
        <summary>{t('historyCaption')}</summary>
        <table class="zc-history" data-testid="history">
          <thead>
            <tr>
              <th scope="col">{t('colSeen')}</th>
              <th scope="col">{t('colPrice')}</th>
              <th scope="col">{t('colRange')}</th>
              <th scope="col">{t('diffSalesLabel')}</th>
              <th scope="col">{t('colShop')}</th>
            </tr>
          </thead>
          <tbody>
            {[...snapshots].reverse().map((snapshot) => (
              <tr key={snapshot.id ?? snapshot.seenAt}>
                <td>{formatTime(snapshot.seenAt, language)}</td>
                <td class="zc-num">{snapshot.priceCny === undefined ? t('unknown') : formatCny(snapshot.priceCny)}</td>
                <td class="zc-num">{snapshot.priceMaxCny === undefined ? t('unknown') : formatCny(snapshot.priceMaxCny)}</td>
                <td class="zc-num">{snapshot.sales === undefined ? t('unknown') : formatCount(snapshot.sales, language)}</td>
                <td>{snapshot.shop ?? t('unknown')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <h3>{t('diffTitle')}</h3>
      <SnapshotDiff key={listing.id} snapshots={snapshots} t={t} language={language} />
    </section>
  );
}
