/**
 * The note's translation controls, next to the title: show/hide the translations of this note,
 * download the on-device language pack, and what went wrong with a provider. In a shadow root, so
 * the page's CSS cannot restyle the buttons; all content is text nodes.
 */

// Text takes the page's own colour (inherited through the host) and the accents are translucent,
// so the bar reads on light and dark pages alike without reading the page's styles.
const BAR_CSS = `
:host { all: initial; color: inherit; display: block; margin: 2px 0 6px; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; color: inherit;
  font: 12px/1.4 system-ui, -apple-system, 'PingFang SC', sans-serif; }
.status { opacity: 0.75; }
button { font: inherit; border-radius: 999px; padding: 1px 9px; cursor: pointer; background: transparent;
  color: inherit; border: 1px solid currentColor; opacity: 0.85; }
button.primary { opacity: 1; font-weight: 600; border-color: #e0245e; background: rgba(224, 36, 94, 0.14); }
button:focus-visible { outline: 2px solid #0a84ff; outline-offset: 2px; opacity: 1; }
button[hidden], .status:empty, .errors:empty { display: none; }
.errors { flex-basis: 100%; border-left: 3px solid #d93025; padding-left: 6px; }
`;

export interface TranslateBarActions {
  onToggle(hidden: boolean): void;
  /** Runs inside the click's user gesture: start the download before any `await`. */
  onDownload(): void;
}

export interface TranslateBar {
  /** Puts the bar after `anchor` (the title or its translation), or first in `fallbackParent`. */
  place(anchor: Element | null, fallbackParent: Element | null): void;
  setBusy(busy: boolean): void;
  setErrors(lines: readonly string[]): void;
  /** Offers the on-device download (`null` hides the button). */
  offerDownload(label: string | null): void;
  setDownloadStatus(text: string): void;
  remove(): void;
}

/** One parsed sheet for every bar of the page (issue 8): parsing the CSS again per note costs time. */
let sharedSheet: CSSStyleSheet | null | undefined;

/**
 * Parses the bar's sheet ahead of time: the content script calls it when the page goes idle, so
 * that the first note opened does not wait for it (issue 8).
 */
export function prepareBarStyles(): void {
  if (sharedSheet !== undefined) return;
  try {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(BAR_CSS);
  } catch {
    sharedSheet = null;
  }
}

/** Styles the shadow root with the shared constructable sheet, or a `<style>` where that cannot work. */
function styleShadow(shadow: ShadowRoot): void {
  prepareBarStyles();
  if (sharedSheet) {
    try {
      shadow.adoptedStyleSheets = [sharedSheet];
      // Firefox's content scripts see the page's objects through Xrays: the assignment may not stick.
      if (shadow.adoptedStyleSheets.length === 1) return;
    } catch {
      // Fall through to a <style>.
    }
    sharedSheet = null;
  }
  const style = document.createElement('style');
  style.textContent = BAR_CSS;
  shadow.prepend(style);
}

export function createTranslateBar({ onToggle, onDownload }: TranslateBarActions): TranslateBar {
  const host = document.createElement('div');
  host.setAttribute('data-zc-ui', 'translate-bar');
  const shadow = host.attachShadow({ mode: 'open' });
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
  shadow.append(bar);
  styleShadow(shadow);

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
    shownDownload = undefined;
    onDownload();
  });
  // Each setter touches the DOM only when what it shows changes: most calls repeat the last state.
  let shownStatus = '';
  let shownErrors = '';
  // `undefined` after a click: the next offer shows again even with the same label.
  let shownDownload: string | null | undefined = null;
  const showStatus = () => {
    const text = downloadStatus || (busy ? 'Translating…' : '');
    if (text === shownStatus) return;
    shownStatus = text;
    status.textContent = text;
  };

  return {
    place(anchor, fallbackParent) {
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
      const key = lines.join('\u0000');
      if (key === shownErrors) return;
      shownErrors = key;
      errors.replaceChildren(...lines.map((line) => Object.assign(document.createElement('div'), { textContent: line })));
    },
    offerDownload(label) {
      if (label === shownDownload) return;
      shownDownload = label;
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
