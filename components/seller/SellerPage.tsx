import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import { bumpDataVersion } from '../../lib/messaging/data-version';
import type { Connector } from '../../lib/messaging/connector';
import type { Snapshot, StoredListing, ZhongcaoDb } from '../../lib/db/index';
import { translator, type UiLanguage } from '../../lib/i18n';
import { bySeenAt, latestAvailability, latestPrice, priceChangeSinceLastSeen, salesTrend } from '../../lib/watch/history';
import { setWatched } from '../../lib/watch/store';
import { describeAlert } from '../../lib/watch/alert-text';
import {
  ALERT_KINDS,
  alertKindsOf,
  clearAlerts,
  readAlerts,
  readPrefs,
  readSellerSettings,
  saveSellerSettings,
  setListingPrefs,
  type Alert,
  type AlertKind,
  type Prefs,
  type SellerSettings,
} from '../../lib/watch/prefs';
import { inRange, priceStats, RANGES, type Range } from '../../lib/watch/stats';
import type { CheckStatus } from '../../lib/watch/check';
import { httpsUrl } from '../../lib/dom/safe-url';
import { formatChange, formatCount, formatPrice, formatTime, PLATFORM_NAMES } from './format';
import { HistoryChart } from './PriceChart';
import { changeClass, SnapshotDiff } from './SnapshotDiff';
import { sellerStrings, type SellerT } from './strings';
import { Transfer } from './Transfer';
import type { ChartSeries } from './uplot-chart';

interface WatchedItem {
  listing: StoredListing;
  /** Oldest first. */
  snapshots: Snapshot[];
}

interface Watchlist {
  items: WatchedItem[];
  alerts: Alert[];
  prefs: Prefs;
  settings: SellerSettings;
}

async function readWatchlist(db: ZhongcaoDb): Promise<Watchlist> {
  const listings = (await db.listings.where('watched').equals(1).toArray()).sort((a, b) => b.seenAt - a.seenAt);
  const snapshots = await db.snapshots.where('listingId').anyOf(listings.map((listing) => listing.id)).toArray();
  const byListing = new Map<string, Snapshot[]>();
  for (const snapshot of snapshots) byListing.set(snapshot.listingId, [...(byListing.get(snapshot.listingId) ?? []), snapshot]);
  const [alerts, prefs, settings] = await Promise.all([readAlerts(db), readPrefs(db), readSellerSettings(db)]);
  return {
    items: listings.map((listing) => ({ listing, snapshots: bySeenAt(byListing.get(listing.id) ?? []) })),
    alerts,
    prefs,
    settings,
  };
}

export interface SellerPageProps {
  db: ZhongcaoDb;
  language: UiLanguage;
  /** Clears the toolbar badge once the user has read the alerts. */
  clearBadge: () => Promise<void>;
  /** The background, for "Check now" and the daily check; without it those controls are hidden. */
  connector?: Connector;
  now?: () => number;
}

/** Series colours, in order; mine are drawn solid, competitors dashed. */
const PALETTE = ['var(--zc-s1)', 'var(--zc-s2)', 'var(--zc-s3)', 'var(--zc-s4)', 'var(--zc-s5)', 'var(--zc-s6)'];

