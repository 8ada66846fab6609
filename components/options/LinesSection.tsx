import { useEffect, useMemo, useState } from 'preact/hooks';
import { bundledRateCards } from '../../lib/landed/bundled';
import type { RateCard } from '../../lib/landed/rate-card';
import { exportRateCards, importRateCards, loadRateCards, resetRateCard, type CardError } from '../../lib/landed/store';
import { ErrorList } from './ErrorList';
import { displayName, formatDay, messageOf } from './format';
import { FreshnessBadge } from './FreshnessBadge';
import { RateCardEditor } from './RateCardEditor';
import type { SectionProps, Translate } from './services';

type Stored = Awaited<ReturnType<typeof loadRateCards>>;

/** "Card 3 (superbuy-us-air)" or "File", as the user counts (from 1). */
function whereOf(error: CardError, t: Translate): string {
  if (error.index < 0) return t('fileError');
  return `${t('cardError', { number: error.index + 1 })}${error.id ? ` (${error.id})` : ''}`;
}

export function LinesSection(props: SectionProps) {
  const { services, settings, language, t, update, announce, revision, changed } = props;
  const [stored, setStored] = useState<Stored | null>(null);
  const [onlyDestination, setOnlyDestination] = useState(true);
  const [editing, setEditing] = useState<string | null>(null);
  const [importErrors, setImportErrors] = useState<CardError[] | null>(null);
  const bundledIds = useMemo(() => new Set(bundledRateCards().map((card) => card.id)), []);

  useEffect(() => {
    loadRateCards(services.db)
      .then(setStored)
      .catch((error: unknown) => announce(t('failed', { message: messageOf(error) })));
  }, [services, revision, announce, t]);

  const groups = useMemo(() => {
    const byForwarder = new Map<string, RateCard[]>();
    const shown = (stored?.cards ?? []).filter((card) => !onlyDestination || card.destinations.includes(settings.destination));
    for (const card of shown.sort((a, b) => a.forwarder.localeCompare(b.forwarder) || a.name.localeCompare(b.name))) {
      byForwarder.set(card.forwarder, [...(byForwarder.get(card.forwarder) ?? []), card]);
    }
    return [...byForwarder];
  }, [stored, onlyDestination, settings.destination]);

  const disabled = new Set(settings.disabledLines);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(disabled);
    if (on) next.delete(id);
    else next.add(id);
    void update({ disabledLines: [...next].sort() });
  };

  const onImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const result = await importRateCards(await file.text(), services.db, services.now());
      if (result.ok) {
        setImportErrors(null);
        announce(t('imported', { count: result.imported.length, ids: result.imported.join(', ') }));
        changed();
      } else {
        setImportErrors(result.errors);
      }
    } catch (error) {
      announce(t('failed', { message: messageOf(error) }));
    } finally {
      // Picking the same file again, once fixed, must fire `change` again.
      input.value = '';
    }
  };

  const onExport = async () => {
    const name = `zhongcao-rate-cards-${new Date(services.now()).toISOString().slice(0, 10)}.json`;
    services.download(name, await exportRateCards(services.db));
    announce(t('exported', { file: name }));
  };

  const onReset = async (id: string) => {
    await resetRateCard(id, services.db, services.now());
    announce(t('resetDone', { id }));
    changed();
  };

  const destinationName = displayName(settings.destination, 'region', language);
  return (
    <section id="lines" aria-labelledby="lines-heading">
      <h2 id="lines-heading">{t('linesHeading')}</h2>
      <div class="zc-toolbar">
        <label class="zc-check">
          <input type="checkbox" checked={onlyDestination} onChange={(event) => setOnlyDestination(event.currentTarget.checked)} />
          {t('onlyDestination', { destination: destinationName })}
        </label>
        <label class="zc-file">
          {t('importCards')}
          <input type="file" name="importCards" accept=".json,application/json" onChange={(event) => void onImport(event.currentTarget)} />
        </label>
        <button type="button" onClick={() => void onExport()}>
          {t('exportCards')}
        </button>
        <a href="/rate-card.schema.json" target="_blank" rel="noreferrer">
          {t('schemaLink')}
        </a>
      </div>
      {importErrors && (
        <ErrorList
          heading={t('importFailed', { count: importErrors.length })}
          items={importErrors.map((error) => ({ where: whereOf(error, t), path: error.path, message: error.message }))}
          t={t}
          testId="import-errors"
        />
      )}
      {stored && stored.invalid.length > 0 && (
        <ErrorList
          heading={t('damagedCards')}
          items={stored.invalid.flatMap((card) => card.errors.map((error) => ({ where: card.id, path: error.path, message: error.message })))}
          t={t}
        />
      )}
      {stored && groups.length === 0 && <p>{t('noLines', { destination: destinationName })}</p>}
      {groups.map(([forwarder, cards]) => (
        <fieldset key={forwarder} class="zc-forwarder" data-forwarder={forwarder}>
          <legend>{forwarder}</legend>
          <ul class="zc-lines">
            {cards.map((card) => (
              <li key={card.id} data-line={card.id}>
                <div class="zc-line">
                  <label class="zc-check">
                    <input type="checkbox" checked={!disabled.has(card.id)} onChange={(event) => toggle(card.id, event.currentTarget.checked)} />
                    {card.name}
                  </label>
                  <span class="zc-meta">
                    {card.destinations.join(' ')} · {card.asOf === 'undated' ? t('undated') : t('asOf', { date: formatDay(card.asOf, language) })}
                  </span>
                  <FreshnessBadge asOf={card.asOf} now={services.now()} t={t} />
                  {stored?.origins[card.id] === 'user' && <span class="zc-badge">{t('userCard')}</span>}
                  <span class="zc-buttons">
                    <button type="button" aria-label={t('editLabel', { name: card.name })} aria-expanded={editing === card.id} onClick={() => setEditing(editing === card.id ? null : card.id)}>
                      {t('edit')}
                    </button>
                    {stored?.origins[card.id] === 'user' && bundledIds.has(card.id) && (
                      <button type="button" aria-label={t('resetLabel', { name: card.name })} onClick={() => void onReset(card.id)}>
                        {t('reset')}
                      </button>
                    )}
                  </span>
                </div>
                {editing === card.id && (
                  <RateCardEditor
                    card={card}
                    services={services}
                    t={t}
                    onCancel={() => setEditing(null)}
                    onSaved={(id) => {
                      setEditing(null);
                      announce(t('cardSaved', { id }));
                      changed();
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </section>
  );
}
