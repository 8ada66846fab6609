import { browser } from 'wxt/browser';

/**
 * The toolbar badge that says a watched listing was seen cheaper. MV3 Chrome calls the toolbar
 * button `action`, Firefox's MV2 build `browserAction`; both have the same badge methods.
 */
export const DROP_BADGE_TEXT = '↓';
const DROP_BADGE_COLOR = '#1a7f37';

type BadgeApi = Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor'>;

function badgeApi(): BadgeApi | undefined {
  return browser.action ?? (browser as unknown as { browserAction?: BadgeApi }).browserAction;
}

export async function showDropBadge(): Promise<void> {
  const api = badgeApi();
  if (!api) return;
  await api.setBadgeBackgroundColor({ color: DROP_BADGE_COLOR });
  await api.setBadgeText({ text: DROP_BADGE_TEXT });
}

/** Other alerts (a rise, a new title, a sales jump) light the badge with `!`. */
export const ALERT_BADGE_TEXT = '!';
const ALERT_BADGE_COLOR = '#5b5bd6';

/** `↓` when a price fell or reached a target, else `!`. */
export async function showAlertBadge(alerts: ReadonlyArray<{ kind: string }>): Promise<void> {
  if (alerts.some((alert) => alert.kind === 'price-down' || alert.kind === 'target')) return showDropBadge();
  const api = badgeApi();
  if (!api) return;
  await api.setBadgeBackgroundColor({ color: ALERT_BADGE_COLOR });
  await api.setBadgeText({ text: ALERT_BADGE_TEXT });
}

export async function clearDropBadge(): Promise<void> {
  await badgeApi()?.setBadgeText({ text: '' });
}
