/**
 * The one DOM observer helper: calls `callback` once for every element matching `selector` that is
 * in the document now or added later, until `signal` aborts. Handled elements are remembered, so a
 * callback never runs twice for one element. No polling: one MutationObserver per call.
 */
export function observe(
  selector: string,
  callback: (element: Element) => void,
  { signal, root = document }: { signal: AbortSignal; root?: ParentNode & Node },
): void {
  if (signal.aborted) return;
  const seen = new WeakSet<Element>();
  const visit = (element: Element) => {
    if (signal.aborted || seen.has(element)) return;
    seen.add(element);
    try {
      callback(element);
    } catch (error) {
      // A broken callback must not take the page's observer chain down with it.
      console.warn('[zhongcao]', error);
    }
  };
  const scan = (node: ParentNode) => {
    if (node instanceof Element && node.matches(selector)) visit(node);
    for (const element of node.querySelectorAll(selector)) visit(element);
  };
  scan(root);
  // A callback may have aborted already (the note container was there): an observer made now
  // would never be disconnected, and would watch the whole page for good.
  if (signal.aborted) return;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && !isOurs(node as Element)) scan(node as Element);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

/**
 * What Zhongcao itself inserts (marks, translations, its bar and card) is never what a page
 * selector looks for: a note's marks and translations would otherwise each be matched and searched
 * again as they go in.
 */
function isOurs(element: Element): boolean {
  return element.hasAttribute('data-zc-mention') || element.hasAttribute('data-zc-translation') || element.hasAttribute('data-zc-ui');
}
