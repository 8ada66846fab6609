import { useEffect, useMemo, useState } from 'preact/hooks';
import { translator } from '../../lib/i18n';
import type { ShopPageReport } from '../../lib/messaging/shop-report';
import { MAX_CARDS_PER_PAGE } from '../../lib/shops/budget';
import { usePopupEnv } from './env';
import { shopReportStrings } from './shop-report-strings';

type Key = keyof (typeof shopReportStrings)['en'];
const FIELD_KEYS = new Set<Key>(['title', 'price', 'sales', 'shop', 'location', 'image']);

/** The reader's report for a Taobao/Tmall tab, asked again whenever the background's data changes. */
export function useShopReport(tabId: number | null): ShopPageReport | null {
  const { connector, dataVersion } = usePopupEnv();
  const [report, setReport] = useState<ShopPageReport | null>(null);
  useEffect(() => {
    if (tabId === null) return undefined;
    let live = true;
    connector.send('shop:report-get', { tabId }).then(
      (answer) => live && setReport(answer),
      () => live && setReport(null),
    );
    return () => {
      live = false;
    };
  }, [connector, tabId, dataVersion]);
  return report;
}

/** `price`, `price and shop`, `price, shop and sales`, in the user's language. */
function fieldList(fields: readonly string[], t: (key: Key) => string): string {
  const names = fields.map((field) => (FIELD_KEYS.has(field as Key) ? t(field as Key) : field));
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(t('separator'))}${t('and')}${names.at(-1)}`;
}

/**
 * What the reader of this Taobao/Tmall page found and what it could not, in words ("price not found
 * on this item page"), and "Copy diagnostics": the page's skeleton for a bug report.
 */
export function ShopReport({ report, tabId }: { report: ShopPageReport; tabId: number }) {
  const { language, connector } = usePopupEnv();
  const t = useMemo(() => translator(shopReportStrings, language), [language]);
  const [copy, setCopy] = useState<{ status: 'idle' } | { status: 'copied' } | { status: 'failed'; message: string }>({ status: 'idle' });
  const kind = t(report.kind);
  const layout = report.report.layout ?? t('unknownLayout');
  const missing = report.report.missing;
  const tr = (key: Key, values: Record<string, string | number>) => translator(shopReportStrings, language)(key, values);
  const { ad, error, budget } = report.skipped;
  const noId = report.skipped['no-id'];
  const reasons = [
    ad ? tr('skippedAd', { count: ad }) : '',
    noId ? tr('skippedNoId', { count: noId }) : '',
    error ? tr('skippedError', { count: error }) : '',
    budget ? tr('skippedBudget', { count: budget, limit: MAX_CARDS_PER_PAGE }) : '',
  ].filter(Boolean);
  const skippedCount = ad + noId + error + budget;

  const copyDiagnostics = async () => {
    // The skeleton is taken when asked for, as on a note page: nothing is walked on each capture.
    const { skeleton } = await connector.send('tab:skeleton', { tabId }).catch(() => ({ skeleton: '(the page could not be read)' }));
    const text = [`Zhongcao diagnostics: ${report.kind} page, layout ${report.report.layout ?? 'unknown'}`,
      `found: ${report.report.found.join(', ') || '-'}; missing: ${missing.join(', ') || '-'}`,
      `cards ${report.cards}, listings ${report.listings}, skipped ${JSON.stringify(report.skipped)}`,
      '', skeleton].join('\n');
    try {
      await navigator.clipboard.writeText(text);
      setCopy({ status: 'copied' });
    } catch (error) {
      setCopy({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section class="zc-shop-report" aria-labelledby="zc-shop-report" data-testid="shop-report">
      <h2 id="zc-shop-report" class="zc-section">
        {t('heading')}
      </h2>
      {report.listings === 0 ? (
        <p class="zc-empty" data-testid="shop-report-none">{tr('notRead', { kind })}</p>
      ) : (
        <p class="zc-muted" data-testid="shop-report-read">
          {report.kind === 'item' ? tr('readItem', { layout }) : tr('read', { count: report.listings, kind, layout })}
        </p>
      )}
      {missing.length > 0 && (
        <p role="status" class="zc-warning" data-testid="shop-report-missing">
          {capitalise(tr('missing', { fields: fieldList(missing, t), kind }), language)}
        </p>
      )}
      {reasons.length > 0 && (
        <p class="zc-muted" data-testid="shop-report-skipped">
          {tr('skipped', { count: skippedCount, reasons: reasons.join(t('separator')) })}
        </p>
      )}
      <button type="button" onClick={() => void copyDiagnostics()} data-testid="copy-diagnostics">
        {t('copy')}
      </button>
      {copy.status === 'copied' && (
        <p role="status" class="zc-muted" data-testid="diagnostics-copied">
          {t('copied')}
        </p>
      )}
      {copy.status === 'failed' && (
        <p role="alert" class="zc-error">
          {tr('copyFailed', { message: copy.message })}
        </p>
      )}
    </section>
  );
}

function capitalise(text: string, language: string): string {
  return language === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
