import { render } from 'preact';
import { Options } from '../../components/Options';
import { loadSettings, saveSettings } from '../../lib/settings-store';
import '../../components/theme.css';

render(<Options store={{ load: loadSettings, save: saveSettings }} />, document.getElementById('app')!);
