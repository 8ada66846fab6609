import attributes from './lexicon/attributes.json';
import brands from './lexicon/brands.json';
import categories from './lexicon/categories.json';
import shopping from './lexicon/shopping.json';
import variants from './lexicon/variants.json';
import { provideLexiconData, type LexiconData } from './lexicon-data';

/** The lexicon from the JSON files, for Node: tests, command-line tools and benchmarks. */
export const BUNDLED_LEXICON = { categories, brands, attributes, shopping, variants } as unknown as LexiconData;
provideLexiconData(BUNDLED_LEXICON);
