import { franc } from 'franc-min';
import type { LanguageCode } from './provider';
import { FRANC_TO_BCP47 } from './franc-languages';

/**
 * franc's guess for Latin-script text, restricted to the languages Xiaohongshu readers and
 * commenters plausibly write. Imported only by the background and extension pages (see
 * `language.ts`): franc-min is about 110 kB, far more than the rest of the content script.
 */

const ONLY = Object.keys(FRANC_TO_BCP47);

/**
 * franc reads trigrams, and a two-word comment has too few of them: it calls "So cute" Italian.
 * Short texts that contain a very common English word are English; beyond this length franc does well.
 */
const SHORT_TEXT_LETTERS = 40;
const COMMON_ENGLISH = new Set(
  // Words that are English in every language we expect ("no", "me", "a", "so" are not).
  ('the and but is are was it this that you my we they not yes love like want need cute nice ' +
    'good great cool omg wow please pls link where how what buy does did have has got get thanks ' +
    'thank beautiful pretty amazing')
    .split(' '),
);

export async function detectLatinLanguage(text: string): Promise<LanguageCode> {
  const words = text.toLowerCase().match(/\p{Script=Latin}+/gu) ?? [];
  const letters = words.reduce((sum, word) => sum + word.length, 0);
  if (letters < SHORT_TEXT_LETTERS && words.some((word) => COMMON_ENGLISH.has(word))) return 'en';
  const guess = franc(text, { only: ONLY, minLength: 3 });
  return FRANC_TO_BCP47[guess] ?? 'und';
}
