import { describe, expect, it } from 'vitest';
import { currencyChange, destinationChange } from '../../../lib/settings/currency';

describe('the currency follows the destination until the user picks one', () => {
  it.each([
    ['GB', 'GBP'],
    ['CA', 'CAD'],
    ['DE', 'EUR'],
    ['JP', 'JPY'],
  ] as const)('a new destination %s brings %s along', (destination, currency) => {
    expect(destinationChange({ currencyChosen: false }, destination)).toEqual({ destination, currency });
  });

  it('keeps a currency the user chose', () => {
    expect(destinationChange({ currencyChosen: true }, 'GB')).toEqual({ destination: 'GB' });
  });

  it('a pick of another currency is remembered; picking the destination’s own hands it back', () => {
    expect(currencyChange('USD', 'GB')).toEqual({ currency: 'USD', currencyChosen: true });
    expect(currencyChange('GBP', 'GB')).toEqual({ currency: 'GBP', currencyChosen: false });
  });
});
