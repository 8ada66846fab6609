import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Makes a content script do its work once per document. Every injection is counted first
 * (`data-zc-runs`, which the e2e tests read), then the first copy claims the page; a second copy —
 * for example after the extension reloads — finds the claim and returns false.
 */
export function claimPage(ctx: ContentScriptContext, name: string): boolean {
  const root = document.documentElement;
  root.dataset.zcRuns = String(Number(root.dataset.zcRuns ?? 0) + 1);
  if (root.dataset.zcContent === name) return false;
  root.dataset.zcContent = name;
  ctx.onInvalidated(() => delete root.dataset.zcContent);
  return true;
}
