import { translator, defineStrings } from '../../lib/i18n';
import { usePopupEnv } from './env';

/**
 * Strings of the popup's buying parts (where the note says to buy, "Buy via", the suggested
 * listing, amounts typed): a table of their own, so they grow without touching the popup's.
 */
export const buyStrings = defineStrings({
  en: {
    readAs: 'Read as {amount}',
    readAsOther: 'Read as {amount}: the landed total is converted to {currency} to compare',
    whereToBuy: 'Where the note says to buy',
    shareCode: 'Taobao share code',
    hint: 'Buying hint',
    shareCodeHow: 'Copy it, then open the Taobao app: it offers to open the item. A forwarder’s “paste a link” box does not take it.',
    shopName: 'Shop',
    searchShop: 'Search this shop on Taobao',
    itemLink: 'Item link',
    openItem: 'Open the item page',
    openItemHint: 'Opening it lets Zhongcao read the listing, so it can be quoted here.',
    shortLink: 'Short link (opens Taobao)',
    fromComment: 'from a comment by {author}',
    fromCaption: 'from the caption',
    fromTitle: 'from the title',
    fromTags: 'from the tags',
    translated: 'Word-by-word reading: {text}',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy: select the text and copy it yourself.',
    buyVia: 'Buy via…',
    buyViaAgent: 'Buy via {agent}',
    buyNoAgents: 'Pick the buying agents you use in the options to get “Buy via” links here.',
    chooseAgents: 'Choose agents',
    copyLink: 'Copy link',
    agentSource: '{agent} link format from {source}, checked {date}',
    consolidationSteps: 'Buy on Taobao yourself and ship through Cainiao',
    suggested: 'Suggested: the top match nearest the note’s price ({price})',
    suggestedBadge: 'suggested',
    suggestedWhy: 'Among the best matches, this listing’s price is the closest to the {price} the note quotes for this product.',
    quotingNotePrice: 'Quoting the note’s price for this product ({price}) until you pick a listing.',
    focused: 'The product you pointed at on the note',
    settings: 'Settings',
  },
  'zh-CN': {
    readAs: '识别为 {amount}',
    readAsOther: '识别为 {amount}：到手价换算成 {currency} 后比较',
    whereToBuy: '笔记里说的购买渠道',
    shareCode: '淘口令',
    hint: '购买提示',
    shareCodeHow: '复制后打开手机淘宝，会提示打开商品。代购网站的“粘贴链接”不接受淘口令。',
    shopName: '店铺',
    searchShop: '在淘宝搜索这家店',
    itemLink: '商品链接',
    openItem: '打开商品页',
    openItemHint: '打开后种草会读取这个商品，便于在这里计算到手价。',
    shortLink: '短链接（打开淘宝）',
    fromComment: '来自 {author} 的评论',
    fromCaption: '来自正文',
    fromTitle: '来自标题',
    fromTags: '来自话题标签',
    translated: '逐词释义：{text}',
    copy: '复制',
    copied: '已复制',
    copyFailed: '无法复制：请手动选中文字复制。',
    buyVia: '通过代购购买…',
    buyViaAgent: '通过 {agent} 购买',
    buyNoAgents: '在设置中选择你使用的代购，这里就会出现“通过代购购买”的链接。',
    chooseAgents: '选择代购',
    copyLink: '复制链接',
    agentSource: '{agent} 链接格式来源：{source}，核对于 {date}',
    consolidationSteps: '自己在淘宝下单，用菜鸟集运寄出',
    suggested: '推荐：与笔记价格（{price}）最接近的高匹配商品',
    suggestedBadge: '推荐',
    suggestedWhy: '在最匹配的商品中，这个商品的价格最接近笔记为这个产品给出的 {price}。',
    quotingNotePrice: '在你选择商品前，按笔记中这个产品的价格（{price}）计算。',
    focused: '你在笔记中指向的产品',
    settings: '设置',
  },
});

export type BuyStringKey = keyof (typeof buyStrings)['en'];

export function useBuyStrings() {
  const { language } = usePopupEnv();
  return translator(buyStrings, language);
}
