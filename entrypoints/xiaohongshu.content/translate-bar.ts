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

/** One parsed sheet for every bar of the page: parsing the CSS again per note costs time. */
let sharedSheet: CSSStyleSheet | null | undefined;

/**
 * Parses the bar's sheet ahead of time: the content script calls it when the page goes idle, so
 * that the first note opened does not wait for it.
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

/** The bar's elements. Its click handlers are swapped per note, so one bar serves every note of a page. */
interface BarParts {
  host: HTMLElement;
  toggle: HTMLButtonElement;
  download: HTMLButtonElement;
  status: HTMLElement;
  errors: HTMLElement;
  handlers: { toggle(): void; download(): void };
}

const IDLE_HANDLERS: BarParts['handlers'] = { toggle() {}, download() {} };

function buildBar(): BarParts {
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
  const parts: BarParts = { host, toggle, download, status, errors, handlers: IDLE_HANDLERS };
  toggle.addEventListener('click', () => parts.handlers.toggle());
  download.addEventListener('click', () => parts.handlers.download());
  return parts;
}

/** Puts a bar back as `buildBar` makes it: hidden nothing, no status, errors or offer. */
function resetBar(parts: BarParts): void {
  parts.handlers = IDLE_HANDLERS;
  parts.toggle.textContent = 'Hide translation';
  parts.toggle.setAttribute('aria-pressed', 'false');
  parts.download.hidden = true;
  parts.download.disabled = false;
  parts.download.textContent = '';
  parts.status.textContent = '';
  parts.errors.replaceChildren();
}

/** A bar built ahead of the first note, and the bar of a closed note, waiting for the next one. */
let spare: BarParts | undefined;

/**
 * Builds the bar and parses its sheet ahead of time: the content script calls it when the page goes
 * idle, so that opening a note does not pay for either. Each bar of the page after that
 * is the same elements, put back to their first state when a note closes.
 */
export function prepareTranslateBar(): void {
  prepareBarStyles();
  spare ??= buildBar();
}

export function createTranslateBar({ onToggle, onDownload }: TranslateBarActions): TranslateBar {
  const parts = spare ?? buildBar();
  spare = undefined;
  const { host, toggle, download, status, errors } = parts;
  let released = false;

  let hidden = false;
  let busy = false;
  let downloadStatus = '';
  parts.handlers = {
    toggle() {
      hidden = !hidden;
      toggle.textContent = hidden ? 'Show translation' : 'Hide translation';
      toggle.setAttribute('aria-pressed', String(hidden));
      onToggle(hidden);
    },
    download() {
      download.disabled = true;
      shownDownload = undefined;
      onDownload();
    },
  };
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

  // After `remove` the elements may already serve another note: a late call must not touch them.
  return {
    place(anchor, fallbackParent) {
      if (released) return;
      if (anchor) {
        if (anchor.nextElementSibling !== host) anchor.after(host);
      } else if (fallbackParent && host.parentElement !== fallbackParent) {
        fallbackParent.prepend(host);
      }
    },
    setBusy(value) {
      if (released) return;
      busy = value;
      showStatus();
    },
    setErrors(lines) {
      if (released) return;
      const key = lines.join('\u0000');
      if (key === shownErrors) return;
      shownErrors = key;
      errors.replaceChildren(...lines.map((line) => Object.assign(document.createElement('div'), { textContent: line })));
    },
    offerDownload(label) {
      if (released || label === shownDownload) return;
      shownDownload = label;
      download.hidden = label === null;
      if (label !== null) {
        download.textContent = label;
        download.disabled = false;
      }
    },
    setDownloadStatus(text) {
      if (released) return;
      downloadStatus = text;
      showStatus();
    },
    remove() {
      if (released) return;
      released = true;
      host.remove();
      resetBar(parts);
      spare ??= parts;
    },
  };
}

function button(text: string, className: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  return element;
}
