import { freshness } from './format';
import type { Translate } from './services';

/** A warning on figures older than 90 days, or undated: prices change and the user should check. */
export function FreshnessBadge({ asOf, now, t }: { asOf: string; now: number; t: Translate }) {
  const state = freshness(asOf, now);
  if (state.kind === 'fresh') return null;
  return state.kind === 'stale' ? (
    <span class="zc-badge zc-badge-warn" data-testid="stale" title={t('staleTitle', { days: state.days })}>
      ⚠ {t('stale')}
    </span>
  ) : (
    <span class="zc-badge zc-badge-warn" data-testid="undated" title={t('undatedTitle')}>
      ⚠ {t('undated')}
    </span>
  );
}
