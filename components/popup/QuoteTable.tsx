import { useEffect, useId, useState } from 'preact/hooks';
import type { ChinaShipping } from '../../lib/landed/china-shipping';
import type { AvailableQuote, Comparison } from '../../lib/landed/quote';
import type { RequestOf } from '../../lib/messaging/protocol';
import { formatMoney } from '../../lib/popup/format';
import { httpsUrl } from '../../lib/dom/safe-url';
import { parseLocalPrice, summariseQuotes, type QuoteSummary } from '../../lib/popup/quotes';
import { usePopupEnv } from './env';
import { ParcelInputs, QuoteBreakdown, readParcelText, type ParcelText } from './QuoteBreakdown';
import { useBuyStrings } from './buy-strings';
import { useRemote } from './use-remote';

export type QuoteItem = RequestOf<'popup:quote'>['items'][number];

/** One parcel's landed cost on every line: a table of the lines that take it, then those that cannot. */
export function QuoteTable({
  items,
  priceCny,
  fromNote = false,
  withLocalPrice = false,
  shipping,
  listingKey,
}: {
  items: QuoteItem[];
  /**
   * China-side shipping of the one listing quoted (包邮 or an assumed amount); when given, the
   * listing's weight, box and shipping are editable.
   */
  shipping?: ChinaShipping | undefined;
  /** The listing quoted: what was typed for one listing is not carried to another. */
  listingKey?: string | undefined;
  /** The goods' price, for the heading; omitted for a basket. */
  priceCny?: number | undefined;
  fromNote?: boolean;
  withLocalPrice?: boolean;
}) {
  const { t, language, settings, today, connector, dataVersion } = usePopupEnv();
  const [localText, setLocalText] = useState('');
  const inputId = useId();
  // Read with the browser's locale (`1,299` is 1299 in English, 1.299 in German); the currency typed is kept.
  const localPrice = withLocalPrice ? parseLocalPrice(localText, settings.currency) : undefined;
  const [parcelText, setParcelText] = useState<ParcelText>({ weight: '', size: '', shipping: '' });
  useEffect(() => setParcelText({ weight: '', size: '', shipping: '' }), [listingKey]);
  const { edits } = readParcelText(parcelText);
  const quotedItems: QuoteItem[] = shipping
    ? items.map((item) => ({
        ...item,
        ...(edits.weightKg !== undefined ? { weightKg: edits.weightKg } : {}),
        ...(edits.dimsCm ? { dimsCm: edits.dimsCm } : {}),
        domesticShippingCny: edits.domesticShippingCny ?? shipping.amountCny,
        domesticShippingNote: edits.domesticShippingCny !== undefined ? 'as you typed it' : shipping.note,
      }))
    : items;
  const bt = useBuyStrings();

  // The background quotes with the user's destination, currency and lines: ask again when they change.
  const request: RequestOf<'popup:quote'> | undefined =
    items.length === 0 ? undefined : { items: quotedItems, date: today, ...(localPrice ? { localPrice } : {}) };
  const quoted = useRemote<QuoteSummary | undefined>(
    async () => request && summariseQuotes(await connector.send('popup:quote', request), today),
    [connector, JSON.stringify(request), settings.destination, settings.currency, settings.disabledLines, dataVersion],
  );

  if (items.length === 0) {
    return (
      <p class="zc-muted" data-testid="no-price">
        {t('noPrice')}
      </p>
    );
  }
  return (
    <section class="zc-quote" aria-label={t('landedCost')} data-testid="quote">
      {priceCny !== undefined && (
        <h4 class="zc-section">
          {t('landedFor', { price: formatMoney(priceCny, 'CNY', language), destination: settings.destination })}
        </h4>
      )}
      {fromNote && <p class="zc-muted">{t('quoteFromNote')}</p>}
      {withLocalPrice && (
        <div class="zc-local">
          <label for={inputId}>{t('localPrice')}</label>
          <input
            id={inputId}
            type="text"
            inputMode="decimal"
            value={localText}
            placeholder={t('localPlaceholder', { currency: settings.currency })}
            onInput={(event) => setLocalText(event.currentTarget.value)}
            aria-invalid={localText.trim() !== '' && !localPrice}
            aria-describedby={localText.trim() !== '' && !localPrice ? `${inputId}-hint` : undefined}
            data-testid="local-price"
          />
          {localPrice && (
            <span class="zc-muted" data-testid="local-read-as">
              {bt(localPrice.currency === settings.currency ? 'readAs' : 'readAsOther', {
                amount: formatMoney(localPrice.amount, localPrice.currency, language),
                currency: localPrice.currency,
              })}
            </span>
          )}
          {localText.trim() !== '' && !localPrice && (
            <span id={`${inputId}-hint`} class="zc-muted">
              {t('localInvalid', { currency: settings.currency })}
            </span>
          )}
        </div>
      )}
      {shipping && <ParcelInputs text={parcelText} onText={setParcelText} shippingNote={shipping.note} />}
      {quoted.status === 'loading' && <p class="zc-muted">{t('loading')}</p>}
      {quoted.status === 'error' && (
        <p role="alert" class="zc-error">
          {quoted.error.message}
        </p>
      )}
      {quoted.status === 'ready' && quoted.value && <QuoteLines summary={quoted.value} />}
    </section>
  );
}

