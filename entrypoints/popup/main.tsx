import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/Popup';
import { createRuntimeConnector } from '../../lib/messaging/connector';
import { resolveTargetTab } from '../../lib/popup-target';
import '../../components/theme.css';

const connector = createRuntimeConnector((message) => browser.runtime.sendMessage(message));
const tabId = await resolveTargetTab(location.search, async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]);
render(<Popup connector={connector} tabId={tabId} />, document.getElementById('app')!);
