import { RateCardFileSchema, type RateCard } from './rate-card';
import { FxRatesSchema, TaxRulesFileSchema, type FxRates, type TaxRule } from './tax-rule';

/**
 * The rate cards, tax rules and exchange rates shipped with the extension, without importing their
 * JSON: Node (tests, command line) provides them from the files (`bundled.ts`), the background loads
 * them from a packaged asset (`bundled-asset.ts`), so the service worker's bundle does not carry them.
 */

export interface LandedBundle {
  cards: RateCard[];
  taxRules: TaxRule[];
  fx: FxRates;
}

/** The three data files as read, before validation (schema defaults are applied when parsed). */
export interface LandedFiles {
  cards: unknown;
  rules: unknown;
  fx: unknown;
}

let bundle: LandedBundle | undefined;
let loader: (() => Promise<LandedFiles>) | undefined;
let loading: Promise<LandedBundle> | undefined;

export function parseLandedFiles(files: LandedFiles): LandedBundle {
  return {
    cards: RateCardFileSchema.parse(files.cards).cards,
    taxRules: TaxRulesFileSchema.parse(files.rules).rules,
    fx: FxRatesSchema.parse(files.fx),
  };
}

export function provideLandedBundle(provided: LandedBundle): void {
  bundle = provided;
}

export function setLandedBundleLoader(load: () => Promise<LandedFiles>): void {
  loader = load;
}

export async function loadLandedBundle(): Promise<LandedBundle> {
  if (bundle) return bundle;
  if (!loader) throw new Error('No rate-card source: import landed/bundled-asset (extension) or landed/bundled (Node) first.');
  loading ??= loader().then(
    (files) => (bundle = parseLandedFiles(files)),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
