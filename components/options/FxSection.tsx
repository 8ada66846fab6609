import { useEffect, useState } from 'preact/hooks';
import { ECB_DAILY_URL } from '../../lib/landed/ecb';
import { loadFxRates, refreshFxRates } from '../../lib/landed/store';
import type { FxRates } from '../../lib/landed/tax-rule';
import { CURRENCIES } from '../../lib/settings/schema';
import { displayName, formatDay, messageOf, originPatternOfUrl } from './format';
import { FreshnessBadge } from './FreshnessBadge';
import type { SectionProps } from './services';

export function FxSection({ services, settings, language, t, update, announce, revision, changed }: SectionProps) {
  const [fx, setFx] = useState<FxRates | null>(null);
  const [url, setUrl] = useState(settings.fxRefreshUrl);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  // A restore or a reset replaces the stored URL.
  useEffect(() => setUrl(settings.fxRefreshUrl), [settings.fxRefreshUrl]);

  useEffect(() => {
    loadFxRates(services.db)
      .then(setFx)
      .catch((failure: unknown) => setError(messageOf(failure)));
  }, [services, revision]);

  const onRefresh = (event: Event) => {
    event.preventDefault();
    const pattern = originPatternOfUrl(url);
    if (!pattern) {
      setError(t('badUrl'));
      return;
    }
    setError('');
    setBusy(true);
    // Asked before any await: the permission is granted only inside the click's user gesture.
    const granted = services.requestOrigin(pattern);
    void (async () => {
      try {
        if (!(await granted)) {
          setError(t('permissionRefused', { host: pattern.split('/')[2] ?? pattern }));
          return;
        }
        if (url.trim() !== settings.fxRefreshUrl) await update({ fxRefreshUrl: url.trim() });
        const result = await refreshFxRates(url.trim(), (target) => services.fetch(target), services.db);
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setFx(result.fx);
        announce(t('fxRefreshed', { date: formatDay(result.fx.asOf, language) }));
        changed();
      } catch (failure) {
        setError(messageOf(failure));
      } finally {
        setBusy(false);
      }
    })();
  };

  const shown = CURRENCIES.filter((code) => code !== 'CNY' && fx?.rates[code] !== undefined);
  return (
    <section id="fx" aria-labelledby="fx-heading">
      <h2 id="fx-heading">{t('fxHeading')}</h2>
      {fx && (
        <>
          <p data-testid="fx-source">
            {t('fxAsOf', { date: formatDay(fx.asOf, language), source: fx.source })} <FreshnessBadge asOf={fx.asOf} now={services.now()} t={t} />
          </p>
          <table class="zc-table">
            <thead>
              <tr>
                <th scope="col">{t('fxCurrency')}</th>
                <th scope="col">{t('fxPerCny')}</th>
                <th scope="col">{t('fxInCny')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((code) => (
                <tr key={code} aria-current={code === settings.currency ? 'true' : undefined}>
                  <th scope="row">
                    {code} <span class="zc-meta">{displayName(code, 'currency', language)}</span>
                  </th>
                  <td>{fx.rates[code]!.toLocaleString(language, { maximumSignificantDigits: 4 })}</td>
                  <td>{(1 / fx.rates[code]!).toLocaleString(language, { maximumFractionDigits: 3 })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <form onSubmit={onRefresh}>
        <label>
          {t('fxUrl')}
          <input type="url" name="fxRefreshUrl" value={url} placeholder={ECB_DAILY_URL} spellcheck={false} onInput={(event) => setUrl(event.currentTarget.value)} />
        </label>
        <p class="zc-hint">{t('fxUrlHint')}</p>
        <div class="zc-buttons">
          <button type="submit" disabled={busy}>
            {t('fxRefresh')}
          </button>
          {url.trim() !== ECB_DAILY_URL && (
            <button type="button" onClick={() => setUrl(ECB_DAILY_URL)} data-testid="fx-use-ecb">
              {t('fxUseEcb')}
            </button>
          )}
        </div>
        {error && (
          <p class="zc-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
