import { browser } from 'wxt/browser';
import type { Mention } from '../../lib/messaging/schemas';
import { pageIsDark } from '../../lib/dom/theme';
import { translator, type UiLanguage } from '../../lib/i18n';
import { SETTINGS_STORAGE_KEY } from '../../lib/settings/defaults';
import { brandDisplayName, cardStrings } from './card-strings';

/**
 * The small card shown when a marked product is hovered or focused. It lives in a closed shadow
 * root, so the page's CSS cannot restyle it, ours cannot leak out, and the page's scripts cannot
 * reach its buttons; its content is built from text nodes. Its buttons act only on trusted events
 * (a person's click or key press): a page that dispatches clicks gets nothing done.
 */

const CARD_CSS = `
:host { all: initial; }
.card { position: fixed; z-index: 2147483646; max-width: 280px; padding: 10px 12px; border-radius: 10px;
  font: 13px/1.45 system-ui, -apple-system, 'PingFang SC', sans-serif; box-shadow: 0 6px 24px rgba(0,0,0,.18);
  background: #fff; color: #1d1d1f; border: 1px solid #e3e3e8; }
:host([data-theme=dark]) .card { background: #232326; color: #f2f2f5; border-color: #3a3a40; }
.name { font-weight: 600; font-size: 14px; }
.meta { color: #6b6b73; margin-top: 2px; }
:host([data-theme=dark]) .meta { color: #a0a0aa; }
.actions { display: flex; gap: 6px; margin-top: 8px; }
button { font: inherit; border-radius: 6px; padding: 4px 10px; cursor: pointer; border: 1px solid #e0245e;
  background: #e0245e; color: #fff; }
button.secondary { background: transparent; color: inherit; border-color: currentColor; }
button:focus-visible { outline: 2px solid #0a84ff; outline-offset: 2px; }
.status { margin-top: 6px; color: #6b6b73; }
`;

export interface CardActions {
  findOnTaobao(mention: Mention): Promise<void>;
  landedCost(mention: Mention): Promise<void>;
}

export interface ProductCard {
  /** `brandText`: the brand as the note writes it (优衣库), shown beside its Latin name. */
  show(anchor: Element, mention: Mention, quotedPriceCny: number | undefined, brandText?: string): void;
  hide(): void;
  contains(node: Node | null): boolean;
  remove(): void;
}

/** The card's DOM is built on first hover, so opening a note costs nothing for it. */
export function createProductCard(actions: CardActions): ProductCard {
  let built: ReturnType<typeof buildCard> | undefined;
  const card = () => (built ??= buildCard(actions));
  return {
    show: (anchor, mention, price, brandText) => card().show(anchor, mention, price, brandText),
    hide: () => built?.hide(),
    contains: (node) => built?.contains(node) ?? false,
    remove: () => built?.remove(),
  };
}

/** The UI language chosen in the options; English until it is known or when it cannot be read. */
async function uiLanguage(): Promise<UiLanguage> {
  const stored = (await browser.storage.local.get(SETTINGS_STORAGE_KEY)) as Record<string, { uiLanguage?: unknown } | undefined>;
  return stored[SETTINGS_STORAGE_KEY]?.uiLanguage === 'zh-CN' ? 'zh-CN' : 'en';
}

function formatCny(amount: number, language: UiLanguage): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 2 }).format(amount);
}

function buildCard(actions: CardActions): ProductCard {
  const host = document.createElement('div');
  host.setAttribute('data-zc-ui', 'card');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = CARD_CSS;
  const card = document.createElement('div');
  card.className = 'card';
  card.setAttribute('role', 'dialog');
  card.hidden = true;
  shadow.append(style, card);
  let current: Mention | null = null;
  let language: UiLanguage = 'en';
  let t = translator(cardStrings, language);
  let shown: Parameters<ProductCard['show']> | undefined;
  // Read once per page, on the first hover; the card is drawn again in the chosen language.
  void uiLanguage().then(
    (chosen) => {
      language = chosen;
      t = translator(cardStrings, chosen);
      if (shown && !card.hidden) show(...shown);
    },
    () => undefined,
  );

  const el = (tag: string, className: string, text: string) => {
    const node = document.createElement(tag);
    node.className = className;
    node.textContent = text;
    return node;
  };

  const run = async (event: Event, button: HTMLButtonElement, status: HTMLElement, action: (m: Mention) => Promise<void>, busy: string) => {
    // A page script can call .click() or dispatch events on anything it reaches; only a person's act counts.
    if (!event.isTrusted || !current) return;
    button.disabled = true;
    status.textContent = busy;
    try {
      await action(current);
      status.textContent = '';
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
    } finally {
      button.disabled = false;
    }
  };

  function show(anchor: Element, mention: Mention, quotedPriceCny: number | undefined, brandText?: string) {
    shown = [anchor, mention, quotedPriceCny, brandText];
    current = mention;
    if (!host.isConnected) document.body.appendChild(host);
    host.dataset.theme = pageIsDark() ? 'dark' : 'light';
    const status = el('div', 'status', '');
    status.setAttribute('role', 'status');
    const find = el('button', '', t('findOnTaobao')) as HTMLButtonElement;
    const landed = el('button', 'secondary', t('landedCost')) as HTMLButtonElement;
    find.addEventListener('click', (event) => void run(event, find, status, actions.findOnTaobao, t('openingTaobao')));
    landed.addEventListener('click', (event) => void run(event, landed, status, actions.landedCost, t('opening')));
    const actionsRow = el('div', 'actions', '');
    actionsRow.append(find, landed);
    const brand = mention.brand ? brandDisplayName(mention.brand) : undefined;
    const brandLine = brand && brandText && brandText.toLowerCase() !== brand.toLowerCase() ? `${brand} ${brandText}` : brand ?? brandText;
    // A brand named alone is titled by its name, never by its id.
    const name = mention.kind === 'brand' ? (brandLine ?? mention.text) : (mention.en ?? mention.text);
    const query = mention.query ?? mention.text;
    card.replaceChildren(
      el('div', 'name', name),
      ...(brandLine && mention.kind !== 'brand' ? [el('div', 'meta', t('brand', { brand: brandLine }))] : []),
      ...(quotedPriceCny !== undefined ? [el('div', 'meta', t('quoted', { price: formatCny(quotedPriceCny, language) }))] : []),
      el('div', 'meta', t('searchOn', { query })),
      actionsRow,
      status,
    );
    card.setAttribute('aria-label', t('label', { name }));
    card.hidden = false;
    const rect = anchor.getBoundingClientRect();
    const top = rect.bottom + 6 + 160 > innerHeight ? Math.max(4, rect.top - 166) : rect.bottom + 6;
    card.style.top = `${top}px`;
    card.style.left = `${Math.max(4, Math.min(rect.left, innerWidth - 290))}px`;
  }

  return {
    show,
    hide() {
      card.hidden = true;
      current = null;
    },
    contains: (node) => node !== null && (node === host || host.contains(node) || shadow.contains(node)),
    remove() {
      host.remove();
      current = null;
    },
  };
}
