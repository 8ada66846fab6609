import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { bumpDataVersion } from '../../lib/messaging/data-version';
import { translator, type UiLanguage } from '../../lib/i18n';
import type { Settings } from '../../lib/settings/schema';
import { AgentsSection } from './AgentsSection';
import { DataSection } from './DataSection';
import { FxSection } from './FxSection';
import { GeneralSection } from './GeneralSection';
import { messageOf } from './format';
import { LinesSection } from './LinesSection';
import type { OptionsServices, SectionProps } from './services';
import { OPTIONS_STRINGS } from './strings';
import { SectionBoundary } from './SectionBoundary';
import { TranslationSection } from './TranslationSection';

type Load = { phase: 'loading' } | { phase: 'ready'; settings: Settings } | { phase: 'error'; message: string };

/** Before the settings are read, speak the browser's language. */
function guessLanguage(): UiLanguage {
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const SECTIONS = [
  ['general', 'generalHeading'],
  ['translation', 'translationHeading'],
  ['agents', 'agentsHeading'],
  ['lines', 'linesHeading'],
  ['fx', 'fxHeading'],
  ['data', 'dataHeading'],
] as const;

export function Options({ services }: { services: OptionsServices }) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [status, setStatus] = useState('');
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    services.settings
      .load()
      .then((settings) => setLoad({ phase: 'ready', settings }))
      .catch((error: unknown) => setLoad({ phase: 'error', message: messageOf(error) }));
  }, [services]);

  const language = load.phase === 'ready' ? load.settings.uiLanguage : guessLanguage();
  const t = useMemo(() => translator(OPTIONS_STRINGS, language), [language]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('title');
  }, [language, t]);

  const update = useCallback(
    async (patch: Partial<Settings>) => {
      try {
        const settings = await services.settings.save(patch);
        setLoad({ phase: 'ready', settings });
        // The language may just have changed: say it in the new one.
        setStatus(translator(OPTIONS_STRINGS, settings.uiLanguage)('saved'));
      } catch (error) {
        setStatus(t('failed', { message: messageOf(error) }));
      }
    },
    [services, t],
  );
  const changed = useCallback(() => {
    setRevision((value) => value + 1);
    // Rate cards, rates, the basket or listings were rewritten: an open popup or side panel asks again.
    void bumpDataVersion();
  }, []);

  if (load.phase !== 'ready') {
    return (
      <main class="zc-options" aria-busy={load.phase === 'loading'}>
        <h1>{t('title')}</h1>
        {load.phase === 'loading' ? <p role="status">{t('loading')}</p> : <p role="alert">{t('loadFailed', { message: load.message })}</p>}
      </main>
    );
  }

  const props: SectionProps = {
    services,
    settings: load.settings,
    language,
    t,
    update,
    announce: setStatus,
    revision,
    changed,
  };
  return (
    <main class="zc-options" aria-busy="false">
      <header class="zc-options-header">
        <h1>{t('title')}</h1>
        <nav aria-label={t('sections')}>
          {SECTIONS.map(([id, heading]) => (
            <a key={id} href={`#${id}`}>
              {t(heading)}
            </a>
          ))}
        </nav>
        <p role="status" class="zc-status" data-testid="status">
          {status}
        </p>
      </header>
      {/* Each section fails alone: one bad record must not disable the others. */}
      <SectionBoundary id="general" heading={t('generalHeading')} t={t}>
        <GeneralSection {...props} />
      </SectionBoundary>
      <SectionBoundary id="translation" heading={t('translationHeading')} t={t}>
        <TranslationSection {...props} />
      </SectionBoundary>
      <SectionBoundary id="agents" heading={t('agentsHeading')} t={t}>
        <AgentsSection {...props} />
      </SectionBoundary>
      <SectionBoundary id="lines" heading={t('linesHeading')} t={t}>
        <LinesSection {...props} />
      </SectionBoundary>
      <SectionBoundary id="fx" heading={t('fxHeading')} t={t}>
        <FxSection {...props} />
      </SectionBoundary>
      <SectionBoundary id="data" heading={t('dataHeading')} t={t}>
        {/* Restoring or deleting everything replaces the settings too. */}
        <DataSection {...props} onSettingsReplaced={(settings) => setLoad({ phase: 'ready', settings })} />
      </SectionBoundary>
    </main>
  );
}
