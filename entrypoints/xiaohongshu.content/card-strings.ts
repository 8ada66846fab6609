import { defineStrings } from '../../lib/i18n/index';

/** The product card's words, in the interface language the user chose. */
export const CARD_STRINGS = defineStrings({
  en: {
    find: 'Find on Taobao',
    landed: 'Landed cost',
    opening: 'Opening…',
    openingTaobao: 'Opening Taobao…',
    search: 'Search {query}',
    quoted: 'Quoted in the note: ¥{price}',
    label: 'Zhongcao: {name}',
  },
  'zh-CN': {
    find: '在淘宝搜索',
    landed: '到手价',
    opening: '正在打开…',
    openingTaobao: '正在打开淘宝…',
    search: '搜 {query}',
    quoted: '笔记里的价格：¥{price}',
    label: '种草：{name}',
  },
});