function days(quote: AvailableQuote): string {
  const range = quote.transitDays;
  if (!range) return '–';
  return range.min === range.max ? String(range.max) : `${range.min}–${range.max}`;
}

export function ComparisonText({ comparison }: { comparison: Comparison }) {
  const { t, language } = usePopupEnv();
  const amount = formatMoney(Math.abs(comparison.saving), comparison.currency, language);
  const percent = `${Math.abs(comparison.percent)}%`;
  return (
    <strong class={comparison.saving >= 0 ? 'zc-good' : 'zc-bad'} data-testid="saving">
      {comparison.saving >= 0 ? t('save', { amount, percent }) : t('costsMore', { amount, percent })}
    </strong>
  );
}

/** Lines shown before "show all": the cheapest few, plus the fastest wherever it ranks. */
const SHOWN_LINES = 5;

export function QuoteLines({ summary }: { summary: QuoteSummary }) {
  const { t, language } = usePopupEnv();
  const [showAll, setShowAll] = useState(false);
  const { result, available, cheapest, fastest, staleAsOf, staleLines } = summary;
  const shown = showAll ? available : available.filter((quote, index) => index < SHOWN_LINES || quote === fastest);
  const unavailable = result.quotes.filter((quote) => !quote.available);
  if (result.quotes.length === 0) return <p class="zc-muted">{t('noCards')}</p>;
  return (
    <>
      {staleAsOf && (
        <p class="zc-warning" role="note" data-testid="stale">
          {t('stale', { date: staleAsOf })}
        </p>
      )}
      {result.cheapestCaveat && (
        <p class="zc-warning" role="note" data-testid="cheapest-caveat">
          {result.cheapestCaveat}
        </p>
      )}
      {cheapest?.comparison && (
        <p>
          <ComparisonText comparison={cheapest.comparison} />
        </p>
      )}
      {available.length === 0 ? (
        <p class="zc-muted">{t('noLines')}</p>
      ) : (
        <table class="zc-quotes" data-testid="quote-table">
          <thead>
            <tr>
              <th scope="col">{t('line')}</th>
              <th scope="col" class="zc-num">
                {t('total')}
              </th>
              <th scope="col" class="zc-num">
                {t('days')}
              </th>
              <th scope="col">{t('taxIncluded')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((quote) => (
              <tr key={quote.lineId} data-line={quote.lineId} class={quote === cheapest ? 'zc-best' : undefined}>
                <th scope="row">
                  <span>
                    {quote.forwarder} · {quote.line}
                  </span>
                  {quote === cheapest && <span class="zc-badge" data-testid="cheapest">{t('cheapest')}</span>}
                  {quote === fastest && <span class="zc-badge zc-badge-fast" data-testid="fastest">{t('fastest')}</span>}
                  <small class={staleLines.has(quote.lineId) ? 'zc-stale' : 'zc-muted'}>
                    {staleLines.has(quote.lineId) ? '⚠ ' : ''}
                    {t('cardDate', { date: quote.asOf })}
                  </small>
                  <details>
                    <summary>{t('assumed')}</summary>
                    <ul>
                      {quote.assumptions.map((assumption, index) => (
                        <li key={index}>{assumption}</li>
                      ))}
                      <li>
                        {httpsUrl(quote.source.url) ? (
                          <a href={httpsUrl(quote.source.url)} target="_blank" rel="noreferrer noopener">
                            {quote.source.name}
                          </a>
                        ) : (
                          quote.source.name
                        )}
                      </li>
                    </ul>
                  </details>
                  <QuoteBreakdown quote={quote} />
                </th>
                <td class="zc-num" data-testid="quote-total">
                  {formatMoney(quote.total, quote.currency, language)}
                  <small class="zc-muted">{formatMoney(quote.totalCny, 'CNY', language)}</small>
                  {quote.comparison && quote !== cheapest && (
                    <small>
                      <ComparisonText comparison={quote.comparison} />
                    </small>
                  )}
                </td>
                <td class="zc-num">{days(quote)}</td>
                <td>{quote.taxIncluded ? t('yes') : t('no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown.length < available.length && (
        <button type="button" class="zc-more" onClick={() => setShowAll(true)}>
          {t('showAllLines', { count: available.length })}
        </button>
      )}
      {unavailable.length > 0 && (
        <details class="zc-unavailable" data-testid="unavailable">
          <summary>
            {t('unavailable')} ({unavailable.length})
          </summary>
          <ul>
            {unavailable.map((quote) => (
              <li key={quote.lineId}>
                {quote.forwarder} · {quote.line}: {'unavailable' in quote ? quote.unavailable.message : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p class="zc-muted zc-small">
        {t('fxNote', { rate: result.fx.perCny.toPrecision(3), currency: result.fx.currency, date: result.fx.asOf })}
      </p>
    </>
  );
}
