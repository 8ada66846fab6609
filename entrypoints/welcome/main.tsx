import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Welcome } from '../../components/welcome/Welcome';
import { loadSettings, saveSettings } from '../../lib/settings/store';
import '../../components/theme.css';

// The first-run page, opened by the background when the extension is installed.
render(
  <Welcome settings={{ load: loadSettings, save: saveSettings }} optionsUrl={browser.runtime.getURL('/options.html')} />,
  document.getElementById('app')!,
);
