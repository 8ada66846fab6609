import type { Browser } from 'webextension-polyfill';
import type { Connector } from '../messaging/connector';
import type { Settings } from '../settings/schema';
import { SETTINGS_STORAGE_KEY } from '../settings/defaults';

/**
 * Settings for the popup and side panel, read by the background (which parses them with zod) so
 * these pages start without loading zod. They follow changes live: a change to the
 * stored settings asks the background again.
 */
export function backgroundSettings(connector: Connector, storage: Pick<Browser['storage'], 'onChanged'>) {
  return {
    load: (): Promise<Settings> => connector.send('settings:get', {}),
    watch(callback: (settings: Settings) => void): () => void {
      const listener = (changes: Record<string, unknown>, area: string) => {
        if (area !== 'local' || !Object.hasOwn(changes, SETTINGS_STORAGE_KEY)) return;
        connector.send('settings:get', {}).then(callback, (error: unknown) => console.debug('[zhongcao] settings:get failed', error));
      };
      storage.onChanged.addListener(listener);
      return () => storage.onChanged.removeListener(listener);
    },
  };
}
