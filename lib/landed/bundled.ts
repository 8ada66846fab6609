import { parseLandedFiles, provideLandedBundle, type LandedBundle } from './bundled-data';
import type { RateCard } from './rate-card';
import type { FxRates, TaxRule } from './tax-rule';
import rateCardsJson from './data/rate-cards.json';
import taxRulesJson from './data/tax-rules.json';
import fxRatesJson from './data/fx-rates.json';

/**
 * The data shipped with the extension, read from its JSON files: rate cards, tax rules and exchange
 * rates, each dated with its source. Parsed once (which also applies schema defaults); importing this
 * module also provides them to `loadLandedBundle()` (Node, the options page). A test keeps the files valid.
 */

let parsed: LandedBundle | undefined;
function bundle(): LandedBundle {
  parsed ??= parseLandedFiles({ cards: rateCardsJson, rules: taxRulesJson, fx: fxRatesJson });
  return parsed;
}
provideLandedBundle(bundle());

export function bundledRateCards(): RateCard[] {
  return bundle().cards;
}

export function bundledTaxRules(): TaxRule[] {
  return bundle().taxRules;
}

export function bundledFxRates(): FxRates {
  return bundle().fx;
}