/** The seller page: checks, alerts, the watchlist, an overlay of listings with statistics, one listing's history, export/import. */
export function SellerPage({ db, language, clearBadge, connector, now = Date.now }: SellerPageProps) {
  const t: SellerT = translator(sellerStrings, language);
  const [watchlist, setWatchlist] = useState<Watchlist | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  /** Listings left out of the comparison (new listings are in by default). */
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [range, setRange] = useState<Range>('all');
  const heading = useRef<HTMLHeadingElement>(null);

  // Live: a capture in another tab, a check or an import shows up here at once.
  useEffect(() => {
    const subscription = liveQuery(() => readWatchlist(db)).subscribe({
      next: setWatchlist,
      error: (error: unknown) => console.error('[zhongcao] reading the watchlist failed', error),
    });
    return () => subscription.unsubscribe();
  }, [db]);

  const items = watchlist?.items ?? [];
  const prefs = watchlist?.prefs ?? {};
  const settings = watchlist?.settings;
  const current = items.find((item) => item.listing.id === selected) ?? items[0];
  const compared = items.filter((item) => !excluded.has(item.listing.id));

  const unwatch = async (id: string) => {
    await setWatched(id, false, { db });
    // An open popup or side panel shows the listing's Watch toggle: it asks again.
    void bumpDataVersion();
    heading.current?.focus();
  };
  const dismiss = async () => {
    await clearAlerts(db);
    await clearBadge();
  };
  const toggleCompared = (id: string, on: boolean) =>
    setExcluded((previous) => {
      const next = new Set(previous);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <main class="zc-seller" data-colours={settings?.colours ?? 'neutral'} aria-busy={watchlist === null}>
      <h1 ref={heading} tabIndex={-1}>{t('pageTitle')}</h1>
      <p class="zc-muted">{t('intro')}</p>
      <div class="zc-toolbar-row">
        {connector && <CheckPanel connector={connector} t={t} settings={settings} nothingToCheck={watchlist !== null && items.length === 0} />}
        {settings && (
          <label class="zc-inline">
            {t('coloursLabel')}
            <select value={settings.colours} onChange={(event) => void saveSellerSettings({ colours: event.currentTarget.value as SellerSettings['colours'] }, db)}>
              <option value="neutral">{t('coloursNeutral')}</option>
              <option value="market">{t('coloursMarket')}</option>
            </select>
          </label>
        )}
      </div>
      <AlertList alerts={watchlist?.alerts ?? []} t={t} language={language} onDismiss={() => void dismiss()} />
      {watchlist === null ? (
        <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <section class="zc-empty" data-testid="empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
        </section>
      ) : (
        <>
          <WatchTable
            items={items}
            prefs={prefs}
            current={current?.listing.id}
            excluded={excluded}
            onSelect={setSelected}
            onCompare={toggleCompared}
            onMine={(id, mine) => void setListingPrefs(id, { mine }, db)}
            onUnwatch={(id) => void unwatch(id)}
            t={t}
            language={language}
          />
          <CompareSection items={compared} prefs={prefs} range={range} onRange={setRange} t={t} language={language} now={now()} />
          {current && <ItemDetail item={current} prefs={prefs} db={db} range={range} t={t} language={language} />}
        </>
      )}
      <Transfer db={db} t={t} ids={compared.map((item) => item.listing.id)} />
    </main>
  );
}

function CheckPanel({ connector, t, settings, nothingToCheck }: { connector: Connector; t: SellerT; settings: SellerSettings | undefined; nothingToCheck: boolean }) {
  const [status, setStatus] = useState<CheckStatus | null>(null);
  const [daily, setDaily] = useState<boolean | null>(null);
  useEffect(() => setDaily(settings?.dailyCheck ?? null), [settings?.dailyCheck]);

  const ask = (action: 'start' | 'stop' | 'status') =>
    connector.send('watch:check', { action }).then(setStatus, (error: unknown) =>
      setStatus({ state: 'stopped', total: 0, done: 0, read: 0, noReading: 0, changed: 0, stoppedBy: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  useEffect(() => void ask('status'), [connector]);
  // While a run goes on, its progress is asked for every second.
  const running = status?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void ask('status'), 1000);
    return () => clearInterval(timer);
  }, [running]);

  return (
    <div class="zc-check" data-testid="check">
      <div class="zc-row">
        {running ? (
          <button type="button" onClick={() => void ask('stop')}>{t('checkStop')}</button>
        ) : (
          // With nothing watched there is nothing to check: the empty state below says what to do.
          <button type="button" class="zc-primary" onClick={() => void ask('start')} disabled={nothingToCheck} data-testid="check-now">{t('checkNow')}</button>
        )}
        {daily !== null && (
          <label class="zc-inline">
            <input
              type="checkbox"
              checked={daily}
              onChange={(event) => {
                const enabled = event.currentTarget.checked;
                void connector.send('watch:daily', { enabled }).then((answer) => setDaily(answer.enabled));
              }}
            />
            {t('dailyCheck')}
          </label>
        )}
      </div>
      <p class="zc-muted">{t('checkHelp')}</p>
      <p role="status" data-testid="check-status" data-state={status?.state ?? 'idle'} data-stopped-by={status?.stoppedBy} data-resumed={status?.resumed ?? 0}>
        {status && checkText(status, t)}
        {status?.resumed ? <span class="zc-muted" data-testid="check-resumed"> {t('checkResumed')}</span> : null}
      </p>
    </div>
  );
}

function checkText(status: CheckStatus, t: SellerT): string {
  const counts = { done: status.done, total: status.total, read: status.read, changed: status.changed };
  const noReading = status.noReading ? ` ${t('checkNoReading', { count: status.noReading })}` : '';
  switch (status.state) {
    case 'idle':
      return '';
    case 'running':
      return status.current ? t('checkRunning', { ...counts, done: status.done + 1, current: status.current }) : t('checkWaiting', { ...counts, done: status.done + 1 });
    case 'done':
      return `${t('checkDone', counts)}${noReading}`;
    case 'stopped':
      return `${t('checkStopped', counts)} ${t(`stop.${status.stoppedBy ?? 'error'}`, { message: status.message ?? '' })}${noReading}`;
  }
}

function AlertList({ alerts, t, language, onDismiss }: { alerts: Alert[]; t: SellerT; language: UiLanguage; onDismiss: () => void }) {
  return (
    <section class="zc-alerts" aria-labelledby="zc-alerts-title">
      <h2 id="zc-alerts-title">{t('alertsTitle')}</h2>
      <div role="status" class="zc-notices" data-testid="drop-notices">
        {alerts.length ? (
          <>
            <ul data-testid="alerts">
              {[...alerts].reverse().map((alert) => (
                <li key={`${alert.listingId}-${alert.kind}-${alert.seenAt}`} data-kind={alert.kind}>
                  <strong>{describeAlert(alert, language)}</strong>
                  {' · '}
                  {alert.title}
                  {' · '}
                  <span class="zc-muted">{formatTime(alert.seenAt, language)}</span>
                </li>
              ))}
            </ul>
            <button type="button" onClick={onDismiss}>{t('dismiss')}</button>
          </>
        ) : (
          <p class="zc-muted">{t('alertsEmpty')}</p>
        )}
      </div>
    </section>
  );
}

function WatchTable({
  items,
  prefs,
  current,
  excluded,
  onSelect,
  onCompare,
  onMine,
  onUnwatch,
  t,
  language,
}: {
  items: WatchedItem[];
  prefs: Prefs;
  current: string | undefined;
  excluded: ReadonlySet<string>;
  onSelect: (id: string) => void;
  onCompare: (id: string, on: boolean) => void;
  onMine: (id: string, mine: boolean) => void;
  onUnwatch: (id: string) => void;
  t: SellerT;
  language: UiLanguage;
}) {
  return (
    <table class="zc-watch-table" data-testid="watchlist">
      <caption class="zc-sr">{t('listCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('colCompare')}</th>
          <th scope="col">{t('colListing')}</th>
          <th scope="col">{t('colPrice')}</th>
          <th scope="col">{t('colChange')}</th>
          <th scope="col">{t('colSales')}</th>
          <th scope="col" title={t('stockHelp')}>{t('colStock')}</th>
          <th scope="col">{t('mine')}</th>
          <th scope="col">{t('colActions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ listing, snapshots }) => {
          const price = latestPrice(snapshots) ?? listing.priceCny;
          const change = priceChangeSinceLastSeen(snapshots);
          const trend = salesTrend(snapshots);
          const availability = latestAvailability(snapshots);
          const platform = PLATFORM_NAMES[listing.platform] ?? listing.platform;
          const href = httpsUrl(listing.url);
          const mine = prefs[listing.id]?.mine === true;
          return (
            <tr key={listing.id} aria-current={listing.id === current ? 'true' : undefined} data-listing={listing.id}>
              <td>
                <input type="checkbox" checked={!excluded.has(listing.id)} aria-label={t('compareLabel', { title: listing.title })} onChange={(event) => onCompare(listing.id, event.currentTarget.checked)} />
              </td>
              <th scope="row">
                <button type="button" class="zc-link" aria-pressed={listing.id === current} aria-label={t('show', { title: listing.title })} onClick={() => onSelect(listing.id)}>
                  {listing.title}
                </button>
                <div class="zc-muted">
                  {mine && <span class="zc-tag">{t('mineTag')}</span>}
                  {[listing.shop, platform].filter(Boolean).join(' · ')}
                </div>
              </th>
              <td class="zc-num">{price === undefined ? t('unknown') : formatPrice(price, language)}</td>
              <td class={`zc-num ${change ? changeClass(change.delta) : ''}`} data-testid="change">
                {!change ? t('unknown') : change.delta === 0 ? t('noChange') : formatChange(change, language)}
              </td>
              <td class="zc-num">
                {trend.direction === 'unknown'
                  ? t('unknown')
                  : trend.direction === 'flat'
                    ? t('salesFlat')
                    : t(trend.direction === 'up' ? 'salesUp' : 'salesDown', { delta: formatCount(trend.delta, language) })}
                {trend.perDay !== null && trend.perDay !== 0 && <div class="zc-muted">{t('perDay', { rate: formatCount(trend.perDay, language) })}</div>}
              </td>
              <td data-testid="stock" data-availability={availability ?? 'unknown'} class={availability && availability !== 'in-stock' ? 'zc-stock-out' : availability ? '' : 'zc-muted'}>
                {t(`stock.${availability ?? 'unknown'}`)}
              </td>
              <td>
                <input type="checkbox" checked={mine} aria-label={t('mineLabel', { title: listing.title })} onChange={(event) => onMine(listing.id, event.currentTarget.checked)} data-testid="mine" />
              </td>
              <td>
                <div class="zc-actions">
                  {href && (
                    <a href={href} target="_blank" rel="noopener noreferrer" aria-label={t('openLabel', { title: listing.title, platform })}>
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

const toPoints = (snapshots: readonly Snapshot[], value: (s: Snapshot) => number | undefined): Array<[number, number]> =>
  snapshots.flatMap((s): Array<[number, number]> => {
    const v = value(s);
    return v === undefined ? [] : [[s.seenAt / 1000, v]];
  });

function RangePicker({ range, onRange, t }: { range: Range; onRange: (range: Range) => void; t: SellerT }) {
  return (
    <div class="zc-range" role="group" aria-label={t('range')}>
      {RANGES.map((value) => (
        <button key={value} type="button" aria-pressed={range === value} onClick={() => onRange(value)} data-range={value}>
          {t(`range.${value}`)}
        </button>
      ))}
    </div>
  );
}

function CompareSection({ items, prefs, range, onRange, t, language, now }: { items: WatchedItem[]; prefs: Prefs; range: Range; onRange: (range: Range) => void; t: SellerT; language: UiLanguage; now: number }) {
  const series: ChartSeries[] = items.map(({ listing, snapshots }, index) => {
    const mine = prefs[listing.id]?.mine === true;
    return {
      label: `${mine ? `${t('mineTag')} · ` : ''}${listing.title.slice(0, 24)}`,
      points: toPoints(inRange(snapshots, range, now), (s) => s.priceCny),
      colour: PALETTE[index % PALETTE.length]!,
      scale: 'price',
      width: mine ? 3 : 2,
      ...(mine ? {} : { dash: [6, 4] }),
    };
  });
  return (
    <section class="zc-compare" aria-labelledby="zc-compare-title">
      <div class="zc-row zc-spread">
        <h2 id="zc-compare-title">{t('compareTitle')}</h2>
        <RangePicker range={range} onRange={onRange} t={t} />
      </div>
      {items.length === 0 ? (
        <p class="zc-muted">{t('compareNone')}</p>
      ) : (
        <>
          <HistoryChart series={series} label={t('compareChartLabel', { count: items.length })} language={language} testId="compare-chart" />
          <table class="zc-history" data-testid="stats">
            <caption class="zc-sr">{t('statsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colListing')}</th>
                <th scope="col">{t('colMin')}</th>
                <th scope="col">{t('colMax')}</th>
                <th scope="col">{t('colAverage')}</th>
                <th scope="col">{t('colLastChange')}</th>
                <th scope="col">{t('colDaysSince')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ listing, snapshots }) => {
                const stats = priceStats(snapshots, range, now);
                const money = (value: number | null) => (value === null ? t('unknown') : formatPrice(value, language));
                return (
                  <tr key={listing.id} data-listing={listing.id}>
                    <th scope="row">
                      {prefs[listing.id]?.mine && <span class="zc-tag">{t('mineTag')}</span>}
                      {listing.title}
                    </th>
                    <td class="zc-num" data-stat="min">{money(stats.min)}</td>
                    <td class="zc-num" data-stat="max">{money(stats.max)}</td>
                    <td class="zc-num" data-stat="average">{money(stats.average)}</td>
                    <td class={`zc-num ${stats.lastChange ? changeClass(stats.lastChange.delta) : ''}`} data-stat="last-change">
                      {stats.lastChange ? formatChange(stats.lastChange, language) : t('unknown')}
                    </td>
                    <td class="zc-num" data-stat="days-since">{stats.daysSince === null ? t('unknown') : t('daysSince', { days: stats.daysSince })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function AlertSettings({ id, prefs, db, t }: { id: string; prefs: Prefs; db: ZhongcaoDb; t: SellerT }) {
  const own = prefs[id];
  const kinds = alertKindsOf(own);
  const [target, setTarget] = useState(own?.targetCny?.toFixed(2) ?? '');
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setTarget(own?.targetCny?.toFixed(2) ?? ''), [id, own?.targetCny]);
  const saveTarget = async (text: string) => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setInvalid(false);
      await setListingPrefs(id, { targetCny: undefined }, db);
      return;
    }
    const value = Number(trimmed.replace(/^¥/, ''));
    if (!Number.isFinite(value) || value < 0 || value > 1e9) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    await setListingPrefs(id, { targetCny: Math.round(value * 100) / 100 }, db);
  };
  const toggleKind = (kind: AlertKind, on: boolean) =>
    void setListingPrefs(id, { alerts: ALERT_KINDS.filter((k) => (k === kind ? on : kinds.includes(k))) }, db);
  return (
    <fieldset class="zc-alert-settings" data-testid="alert-settings">
      <legend>{t('alertSettings')}</legend>
      <form
        class="zc-row"
        onSubmit={(event) => {
          event.preventDefault();
          void saveTarget(target);
        }}
      >
        <label class="zc-inline">
          {t('targetPrice')}
          <input type="text" inputMode="decimal" name="target" value={target} size={8} aria-invalid={invalid} onInput={(event) => setTarget(event.currentTarget.value)} />
        </label>
        <button type="submit">{t('targetSave')}</button>
        {own?.targetCny !== undefined && (
          <button type="button" onClick={() => void saveTarget('')}>
            {t('targetClear')}
          </button>
        )}
      </form>
      {invalid && <p role="alert">{t('targetInvalid')}</p>}
      <div class="zc-row">
        {ALERT_KINDS.map((kind) => (
          <label key={kind} class="zc-inline">
            <input type="checkbox" name={`alert-${kind}`} checked={kinds.includes(kind)} onChange={(event) => toggleKind(kind, event.currentTarget.checked)} />
            {t(`alert.${kind}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ItemDetail({ item, prefs, db, range, t, language }: { item: WatchedItem; prefs: Prefs; db: ZhongcaoDb; range: Range; t: SellerT; language: UiLanguage }) {
  const { listing, snapshots } = item;
  const shown = inRange(snapshots, range, Date.now());
  const series: ChartSeries[] = [
    { label: t('seriesPrice'), points: toPoints(shown, (s) => s.priceCny), colour: 'var(--zc-s1)', scale: 'price' as const },
    { label: t('seriesRange'), points: toPoints(shown, (s) => s.priceMaxCny), colour: 'var(--zc-muted)', dash: [4, 4], width: 1, scale: 'price' as const },
    { label: t('seriesSales'), points: toPoints(shown, (s) => s.sales), colour: 'var(--zc-s3)', dash: [2, 3], width: 1, scale: 'sales' as const },
  ].filter((s) => s.points.length > 0);
  const priced = shown.filter((s) => s.priceCny !== undefined).length;
  return (
    <section class="zc-detail" aria-labelledby="zc-detail-title" data-testid="detail">
      <h2 id="zc-detail-title">{listing.title}</h2>
      <h3>{t('historyTitle')}</h3>
      <HistoryChart series={series} label={t('chartLabel', { count: priced })} language={language} testId="history-chart" />
      <AlertSettings id={listing.id} prefs={prefs} db={db} t={t} />
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
              <th scope="col">{t('colStock')}</th>
            </tr>
          </thead>
          <tbody>
            {[...snapshots].reverse().map((snapshot) => (
              <tr key={snapshot.id ?? snapshot.seenAt}>
                <td>{formatTime(snapshot.seenAt, language)}</td>
                <td class="zc-num">{snapshot.priceCny === undefined ? t('unknown') : formatPrice(snapshot.priceCny, language)}</td>
                <td class="zc-num">{snapshot.priceMaxCny === undefined ? t('unknown') : formatPrice(snapshot.priceMaxCny, language)}</td>
                <td class="zc-num">{snapshot.sales === undefined ? t('unknown') : formatCount(snapshot.sales, language)}</td>
                <td>{snapshot.shop ?? t('unknown')}</td>
                <td>{t(`stock.${snapshot.availability ?? 'unknown'}`)}</td>
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
