import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { matchPatterns } from '../../lib/platform/hosts';
import { claimPage } from '../../lib/dom/claim-page';
import { createRuntimeConnector } from '../../lib/messaging/connector';
import { marksFeature } from './marks';
import { startNoteFeatures } from './note';
// The threshold only: detection itself runs in the background.
import { MARK_THRESHOLD } from '../../lib/mentions/threshold';
import { translateFeature } from './translate';
import { limitNoticeFeature } from './limit-notice';
import './marks.css';
import './translate.css';

export default defineContentScript({
  matches: matchPatterns('xiaohongshu'),
  runAt: 'document_idle',
  // WXT also announces each start with a window message, which the page's own scripts receive (a
  // sign the extension is installed) and which costs a structured clone and a page-wide message
  // event on every load. Its document event, and `claimPage`, already tell an older copy to stop.
  noScriptStartedPostMessage: true,
  main(ctx: ContentScriptContext) {
    if (!claimPage(ctx, 'xiaohongshu')) return;

    const connector = createRuntimeConnector((message) => browser.runtime.sendMessage(message));
    startNoteFeatures(ctx, connector, { features: [marksFeature(MARK_THRESHOLD), translateFeature(), limitNoticeFeature()] });
  },
});
