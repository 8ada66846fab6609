import type { Currency, Destination, Settings } from './schema';

/** The currency people pay in at each destination we quote to. */
export const DESTINATION_CURRENCY: Readonly<Record<Destination, Currency>> = {
  US: 'USD',
  GB: 'GBP',
  CA: 'CAD',
  AU: 'AUD',
  JP: 'JPY',
  SG: 'SGD',
  MY: 'MYR',
  DE: 'EUR',
  FR: 'EUR',
  IT: 'EUR',
  ES: 'EUR',
  NL: 'EUR',
  IE: 'EUR',
};

/**
 * The settings change for a new destination: the currency comes along with it unless the user
 * chose a currency of their own (a Briton in Ireland may still want pounds).
 */
export function destinationChange(settings: Pick<Settings, 'currencyChosen'>, destination: Destination): Partial<Settings> {
  return settings.currencyChosen ? { destination } : { destination, currency: DESTINATION_CURRENCY[destination] };
}

/** The settings change for a currency the user picked: from then on it stays when the destination moves. */
export function currencyChange(currency: Currency, destination: Destination): Partial<Settings> {
  // Picking the destination's own currency again hands the choice back to the destination.
  return { currency, currencyChosen: DESTINATION_CURRENCY[destination] !== currency };
}
