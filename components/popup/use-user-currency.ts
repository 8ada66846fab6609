import { convertFen, toFen } from '../../lib/landed/money';
import { formatMoney } from '../../lib/popup/format';
import { usePopupEnv } from './env';

/** A CNY amount written in the user's currency with the current rates, or undefined without rates. */
export function useUserCurrency(): (cny: number) => string | undefined {
  const { quoteContext, settings, language } = usePopupEnv();
  return (cny) => {
    if (!quoteContext || settings.currency === 'CNY') return undefined;
    try {
      return formatMoney(convertFen(toFen(cny), settings.currency, quoteContext.fx), settings.currency, language);
    } catch {
      return undefined; // no rate for that currency: the CNY price stands alone
    }
  };
}
