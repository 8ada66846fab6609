import { useEffect, useRef, useState } from 'preact/hooks';
import {
  backupFileName,
  backupToJson,
  checkBackup,
  countRecords,
  deleteEverything,
  exportEverything,
  mergeRestoredSettings,
  restoreChecked,
  type BackupError,
  type CheckedBackup,
} from '../../lib/backup/index';
import { BACKUP_TABLE_NAMES, type BackupTable } from '../../lib/backup/schema';
import { seedLandedData } from '../../lib/landed/store';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import { dismissStorageWarning, readStorageWarning, type StorageWarning } from '../../lib/db/storage-quota';
import { translator } from '../../lib/i18n';
import { ErrorList } from './ErrorList';
import { formatBytes, formatTime, messageOf } from './format';
import type { SectionProps, Translate } from './services';
import { OPTIONS_STRINGS } from './strings';

type Restore = { phase: 'idle' } | { phase: 'invalid'; errors: BackupError[]; more: number } | { phase: 'confirm'; checked: CheckedBackup };

function whereOf(error: BackupError, t: Translate): string {
  if (error.table === 'file') return t('fileError');
  const table = error.table === 'settings' ? t('generalHeading') : t(`table.${error.table}`);
  if (error.index < 0) return table;
  return `${t('recordError', { table, number: error.index + 1 })}${error.id ? ` (${error.id})` : ''}`;
}

