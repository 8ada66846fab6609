import type { AttributesFile, BrandsFile, CategoriesFile, ShoppingFile, VariantsFile } from './lexicon/schema';

/**
 * The lexicon's data files, in one place. They are big (about 60 KB gzipped), so extension
 * contexts load them at run time from a packaged asset (`lexicon-asset.ts`) instead of carrying
 * them in every bundle; Node (tests, command line, benchmarks) provides them from the JSON files
 * (`lexicon-bundled.ts`). Code that needs categories, brands or variants calls `lexiconData()`,
 * after `await loadLexiconData()` in an extension context.
 */
export interface LexiconData {
  categories: CategoriesFile;
  brands: BrandsFile;
  attributes: AttributesFile;
  shopping: ShoppingFile;
  variants: VariantsFile;
}

let data: LexiconData | undefined;
let loading: Promise<LexiconData> | undefined;
let loader: (() => Promise<LexiconData>) | undefined;

export function provideLexiconData(provided: LexiconData): void {
  data = provided;
}

/** Where extension contexts get the data from (set by `lexicon-asset.ts`). */
export function setLexiconLoader(load: () => Promise<LexiconData>): void {
  loader = load;
}

export async function loadLexiconData(): Promise<LexiconData> {
  if (data) return data;
  if (!loader) throw new Error('No lexicon source: import lexicon-asset (extension) or lexicon-bundled (Node) first.');
  loading ??= loader().then(
    (loaded) => (data = loaded),
    (error: unknown) => {
      // Let the next call try again rather than remember the failure forever.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function lexiconData(): LexiconData {
  if (!data) throw new Error('The lexicon is not loaded yet: await loadLexiconData() first.');
  return data;
}
