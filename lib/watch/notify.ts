import { browser } from 'wxt/browser';
import type { UiLanguage } from '../i18n';
import { describeAlert, notificationTitle } from './alert-text';
import type { Alert } from './prefs';

/** Notifications shown for one capture: more alerts than this are summed up in the last one. */
const MAX_NOTIFICATIONS = 3;

/**
 * A browser notification per alert (the `notifications` permission). Clicking one opens the
 * seller page. Never fails the capture that raised it.
 */
export async function notifyAlerts(alerts: readonly Alert[], language: UiLanguage): Promise<number> {
  const api = browser.notifications;
  if (!api || alerts.length === 0) return 0;
  const shown = alerts.slice(0, MAX_NOTIFICATIONS);
  let count = 0;
  for (const [index, alert] of shown.entries()) {
    const more = index === shown.length - 1 && alerts.length > shown.length ? ` (+${alerts.length - shown.length})` : '';
    try {
      await api.create(`zc-alert:${alert.listingId}:${alert.kind}:${alert.seenAt}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/notification.png'),
        title: notificationTitle(language),
        message: `${describeAlert(alert, language)}${more}\n${alert.title.slice(0, 120)}`,
      });
      count++;
    } catch (error) {
      console.debug('[zhongcao] notification failed', error);
    }
  }
  return count;
}
