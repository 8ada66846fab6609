import { useState } from 'preact/hooks';
import type { ZhongcaoDb } from '../../lib/db/index';
import { dayOf } from '../../lib/db/index';
import { exportWatchlist, importWatchlist, parseWatchlistFile, toCsv, toJson } from '../../lib/watch/transfer';
import type { SellerT } from './strings';

type Outcome = { kind: 'done'; listings: number; snapshots: number } | { kind: 'failed'; errors: string[] } | null;

/** Export buttons (JSON, CSV) and the import file picker with its outcome. */
export function Transfer({ db, t, ids }: { db: ZhongcaoDb; t: SellerT; ids: readonly string[] }) {
  const [outcome, setOutcome] = useState<Outcome>(null);

  const download = async (kind: 'json' | 'csv') => {
    const file = await exportWatchlist(db, Date.now(), ids);
    const body = kind === 'json' ? toJson(file) : toCsv(file);
    const blob = new Blob([body], { type: kind === 'json' ? 'application/json' : 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `zhongcao-watchlist-${dayOf(Date.now())}.${kind}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  const load = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    if (!chosen) return;
    const parsed = parseWatchlistFile(await chosen.text());
    if (!parsed.ok) {
      setOutcome({ kind: 'failed', errors: parsed.errors });
    } else {
      try {
        setOutcome({ kind: 'done', ...(await importWatchlist(parsed.file, db)) });
      } catch (error) {
        setOutcome({ kind: 'failed', errors: [error instanceof Error ? error.message : String(error)] });
      }
    }
    // The same file can be picked again after fixing it.
    input.value = '';
  };

  return (
    <section class="zc-transfer" aria-labelledby="zc-transfer-title">
      <h2 id="zc-transfer-title">{t('transferTitle')}</h2>
      <p class="zc-muted">{t('exportSelected', { count: ids.length })}</p>
      <div class="zc-row">
        <button type="button" onClick={() => void download('json')}>{t('exportJson')}</button>
        <button type="button" onClick={() => void download('csv')}>{t('exportCsv')}</button>
        <label class="zc-file">
          {t('importLabel')}
          <input type="file" accept=".json,.csv,application/json,text/csv" onChange={(event) => void load(event.currentTarget)} />
        </label>
      </div>
      {outcome?.kind === 'done' && (
        <p role="status">{t('imported', { listings: outcome.listings, snapshots: outcome.snapshots })}</p>
      )}
      {outcome?.kind === 'failed' && (
        <div role="alert" data-testid="import-errors">
          <p>{t('importFailed')}</p>
          <ul>
            {outcome.errors.map((error, index) => (
              <li key={index}>{error}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
