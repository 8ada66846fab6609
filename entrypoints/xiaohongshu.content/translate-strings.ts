import { defineStrings, translator, type UiLanguage } from '../../lib/i18n/index';

/** What the note's translation bar and lines say, in the interface language the user chose. */
export const TRANSLATE_STRINGS = defineStrings({
  en: {
    barLabel: 'Zhongcao translation',
    hide: 'Hide translation',
    show: 'Show translation',
    translating: 'Translating…',
    more: 'Translate {count} more comments',
    download: 'Download on-device translation',
    downloadAgain: 'Try the download again',
    downloading: 'Downloading…',
    downloadingPercent: 'Downloading… {percent}%',
    downloadFailed: 'Download failed: {reason}',
    translatedBy: 'Translated by {names}',
    readingOnly: 'Word-by-word reading from a dictionary, not a translation',
    savedEarlier: ' (saved earlier)',
    and: ' and ',
    failed: '{name} {reason} — {showing}',
    seeOptions: 'details in Zhongcao’s options',
    showingGlossary: 'showing the word-by-word reading',
    showingOriginal: 'showing the original only',
    using: 'using {name} instead',
    'reason.unavailable': 'is not set up',
    'reason.needs-user-action': 'needs your attention in the options page',
    'reason.timeout': 'did not answer in time, even when asked again',
    'reason.network': 'could not be reached',
    'reason.http': 'answered with an error',
    'reason.bad-response': 'answered with something that is not a translation',
    'reason.over-budget': 'reached your translation character budget',
    'reason.aborted': 'was cancelled',
    'provider.on-device': 'On-device translation',
    'provider.endpoint:libretranslate': 'LibreTranslate',
    'provider.endpoint:deepl': 'DeepL',
    'provider.endpoint:openai': 'The chat endpoint',
    'provider.web:google': 'Google Translate',
    'provider.web:microsoft': 'Microsoft Translator',
    'provider.glossary': 'the word-by-word reading',
  },
  'zh-CN': {
    barLabel: 'Zhongcao 翻译',
    hide: '隐藏翻译',
    show: '显示翻译',
    translating: '翻译中…',
    more: '翻译其余 {count} 条评论',
    download: '下载本机翻译模型',
    downloadAgain: '重新下载',
    downloading: '下载中…',
    downloadingPercent: '下载中… {percent}%',
    downloadFailed: '下载失败：{reason}',
    translatedBy: '由{names}翻译',
    readingOnly: '逐词释义（来自词典，并非翻译）',
    savedEarlier: '（之前保存的）',
    and: '和',
    failed: '{name}{reason}——{showing}',
    seeOptions: '详情见 Zhongcao 设置',
    showingGlossary: '显示逐词释义',
    showingOriginal: '只显示原文',
    using: '改用{name}',
    'reason.unavailable': '尚未设置',
    'reason.needs-user-action': '需要你在设置页处理',
    'reason.timeout': '多次请求都没有及时回应',
    'reason.network': '无法连接',
    'reason.http': '返回了错误',
    'reason.bad-response': '返回的不是译文',
    'reason.over-budget': '已用完你设定的翻译字符额度',
    'reason.aborted': '已取消',
    'provider.on-device': '本机翻译',
    'provider.endpoint:libretranslate': 'LibreTranslate',
    'provider.endpoint:deepl': 'DeepL',
    'provider.endpoint:openai': '聊天模型接口',
    'provider.web:google': '谷歌翻译',
    'provider.web:microsoft': '微软翻译',
    'provider.glossary': '逐词释义',
  },
});

export type TranslateStringKey = keyof (typeof TRANSLATE_STRINGS)['en'];
export type TranslateText = (key: TranslateStringKey, values?: Record<string, string | number>) => string;

export function translateText(language: UiLanguage): TranslateText {
  return translator(TRANSLATE_STRINGS, language);
}

/** "LibreTranslate", "谷歌翻译": a provider's name in the interface language, or its id when it has none. */
export function providerName(id: string, text: TranslateText): string {
  const key = `provider.${id}` as TranslateStringKey;
  const name = text(key);
  return name === key ? id : name;
}
