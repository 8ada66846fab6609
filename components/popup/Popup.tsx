import { useEffect, useMemo, useState } from 'preact/hooks';
import { dayOf, getDb, type ZhongcaoDb } from '../../lib/db';
import { loadQuoteContext } from '../../lib/landed/store';
import type { Connector } from '../../lib/messaging/connector';
import type { TabNoteState } from '../../lib/messaging/schemas';
import { groupProducts, type NoteProduct } from '../../lib/popup/products';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { Basket } from './Basket';
import { EnglishQuery } from './EnglishQuery';
import { makeTranslator, PopupEnvContext, usePopupEnv, type PopupEnv } from './env';
import { ProductCard } from './ProductCard';
import { useLiveQuery } from './use-live-query';

export interface SettingsSource {
  load(): Promise<Settings>;
  watch?(callback: (settings: Settings) => void): () => void;
}

export interface PopupProps {
  connector: Connector;
  /** The tab to show; null when there is none (a browser page, no window). */
  tabId: number | null;
  db?: ZhongcaoDb;
  settings?: SettingsSource;
  /** Calls `onChange` when the tab's note may have changed (detection finished, SPA navigation). */
  watchTab?: (tabId: number, onChange: () => void) => () => void;
  now?: () => number;
  /** The side panel spans the panel's width instead of the popup's fixed one. */
  variant?: 'popup' | 'sidepanel';
}

type Load =
  | { phase: 'loading' }
  | { phase: 'ready'; state: TabNoteState | null }
  | { phase: 'error'; message: string };

const DEFAULT_SOURCE: SettingsSource = { load: async () => DEFAULT_SETTINGS };

/** The benchmark reads this mark: the moment the view first shows something useful (issue 8). */
let usefulMarked = false;
function markUseful() {
  if (usefulMarked) return;
  usefulMarked = true;
  requestAnimationFrame(() => performance.mark('zc-useful'));
}

export function Popup({ connector, tabId, db: givenDb, settings: source = DEFAULT_SOURCE, watchTab, now = Date.now, variant = 'popup' }: PopupProps) {
  const db = useMemo(() => givenDb ?? getDb(), [givenDb]);
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [settings, setSettings] = useState<Settings | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let live = true;
    void source.load().then((loaded) => live && setSettings(loaded), () => live && setSettings(DEFAULT_SETTINGS));
    const stop = source.watch?.((changed) => setSettings(changed));
    return () => {
      live = false;
      stop?.();
    };
  }, [source]);

  useEffect(() => {
    if (tabId === null || !watchTab) return undefined;
    return watchTab(tabId, () => setRevision((value) => value + 1));
  }, [tabId, watchTab]);

  useEffect(() => {
    let live = true;
    if (tabId === null) {
      setLoad({ phase: 'ready', state: null });
      return undefined;
    }
    connector
      .send('note:get', { tabId })
      .then((state) => live && setLoad({ phase: 'ready', state }))
      .catch((error: unknown) => live && setLoad({ phase: 'error', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
  }, [connector, tabId, revision]);

  // Rate cards, tax rules and rates: read after the first render, live so an edit in the options shows at once.
  const quoteContext = useLiveQuery(() => loadQuoteContext(db), [db]);
  const language = settings?.uiLanguage ?? 'en';
  const env = useMemo<PopupEnv | null>(() => {
    if (!settings) return null;
    const disabled = new Set(settings.disabledLines);
    return {
      connector,
      db,
      settings,
      language,
      t: makeTranslator(language),
      today: dayOf(now()),
      quoteContext:
        quoteContext.status === 'ready'
          ? { ...quoteContext.value, cards: quoteContext.value.cards.filter((card) => !disabled.has(card.id)) }
          : undefined,
    };
  }, [connector, db, settings, language, now, quoteContext]);

  const ready = load.phase !== 'loading' && env !== null;
  useEffect(() => {
    if (ready) markUseful();
  }, [ready]);

  const t = env?.t ?? makeTranslator(language);
  return (
    <main class={`zc-popup zc-${variant}`} aria-busy={!ready} lang={language}>
      <h1>{t('title')}</h1>
      {!ready && (
        <p role="status" class="zc-muted">
          {t('loading')}
        </p>
      )}
      {ready && load.phase === 'error' && (
        <p role="alert" class="zc-error" data-testid="error">
          {t('error', { message: load.message })}
        </p>
      )}
      {ready && load.phase === 'ready' && (
        <PopupEnvContext.Provider value={env}>
          <PopupBody state={load.state} />
        </PopupEnvContext.Provider>
      )}
    </main>
  );
}

function PopupBody({ state }: { state: TabNoteState | null }) {
  const { t } = usePopupEnv();
  const [typed, setTyped] = useState<NoteProduct[]>([]);
  const products = useMemo(() => (state?.status === 'note' ? groupProducts(state.mentions) : []), [state]);
  const addTyped = (product: NoteProduct) =>
    setTyped((list) => [product, ...list.filter((other) => other.key !== product.key)].slice(0, 3));
  return (
    <>
      {(!state || state.status === 'not-note') && (
        <p data-testid="empty" class="zc-empty">
          {t('notNote')}
        </p>
      )}
      {state?.status === 'unrecognised' && (
        <p data-testid="unrecognised" class="zc-empty">
          {t('unrecognised', { reason: state.reason })}
        </p>
      )}
      {state?.status === 'note' && (
        <>
          <h2 data-testid="note-title">{state.note.title || t('untitled')}</h2>
          {products.length === 0 && (
            <p data-testid="no-products" class="zc-empty">
              {t('noProducts')}
            </p>
          )}
        </>
      )}
      <EnglishQuery onQuery={addTyped} />
      {typed.length + products.length > 0 && (
        <section aria-labelledby="zc-products">
          <h2 id="zc-products" class="zc-section">
            {t('products')}
          </h2>
          <ul class="zc-products" data-testid="products">
            {[...typed, ...products].map((product) => (
              <li key={product.key}>
                <ProductCard product={product} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <Basket />
    </>
  );
}
