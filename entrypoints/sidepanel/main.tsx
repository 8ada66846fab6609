import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { createRuntimeConnector } from '../../lib/messaging/connector';
import { backgroundSettings } from '../../lib/popup/settings-source';
import { followActiveTab, watchTab } from './follow-tab';
import '../../components/theme.css';

const connector = createRuntimeConnector((message) => browser.runtime.sendMessage(message));
const settings = backgroundSettings(connector, browser.storage);
// `?tabId=` pins the panel to one tab (tests, the demo); otherwise it follows the active tab.
const pinned = new URLSearchParams(location.search).get('tabId');

function SidePanel() {
  const [tabId, setTabId] = useState<number | null | undefined>(pinned === null ? undefined : Number(pinned));
  useEffect(() => {
    if (pinned !== null) return undefined;
    let stop: (() => void) | undefined;
    let live = true;
    void followActiveTab(setTabId).then((unsubscribe) => (live ? (stop = unsubscribe) : unsubscribe()));
    return () => {
      live = false;
      stop?.();
    };
  }, []);
  if (tabId === undefined) return null;
  // A new key per tab: each tab's view starts fresh (its own products, choices and local price).
  return <Popup key={tabId} connector={connector} tabId={tabId} settings={settings} watchTab={watchTab} variant="sidepanel" />;
}

render(<SidePanel />, document.getElementById('app')!);
