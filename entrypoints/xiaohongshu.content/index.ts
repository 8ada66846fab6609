import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { matchPatterns } from '../../lib/hosts';
import { createRuntimeConnector } from '../../lib/messaging/connector';
import { unmarkAll } from '../../lib/dom/marks';
import { marksFeature } from './marks';
import { startNoteFeatures } from './note';
// The threshold only: detection itself runs in the background.
import { MARK_THRESHOLD } from '../../lib/mentions/threshold';
import './marks.css';


export default defineContentScript({
  matches: matchPatterns('xiaohongshu'),
  runAt: 'document_idle',
  main(ctx: ContentScriptContext) {
    const root = document.documentElement;
    // Counted before the guard so tests can see every injection; the guard stops a second copy
    // (for example after the extension reloads) from doing the work twice.
    root.dataset.zcRuns = String(Number(root.dataset.zcRuns ?? 0) + 1);
    if (root.dataset.zcContent === 'xiaohongshu') return;
    root.dataset.zcContent = 'xiaohongshu';
    ctx.onInvalidated(() => delete root.dataset.zcContent);

    const connector = createRuntimeConnector((message) => browser.runtime.sendMessage(message));
    startNoteFeatures(ctx, connector, {
      features: [marksFeature(MARK_THRESHOLD)],
      // Re-read the page's own text: take our marks out first.
      beforeRead: unmarkAll,
    });
  },
});
