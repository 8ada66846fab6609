import { useEffect, useRef, useState } from 'preact/hooks';
import { TRANSLATION_PROVIDERS, TRANSLATION_TARGETS, type Settings } from '../../lib/settings/schema';
import { createEndpointProvider, endpointOriginPattern } from '../../lib/translate/endpoints';
import { displayName, messageOf } from './format';
import type { SectionProps } from './services';

type Provider = (typeof TRANSLATION_PROVIDERS)[number];
type Endpoint = Settings['endpoint'];

/** What the Test button translates: a typical caption line with a slang word and a product. */
export const SAMPLE_TEXT = '种草了这件刺绣卫衣';
const ENDPOINT_KINDS = ['libretranslate', 'deepl', 'openai'] as const;
const URL_PLACEHOLDERS: Record<Endpoint['kind'], string> = {
  libretranslate: 'http://localhost:5000',
  deepl: 'https://api-free.deepl.com',
  openai: 'http://localhost:11434/v1',
};

/**
 * The providers in the order they are tried, those switched off after them. The glossary needs no
 * network and always answers, so it stays on.
 */
function providerRows(enabled: readonly Provider[]): Array<{ id: Provider; on: boolean }> {
  const on = enabled.includes('glossary') ? [...enabled] : [...enabled, 'glossary' as const];
  return [...on.map((id) => ({ id, on: true })), ...TRANSLATION_PROVIDERS.filter((id) => !on.includes(id)).map((id) => ({ id, on: false }))];
}

type TestState = { phase: 'idle' } | { phase: 'testing' } | { phase: 'done'; text: string } | { phase: 'error'; message: string };

