import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { matchPatterns } from '../../lib/hosts';

export default defineContentScript({
  matches: matchPatterns('taobao'),
  runAt: 'document_idle',
  main(_ctx: ContentScriptContext) {
    const root = document.documentElement;
    root.dataset.zcRuns = String(Number(root.dataset.zcRuns ?? 0) + 1);
    if (root.dataset.zcContent === 'taobao') return;
    root.dataset.zcContent = 'taobao';
  },
});
