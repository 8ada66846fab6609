import type { LanguageCode } from './provider';

/**
 * Which language a block of text is in, cheaply. The writing system decides almost every block on
 * Xiaohongshu (Han, Kana, Hangul, Cyrillic…); only Latin-script text needs a statistical guess,
 * which `franc-detector.ts` makes.
 *
 * Where franc runs: WXT builds content scripts as single IIFE files and Vite turns code splitting
 * off for IIFE output, so a dynamic `import()` there is inlined and would put franc-min (about
 * 110 kB) into every Xiaohongshu page. This module therefore never references franc: callers pass a
 * `LatinDetector`. The background and extension pages import `franc-detector.ts` (extension pages
 * can `await import()` it and get a separate chunk); the content script passes a detector that asks
 * the background by message, and only for Latin-script blocks.
 */

/** Guesses the language of Latin-script text; resolves `und` when unsure. */
export type LatinDetector = (text: string) => Promise<LanguageCode>;

export type ScriptVerdict =
  /** The writing system alone tells the language. */
  | { kind: 'language'; language: LanguageCode }
  /** Mostly Latin letters: English, French, Malay, pinyin slang… a statistical guess is needed. */
  | { kind: 'latin' }
  /** No letters at all (emoji, digits, punctuation): nothing to translate. */
  | { kind: 'no-letters' };

const HAN = /\p{Script=Han}/u;
const HIRAGANA_KATAKANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LATIN = /\p{Script=Latin}/u;
const SCRIPT_LANGUAGES: Array<[RegExp, LanguageCode]> = [
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Devanagari}/u, 'hi'],
];
const LETTER = /\p{L}/u;
/** Letters only Vietnamese uses (ơ, ư, đ and the stacked tone marks): no statistics needed. */
const VIETNAMESE_LETTERS = /[ơưđƠƯĐ\u1EA0-\u1EF9]/gu;
const VIETNAMESE_MIN_LETTERS = 2;

/**
 * Chinese posts borrow の for 的 ("我の日常") and the odd ヽ or ー in kaomoji, so a few kana do not
 * make a text Japanese; real Japanese has kana in a good share of its characters.
 */
const BORROWED_KANA = new Set(['の', 'ー', 'ヽ', 'ノ', 'ツ', 'シ', 'ω']);
const JAPANESE_KANA_SHARE = 0.15;

export function detectByScript(text: string): ScriptVerdict {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let latinWords = 0;
  let inLatinWord = false;
  const others = new Map<LanguageCode, number>();
  for (const char of text) {
    const latin = LATIN.test(char);
    if (latin && !inLatinWord) latinWords++;
    inLatinWord = latin;
    if (latin || !LETTER.test(char)) continue;
    if (HAN.test(char)) han++;
    else if (HIRAGANA_KATAKANA.test(char)) {
      if (!BORROWED_KANA.has(char)) kana++;
    } else if (HANGUL.test(char)) hangul++;
    else {
      const language = SCRIPT_LANGUAGES.find(([pattern]) => pattern.test(char))?.[1];
      if (language) others.set(language, (others.get(language) ?? 0) + 1);
    }
  }
  const cjk = han + kana + hangul;
  // One Han character carries about a word, so weigh characters against Latin words: "Nike卫衣yyds"
  // is Chinese with brand names, "love this 卫衣 so much" is English with one Chinese word.
  if (cjk > 0 && cjk >= latinWords) {
    if (hangul >= han && hangul >= kana) return { kind: 'language', language: 'ko' };
    if (kana > 0 && kana / cjk >= JAPANESE_KANA_SHARE) return { kind: 'language', language: 'ja' };
    return { kind: 'language', language: han >= hangul ? 'zh' : 'ko' };
  }
  let bestOther: [LanguageCode, number] | undefined;
  for (const entry of others) if (!bestOther || entry[1] > bestOther[1]) bestOther = entry;
  if (bestOther && bestOther[1] >= latinWords) return { kind: 'language', language: bestOther[0] };
  if (latinWords > 0) {
    const vietnamese = text.match(VIETNAMESE_LETTERS)?.length ?? 0;
    return vietnamese >= VIETNAMESE_MIN_LETTERS ? { kind: 'language', language: 'vi' } : { kind: 'latin' };
  }
  if (cjk > 0) return { kind: 'language', language: 'zh' };
  return { kind: 'no-letters' };
}

/** The language of `text`: by script, then by `detectLatin` for Latin text (`und` without one). */
export async function detectLanguage(text: string, detectLatin?: LatinDetector): Promise<LanguageCode> {
  const verdict = detectByScript(text);
  if (verdict.kind === 'language') return verdict.language;
  if (verdict.kind === 'no-letters' || !detectLatin) return 'und';
  return detectLatin(text);
}

/** `zh-Hans` and `zh` are the same language to a reader. */
export function primaryLanguage(code: LanguageCode): LanguageCode {
  return code.toLowerCase().split(/[-_]/)[0] ?? code;
}

/**
 * Whether `text` should be translated into `target`. Text without letters never is. Latin text
 * whose language cannot be told (no detector, or franc unsure) is left alone when the reader's own
 * language is written in Latin letters: it is most often English, brand names or pinyin slang,
 * which a translation request would only echo; the glossary still explains the slang.
 */
export async function needsTranslation(
  text: string,
  target: LanguageCode,
  detectLatin?: LatinDetector,
): Promise<boolean> {
  return isTranslationWanted(text, await detectLanguage(text, detectLatin), target);
}

/** `needsTranslation` for a language already detected, so a caller asks franc only once. */
export function isTranslationWanted(text: string, detected: LanguageCode, target: LanguageCode): boolean {
  if (detected === 'und') {
    return detectByScript(text).kind === 'latin' && !LATIN_SCRIPT_TARGETS.has(primaryLanguage(target));
  }
  return primaryLanguage(detected) !== primaryLanguage(target);
}

const LATIN_SCRIPT_TARGETS = new Set(['en', 'fr', 'de', 'es', 'it', 'pt', 'ms', 'id', 'vi', 'nl', 'tr', 'pl']);
