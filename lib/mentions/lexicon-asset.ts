import { browser } from 'wxt/browser';
import { setLexiconLoader, type LexiconData } from './lexicon-data';

/** The packaged asset wxt.config.ts writes from lib/mentions/lexicon/*.json at build time. */
export const LEXICON_ASSET = '/data/lexicon.json';

setLexiconLoader(async () => {
  // A generated asset, so it is not among WXT's typed public paths.
  const response = await fetch((browser.runtime.getURL as (path: string) => string)(LEXICON_ASSET));
  if (!response.ok) throw new Error(`Could not load the lexicon (${response.status})`);
  return (await response.json()) as LexiconData;
});
