import { browser } from 'wxt/browser';
import type { Handlers } from '../../lib/messaging/router';
import { getTabState, setTabState } from '../../lib/tab-state';
import { VERSION } from '../../lib/version';

export function createHandlers(): Handlers {
  return {
    ping: () => ({ version: VERSION }),
    'note:update': async (state, { tabId }) => {
      if (tabId === undefined) throw new Error('note:update needs a tab');
      await setTabState(tabId, state);
      return { stored: true };
    },
    'note:get': ({ tabId }) => getTabState(tabId),
    'taobao:search': async ({ query }) => {
      const url = `https://s.taobao.com/search?q=${encodeURIComponent(query)}&tab=all`;
      const tab = await browser.tabs.create({ url });
      return { tabId: tab.id ?? -1, url };
    },
    'listings:capture': ({ listings }) => ({ stored: listings.length }),
  };
}
