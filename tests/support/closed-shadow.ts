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

/** The text in the shadow root of our element `[data-zc-ui=ui]` (its styles left out), '' when absent. */
export async function shadowText(page: Page, ui: string): Promise<string> {
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
