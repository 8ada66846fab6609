import type { TranslateText } from './translate-strings';

/**
 * The note's translation controls, next to the title: show/hide the translations of this note,
 * translate the comments past the first screenful, download the on-device language pack, and what
 * went wrong with a provider. In a closed shadow root, so the page's CSS cannot restyle the buttons
 * and its scripts cannot read the bar or reach its buttons; the buttons act only on events the
 * user made (`isTrusted`), not on a page's `.click()`. All content is text nodes.
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
  /** Translate the comments held back (remote providers translate the first screenful unasked). */
  onMore(): void;
  /** The bar's words, in the user's interface language. */
  text: TranslateText;
}

export interface TranslateBar {
  /** Puts the bar after `anchor` (the title or its translation), or first in `fallbackParent`. */
  place(anchor: Element | null, fallbackParent: Element | null): void;
  setBusy(busy: boolean): void;
  setErrors(lines: readonly string[]): void;
  /** Offers the on-device download (`null` hides the button). */
  offerDownload(label: string | null): void;
  setDownloadStatus(text: string): void;
  /** Offers to translate `count` held-back comments (0 hides the button). */
  offerMore(count: number): void;
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
  bar: HTMLElement;
  toggle: HTMLButtonElement;
  more: HTMLButtonElement;
  download: HTMLButtonElement;
  status: HTMLElement;
  errors: HTMLElement;
  handlers: { toggle(): void; download(): void; more(): void };
}

const IDLE_HANDLERS: BarParts['handlers'] = { toggle() {}, download() {}, more() {} };

/**
 * Each bar's closed shadow root, for the unit tests (which run where no real click exists): module
 * scope, out of the page's reach.
 */
const shadows = new WeakMap<Element, ShadowRoot>();
export const barShadowForTests = (host: Element | null): ShadowRoot | undefined => (host ? shadows.get(host) : undefined);

/** Only the user's own clicks and key presses count: a page's `.click()` or `dispatchEvent` is ignored. */
function onTrustedClick(button: HTMLButtonElement, action: () => void): void {
  button.addEventListener('click', (event) => {
    if (event.isTrusted !== true) return;
    action();
  });
}

function buildBar(): BarParts {
  const host = document.createElement('div');
  host.setAttribute('data-zc-ui', 'translate-bar');
  const shadow = host.attachShadow({ mode: 'closed' });
  shadows.set(host, shadow);
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'group');
  const toggle = button('', '');
  toggle.setAttribute('aria-pressed', 'false');
  const more = button('', '');
  more.hidden = true;
  const download = button('', 'primary');
  download.hidden = true;
  const status = document.createElement('span');
  status.className = 'status';
  status.setAttribute('role', 'status');
  const errors = document.createElement('div');
  errors.className = 'errors';
  bar.append(toggle, more, download, status, errors);
  shadow.append(bar);
  styleShadow(shadow);
  const parts: BarParts = { host, bar, toggle, more, download, status, errors, handlers: IDLE_HANDLERS };
  onTrustedClick(toggle, () => parts.handlers.toggle());
  onTrustedClick(more, () => parts.handlers.more());
  onTrustedClick(download, () => parts.handlers.download());
  return parts;
}

/** Puts a bar back as `buildBar` makes it: hidden nothing, no status, errors or offer. */
function resetBar(parts: BarParts): void {
  parts.handlers = IDLE_HANDLERS;
  parts.toggle.textContent = '';
  parts.toggle.setAttribute('aria-pressed', 'false');
  parts.more.hidden = true;
  parts.more.textContent = '';
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

export function createTranslateBar({ onToggle, onDownload, onMore, text }: TranslateBarActions): TranslateBar {
  const parts = spare ?? buildBar();
  spare = undefined;
  const { host, bar, toggle, more, download, status, errors } = parts;
  let released = false;
  bar.setAttribute('aria-label', text('barLabel'));
  toggle.textContent = text('hide');

  let hidden = false;
  let busy = false;
  let downloadStatus = '';
  parts.handlers = {
    toggle() {
      hidden = !hidden;
      toggle.textContent = hidden ? text('show') : text('hide');
      toggle.setAttribute('aria-pressed', String(hidden));
      onToggle(hidden);
    },
    download() {
      download.disabled = true;
      shownDownload = undefined;
      onDownload();
    },
    more() {
      more.hidden = true;
      more.textContent = '';
      shownMore = 0;
      onMore();
    },
  };
  let shownMore = 0;
  // Each setter touches the DOM only when what it shows changes: most calls repeat the last state.
  let shownStatus = '';
  let shownErrors = '';
  // `undefined` after a click: the next offer shows again even with the same label.
  let shownDownload: string | null | undefined = null;
  const showStatus = () => {
    const line = downloadStatus || (busy ? text('translating') : '');
    if (line === shownStatus) return;
    shownStatus = line;
    status.textContent = line;
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
    setDownloadStatus(line) {
      if (released) return;
      downloadStatus = line;
      showStatus();
    },
    offerMore(count) {
      if (released || count === shownMore) return;
      shownMore = count;
      more.hidden = count === 0;
      more.textContent = count > 0 ? text('more', { count }) : '';
    },
    remove() {
      if (released) return;
      released = true;
      host.remove();
      resetBar(parts);
      // The closed note's bar serves the next note, even if the idle preparation built another
      // meanwhile (it runs whenever the page is idle, before or after the first note's bar).
      spare = parts;
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
