import { render } from 'preact';
import { SellerPage } from '../../components/seller/SellerPage';
import { getDb } from '../../lib/db/index';
import { loadSettings } from '../../lib/settings/store';
import { clearDropBadge } from '../../lib/watch/badge';
import '../../components/theme.css';
import '../../components/seller/seller.css';

const { uiLanguage } = await loadSettings();
document.documentElement.lang = uiLanguage;
render(<SellerPage db={getDb()} language={uiLanguage} clearBadge={clearDropBadge} />, document.getElementById('app')!);
