import { defineStrings } from '../i18n/index';

/**
 * The offline reading's words for the reader. It is called a reading, never a translation: it
 * gives each word's dictionary meaning in the text's order, which is not what the sentence says.
 */
export const READING_STRINGS = defineStrings({
  en: {
    label: 'Word-by-word reading',
    hint: 'Each word looked up in a dictionary (CC-CEDICT and a shopping glossary), not a translation. Hover a word for its pinyin, or Tab to the line and use the arrow keys.',
  },
  'zh-CN': {
    label: '逐词释义',
    hint: '逐词查词典（CC-CEDICT 与购物词表）得到的释义，不是翻译。鼠标悬停可看拼音，也可用 Tab 键移到这一行，再用方向键逐词查看。',
  },
});