export function TranslationSection({ services, settings, language, t, update, announce }: SectionProps) {
  const rows = providerRows(settings.translationProviders);
  const saveRows = (next: Array<{ id: Provider; on: boolean }>) =>
    void update({ translationProviders: next.filter((row) => row.on).map((row) => row.id) });
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    saveRows(next);
  };
  const enabledCount = rows.filter((row) => row.on).length;

  return (
    <section id="translation" aria-labelledby="translation-heading">
      <h2 id="translation-heading">{t('translationHeading')}</h2>
      <label class="zc-check">
        <input type="checkbox" name="translationEnabled" checked={settings.translationEnabled} onChange={(event) => void update({ translationEnabled: event.currentTarget.checked })} />
        {t('translationEnabled')}
      </label>
      <label>
        {t('translationTarget')}
        <select name="translationTarget" value={settings.translationTarget} onChange={(event) => void update({ translationTarget: event.currentTarget.value as Settings['translationTarget'] })}>
          {TRANSLATION_TARGETS.map((code) => (
            <option key={code} value={code}>
              {displayName(code, 'language', language)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('providersHeading')}</legend>
        <ol class="zc-providers" data-testid="providers">
          {rows.map((row, index) => {
            const name = t(`provider.${row.id}`);
            return (
              <li key={row.id} data-provider={row.id}>
                <label class="zc-check">
                  <input
                    type="checkbox"
                    checked={row.on}
                    disabled={row.id === 'glossary'}
                    aria-label={t('useProvider', { name })}
                    onChange={(event) => saveRows(rows.map((other) => (other.id === row.id ? { ...other, on: event.currentTarget.checked } : other)))}
                  />
                  {name}
                </label>
                <span class="zc-buttons">
                  <button type="button" aria-label={t('moveUp', { name })} disabled={!row.on || index === 0} onClick={() => move(index, -1)}>
                    {t('up')}
                  </button>
                  <button type="button" aria-label={t('moveDown', { name })} disabled={!row.on || index >= enabledCount - 1} onClick={() => move(index, 1)}>
                    {t('down')}
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      </fieldset>
      {/* Keyed by the stored endpoint: a restore or a reset shows the new values, not a stale draft. */}
      <EndpointForm key={JSON.stringify(settings.endpoint)} services={services} settings={settings} t={t} update={update} announce={announce} />
    </section>
  );
}

function EndpointForm({ services, settings, t, update, announce }: Pick<SectionProps, 'services' | 'settings' | 't' | 'update' | 'announce'>) {
  const [draft, setDraft] = useState<Endpoint>(settings.endpoint);
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);
  const edit = (patch: Partial<Endpoint>) => setDraft((current) => ({ ...current, ...patch }));

  /**
   * Asks for the endpoint's host permission, then runs `then`. The request is made before any
   * `await`: browsers grant optional permissions only inside the click's user gesture.
   */
  const withPermission = (then: () => Promise<void>) => {
    let pattern: string;
    try {
      pattern = endpointOriginPattern(draft);
    } catch (error) {
      setTest({ phase: 'error', message: messageOf(error) });
      return;
    }
    const granted = services.requestOrigin(pattern);
    void granted
      .then(async (ok) => {
        if (!ok) {
          setTest({ phase: 'error', message: t('permissionRefused', { host: pattern.split('/')[2] ?? pattern }) });
          return;
        }
        await then();
      })
      .catch((error: unknown) => setTest({ phase: 'error', message: messageOf(error) }));
  };

  const onSave = (event: Event) => {
    event.preventDefault();
    withPermission(async () => {
      await update({ endpoint: draft });
      announce(t('endpointSaved'));
    });
  };

  const onTest = () => {
    setTest({ phase: 'testing' });
    withPermission(async () => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      // The sample is Chinese: ask for English when the user reads Chinese already.
      const target = settings.translationTarget === 'zh' ? 'en' : settings.translationTarget;
      try {
        const [text] = await createEndpointProvider(draft, { fetch: services.fetch }).translate([SAMPLE_TEXT], 'zh', target, controller.signal);
        setTest({ phase: 'done', text: text ?? '' });
      } catch (error) {
        setTest({ phase: 'error', message: messageOf(error) });
      }
    });
  };

  return (
    <form class="zc-endpoint" onSubmit={onSave} aria-labelledby="endpoint-heading">
      <h3 id="endpoint-heading">{t('endpointHeading')}</h3>
      <label>
        {t('endpointKind')}
        <select name="endpointKind" value={draft.kind} onChange={(event) => edit({ kind: event.currentTarget.value as Endpoint['kind'] })}>
          {ENDPOINT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {draft.kind === 'deepl' ? t('endpointUrlDeepl') : t('endpointUrl')}
        <input type="url" name="endpointUrl" value={draft.url} placeholder={URL_PLACEHOLDERS[draft.kind]} spellcheck={false} onInput={(event) => edit({ url: event.currentTarget.value })} />
      </label>
      <label>
        {t('endpointKey')}
        <input type="password" name="endpointKey" value={draft.apiKey} autocomplete="off" spellcheck={false} onInput={(event) => edit({ apiKey: event.currentTarget.value })} />
      </label>
      {draft.kind === 'openai' && (
        <label>
          {t('endpointModel')}
          <input type="text" name="endpointModel" value={draft.model} placeholder="qwen2.5:7b" spellcheck={false} onInput={(event) => edit({ model: event.currentTarget.value })} />
        </label>
      )}
      <p class="zc-hint">{t('endpointNote')}</p>
      <div class="zc-buttons">
        <button type="submit">{t('saveEndpoint')}</button>
        <button type="button" onClick={onTest} disabled={test.phase === 'testing'}>
          {t('testEndpoint')}
        </button>
      </div>
      <div aria-live="polite" data-testid="endpoint-test">
        {test.phase === 'testing' && <p>{t('testing')}</p>}
        {test.phase === 'done' && <p class="zc-ok">{t('testResult', { sample: SAMPLE_TEXT, text: test.text })}</p>}
        {test.phase === 'error' && <p class="zc-error" role="alert">{test.message}</p>}
      </div>
    </form>
  );
}
