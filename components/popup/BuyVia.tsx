import { browser } from 'wxt/browser';
import { agentLink, pickedAgents, type ItemPlatform } from '../../lib/buy/agents';
import { httpsUrl } from '../../lib/dom/safe-url';
import { useBuyStrings } from './buy-strings';
import { CopyButton } from './CopyButton';
import { usePopupEnv } from './env';

/** The steps to buy on Taobao yourself and ship through Cainiao's consolidation (shared/reference/shops.md). */
const CAINIAO_STEPS = {
  en: [
    'Open the item on Taobao (the app or taobao.com) and sign in; a Taobao account takes a phone number from abroad.',
    'Before paying, pick Cainiao consolidation (集运) for your country as the address: Taobao fills in Cainiao’s warehouse in China, so the seller ships there for the domestic price.',
    'Pay with Alipay: it takes Visa and Mastercard cards from abroad.',
    'When your parcels have reached the warehouse, open 集运 in the app, put them in one parcel and pay the international freight: the Cainiao lines in the table above are its published prices.',
  ],
  'zh-CN': [
    '在淘宝（App 或 taobao.com）打开商品并登录；海外手机号也可以注册淘宝账号。',
    '付款前把收货地址选为你所在国家的菜鸟集运地址：淘宝会自动填入菜鸟国内仓库，卖家按国内运费发到仓库。',
    '用支付宝付款：支持海外 Visa 和 Mastercard 卡。',
    '包裹到仓后，在 App 的“集运”里合并成一个包裹并支付国际运费：上表中的菜鸟线路就是它公布的价格。',
  ],
} as const;

/**
 * "Buy via …" for one listing: a link to the item's page at each agent the user picked in the
 * options (none until they pick), with Copy, and the steps for Taobao's own consolidated shipping.
 */
export function BuyVia({ platform, itemId }: { platform: ItemPlatform; itemId: string }) {
  const { settings, language } = usePopupEnv();
  const t = useBuyStrings();
  const agents = pickedAgents(settings.buyingAgents);
  return (
    <details class="zc-buy-via" data-testid="buy-via">
      <summary>{t('buyVia')}</summary>
      {agents.length === 0 ? (
        <p class="zc-muted">
          {t('buyNoAgents')}{' '}
          <a href={browser.runtime.getURL('/options.html#agents')} target="_blank" rel="noopener">
            {t('chooseAgents')}
          </a>
        </p>
      ) : (
        <ul class="zc-agent-links">
          {agents.map((agent) => {
            // The same https-only gate as every other link we render.
            const link = httpsUrl(agentLink(agent, platform, itemId));
            if (!link) return null;
            return (
              <li key={agent.id}>
                <a href={link} target="_blank" rel="noreferrer noopener" data-testid="agent-link" data-agent={agent.id}>
                  {t('buyViaAgent', { agent: agent.name })}
                </a>{' '}
                <CopyButton text={link} label={t('copyLink')} />
                <small class="zc-muted">{t('agentSource', { agent: agent.name, source: agent.source.name, date: agent.checked })}</small>
              </li>
            );
          })}
        </ul>
      )}
      <details class="zc-cainiao">
        <summary>{t('consolidationSteps')}</summary>
        <ol>
          {CAINIAO_STEPS[language].map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ol>
      </details>
    </details>
  );
}
