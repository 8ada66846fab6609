import { useMemo, useState } from 'preact/hooks';
import { chinaShippingFor } from '../../lib/landed/china-shipping';
import { formatMoney, formatPercent } from '../../lib/popup/format';
import type { NoteProduct } from '../../lib/popup/products';
import { searchLinks, SEARCH_SHOP_NAMES } from '../../lib/shops/urls';
import { usePopupEnv } from './env';
import { ListingRow } from './ListingRow';
import { QuoteTable } from './QuoteTable';
import { useRemote } from './use-remote';

/** How many ranked listings a product shows. */
const SHOWN_LISTINGS = 5;

export function ProductCard({ product }: { product: NoteProduct }) {
  const { t, language, connector, dataVersion } = usePopupEnv();
  const [search, setSearch] = useState<{ status: 'idle' | 'opened' } | { status: 'failed'; message: string }>({ status: 'idle' });
  const [chosenId, setChosenId] = useState<string | null>(null);

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

  const chosen = ranked.find((entry) => entry.listing.id === chosenId)?.listing ?? ranked.find((entry) => entry.listing.priceCny !== undefined)?.listing;
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
    <article class="zc-product" aria-labelledby={headingId} data-testid="product" data-query={product.query}>
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
                <a href={url} target="_blank" rel="noreferrer noopener">
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
          <ol class="zc-listings" data-testid="listings">
            {ranked.map((entry) => (
              <ListingRow
                key={entry.listing.id}
                ranked={entry}
                chosen={entry.listing.id === chosen?.id}
                onChoose={() => setChosenId(entry.listing.id)}
                category={category}
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
