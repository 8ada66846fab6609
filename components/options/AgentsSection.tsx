import { useMemo } from 'preact/hooks';
import { AGENTS } from '../../lib/buy/agents';
import { defineStrings, translator } from '../../lib/i18n';
import type { SectionProps } from './services';

/** Its own strings, so the section grows without touching the options page's table. */
export const AGENT_STRINGS = defineStrings({
  en: {
    heading: 'Buying agents',
    intro:
      'A buying agent buys the item on Taobao for you, checks it in its warehouse and ships it abroad. Pick the ones you use: each listing in the popup then offers “Buy via …” with a link to that agent’s page for the item. None is picked for you, and Zhongcao never adds a referral or affiliate code.',
    source: 'Link format from {source} ({ref}), checked {date}.',
    none: 'No agent picked: listings show the Taobao page and the steps for Taobao’s own consolidated shipping.',
  },
  'zh-CN': {
    heading: '代购',
    intro: '代购会替你在淘宝下单、在仓库验货并寄往海外。选择你使用的代购：弹出窗口中的每个商品会提供“通过代购购买”链接，打开该代购的商品页。默认不选任何代购，种草也从不添加推荐码或联盟参数。',
    source: '链接格式来源：{source}（{ref}），核对于 {date}。',
    none: '未选择代购：商品只显示淘宝页面和淘宝官方集运的步骤。',
  },
});

export function AgentsSection({ settings, language, update }: SectionProps) {
  const t = useMemo(() => translator(AGENT_STRINGS, language), [language]);
  const picked = new Set(settings.buyingAgents);
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...picked, id] : [...picked].filter((other) => other !== id);
    // Saved in the data's order, so the popup lists them the same way.
    void update({ buyingAgents: AGENTS.map((agent) => agent.id).filter((agentId) => next.includes(agentId)) });
  };
  return (
    <section id="agents" aria-labelledby="agents-heading">
      <h2 id="agents-heading">{t('heading')}</h2>
      <p>{t('intro')}</p>
      <ul class="zc-agents" data-testid="agents">
        {AGENTS.map((agent) => (
          <li key={agent.id}>
            <label class="zc-check">
              <input type="checkbox" name={`agent-${agent.id}`} checked={picked.has(agent.id)} onChange={(event) => toggle(agent.id, event.currentTarget.checked)} />
              {agent.name}
            </label>
            <small class="zc-muted">{t('source', { source: agent.source.name, ref: agent.source.ref, date: agent.checked })}</small>
          </li>
        ))}
      </ul>
      {picked.size === 0 && <p class="zc-muted">{t('none')}</p>}
    </section>
  );
}
