import { formatMoney } from '../../lib/popup/format';
import { usePopupEnv } from './env';

/** A CNY amount written in the user's currency with the current rate, or undefined without one. */
export function useUserCurrency(): (cny: number) => string | undefined {
  const { fx, language } = usePopupEnv();
  return (cny) => (fx ? formatMoney(cny * fx.perCny, fx.currency, language) : undefined);
}
