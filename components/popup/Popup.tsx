import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { watchDataVersion } from '../../lib/messaging/data-version';
import { dayOf } from '../../lib/db/day';
import type { Connector } from '../../lib/messaging/connector';
import type { BasketLine } from '../../lib/messaging/protocol';
import type { TabNoteState } from '../../lib/messaging/schemas';
import { groupProducts, type NoteProduct } from '../../lib/popup/products';
import type { Settings } from '../../lib/settings/schema';
import { SETTINGS_DEFAULTS as DEFAULT_SETTINGS } from '../../lib/settings/defaults';
import { Basket } from './Basket';
import { EnglishQuery } from './EnglishQuery';
import { makeTranslator, PopupEnvContext, usePopupEnv, type BasketState, type PopupEnv } from './env';
import { PageStatus } from './PageStatus';
import { ProductCard } from './ProductCard';
import { ShopReport, useShopReport } from './ShopReport';
import { useRemote } from './use-remote';
import { TranslatedLine } from './use-popup-translations';
import { WhereToBuy } from './WhereToBuy';
import { focusFirst } from '../../lib/popup/focus';

export interface SettingsSource {
  load(): Promise<Settings>;
  watch?(callback: (settings: Settings) => void): () => void;
}

export interface PopupProps {
  connector: Connector;
  /** The tab to show; null when there is none (a browser page, no window). */
  tabId: number | null;
  settings?: SettingsSource;
  /** Calls `onChange` when the tab's note may have changed (detection finished, SPA navigation). */
  watchTab?: (tabId: number, onChange: () => void) => () => void;
  /** Calls back when the background changed listings, the basket or watches (lib/data-version.ts). */
  watchData?: (onChange: (version: number) => void) => () => void;
  now?: () => number;
  /** The side panel spans the panel's width instead of the popup's fixed one. */
  variant?: 'popup' | 'sidepanel';
  /** The product to open on (`?focus=` from the hover card's "Landed cost"): its query or words. */
  focus?: string | undefined;
}

type Load =
  | { phase: 'loading' }
  | { phase: 'ready'; state: TabNoteState | null }
  | { phase: 'error'; message: string };

const DEFAULT_SOURCE: SettingsSource = { load: async () => DEFAULT_SETTINGS };

/**
 * The benchmark reads this mark: the moment the view first shows something useful. Set
 * from a layout effect (the view is in the DOM), in the next animation frame: the frame that paints it.
 */
