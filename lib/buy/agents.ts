import bundled from './agents.json';
import type { Agent } from './agents-schema';

/**
 * Buying agents ("Buy via …"): each turns a Taobao or Tmall item into the address of its own page
 * for that item, where the user pays the agent, who buys, receives, photographs and ships it. The
 * formats are data (agents.json, held to agents-schema.ts by the unit tests), each with its source
 * and the date it was checked. None is picked until the user picks it in the options.
 */

export type { Agent };

export const AGENTS: readonly Agent[] = bundled.agents;

export type ItemPlatform = 'taobao' | 'tmall' | 'tmall-hk';

/** The item's own page, as agents want it pasted. */
export function itemUrl(platform: ItemPlatform, itemId: string): string {
  if (platform === 'taobao') return `https://item.taobao.com/item.htm?id=${itemId}`;
  if (platform === 'tmall-hk') return `https://detail.tmall.hk/hk/item.htm?id=${itemId}`;
  return `https://detail.tmall.com/item.htm?id=${itemId}`;
}

/** The agent's page for the item; undefined for an id that is not an item id. */
export function agentLink(agent: Agent, platform: ItemPlatform, itemId: string): string | undefined {
  if (!/^\d{5,20}$/.test(itemId)) return undefined;
  const url = itemUrl(platform, itemId);
  const pattern = platform === 'taobao' ? agent.templates.taobao : agent.templates.tmall;
  return pattern
    .replaceAll('{id}', itemId)
    .replaceAll('{url2}', encodeURIComponent(encodeURIComponent(url)))
    .replaceAll('{url}', encodeURIComponent(url));
}

/** The agents the user picked, in the data's order; unknown ids (an agent dropped from the data) are skipped. */
export function pickedAgents(ids: readonly string[]): Agent[] {
  const wanted = new Set(ids);
  return AGENTS.filter((agent) => wanted.has(agent.id));
}
