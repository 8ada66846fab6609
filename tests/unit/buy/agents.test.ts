import { describe, expect, it } from 'vitest';
import bundled from '../../../lib/buy/agents.json';
import { AgentsFileSchema, REFERRAL_PARAMETERS } from '../../../lib/buy/agents-schema';
import { AGENTS, agentLink, itemUrl, pickedAgents } from '../../../lib/buy/agents';

const ITEM = '727851748466';

describe('buying agents as data', () => {
  it('the bundled file passes its schema, every entry with a source and a date', () => {
    const parsed = AgentsFileSchema.safeParse(bundled);
    expect(parsed.success).toBe(true);
    for (const agent of AGENTS) {
      expect(agent.source.ref.length).toBeGreaterThan(5);
      expect(agent.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(AGENTS.map((agent) => agent.id)).size).toBe(AGENTS.length);
  });

  it('refuses a template with a referral parameter', () => {
    const bad = { ...bundled, agents: [{ ...bundled.agents[0]!, templates: { taobao: 'https://x.example/buy?url={url}&partnercode=ABC', tmall: 'https://x.example/buy?url={url}' } }] };
    const parsed = AgentsFileSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
  });

  // The shapes the agents' own converters write (sources in agents.json), without their referral codes.
  it.each([
    ['superbuy', 'taobao', `https://www.superbuy.com/en/page/buy?from=search-input&url=${encodeURIComponent(`https://item.taobao.com/item.htm?id=${ITEM}`)}`],
    ['cssbuy', 'taobao', `https://www.cssbuy.com/item-${ITEM}`],
    ['sugargoo', 'tmall', `https://www.sugargoo.com/#/home/productDetail?productLink=${encodeURIComponent(encodeURIComponent(`https://detail.tmall.com/item.htm?id=${ITEM}`))}`],
    ['cnfans', 'tmall', `https://cnfans.com/product/?shop_type=taobao&id=${ITEM}`],
    ['kakobuy', 'taobao', `https://www.kakobuy.com/item/details?url=${encodeURIComponent(`https://item.taobao.com/item.htm?id=${ITEM}`)}`],
    ['acbuy', 'taobao', `https://www.acbuy.com/product?id=${ITEM}&source=TB`],
  ] as const)('%s, a %s item', (id, platform, expected) => {
    const agent = AGENTS.find((candidate) => candidate.id === id)!;
    expect(agentLink(agent, platform, ITEM)).toBe(expected);
  });

  it('every link is https, on the agent’s own site, and carries no referral or affiliate parameter', () => {
    for (const agent of AGENTS) {
      for (const platform of ['taobao', 'tmall', 'tmall-hk'] as const) {
        const link = new URL(agentLink(agent, platform, ITEM)!);
        expect(link.protocol).toBe('https:');
        const params = [...link.searchParams.keys(), ...new URLSearchParams(link.hash.split('?')[1] ?? '').keys()].map((key) => key.toLowerCase());
        expect(params.filter((key) => REFERRAL_PARAMETERS.includes(key))).toEqual([]);
        expect(decodeURIComponent(decodeURIComponent(link.href))).toContain(ITEM);
      }
    }
  });

  it('none is picked by default; picks keep the data’s order and skip unknown ids', () => {
    expect(pickedAgents([])).toEqual([]);
    expect(pickedAgents(['cssbuy', 'nonexistent', 'superbuy']).map((agent) => agent.id)).toEqual(['superbuy', 'cssbuy']);
  });

  it('refuses ids that are not item ids', () => {
    expect(agentLink(AGENTS[0]!, 'taobao', '12"><script>')).toBeUndefined();
    expect(itemUrl('tmall-hk', ITEM)).toBe(`https://detail.tmall.hk/hk/item.htm?id=${ITEM}`);
  });
});
