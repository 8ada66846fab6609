import type { LanguageCode } from './provider';

/**
 * franc's ISO 639-3 codes → our BCP 47 codes, for the Latin-script languages Xiaohongshu readers
 * and commenters plausibly write. The build keeps only these languages' trigram data in the bundle
 * (wxt.config.ts), which is the same as passing them as franc's `only` option.
 */
export const FRANC_TO_BCP47: Record<string, LanguageCode> = {
  eng: 'en',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  vie: 'vi',
  zlm: 'ms',
  ind: 'id',
  nld: 'nl',
  tur: 'tr',
  pol: 'pl',
  tgl: 'tl',
};
