import { useEffect, useRef, useState } from 'preact/hooks';
import { TRANSLATION_PROVIDERS, TRANSLATION_TARGETS, type Settings } from '../../lib/settings/schema';
import type { ProviderErrorDetail } from '../../lib/settings/secrets';
import { createEndpointProvider, endpointOriginPattern, isLoopbackHost } from '../../lib/translate/endpoints';
import { createOnDeviceProvider, type OnDeviceProvider, type TranslatorAvailability } from '../../lib/translate/on-device';
import { providerId, WEB_PROVIDER_IDS, type WebProviderKind } from '../../lib/translate/page-settings';
import { withDeadline } from '../../lib/translate/provider';
import { localDay, type DailyUsage } from '../../lib/translate/usage';
import { createWebProvider, webOriginPatterns } from '../../lib/translate/web';
import { displayName, messageOf } from './format';
import type { SectionProps } from './services';

type Provider = (typeof TRANSLATION_PROVIDERS)[number];
type Endpoint = Settings['endpoint'];

/** What the Test button translates: a typical caption line with a slang word and a product. */
export const SAMPLE_TEXT = '种草了这件刺绣卫衣';
/** Every Test reports within this, whatever the provider does. */
const TEST_TIMEOUT_MS = 10_000;
const ENDPOINT_KINDS = ['libretranslate', 'deepl', 'openai'] as const;
const URL_PLACEHOLDERS: Record<Endpoint['kind'], string> = {
  libretranslate: 'http://localhost:5000',
  deepl: 'https://api-free.deepl.com',
  openai: 'http://localhost:11434/v1',
};
const isWeb = (id: Provider): id is WebProviderKind => id === 'google-web' || id === 'microsoft-web';

/**
 * The providers in the order they are tried, those switched off after them. The glossary needs no
 * network and always answers, so it stays on.
 */
function providerRows(enabled: readonly Provider[]): Array<{ id: Provider; on: boolean }> {
  const on = enabled.includes('glossary') ? [...enabled] : [...enabled, 'glossary' as const];
  return [...on.map((id) => ({ id, on: true })), ...TRANSLATION_PROVIDERS.filter((id) => !on.includes(id)).map((id) => ({ id, on: false }))];
}

type TestState = { phase: 'idle' } | { phase: 'testing' } | { phase: 'done'; text: string } | { phase: 'error'; message: string };

/** The provider's id in errors and the cache. */
const idOf = (row: Provider, settings: Settings) =>
  row === 'endpoint' ? providerId(settings.endpoint) : isWeb(row) ? WEB_PROVIDER_IDS[row] : row;

export function TranslationSection(props: SectionProps) {
  const { services, settings, language, t, update } = props;
  const rows = providerRows(settings.translationProviders);
  const [notice, setNotice] = useState<WebProviderKind | null>(null);
  const [status, setStatus] = useState<{ errors: ProviderErrorDetail[]; usage: DailyUsage | null } | null>(null);
  useEffect(() => {
    let live = true;
    void services.translationStatus?.().then((next) => live && setStatus(next), () => undefined);
    return () => void (live = false);
  }, [services, settings]);
  const saveRows = (next: Array<{ id: Provider; on: boolean }>) =>
    void update({ translationProviders: next.filter((row) => row.on).map((row) => row.id) });
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    saveRows(next);
  };
  const setOn = (id: Provider, on: boolean) => {
    if (!on) return saveRows(rows.map((other) => (other.id === id ? { ...other, on } : other)));
    // Turned on, a provider joins the end of the machine providers: before the glossary, the last resort.
    const rest = rows.filter((other) => other.id !== id);
    const at = rest.findIndex((other) => other.id === 'glossary');
    saveRows([...rest.slice(0, at), { id, on: true }, ...rest.slice(at)]);
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
            const lastError = status?.errors.find((error) => error.provider === idOf(row.id, settings));
            return (
              <li key={row.id} data-provider={row.id} class="zc-provider">
                <div class="zc-provider-head">
                  <label class="zc-check">
                    <input
                      type="checkbox"
                      checked={row.on}
                      disabled={row.id === 'glossary'}
                      aria-label={t('useProvider', { name })}
                      onChange={(event) => {
                        const on = event.currentTarget.checked;
                        // A web service is turned on only from its notice, which says what is sent where.
                        if (on && isWeb(row.id)) {
                          event.currentTarget.checked = false;
                          setNotice(row.id);
                          return;
                        }
                        setOn(row.id, on);
                      }}
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
                </div>
                <ProviderState row={row} name={name} {...props} />
                {lastError && (
                  <p class="zc-error zc-hint" data-testid={`last-error-${row.id}`}>
                    {t('lastError', { when: new Date(lastError.at).toLocaleString(language), message: lastError.message })}
                  </p>
                )}
                {notice === row.id && isWeb(row.id) && (
                  <WebNotice
                    kind={row.id}
                    name={name}
                    {...props}
                    onDone={(granted) => {
                      setNotice(null);
                      if (granted) setOn(row.id, true);
                    }}
                  />
                )}
              </li>
            );
          })}
        </ol>
      </fieldset>
      <Budget {...props} usage={status?.usage ?? null} />
      {/* Keyed by the stored endpoint: a restore or a reset shows the new values, not a stale draft. */}
      <EndpointForm key={JSON.stringify(settings.endpoint)} {...props} />
    </section>
  );
}