let usefulMarked = false;
function markUseful() {
  if (usefulMarked) return;
  usefulMarked = true;
  requestAnimationFrame(() => performance.mark('zc-useful'));
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The basket, read from the background and replaced by the answer to each change the user makes. */
function useBasket(connector: Connector, dataVersion: number, started: boolean): BasketState {
  const [lines, setLines] = useState<BasketLine[]>([]);
  const [error, setError] = useState<string | undefined>();
  // Only the answer to the latest request shows: an earlier read arriving late would undo a change.
  const latest = useRef(0);
  const settle = (request: Promise<BasketLine[]>) => {
    const sequence = ++latest.current;
    return request.then(
      (answer) => {
        if (sequence !== latest.current) return;
        setLines(answer);
        setError(undefined);
      },
      (failure: unknown) => sequence === latest.current && setError(messageOf(failure)),
    );
  };
  useEffect(() => {
    if (started) void settle(connector.send('basket:get', {}));
  }, [connector, dataVersion, started]);
  return useMemo(
    () => ({
      lines,
      ids: new Set(lines.map((line) => line.entry.listingId)),
      ...(error ? { error } : {}),
      add: (listingId, category) => void settle(connector.send('basket:add', { listingId, ...(category ? { category } : {}) })),
      remove: (listingId) => void settle(connector.send('basket:remove', { listingId })),
      setQuantity: (listingId, quantity) => {
        if (Number.isInteger(quantity) && quantity >= 1 && quantity <= 99) void settle(connector.send('basket:set-quantity', { listingId, quantity }));
      },
    }),
    [connector, lines, error],
  );
}

export function Popup({
  connector,
  tabId,
  settings: source = DEFAULT_SOURCE,
  watchTab,
  watchData = watchDataVersion,
  now = Date.now,
  variant = 'popup',
  focus,
}: PopupProps) {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [settings, setSettings] = useState<Settings | null>(null);
  const [revision, setRevision] = useState(0);

  // Layout effects run as soon as the first render is in the DOM; plain effects would wait for the
  // next frame to be painted, and the settings and the note would be asked a frame later.
  useLayoutEffect(() => {
    let live = true;
    void source.load().then((loaded) => live && setSettings(loaded), () => live && setSettings(DEFAULT_SETTINGS));
    const stop = source.watch?.((changed) => setSettings(changed));
    return () => {
      live = false;
      stop?.();
    };
  }, [source]);

  // Watching starts before the note is asked for, in the same commit: a change landing between the
  // answer and a later (painted) effect would otherwise never reach this view.
  useLayoutEffect(() => {
    if (tabId === null || !watchTab) return undefined;
    return watchTab(tabId, () => setRevision((value) => value + 1));
  }, [tabId, watchTab]);

  useLayoutEffect(() => {
    let live = true;
    if (tabId === null) {
      setLoad({ phase: 'ready', state: null });
      return undefined;
    }
    connector
      .send('note:get', { tabId })
      .then((state) => live && setLoad({ phase: 'ready', state }))
      .catch((error: unknown) => live && setLoad({ phase: 'error', message: messageOf(error) }));
    return () => {
      live = false;
    };
  }, [connector, tabId, revision]);

  // Everything below is asked after the first render: the products show before listings and quotes.
  const [dataVersion, setDataVersion] = useState(0);
  useEffect(() => watchData(setDataVersion), [watchData]);
  // The basket and the rate are asked once the note has answered, so they do not queue in front of it.
  const started = load.phase !== 'loading';
  const basket = useBasket(connector, dataVersion, started);
  // Rates change with the currency, or when the options page refreshes them (it bumps dataVersion).
  const fx = useRemote(() => (started ? connector.send('popup:fx', {}) : new Promise<never>(() => {})), [connector, settings?.currency, dataVersion, started]);
  const language = settings?.uiLanguage ?? 'en';
  const env = useMemo<PopupEnv | null>(() => {
    if (!settings) return null;
    return {
      connector,
      settings,
      language,
      t: makeTranslator(language),
      today: dayOf(now()),
      fx: fx.status === 'ready' ? fx.value : undefined,
      dataVersion,
      basket,
      tabId,
    };
  }, [connector, settings, language, now, fx, dataVersion, basket, tabId]);

  const ready = load.phase !== 'loading' && env !== null;
  // Marked in the frame that paints the first useful view (a plain effect would run after it).
  useLayoutEffect(() => {
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
          <PopupBody state={load.state} focus={focus} tabId={tabId} />
        </PopupEnvContext.Provider>
      )}
      <footer class="zc-footer">
        <a href={browser.runtime.getURL('/seller.html')} target="_blank" rel="noopener" data-testid="seller-link">
          {t('sellerPage')}
        </a>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noopener" data-testid="options-link">
          {t('options')}
        </a>
      </footer>
    </main>
  );
}

function PopupBody({ state, focus, tabId }: { state: TabNoteState | null; focus?: string | undefined; tabId: number | null }) {
  const { t } = usePopupEnv();
  // A Taobao/Tmall tab has no note: it also shows what the page's reader found there.
  const shopReport = useShopReport(tabId);
  const [typed, setTyped] = useState<NoteProduct[]>([]);
  // The product the user pointed at on the note comes first, marked (lib/popup/focus.ts).
  const products = useMemo(() => focusFirst(state?.status === 'note' ? groupProducts(state.mentions) : [], focus), [state, focus]);
  const addTyped = (product: NoteProduct) =>
    setTyped((list) => [product, ...list.filter((other) => other.key !== product.key)].slice(0, 3));
  return (
    <>
      <PageStatus state={state} tabId={tabId} />
      {shopReport && tabId !== null && <ShopReport report={shopReport} tabId={tabId} />}
      {state?.status === 'note' && (
        <>
          <h2 data-testid="note-title" lang={state.note.title ? 'zh-CN' : undefined}>
            {state.note.title || t('untitled')}
          </h2>
          <TranslatedLine text={state.note.title} testId="note-title-line" />
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
                <ProductCard product={product} focused={(product as { focused?: boolean }).focused === true} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {state?.status === 'note' && state.whereToBuy && <WhereToBuy entries={state.whereToBuy} />}
      <Basket />
    </>
  );
}
