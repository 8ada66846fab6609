import type { ComponentChildren } from 'preact';
import { useId, useMemo } from 'preact/hooks';
import { httpsUrl } from '../../lib/dom/safe-url';
import { translator } from '../../lib/i18n';
import type { AvailableQuote, BreakdownRow, DutyRow } from '../../lib/landed/quote';
import { formatMoney } from '../../lib/popup/format';
import { breakdownStrings, type BreakdownStringKey } from './breakdown-strings';
import { usePopupEnv } from './env';


function useBreakdownT() {
  const { language } = usePopupEnv();
  return useMemo(() => translator(breakdownStrings, language), [language]);
}

function Source({ source }: { source: NonNullable<BreakdownRow['source']> }) {
  const t = useBreakdownT();
  const href = httpsUrl(source.url);
  const text = source.asOf ? t('source', { name: source.name, date: source.asOf }) : t('sourceUndated', { name: source.name });
  // What the figure rests on (a price table, one estimate, an observed checkout…) and when it was read.
  const about = [source.kind ? t(`kind.${source.kind}` as BreakdownStringKey) : '', source.seen && source.seen !== source.asOf ? t('seen', { date: source.seen }) : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <small class="zc-muted">
      {href ? (
        <a href={href} target="_blank" rel="noreferrer noopener">
          {text}
        </a>
      ) : (
        text
      )}
      {about && <span data-testid="breakdown-source-kind"> ({about})</span>}
    </small>
  );
}

function Row({ label, amountCny, children, testId }: { label: string; amountCny: number; children?: ComponentChildren; testId?: string }) {
  const { language } = usePopupEnv();
  return (
    <tr data-testid={testId}>
      <th scope="row">
        {label}
        {children}
      </th>
      <td class="zc-num">{formatMoney(amountCny, 'CNY', language)}</td>
    </tr>
  );
}

function DutyRowView({ row }: { row: DutyRow }) {
  const t = useBreakdownT();
  const who = t(`who.${row.collectedBy}` as BreakdownStringKey);
  return (
    <Row label={row.name} amountCny={row.amountCny} testId="breakdown-duty">
      <small>
        {row.rule}
        {row.assumed ? ` (${t('assumedRule')})` : ''} · {t('collectedBy', { who })}
      </small>
      <Source source={row.source} />
    </Row>
  );
}

/**
 * One line's landed cost taken apart: goods, China-side shipping, the forwarder's fees, freight and
 * how its weight was found, each surcharge, each duty or tax with its rule, source and date, a
 * forwarder's deposit (not in the total), and the exchange rate with its date.
 */
export function QuoteBreakdown({ quote }: { quote: AvailableQuote }) {
  const t = useBreakdownT();
  const { language } = usePopupEnv();
  const headingId = useId();
  return (
    <details class="zc-breakdown" data-testid="breakdown">
      <summary id={headingId}>{t('breakdown')}</summary>
      <table class="zc-quotes" aria-labelledby={headingId}>
        <tbody>
          <Row label={t('goods')} amountCny={quote.goodsCny} testId="breakdown-goods" />
          <Row label={t('chinaShipping')} amountCny={quote.domesticShipping.amountCny} testId="breakdown-china-shipping">
            {quote.domesticShipping.detail && <small>{quote.domesticShipping.detail}</small>}
          </Row>
          {quote.fees.map((fee) => (
            <Row key={fee.name} label={t('fee', { name: fee.name })} amountCny={fee.amountCny} testId="breakdown-fee">
              {fee.detail && <small>{fee.detail}</small>}
            </Row>
          ))}
          <Row label={t('freight')} amountCny={quote.freightCny} testId="breakdown-freight">
            <small>{t('chargeable', { kg: quote.chargeable.kg, how: quote.chargeable.explanation })}</small>
            {quote.freight.detail && <small>{quote.freight.detail}</small>}
            {quote.freight.source && <Source source={quote.freight.source} />}
          </Row>
          {quote.surcharges.map((surcharge) => (
            <Row key={surcharge.name} label={t('surcharge', { name: surcharge.name })} amountCny={surcharge.amountCny} testId="breakdown-surcharge">
              {surcharge.detail && <small>{surcharge.detail}</small>}
              {surcharge.source && <Source source={surcharge.source} />}
            </Row>
          ))}
          {quote.dutiesAndTaxes.map((row, index) => (
            <DutyRowView key={`${row.name}-${index}`} row={row} />
          ))}
          <tr class="zc-breakdown-total">
            <th scope="row">{t('total')}</th>
            <td class="zc-num" data-testid="breakdown-total">
              {formatMoney(quote.totalCny, 'CNY', language)}
              {quote.currency !== 'CNY' && <small>{formatMoney(quote.total, quote.currency, language)}</small>}
            </td>
          </tr>
          {quote.deposit && (
            <Row label={t('deposit')} amountCny={quote.deposit.amountCny} testId="breakdown-deposit">
              <small>{quote.deposit.note}</small>
            </Row>
          )}
        </tbody>
      </table>
      <p class="zc-muted zc-small" data-testid="breakdown-rate">
        {t('rate', { rate: quote.fx.perCny.toPrecision(4), currency: quote.fx.currency, source: quote.fx.source, date: quote.fx.asOf })}
      </p>
      {quote.rankCaveats.length > 0 && (
        <p class="zc-muted zc-small" data-testid="breakdown-caveat">
          {t('caveat', { why: quote.rankCaveats.join('; ') })}
        </p>
      )}
    </details>
  );
}