/** Each provider's state and its Test, which reports within ten seconds. */
function ProviderState({ row, name, services, settings, t }: SectionProps & { row: { id: Provider; on: boolean }; name: string }) {
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  const target = settings.translationTarget === 'zh' ? 'en' : settings.translationTarget;
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const runTest = (translate: (signal: AbortSignal) => Promise<string[]>) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setTest({ phase: 'testing' });
    withDeadline(translate, { provider: row.id, timeoutMs: TEST_TIMEOUT_MS, signal: controller.signal, what: 'The test' }).then(
      ([text]) => !controller.signal.aborted && setTest({ phase: 'done', text: text ?? '' }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const timedOut = (error as { code?: string }).code === 'timeout';
        setTest({ phase: 'error', message: timedOut ? t('testTimedOut') : messageOf(error) });
      },
    );
  };

  if (row.id === 'on-device') return <OnDeviceState name={name} services={services} target={target} t={t} runTest={runTest} test={test} />;
  if (row.id === 'glossary') return <p class="zc-hint">{t('providerState', { state: t('state.always') })}</p>;

  const state =
    row.id === 'endpoint'
      ? settings.endpointConfigured
        ? t('state.ready', { kind: t(`kind.${settings.endpoint.kind}`) })
        : t('state.notSetUp')
      : row.on
        ? t('state.on')
        : t('state.off');
  const onTest = () => {
    if (row.id === 'endpoint') {
      runTest((signal) => createEndpointProvider(settings.endpoint, { fetch: services.fetch, timeoutMs: TEST_TIMEOUT_MS }).translate([SAMPLE_TEXT], 'zh', target, signal));
      return;
    }
    if (!isWeb(row.id)) return;
    const kind = row.id;
    // Asked inside the click, before any await: the browser grants it only in the user's gesture.
    const granted = Promise.all(webOriginPatterns(kind).map((pattern) => services.requestOrigin(pattern)));
    runTest(async (signal) => {
      if (!(await granted).every(Boolean)) throw new Error(t('permissionRefused', { host: webOriginPatterns(kind).map((pattern) => pattern.split('/')[2]).join(', ') }));
      return createWebProvider(kind, { fetch: services.fetch, timeoutMs: TEST_TIMEOUT_MS }).translate([SAMPLE_TEXT], 'zh', target, signal);
    });
  };
  return (
    <div class="zc-provider-state">
      <span class="zc-hint">{t('providerState', { state })}</span>{' '}
      <button type="button" aria-label={t('testProvider', { name })} onClick={onTest} disabled={test.phase === 'testing' || (row.id === 'endpoint' && !settings.endpointConfigured)}>
        {t('testEndpoint')}
      </button>
      <TestResult test={test} t={t} testId={`test-${row.id}`} />
    </div>
  );
}

function TestResult({ test, t, testId }: { test: TestState; t: SectionProps['t']; testId: string }) {
  return (
    <div aria-live="polite" data-testid={testId}>
      {test.phase === 'testing' && <p>{t('testing')}</p>}
      {test.phase === 'done' && <p class="zc-ok">{t('testResult', { sample: SAMPLE_TEXT, text: test.text })}</p>}
      {test.phase === 'error' && (
        <p class="zc-error" role="alert">
          {test.message}
        </p>
      )}
    </div>
  );
}

/** Chrome's on-device model: whether it is there, its download with progress, a stall timeout and a retry. */
function OnDeviceState({
  name,
  services,
  target,
  t,
  runTest,
  test,
}: Pick<SectionProps, 'services' | 't'> & { name: string; target: string; runTest: (translate: (signal: AbortSignal) => Promise<string[]>) => void; test: TestState }) {
  const provider = useRef<OnDeviceProvider | null>(null);
  provider.current ??= services.translatorApi ? createOnDeviceProvider({ translatorApi: services.translatorApi, downloadStallTimeoutMs: 30_000 }) : null;
  const [state, setState] = useState<TranslatorAvailability | 'checking'>(provider.current ? 'checking' : 'unavailable');
  const [download, setDownload] = useState<{ percent: number } | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    void provider.current?.availability('zh', target).then((answer) => live && setState(answer));
    return () => void (live = false);
  }, [target]);

  const onDownload = () => {
    const onDevice = provider.current;
    if (!onDevice) return;
    setDownload({ percent: 0 });
    // Started inside the click: Chrome downloads a model only during a user gesture.
    onDevice.download('zh', target, { onProgress: (fraction) => setDownload({ percent: Math.round(fraction * 100) }) }).then(
      () => {
        setDownload(null);
        setState('available');
      },
      (error: unknown) => setDownload({ error: messageOf(error) }),
    );
  };
  const stateText = state === 'checking' ? t('state.checking') : t(`state.${state}`);
  return (
    <div class="zc-provider-state">
      <span class="zc-hint">{t('providerState', { state: stateText })}</span>{' '}
      {(state === 'downloadable' || state === 'downloading') && (!download || 'error' in download) && (
        <button type="button" onClick={onDownload}>
          {download ? t('retryDownload') : t('downloadModel')}
        </button>
      )}
      {download && 'percent' in download && (
        <span role="status">
          <progress max={100} value={download.percent} /> {t('downloadProgress', { percent: download.percent })}
        </span>
      )}
      {download && 'error' in download && (
        <p class="zc-error" role="alert">
          {t('downloadStalled', { reason: download.error })}
        </p>
      )}
      {state === 'available' && (
        <>
          <button type="button" aria-label={t('testProvider', { name })} onClick={() => runTest((signal) => provider.current!.translate([SAMPLE_TEXT], 'zh', target, signal))} disabled={test.phase === 'testing'}>
            {t('testEndpoint')}
          </button>
          <TestResult test={test} t={t} testId="test-on-device" />
        </>
      )}
    </div>
  );
}

