import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/popup/Popup';
import { createRuntimeConnector } from '../../lib/messaging/connector';
import { resolveTargetTab } from '../../lib/popup/target';
import { backgroundSettings } from '../../lib/popup/settings-source';
import { watchTabState } from '../../lib/messaging/tab-state';
import '../../components/theme.css';

const connector = createRuntimeConnector((message) => browser.runtime.sendMessage(message));
const settings = backgroundSettings(connector, browser.storage);
// The note's state changes when detection finishes or the tab moves to another note.
const watchTab = (tabId: number, onChange: () => void) => watchTabState(tabId, onChange);
const tabId = await resolveTargetTab(location.search, async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]);
// The hover card's "Landed cost" opens this view on one product (`?focus=`, its Chinese query).
const focus = new URLSearchParams(location.search).get('focus') ?? undefined;
render(<Popup connector={connector} tabId={tabId} settings={settings} watchTab={watchTab} focus={focus} />, document.getElementById('app')!);
