import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** Dispatched before a claim is checked: a claimant whose extension is gone gives the page up. */
const CLAIM_CHECK = 'zhongcao:claim-check';

/**
 * Makes a content script do its work once per document. Every injection is counted first
 * (`data-zc-runs`, which the e2e tests read), then the first copy claims the page; a second copy —
 * for example after the extension reloads — finds the claim and returns false.
 *
 * A copy left from before an update keeps running with its extension gone (its `runtime.id` is
 * undefined) and would hold the claim for good, so a tab opened before the update could never be
 * read by the script injected into it. Before checking, a plain event asks the claimant: one whose
 * context is invalid lets go (WXT's `isInvalid` notices the missing runtime and runs the
 * `onInvalidated` callbacks, which remove the claim). A plain event, without `detail`: that does
 * not cross from one extension world to another.
 */
export function claimPage(ctx: ContentScriptContext, name: string): boolean {
  const root = document.documentElement;
  root.dataset.zcRuns = String(Number(root.dataset.zcRuns ?? 0) + 1);
  document.dispatchEvent(new Event(CLAIM_CHECK));
  if (root.dataset.zcContent === name) return false;
  root.dataset.zcContent = name;
  const check = () => void ctx.isInvalid;
  document.addEventListener(CLAIM_CHECK, check);
  ctx.onInvalidated(() => {
    document.removeEventListener(CLAIM_CHECK, check);
    delete root.dataset.zcContent;
  });
  return true;
}
