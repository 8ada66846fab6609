import type { Page } from 'puppeteer-core';

/**
 * Our UI in pages lives in closed shadow roots, out of the page's reach: `host.shadowRoot` is null
 * there, and Puppeteer's `>>>` cannot pierce them either. Tests reach them as DevTools does, through
 * the DOM domain with `pierce`, then act on them with real input (trusted mouse and key events).
 */

type Session = Awaited<ReturnType<Page['createCDPSession']>>;

/** Remote objects belong to the DevTools session that made them: resolve and use them in one. */
async function shadowRootObject(client: Session, hostSelector: string): Promise<string | null> {
  const { root } = await client.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await client.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector });
  if (!nodeId) return null;
  const { node } = await client.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
  const shadow = node.shadowRoots?.[0];
  if (!shadow) return null;
  const { object } = await client.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  return object.objectId ?? null;
}

/** Runs `fn(root, arg)` on the shadow root of the first element matching `hostSelector`; null without one. */
export async function inShadow<T, A = undefined>(page: Page, hostSelector: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T | null> {
  const client = await page.createCDPSession();
  try {
    const objectId = await shadowRootObject(client, hostSelector);
    if (!objectId) return null;
    const { result, exceptionDetails } = await client.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
      arguments: [{ value: arg }],
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await client.detach();
  }
}

/** The text of a closed shadow root (or of `inner` inside it); '' when there is none. */
export async function shadowText(page: Page, hostSelector: string, inner = ':host, *'): Promise<string> {
  const text = await inShadow(page, hostSelector, (root, selector) => (selector === ':host, *' ? root.textContent : root.querySelector(selector)?.textContent) ?? '', inner);
  return text ?? '';
}

/** Waits until `predicate(text)` holds for the shadow root's text, polling (no timed assertion). */
export async function waitForShadowText(page: Page, hostSelector: string, predicate: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await shadowText(page, hostSelector);
    if (predicate(text)) return text;
    if (Date.now() > deadline) throw new Error(`Shadow root of ${hostSelector} never matched; its text: ${JSON.stringify(text)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A real mouse click (a trusted event) at the centre of the button inside the shadow root whose text matches. */
export async function clickInShadow(page: Page, hostSelector: string, buttonText: RegExp): Promise<void> {
  const box = await inShadow(
    page,
    hostSelector,
    (root, pattern) => {
      const button = [...root.querySelectorAll('button')].find((b) => new RegExp(pattern).test(b.textContent ?? '') && !b.hidden);
      if (!button) return null;
      const rect = button.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    },
    buttonText.source,
  );
  if (!box) throw new Error(`No button ${buttonText} in ${hostSelector}`);
  await page.mouse.click(box.x, box.y);
}
