import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '../../components/options/Options';
import type { OptionsServices } from '../../components/options/services';
import { getDb } from '../../lib/db/index';
import { loadSettings, saveSettings } from '../../lib/settings/store';
import { loadProviderErrors } from '../../lib/settings/secrets';
import type { TranslatorApi } from '../../lib/translate/on-device';
import { STORED_USAGE } from '../../lib/translate/usage';
import '../../components/theme.css';

/** Saves text through a temporary link: no `downloads` permission needed from an extension page. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const services: OptionsServices = {
  settings: { load: loadSettings, save: saveSettings },
  db: getDb(),
  requestOrigin: (pattern) => browser.permissions.request({ origins: [pattern] }),
  // Called as a plain function: `fetch` throws "Illegal invocation" when called as a method of another object.
  fetch: (url, init) => fetch(url, init),
  download,
  estimateStorage: () => navigator.storage?.estimate?.() ?? Promise.resolve({}),
  now: () => Date.now(),
  translationStatus: async () => ({ errors: await loadProviderErrors().catch(() => []), usage: await STORED_USAGE.get().catch(() => null) }),
  translatorApi: (globalThis as { Translator?: TranslatorApi }).Translator,
};

render(<Options services={services} />, document.getElementById('app')!);
