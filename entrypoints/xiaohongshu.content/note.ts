import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Connector } from '../../lib/messaging/connector';

const NOTE_PATH = /^\/(?:explore|discovery\/item|search_result|user\/profile\/[^/]+)\/([0-9a-f]{24})\b/;

/** The note id in a Xiaohongshu URL, or null when the URL is not a note. */
export function noteIdFromUrl(url: string): string | null {
  try {
    return NOTE_PATH.exec(new URL(url).pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Runs the note features for the current route, and again after every in-app navigation. Each run
 * gets an AbortSignal that is aborted when the route changes, so nothing leaks between notes.
 */
export function startNoteFeatures(ctx: ContentScriptContext, connector: Connector): void {
  let controller: AbortController | undefined;
  const run = (url: string) => {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    ctx.onInvalidated(() => controller?.abort());
    const noteId = noteIdFromUrl(url);
    const root = document.documentElement;
    if (!noteId) {
      delete root.dataset.zcNote;
      void connector.send('note:update', { status: 'not-note', url, updatedAt: Date.now() }).catch(() => {});
      return;
    }
    root.dataset.zcNote = noteId;
    void signal;
  };
  run(location.href);
  // The event fires from the Navigation API before `location` is updated: use its newUrl.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => run(event.newUrl.href));
}
