import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translator, type UiLanguage } from '../../lib/i18n';
import type { Connector } from '../../lib/messaging/connector';
import type { BasketLine, UserFx } from '../../lib/messaging/protocol';
import type { Settings } from '../../lib/settings/schema';
import { popupStrings } from './strings';

/** The basket as the view holds it, and the changes it can ask the background for. */
export interface BasketState {
  lines: BasketLine[];
  /** Listing ids in the basket, for the listings' "In basket". */
  ids: ReadonlySet<string>;
  error?: string;
  add(listingId: string, category: string | undefined): void;
  remove(listingId: string): void;
  setQuantity(listingId: string, quantity: number): void;
}

/** What every part of the popup needs: one value passed down once instead of through every prop. */
export interface PopupEnv {
  connector: Connector;
  settings: Settings;
  language: UiLanguage;
  t: ReturnType<typeof translator<keyof (typeof popupStrings)['en']>>;
  /** `YYYY-MM-DD`: the quote date and the reference for stale cards. */
  today: string;
  /** The user's currency per CNY; undefined while loading, for CNY users, or without a rate. */
  fx: UserFx | undefined;
  /** Bumped by the background whenever listings, the basket or watches change: ask again. */
  dataVersion: number;
  basket: BasketState;
  /** The tab the popup shows, when there is one: the popup's translations spend its note's budget. */
  tabId?: number | null;
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
