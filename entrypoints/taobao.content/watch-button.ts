import { browser } from 'wxt/browser';
import type { Connector } from '../../lib/messaging/connector';
import type { Listing } from '../../lib/messaging/schemas';

/**
 * The "Watch price" button on item pages, in its own closed shadow root so the page's styles
 * neither break it nor see its text as theirs, and the page's scripts cannot reach it. It acts only
 * on trusted clicks: a page calling `.click()` on it must not add itself to the watchlist. Built from text nodes only: page text never becomes
 * markup. The page's own reading goes with the first click, so watching works before the capture lands.
 */

const LABELS = {
  en: { watch: '☆ Watch price', watching: '★ Watching price', failed: 'Zhongcao could not save this' },
  'zh-CN': { watch: '☆ 关注价格', watching: '★ 已关注价格', failed: '种草没能保存' },
} as const;

const STYLE = `
:host { all: initial; display: inline-block; margin: 6px 0; }
button {
  font: 13px/1.4 system-ui, -apple-system, 'PingFang SC', sans-serif;
  padding: 4px 12px; border-radius: 14px; cursor: pointer;
  border: 1px solid #ff5000; background: #fff; color: #ff5000;
}
button[aria-pressed='true'] { background: #ff5000; color: #fff; }
button:focus-visible { outline: 2px solid #1d1d1f; outline-offset: 2px; }
button:disabled { opacity: .6; cursor: progress; }
`;

/** The UI language the user chose in Zhongcao's settings (stored by lib/settings-store under `settings`). */
async function uiLanguage(): Promise<keyof typeof LABELS> {
  const { settings } = (await browser.storage.local.get('settings')) as { settings?: { uiLanguage?: unknown } };
  return settings?.uiLanguage === 'zh-CN' ? 'zh-CN' : 'en';
}

export function mountWatchButton(anchor: Element, listing: Listing, connector: Connector, signal: AbortSignal): void {
  const host = document.createElement('zhongcao-watch');
  host.dataset.zcWatch = listing.itemId;
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const button = document.createElement('button');
  button.type = 'button';
  button.disabled = true;
  shadow.append(style, button);
  anchor.after(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });

  let labels: (typeof LABELS)[keyof typeof LABELS] = LABELS.en;
  let watched = false;
  let sendListing = true;
  const show = (text?: string) => {
    button.textContent = text ?? (watched ? labels.watching : labels.watch);
    button.setAttribute('aria-pressed', String(watched));
    host.dataset.state = watched ? 'watching' : 'idle';
  };
  const ref = { platform: listing.platform, itemId: listing.itemId };

  button.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    button.disabled = true;
    void connector
      .send('watch:toggle', { ...ref, watched: !watched, ...(sendListing ? { listing } : {}) })
      .then((answer) => {
        watched = answer.watched;
        // Later clicks only flip the flag: the sighting is stored already.
        sendListing = false;
        show();
      })
      .catch(() => show(labels.failed))
      .finally(() => (button.disabled = false));
  });

  void Promise.all([uiLanguage().catch(() => 'en' as const), connector.send('watch:status', ref).catch(() => ({ watched: false }))]).then(
    ([language, status]) => {
      labels = LABELS[language];
      watched = status.watched;
      button.disabled = false;
      show();
    },
  );
}