/** What the user can correct about a single listing's parcel; undefined fields keep the estimates. */
export interface ParcelEdits {
  weightKg?: number;
  dimsCm?: [number, number, number];
  domesticShippingCny?: number;
}

/** The raw text of the three inputs, kept so a half-typed value is not thrown away. */
export interface ParcelText {
  weight: string;
  size: string;
  shipping: string;
}

/** Reads the inputs: each field its value, or `invalid` when it cannot be one. */
export function readParcelText(text: ParcelText): { edits: ParcelEdits; invalid: Array<keyof ParcelText> } {
  const edits: ParcelEdits = {};
  const invalid: Array<keyof ParcelText> = [];
  const number = (value: string) => Number(value.trim().replace(',', '.'));
  if (text.weight.trim()) {
    const kg = number(text.weight);
    if (Number.isFinite(kg) && kg > 0 && kg <= 1000) edits.weightKg = kg;
    else invalid.push('weight');
  }
  if (text.size.trim()) {
    const sides = text.size.split(/[x×*,\s]+/i).filter(Boolean).map(number);
    if (sides.length === 3 && sides.every((side) => Number.isFinite(side) && side > 0 && side <= 1000)) edits.dimsCm = sides as [number, number, number];
    else invalid.push('size');
  }
  if (text.shipping.trim()) {
    const cny = number(text.shipping);
    if (Number.isFinite(cny) && cny >= 0 && cny <= 1_000_000) edits.domesticShippingCny = cny;
    else invalid.push('shipping');
  }
  return { edits, invalid };
}

/** Weight, box size and China-side shipping of the listing being quoted, editable. */
export function ParcelInputs({
  text,
  onText,
  estimate,
  shippingNote,
}: {
  text: ParcelText;
  onText: (text: ParcelText) => void;
  /** The weight the quote uses when none is typed, for the placeholder. */
  estimate?: string | undefined;
  shippingNote: string;
}) {
  const t = useBreakdownT();
  const id = useId();
  const { invalid } = readParcelText(text);
  const field = (key: keyof ParcelText, label: BreakdownStringKey, error: BreakdownStringKey, placeholder: string, hint?: string) => {
    const bad = invalid.includes(key);
    return (
      <div class="zc-parcel-field">
        <label for={`${id}-${key}`}>{t(label)}</label>
        <input
          id={`${id}-${key}`}
          type="text"
          inputMode="decimal"
          value={text[key]}
          placeholder={placeholder}
          aria-invalid={bad}
          aria-describedby={bad || hint ? `${id}-${key}-hint` : undefined}
          onInput={(event) => onText({ ...text, [key]: event.currentTarget.value })}
          data-testid={`parcel-${key}`}
        />
        {(bad || hint) && (
          <small id={`${id}-${key}-hint`} class={bad ? 'zc-error' : 'zc-muted'} role={bad ? 'alert' : undefined}>
            {bad ? t(error) : hint}
          </small>
        )}
      </div>
    );
  };
  return (
    <fieldset class="zc-parcel" data-testid="parcel-inputs">
      <legend>{t('parcel')}</legend>
      {field('weight', 'weight', 'weightInvalid', estimate ?? '0.5', estimate ? t('estimated') : undefined)}
      {field('size', 'size', 'sizeInvalid', '30 × 20 × 10')}
      {field('shipping', 'shipping', 'shippingInvalid', '0', t('shippingHint', { note: shippingNote }))}
    </fieldset>
  );
}
