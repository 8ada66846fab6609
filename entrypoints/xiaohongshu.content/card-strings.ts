import { defineStrings } from '../../lib/i18n';

/** The product card's strings; page text (names, queries) is inserted only as text nodes. */
export const cardStrings = defineStrings({
  en: {
    findOnTaobao: 'Find on Taobao',
    landedCost: 'Landed cost',
    searchOn: 'Search {query} on Taobao',
    quoted: 'Price in the note: {price}',
    brand: 'Brand: {brand}',
    opening: 'Opening…',
    openingTaobao: 'Opening Taobao…',
    label: 'Zhongcao: {name}',
  },
  'zh-CN': {
    findOnTaobao: '在淘宝查找',
    landedCost: '到手价',
    searchOn: '在淘宝搜索「{query}」',
    quoted: '笔记中的价格：{price}',
    brand: '品牌：{brand}',
    opening: '正在打开…',
    openingTaobao: '正在打开淘宝…',
    label: '种草：{name}',
  },
});

/**
 * A brand id as people write the name (`the-north-face` → The North Face): the content script
 * carries no brand list, and the id is built from the brand's Latin name.
 */
export function brandDisplayName(id: string): string {
  // Short names are initials (lg → LG, 3m → 3M); longer ones are words (li-ning → Li Ning).
  if (/^[a-z0-9]{1,3}$/.test(id)) return id.toUpperCase();
  return id
    .split('-')
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}
