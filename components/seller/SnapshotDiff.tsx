import { useState } from 'preact/hooks';
import type { Snapshot } from '../../lib/db/index';
import type { UiLanguage } from '../../lib/i18n';
import { diffSnapshots, type NumberChange } from '../../lib/watch/diff';
import { formatChange, formatCount, formatPrice, formatTime } from './format';
import type { SellerT } from './strings';

/**
 * Two snapshots side by side, picked with two selects (the latest two by default): the title with
 * removed and added words marked, and the price, variant range and sales changes. Text nodes only.
 */
export function SnapshotDiff({ snapshots, t, language }: { snapshots: readonly Snapshot[]; t: SellerT; language: UiLanguage }) {
  const last = snapshots.length - 1;
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);
  if (snapshots.length < 2) return <p class="zc-muted">{t('diffNeedsTwo')}</p>;
  // Indexes from an earlier, longer list fall back to the latest two.
  const from = picked && picked.from <= last ? picked.from : last - 1;
  const to = picked && picked.to <= last ? picked.to : last;
  const older = snapshots[from]!;
  const newer = snapshots[to]!;
  const diff = diffSnapshots(older, newer);
  const option = (snapshot: Snapshot, index: number) => (
    <option value={index} key={snapshot.id ?? index}>
      {formatTime(snapshot.seenAt, language)}
      {snapshot.priceCny === undefined ? '' : ` · ${formatPrice(snapshot.priceCny, language)}`}
    </option>
  );
  return (
    <div class="zc-diff">
      <div class="zc-diff-pick">
        <label>
          {t('diffFrom')}
          <select value={from} onChange={(event) => setPicked({ from: Number(event.currentTarget.value), to })}>
            {snapshots.map(option)}
          </select>
        </label>
        <label>
          {t('diffTo')}
          <select value={to} onChange={(event) => setPicked({ from, to: Number(event.currentTarget.value) })}>
            {snapshots.map(option)}
          </select>
        </label>
      </div>
      <dl aria-live="polite" data-testid="snapshot-diff">
        <dt>{t('diffTitleLabel')}</dt>
        <dd class="zc-diff-title">
          {diff.title.segments.map((segment, index) =>
            segment.op === 'same' ? (
              <span key={index}>{segment.text}</span>
            ) : segment.op === 'removed' ? (
              <del key={index}>
                <span class="zc-sr">{t('removed')}</span>
                {segment.text}
              </del>
            ) : (
              <ins key={index}>
                <span class="zc-sr">{t('added')}</span>
                {segment.text}
              </ins>
            ),
          )}
        </dd>
        <PriceRow label={t('diffPriceLabel')} change={diff.price} language={language} />
        <PriceRow label={t('diffRangeLabel')} change={diff.priceMax} language={language} />
        {diff.sales && (
          <>
            <dt>{t('diffSalesLabel')}</dt>
            <dd class={changeClass(diff.sales.delta)}>
              {formatCount(diff.sales.before, language)} → {formatCount(diff.sales.after, language)}
              {diff.sales.delta !== 0 && ` (${diff.sales.delta > 0 ? '+' : ''}${formatCount(diff.sales.delta, language)})`}
            </dd>
          </>
        )}
      </dl>
      {diff.shopChanged && <p>{t('diffShopChanged', { from: older.shop ?? '', to: newer.shop ?? '' })}</p>}
      {diff.imageChanged && <p>{t('diffImageChanged')}</p>}
      {!diff.changed && <p class="zc-muted">{t('diffNothing')}</p>}
    </div>
  );
}

function PriceRow({ label, change, language }: { label: string; change: NumberChange | null; language: UiLanguage }) {
  if (!change) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd class={changeClass(change.delta)}>
        {formatPrice(change.before, language)} → {formatPrice(change.after, language)}
        {change.delta !== 0 && ` ${formatChange(change, language)}`}
      </dd>
    </>
  );
}

/** Down or up, for colour (the sign in the text says the same for those who do not see colour). */
export function changeClass(delta: number): string {
  return delta < 0 ? 'zc-down' : delta > 0 ? 'zc-up' : '';
}