export function DataSection({ services, settings, language, t, announce, revision, changed, onSettingsReplaced }: SectionProps & { onSettingsReplaced(settings: Settings): void }) {
  const [usage, setUsage] = useState<{ usage?: number; quota?: number } | null>(null);
  const [counts, setCounts] = useState<Record<BackupTable, number> | null>(null);
  const [warning, setWarning] = useState<StorageWarning | undefined>();
  const [includeTranslations, setIncludeTranslations] = useState(false);
  const [restore, setRestore] = useState<Restore>({ phase: 'idle' });
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const cancelDelete = useRef<HTMLButtonElement>(null);
  const cancelRestore = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const { db } = services;
    void Promise.all([services.estimateStorage().catch(() => ({})), countRecords(db), readStorageWarning(db)])
      .then(([estimate, tableCounts, storageWarning]) => {
        setUsage(estimate);
        setCounts(tableCounts);
        setWarning(storageWarning);
      })
      .catch((error: unknown) => announce(t('failed', { message: messageOf(error) })));
  }, [services, revision, announce, t]);

  // Focus goes to the safe choice when a confirmation opens, so Enter never deletes by accident.
  useEffect(() => {
    if (confirmingDelete) cancelDelete.current?.focus();
  }, [confirmingDelete]);
  useEffect(() => {
    if (restore.phase === 'confirm') cancelRestore.current?.focus();
  }, [restore.phase]);

  const run = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      announce(t('failed', { message: messageOf(error) }));
    }
  };

  const onExport = () =>
    run(async () => {
      const document = await exportEverything(services.db, settings, { includeTranslations, now: services.now() });
      const name = backupFileName(services.now());
      services.download(name, backupToJson(document));
      announce(t('exported', { file: name }));
    });

  const onPickBackup = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      const checked = checkBackup(await file.text());
      setRestore(checked.ok ? { phase: 'confirm', checked } : { phase: 'invalid', errors: checked.errors, more: checked.more });
    }).finally(() => (input.value = ''));
  };

  const onRestore = (checked: CheckedBackup) =>
    run(async () => {
      const result = await restoreChecked(checked, services.db, {
        saveSettings: async (restored) => services.settings.save(mergeRestoredSettings(restored, await services.settings.load())),
      });
      if (!result.ok) {
        setRestore({ phase: 'invalid', errors: result.errors, more: result.more });
        return;
      }
      // Bundled cards newer than the backup's come in; the user's own cards stay as restored.
      await seedLandedData(services.db, undefined, services.now());
      setRestore({ phase: 'idle' });
      onSettingsReplaced(await services.settings.load());
      announce(translator(OPTIONS_STRINGS, result.settings.uiLanguage)('restored'));
      changed();
    });

  const onDelete = () =>
    run(async () => {
      await deleteEverything(services.db);
      const defaults = await services.settings.save(DEFAULT_SETTINGS);
      // Quotes keep working: the bundled rate cards, tax rules and rates come back.
      await seedLandedData(services.db, undefined, services.now());
      setConfirmingDelete(false);
      onSettingsReplaced(defaults);
      announce(translator(OPTIONS_STRINGS, defaults.uiLanguage)('deleted'));
      changed();
    });

  const onDismissWarning = () =>
    run(async () => {
      await dismissStorageWarning(services.db);
      setWarning(undefined);
    });

  return (
    <section id="data" aria-labelledby="data-heading">
      <h2 id="data-heading">{t('dataHeading')}</h2>
      {warning && (
        <div class="zc-warning" role="alert" data-testid="storage-warning">
          <p>
            {t('storageWarning', { date: formatTime(warning.at, language), listings: warning.evicted.listings, translations: warning.evicted.translations })}
            {!warning.recovered && ` ${t('storageStillFull')}`}
          </p>
          <button type="button" onClick={() => void onDismissWarning()}>
            {t('dismiss')}
          </button>
        </div>
      )}
      <p data-testid="storage-used">
        {usage?.usage !== undefined && usage.quota !== undefined
          ? t('storageUsed', { used: formatBytes(usage.usage, language), quota: formatBytes(usage.quota, language) })
          : usage && t('storageUnknown')}
      </p>
      {counts && (
        <table class="zc-table" data-testid="counts">
          <thead>
            <tr>
              <th scope="col">{t('tableName')}</th>
              <th scope="col">{t('records')}</th>
            </tr>
          </thead>
          <tbody>
            {BACKUP_TABLE_NAMES.map((name) => (
              <tr key={name} data-table={name}>
                <th scope="row">{t(`table.${name}`)}</th>
                <td>{counts[name].toLocaleString(language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div class="zc-toolbar">
        <label class="zc-check">
          <input type="checkbox" checked={includeTranslations} onChange={(event) => setIncludeTranslations(event.currentTarget.checked)} />
          {t('includeTranslations')}
        </label>
        <button type="button" onClick={() => void onExport()}>
          {t('exportEverything')}
        </button>
        <label class="zc-file">
          {t('restoreFile')}
          <input type="file" name="restoreFile" accept=".json,application/json" onChange={(event) => onPickBackup(event.currentTarget)} />
        </label>
      </div>

      {restore.phase === 'invalid' && (
        <ErrorList
          heading={t('restoreCheckFailed', { count: restore.errors.length + restore.more })}
          items={restore.errors.map((error) => ({ where: whereOf(error, t), path: error.path, message: error.message }))}
          more={restore.more}
          t={t}
          testId="restore-errors"
        />
      )}
      {restore.phase === 'confirm' && (
        <div class="zc-confirm" role="group" aria-labelledby="restore-summary" data-testid="restore-confirm">
          <p id="restore-summary">
            {t('restoreSummary', {
              date: formatTime(restore.checked.exportedAt, language),
              listings: restore.checked.counts.listings ?? 0,
              cards: restore.checked.counts.rateCards ?? 0,
              basket: restore.checked.counts.basket ?? 0,
            })}
          </p>
          <div class="zc-buttons">
            <button type="button" onClick={() => void onRestore(restore.checked)}>
              {t('restoreConfirm')}
            </button>
            <button type="button" ref={cancelRestore} onClick={() => setRestore({ phase: 'idle' })}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}

      <div class="zc-danger">
        {!confirmingDelete ? (
          <button type="button" class="zc-button-danger" onClick={() => setConfirmingDelete(true)}>
            {t('deleteEverything')}
          </button>
        ) : (
          <div class="zc-confirm" role="alertdialog" aria-labelledby="delete-warning" data-testid="delete-confirm">
            <p id="delete-warning">{t('deleteWarning')}</p>
            <div class="zc-buttons">
              <button type="button" class="zc-button-danger" onClick={() => void onDelete()}>
                {t('deleteConfirm')}
              </button>
              <button type="button" ref={cancelDelete} onClick={() => setConfirmingDelete(false)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
