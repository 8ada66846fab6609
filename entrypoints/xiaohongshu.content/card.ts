import type { Mention } from '../../lib/messaging/schemas';
import { translator, type UiLanguage } from '../../lib/i18n/index';
import { CARD_STRINGS } from './card-strings';
import { pageIsDark } from '../../lib/dom/theme';

/**
 * The small card shown when a marked product is hovered or focused. It lives in a shadow root, so
 * the page's CSS cannot restyle it and ours cannot leak out; its content is built from text nodes.
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
  /** The interface language the user chose (English when not known yet). */
  language?(): UiLanguage;
}

export interface ProductCard {
  show(anchor: Element, mention: Mention, quotedPriceCny: number | undefined): void;
  hide(): void;
  contains(node: Node | null): boolean;
  remove(): void;
}

/** The card's DOM is built on first hover, so opening a note costs nothing for it. */
export function createProductCard(actions: CardActions): ProductCard {
  let built: ReturnType<typeof buildCard> | undefined;
  const card = () => (built ??= buildCard(actions));
  return {
    show: (anchor, mention, price) => card().show(anchor, mention, price),
    hide: () => built?.hide(),
    contains: (node) => built?.contains(node) ?? false,
    remove: () => built?.remove(),
  };
}

function buildCard(actions: CardActions): ProductCard {
  const host = document.createElement('div');
  host.setAttribute('data-zc-ui', 'card');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CARD_CSS;
  const card = document.createElement('div');
  card.className = 'card';
  card.setAttribute('role', 'dialog');
  card.hidden = true;
  shadow.append(style, card);
  let current: Mention | null = null;

  const el = (tag: string, className: string, text: string) => {
    const node = document.createElement(tag);
    node.className = className;
    node.textContent = text;
    return node;
  };

  const run = async (button: HTMLButtonElement, status: HTMLElement, action: (m: Mention) => Promise<void>, busy: string) => {
    if (!current) return;
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

  return {
    show(anchor, mention, quotedPriceCny) {
      current = mention;
      if (!host.isConnected) document.body.appendChild(host);
      host.dataset.theme = pageIsDark() ? 'dark' : 'light';
      const t = translator(CARD_STRINGS, actions.language?.() ?? 'en');
      const status = el('div', 'status', '');
      status.setAttribute('role', 'status');
      const find = el('button', '', t('find')) as HTMLButtonElement;
      const landed = el('button', 'secondary', t('landed')) as HTMLButtonElement;
      find.addEventListener('click', () => void run(find, status, actions.findOnTaobao, t('openingTaobao')));
      landed.addEventListener('click', () => void run(landed, status, actions.landedCost, t('opening')));
      const actionsRow = el('div', 'actions', '');
      actionsRow.append(find, landed);
      const meta = [mention.category, mention.brand, mention.query ? t('search', { query: mention.query }) : undefined].filter(Boolean).join(' · ');
      card.replaceChildren(
        el('div', 'name', mention.en ?? mention.text),
        el('div', 'meta', meta),
        ...(quotedPriceCny !== undefined ? [el('div', 'meta', t('quoted', { price: quotedPriceCny }))] : []),
        actionsRow,
        status,
      );
      card.setAttribute('aria-label', t('label', { name: mention.en ?? mention.text }));
      card.hidden = false;
      const rect = anchor.getBoundingClientRect();
      const top = rect.bottom + 6 + 160 > innerHeight ? Math.max(4, rect.top - 166) : rect.bottom + 6;
      card.style.top = `${top}px`;
      card.style.left = `${Math.max(4, Math.min(rect.left, innerWidth - 290))}px`;
    },
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
