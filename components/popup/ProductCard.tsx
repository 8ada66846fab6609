import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { chinaShippingFor } from '../../lib/landed/china-shipping';
import type { StoredListing } from '../../lib/db';
import { suggestListing } from '../../lib/popup/suggest';
import { useBuyStrings } from './buy-strings';
import { formatMoney, formatPercent } from '../../lib/popup/format';
import { httpsUrl } from '../../lib/dom/safe-url';
import type { NoteProduct } from '../../lib/popup/products';
import { searchLinks, SEARCH_SHOP_NAMES } from '../../lib/shops/urls';
import { usePopupEnv } from './env';
import { ListingRow } from './ListingRow';
import { QuoteTable } from './QuoteTable';
import { useRemote } from './use-remote';

/** How many ranked listings a product shows. */
const SHOWN_LISTINGS = 5;

export function ProductCard({ product, focused = false }: { product: NoteProduct; focused?: boolean }) {
  const { t, language, connector, dataVersion } = usePopupEnv();
  const [search, setSearch] = useState<{ status: 'idle' | 'opened' } | { status: 'failed'; message: string }>({ status: 'idle' });
  // The user's pick stays, even when a later ranking no longer shows it among the first few.
  const [picked, setPicked] = useState<StoredListing | null>(null);
  const bt = useBuyStrings();
  const article = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused) article.current?.scrollIntoView({ block: 'start' });
  }, [focused]);

  // Ranked in the background from the listings captured under this query; asked again after each capture.
  const listings = useRemote(
    () =>
      connector.send('popup:listings', {
        query: product.query,
        ...(product.text ? { text: product.text } : {}),
        ...(product.brand ? { brand: product.brand } : {}),
        ...(product.category ? { category: product.category } : {}),
        ...(product.priceCny !== undefined ? { priceCny: product.priceCny } : {}),
        ...(product.itemId ? { itemId: product.itemId } : {}),
        limit: SHOWN_LISTINGS,
      }),
    [connector, product, dataVersion],
  );
  const ranked = listings.status === 'ready' ? listings.value : [];

  const pickedNow = picked ? (ranked.find((entry) => entry.listing.id === picked.id)?.listing ?? picked) : undefined;
  // Before any pick, a product the note prices is quoted at the note's price, and the top match
  // nearest that price is suggested; without a note price, the best match with a price is quoted.
  const suggestion = suggestListing(ranked, product.priceCny);
  const chosen = pickedNow ?? (product.priceCny === undefined ? ranked.find((entry) => entry.listing.priceCny !== undefined)?.listing : undefined);
  const priceCny = chosen?.priceCny ?? product.priceCny;
  // The background keeps the category only if the lexicon knows it (for the weight estimate).
  const category = product.category;
  const items = useMemo(() => (priceCny === undefined ? [] : [{ priceCny, ...(category ? { category } : {}) }]), [priceCny, category]);

  const findOnTaobao = () => {
    connector.send('taobao:search', { query: product.query }).then(
      () => setSearch({ status: 'opened' }),
      (error: unknown) => setSearch({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  };
  const headingId = `zc-product-${product.key.replace(/[^\w-]/g, '_')}`;

  return (
    <article
      ref={article}
      class={`zc-product${focused ? ' zc-focused' : ''}`}
      aria-labelledby={headingId}
      data-testid="product"
      data-query={product.query}
      data-focused={focused ? 'true' : undefined}
    >
      {focused && <p class="zc-muted zc-small">{bt('focused')}</p>}
      <header>
        <h3 id={headingId}>
          <span class="zc-product-en">{product.en}</span>{' '}
          <span class="zc-product-zh" lang="zh-CN">
            {product.query}
          </span>
        </h3>
        <p class="zc-muted zc-meta">
          {product.count > 0 && <span>{t('confidence', { percent: formatPercent(product.confidence, language) })}</span>}
          {product.count > 1 && <span>{t('mentioned', { count: product.count })}</span>}
          {product.priceCny !== undefined && <span>{t('notePrice', { price: formatMoney(product.priceCny, 'CNY', language) })}</span>}
        </p>
      </header>
      <div class="zc-actions">
        <button type="button" class="zc-primary" onClick={findOnTaobao} data-testid="find-on-taobao">
          {t('findOnTaobao')}
        </button>
        <details class="zc-elsewhere">
          <summary>{t('searchElsewhere')}</summary>
          <ul>
            {searchLinks(product.query).map(({ shop, url }) => (
              <li key={shop}>
                <a href={httpsUrl(url)} target="_blank" rel="noreferrer noopener">
                  {language === 'zh-CN' ? SEARCH_SHOP_NAMES[shop].zh : SEARCH_SHOP_NAMES[shop].en}
                </a>
              </li>
            ))}
          </ul>
        </details>
      </div>
      {search.status === 'opened' && (
        <p role="status" class="zc-muted">
          {t('searching')}
        </p>
      )}
      {search.status === 'failed' && (
        <p role="alert" class="zc-error">
          {t('searchFailed', { message: search.message })}
        </p>
      )}

      {listings.status === 'loading' && <p class="zc-muted">{t('listingsLoading')}</p>}
      {listings.status === 'error' && (
        <p role="alert" class="zc-error">
          {listings.error.message}
        </p>
      )}
      {listings.status === 'ready' && ranked.length === 0 && (
        <p class="zc-muted" data-testid="no-listings">
          {t('noListings')}
        </p>
      )}
      {ranked.length > 0 && (
        <section aria-label={t('matches')}>
          <h4 class="zc-section">{t('matches')}</h4>
          {!pickedNow && suggestion && product.priceCny !== undefined && (
            <p class="zc-muted zc-small" data-testid="suggestion">
              {bt('suggested', { price: formatMoney(product.priceCny, 'CNY', language) })}
            </p>
          )}
          <ol class="zc-listings" data-testid="listings">
            {ranked.map((entry) => (
              <ListingRow
                key={entry.listing.id}
                ranked={entry}
                chosen={entry.listing.id === chosen?.id}
                onChoose={() => setPicked(entry.listing)}
                category={category}
                {...(!pickedNow && suggestion?.listing.id === entry.listing.id && product.priceCny !== undefined
                  ? { suggested: bt('suggestedWhy', { price: formatMoney(product.priceCny, 'CNY', language) }) }
                  : {})}
              />
            ))}
          </ol>
        </section>
      )}

      <QuoteTable
        items={items}
        priceCny={priceCny}
        fromNote={chosen?.priceCny === undefined && product.priceCny !== undefined}
        withLocalPrice
        shipping={chinaShippingFor(chosen?.title)}
        listingKey={chosen?.id}
      />
    </article>
  );
}
