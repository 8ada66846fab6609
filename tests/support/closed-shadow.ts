import type { CDPSession, Page } from 'puppeteer-core';

/**
 * Our UI in pages lives in closed shadow roots, out of the page's reach — and of `element.shadowRoot`
 * in tests. The DevTools protocol still sees them (`DOM.getDocument` with `pierce`), so tests read
 * them and click in them as the user would: a real mouse click at the button's place, which the
 * page sees as trusted.
 */

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
const session = (page: Page) => {
  let existing = sessions.get(page);
  if (!existing) {
    existing = page.createCDPSession();
    sessions.set(page, existing);
  }
  return existing;
};

const attribute = (node: CdpNode, name: string) => {
  const attributes = node.attributes ?? [];
  for (let index = 0; index < attributes.length; index += 2) if (attributes[index] === name) return attributes[index + 1];
  return undefined;
};

async function hostsOf(page: Page, ui: string): Promise<CdpNode[]> {
  const client = await session(page);
  const { root } = (await client.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const found: CdpNode[] = [];
  const walk = (node: CdpNode) => {
    if (attribute(node, 'data-zc-ui') === ui) found.push(node);
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child);
  };
  walk(root);
  return found;
}

async function textOfUi(page: Page, ui: string): Promise<string> {
  const [host] = await hostsOf(page, ui);
  if (!host) return '';
  let text = '';
  const walk = (node: CdpNode) => {
    if (node.nodeName === 'STYLE') return;
    if (node.nodeType === 3) text += node.nodeValue;
    for (const child of node.children ?? []) walk(child);
  };
  for (const shadow of host.shadowRoots ?? []) walk(shadow);
  return text;
}

export interface ShadowButton {
  text: string;
  hidden: boolean;
  backendNodeId: number;
}

export async function shadowButtons(page: Page, ui: string): Promise<ShadowButton[]> {
  const [host] = await hostsOf(page, ui);
  const buttons: ShadowButton[] = [];
  const textOf = (node: CdpNode): string => (node.nodeType === 3 ? node.nodeValue : (node.children ?? []).map(textOf).join(''));
  const walk = (node: CdpNode) => {
    if (node.nodeName === 'BUTTON') buttons.push({ text: textOf(node), hidden: attribute(node, 'hidden') !== undefined, backendNodeId: node.backendNodeId });
    for (const child of node.children ?? []) walk(child);
  };
  for (const shadow of host?.shadowRoots ?? []) walk(shadow);
  return buttons;
}

/** Runs `fn` (source text, `this` = the node) on a node in a closed shadow root and returns its JSON result. */
export async function onShadowNode<T>(page: Page, backendNodeId: number, fn: string): Promise<T> {
  const client = await session(page);
  const { object } = (await client.send('DOM.resolveNode', { backendNodeId })) as { object: { objectId: string } };
  const { result } = (await client.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: fn, returnByValue: true })) as { result: { value: T } };
  return result.value;
}

/** Clicks the visible button whose text matches, with the mouse, as a user would. */
export async function clickShadowButton(page: Page, ui: string, label: RegExp): Promise<void> {
  const button = (await shadowButtons(page, ui)).find((candidate) => !candidate.hidden && label.test(candidate.text));
  if (!button) throw new Error(`No visible button ${label} in [data-zc-ui=${ui}]`);
  const client = await session(page);
  await client.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: button.backendNodeId });
  const { model } = (await client.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId })) as { model: { content: number[] } };
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

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

/**
 * The text of a closed shadow root, its styles left out: `host` is our element's `data-zc-ui` name
 * (`translate-bar`) or a selector for its host; with `inner`, the text of that element inside it.
 */
export async function shadowText(page: Page, host: string, inner?: string): Promise<string> {
  if (!inner && /^[\w-]+$/.test(host)) return textOfUi(page, host);
  const selector = /^[\w-]+$/.test(host) ? `[data-zc-ui="${host}"]` : host;
  const text = await inShadow(
    page,
    selector,
    (root, within) => {
      const scope = within ? root.querySelector(within) : root;
      if (!scope) return '';
      let collected = '';
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest('style')) collected += node.nodeValue ?? '';
      return collected;
    },
    inner ?? '',
  );
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