/** One screen before a web service is used: what goes where, then the browser's permission prompt. */
function WebNotice({ kind, name, services, t, onDone }: Pick<SectionProps, 'services' | 't'> & { kind: WebProviderKind; name: string; onDone(granted: boolean): void }) {
  const [error, setError] = useState<string | null>(null);
  const onTurnOn = () => {
    const patterns = webOriginPatterns(kind);
    // Before any await: browsers grant optional permissions only inside the click's gesture.
    void Promise.all(patterns.map((pattern) => services.requestOrigin(pattern))).then(
      (answers) => {
        if (answers.every(Boolean)) onDone(true);
        else setError(t('permissionRefused', { host: patterns.map((pattern) => pattern.split('/')[2]).join(', ') }));
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  };
  return (
    <div class="zc-notice" role="dialog" aria-labelledby={`notice-${kind}`} data-testid={`notice-${kind}`}>
      <h4 id={`notice-${kind}`}>{t('webNoticeTitle', { name })}</h4>
      <p>{kind === 'google-web' ? t('webNoticeGoogle') : t('webNoticeMicrosoft')}</p>
      <p>{t('webNoticeNothingElse')}</p>
      <div class="zc-buttons">
        <button type="button" onClick={onTurnOn}>
          {t('turnOn')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('cancel')}
        </button>
      </div>
      {error && (
        <p class="zc-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Budget({ settings, t, update, usage, services }: SectionProps & { usage: DailyUsage | null }) {
  const { perNote, perDay } = settings.translationBudget;
  const save = (patch: Partial<Settings['translationBudget']>) => void update({ translationBudget: { ...settings.translationBudget, ...patch } });
  const read = (value: string) => Math.max(0, Math.min(100_000_000, Math.round(Number(value) || 0)));
  const today = usage && usage.day === localDay(services.now()) ? usage : null;
  return (
    <fieldset>
      <legend>{t('budgetHeading')}</legend>
      <label>
        {t('budgetPerNote')}
        <input type="number" name="budgetPerNote" min={0} max={10_000_000} step={1000} value={perNote} onChange={(event) => save({ perNote: Math.min(10_000_000, read(event.currentTarget.value)) })} />
      </label>
      <label>
        {t('budgetPerDay')}
        <input type="number" name="budgetPerDay" min={0} step={10_000} value={perDay} onChange={(event) => save({ perDay: read(event.currentTarget.value) })} />
      </label>
      <p class="zc-hint">{t('budgetHint')}</p>
      {today && <p class="zc-hint" data-testid="usage-today">{t('usageToday', { chars: today.chars.toLocaleString(), requests: today.requests })}</p>}
    </fieldset>
  );
}

/** Plain http to another machine: the texts and the key travel readable. */
function insecureHost(endpoint: Endpoint): string | null {
  try {
    const url = new URL(endpoint.url.trim());
    return url.protocol === 'http:' && !isLoopbackHost(url.hostname) ? url.host : null;
  } catch {
    return null;
  }
}

function EndpointForm({ services, settings, t, update, announce }: SectionProps) {
  const [draft, setDraft] = useState<Endpoint>(settings.endpoint);
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);
  const edit = (patch: Partial<Endpoint>) => setDraft((current) => ({ ...current, ...patch }));
  const insecure = insecureHost(draft);

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
    if (insecure && !draft.allowHttp) {
      setTest({ phase: 'error', message: t('httpNeedsConsent', { host: insecure }) });
      return;
    }
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
        const [text] = await createEndpointProvider(draft, { fetch: services.fetch, timeoutMs: TEST_TIMEOUT_MS }).translate([SAMPLE_TEXT], 'zh', target, controller.signal);
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
      {insecure && (
        <label class="zc-check zc-warning">
          <input type="checkbox" name="endpointAllowHttp" checked={draft.allowHttp} onChange={(event) => edit({ allowHttp: event.currentTarget.checked })} />
          {t('allowHttp')}
        </label>
      )}
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
      <TestResult test={test} t={t} testId="endpoint-test" />
    </form>
  );
}
