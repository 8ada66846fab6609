/**
 * The note's translation controls, next to the title: show/hide the translations of this note,
 * download the on-device language pack, and what went wrong with a provider. In a shadow root, so
 * the page's CSS cannot restyle the buttons; all content is text nodes.
 */

const BAR_CSS = `
:host { all: initial; display: block; margin: 2px 0 6px; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
  font: 12px/1.4 system-ui, -apple-system, 'PingFang SC', sans-serif; color: #6b6b73; }
:host([data-theme=dark]) .bar { color: #a0a0aa; }
button { font: inherit; border-radius: 999px; padding: 1px 9px; cursor: pointer; background: transparent;
  color: inherit; border: 1px solid currentColor; }
button.primary { color: #e0245e; }
:host([data-theme=dark]) button.primary { color: #ff6b94; }
button:focus-visible { outline: 2px solid #0a84ff; outline-offset: 2px; }
button[hidden], .status:empty, .errors:empty { display: none; }
.errors { flex-basis: 100%; color: #b3261e; }
:host([data-theme=dark]) .errors { color: #f2b8b5; }
`;

export interface TranslateBarActions {
  onToggle(hidden: boolean): void;
  /** Runs inside the click's user gesture: start the download before any `await`. */
  onDownload(): void;
}

export interface TranslateBar {
  /** Puts the bar after `anchor` (the title or its translation), or first in `fallbackParent`. */
  place(anchor: Element | null, fallbackParent: Element | null, theme: 'dark' | 'light'): void;
  setBusy(busy: boolean): void;
  setErrors(lines: readonly string[]): void;
  /** Offers the on-device download (`null` hides the button). */
  offerDownload(label: string | null): void;
  setDownloadStatus(text: string): void;
  remove(): void;
}

export function createTranslateBar({ onToggle, onDownload }: TranslateBarActions): TranslateBar {
  const host = document.createElement('div');
  host.setAttribute('data-zc-ui', 'translate-bar');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = BAR_CSS;
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Zhongcao translation');
  const toggle = button('Hide translation', '');
  toggle.setAttribute('aria-pressed', 'false');
  const download = button('', 'primary');
  download.hidden = true;
  const status = document.createElement('span');
  status.className = 'status';
  status.setAttribute('role', 'status');
  const errors = document.createElement('div');
  errors.className = 'errors';
  bar.append(toggle, download, status, errors);
  shadow.append(style, bar);

  let hidden = false;
  let busy = false;
  let downloadStatus = '';
  toggle.addEventListener('click', () => {
    hidden = !hidden;
    toggle.textContent = hidden ? 'Show translation' : 'Hide translation';
    toggle.setAttribute('aria-pressed', String(hidden));
    onToggle(hidden);
  });
  download.addEventListener('click', () => {
    download.disabled = true;
    onDownload();
  });
  const showStatus = () => {
    status.textContent = downloadStatus || (busy ? 'Translating…' : '');
  };

  return {
    place(anchor, fallbackParent, theme) {
      host.dataset.theme = theme;
      if (anchor) {
        if (anchor.nextElementSibling !== host) anchor.after(host);
      } else if (fallbackParent && host.parentElement !== fallbackParent) {
        fallbackParent.prepend(host);
      }
    },
    setBusy(value) {
      busy = value;
      showStatus();
    },
    setErrors(lines) {
      errors.replaceChildren(...lines.map((line) => Object.assign(document.createElement('div'), { textContent: line })));
    },
    offerDownload(label) {
      download.hidden = label === null;
      if (label !== null) {
        download.textContent = label;
        download.disabled = false;
      }
    },
    setDownloadStatus(text) {
      downloadStatus = text;
      showStatus();
    },
    remove: () => host.remove(),
  };
}

function button(text: string, className: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  return element;
}
