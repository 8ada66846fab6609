import { render } from 'preact';
import { browser } from 'wxt/browser';
import { SellerPage } from '../../components/seller/SellerPage';
import { getDb } from '../../lib/db/index';
import { createRuntimeConnector } from '../../lib/messaging/connector';
import { loadSettings } from '../../lib/settings/store';
import { clearDropBadge } from '../../lib/watch/badge';
import '../../components/theme.css';
import '../../components/seller/seller.css';

const { uiLanguage } = await loadSettings();
document.documentElement.lang = uiLanguage;
const connector = createRuntimeConnector((message) => browser.runtime.sendMessage(message));
render(<SellerPage db={getDb()} language={uiLanguage} clearBadge={clearDropBadge} connector={connector} />, document.getElementById('app')!);
