import { formatMoney } from '../../lib/popup/format';
import { summariseQuotes } from '../../lib/popup/quotes';
import { usePopupEnv } from './env';
import { QuoteLines } from './QuoteTable';
import { useRemote } from './use-remote';

/** Listings the user collected, quoted as one consolidated parcel next to the same items sent one by one. */
export function Basket() {
  const { t, language, settings, today, connector, basket } = usePopupEnv();
  const { lines } = basket;
  const priced = lines.filter((line) => line.listing?.priceCny !== undefined).length;
  // Quoted in the background from the basket it holds: ask again whenever the basket or the settings change.
  const quote = useRemote(async () => {
    if (priced === 0) return undefined;
    const answer = await connector.send('basket:quote', { date: today });
    return answer ? { ...answer, consolidated: summariseQuotes(answer.consolidated, today) } : undefined;
  }, [connector, lines, today, settings.destination, settings.currency, settings.disabledLines]);
  const comparison = quote.status === 'ready' ? quote.value : undefined;

  const cheapest = comparison?.consolidated.cheapest;
  return (
    <section class="zc-basket" aria-labelledby="zc-basket" data-testid="basket">
      <h2 id="zc-basket" class="zc-section">
        {t('basket')} {lines.length > 0 && `(${lines.length})`}
      </h2>
      {lines.length === 0 && <p class="zc-muted">{t('basketEmpty')}</p>}
      {basket.error && (
        <p role="alert" class="zc-error">
          {t('basketFailed', { message: basket.error })}
        </p>
      )}
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
                  onChange={(event) => basket.setQuantity(entry.listingId, Number(event.currentTarget.value))}
                />
              </label>
              <button type="button" onClick={() => basket.remove(entry.listingId)}>
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
          {/* Until the answer for the basket on screen arrives, the last one may count other items. */}
          {priced > 1 && comparison.separate.length === priced && comparison.separateTotal !== undefined && (
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
      {quote.status === 'error' && (
        <p role="alert" class="zc-error">
          {quote.error.message}
        </p>
      )}
      {comparison && <QuoteLines summary={comparison.consolidated} />}
    </section>
  );
}
