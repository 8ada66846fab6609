import { RateCardFileSchema, type RateCard } from './rate-card';
import { FxRatesSchema, TaxRulesFileSchema, type FxRates, type TaxRule } from './tax-rule';
import rateCardsJson from './data/rate-cards.json';
import taxRulesJson from './data/tax-rules.json';
import fxRatesJson from './data/fx-rates.json';

/**
 * The data shipped with the extension: rate cards, tax rules and exchange rates, each dated with
 * its source. Parsed once (which also applies schema defaults); a test keeps the files valid.
 */

let cards: RateCard[] | undefined;
let rules: TaxRule[] | undefined;
let fx: FxRates | undefined;

export function bundledRateCards(): RateCard[] {
  cards ??= RateCardFileSchema.parse(rateCardsJson).cards;
  return cards;
}

export function bundledTaxRules(): TaxRule[] {
  rules ??= TaxRulesFileSchema.parse(taxRulesJson).rules;
  return rules;
}

export function bundledFxRates(): FxRates {
  fx ??= FxRatesSchema.parse(fxRatesJson);
  return fx;
}
