import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ZhongcaoDb } from '../../lib/db';
import { translator, type UiLanguage } from '../../lib/i18n';
import type { QuoteContext } from '../../lib/landed/quote';
import type { Connector } from '../../lib/messaging/connector';
import type { Settings } from '../../lib/settings';
import { popupStrings } from './strings';

/** What every part of the popup needs: one value passed down once instead of through every prop. */
export interface PopupEnv {
  connector: Connector;
  db: ZhongcaoDb;
  settings: Settings;
  language: UiLanguage;
  t: ReturnType<typeof translator<keyof (typeof popupStrings)['en']>>;
  /** `YYYY-MM-DD`: the quote date and the reference for stale cards. */
  today: string;
  /** Rate cards, tax rules and exchange rates, live from Dexie; undefined while loading. */
  quoteContext: QuoteContext | undefined;
}

export const PopupEnvContext = createContext<PopupEnv | null>(null);

export function usePopupEnv(): PopupEnv {
  const env = useContext(PopupEnvContext);
  if (!env) throw new Error('usePopupEnv outside <Popup>');
  return env;
}

export function makeTranslator(language: UiLanguage): PopupEnv['t'] {
  return translator(popupStrings, language);
}
