import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { FRANC_TO_BCP47 } from './lib/translate/franc-languages';
import { cedictAssetText, type EverydayWord } from './lib/translate/cedict';
import { CONTENT_HOSTS, matchPatterns, type Site } from './lib/platform/hosts';

/** Rate cards, tax rules and exchange rates, packaged as one asset the background loads at run time. */
function landedAsset(): string {
  const read = (name: string) => JSON.parse(readFileSync(`lib/landed/data/${name}.json`, 'utf8')) as unknown;
  return JSON.stringify({ cards: read('rate-cards'), rules: read('tax-rules'), fx: read('fx-rates') });
}

/** The lexicon's data files, packaged as one asset that extension contexts load at run time. */
function lexiconAsset(): string {
  const read = (name: string) => JSON.parse(readFileSync(`lib/mentions/lexicon/${name}.json`, 'utf8')) as unknown;
  const files = ['categories', 'brands', 'attributes', 'shopping', 'variants'] as const;
  return JSON.stringify(Object.fromEntries(files.map((name) => [name, read(name)])));
}

/**
 * The offline reading's dictionary (trimmed CC-CEDICT, then the everyday readings over it) as one
 * asset the background fetches on first use: in no script's bundle.
 */
function cedictAsset(): string {
  const everyday = (JSON.parse(readFileSync('lib/translate/data/everyday-words.json', 'utf8')) as { entries: EverydayWord[] }).entries;
  return cedictAssetText(readFileSync('lib/translate/data/cedict.txt', 'utf8'), everyday);
}

/**
 * franc-min carries trigram data for 82 languages (about 48 KB gzipped); Zhongcao only asks it
 * about Latin-script text in a few languages. Keeping just those is what franc's `only` option
 * does at run time, done at build time instead.
 */
function trimFrancData(keep: readonly string[]): Plugin {
  return {
    name: 'zhongcao:trim-franc-data',
    enforce: 'pre',
    async load(id) {
      if (!id.replace(/\\/g, '/').endsWith('/franc-min/data.js')) return null;
      const { data } = (await import(pathToFileURL(id).href)) as { data: Record<string, Record<string, string>> };
      const latin = Object.fromEntries(Object.entries(data.Latin ?? {}).filter(([code]) => keep.includes(code)));
      return `export const data = ${JSON.stringify({ Latin: latin })};`;
    },
  };
}

/**
 * V8's explicit compile hint (Chromium 136+; a plain comment elsewhere): every function of the
 * content script is compiled as the script loads instead of on its first call. Opening a note from
 * the feed then runs code that is already compiled: that roughly halved the script's main-thread
 * time when the first note of a tab opens (`npm run bench`), and compiling once costs less
 * than a pre-parse at load plus a full parse at the first call.
 */
const COMPILE_ON_LOAD = '//# allFunctionsCalledOnLoad\n';

/**
 * Each content script's code, as a module its manifest script imports (Chromium builds only). A
 * content script given in the manifest is compiled on the page's main thread as the page loads
 * (about 8 ms for the Xiaohongshu script on the bench machine), every time a tab opens one of our
 * sites. A module loaded with `import()` is parsed and compiled on a background thread while it
 * streams in, so the page's main thread only finishes the compile and runs it (alternating
 * runs: a Xiaohongshu note page loaded directly went from about 20 to 10 ms of main-thread CPU, a
 * Taobao search page from 12–15 to 7–8.5 ms). The manifest lists each module as a web-accessible
 * resource of its own site's pages only, under a per-session URL (`use_dynamic_url`), so a page
 * cannot probe a fixed URL for it. Firefox keeps plain content scripts.
 */
function contentModule(site: Site): string {
  return `content-scripts/${site}-main.js`;
}

/** The manifest's script for a site when its code is a module: it only imports it. */
function moduleLoader(site: Site): string {
  return `import(chrome.runtime.getURL(${JSON.stringify(contentModule(site))})).catch((error) => {
  console.error('Zhongcao could not load its script for this page; reload the page, or reinstall the extension if this persists.', error);
});
`;
}

const SITES = Object.keys(CONTENT_HOSTS) as Site[];

function contentScriptOutput(browser: () => string): Plugin {
  return {
    name: 'zhongcao:content-script-output',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || !file.fileName.startsWith('content-scripts/')) continue;
        const site = SITES.find((name) => file.fileName === `content-scripts/${name}.js`);
        if (site && browser() !== 'firefox') {
          this.emitFile({ type: 'asset', fileName: contentModule(site), source: `${COMPILE_ON_LOAD}${file.code}` });
          file.code = moduleLoader(site);
        } else {
          file.code = `${COMPILE_ON_LOAD}${file.code}`;
        }
      }
    },
  };
}

/** The browser being built for (`wxt build -b …`), known once WXT has resolved its config. */
let targetBrowser = 'chrome';

// Manifest and build settings shared by the Chrome (MV3) and Firefox builds.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  hooks: {
    'config:resolved': (wxt) => {
      targetBrowser = wxt.config.browser;
    },
    // The toolbar button's tooltip in the browser's language: WXT takes it from the popup's
    // <title>, which cannot name a locale message.
    'build:manifestGenerated': (_wxt, manifest) => {
      const action = manifest.action ?? manifest.browser_action;
      if (action) action.default_title = '__MSG_extShortName__';
    },
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: 'data/lexicon.json', contents: lexiconAsset() });
      files.push({ relativeDest: 'data/cedict.txt', contents: cedictAsset() });
      files.push({ relativeDest: 'data/landed.json', contents: landedAsset() });
    },
    // Content scripts and extension pages use the browser's own promise API instead of
    // webextension-polyfill (see lib/platform/native-browser.ts); the background keeps the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.some((entrypoint) => entrypoint.type === 'background')) return;
      const shim = { find: /^wxt\/browser$/, replacement: fileURLToPath(new URL('./lib/platform/native-browser.ts', import.meta.url)) };
      const alias = config.resolve?.alias;
      const rest = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      config.resolve = { ...config.resolve, alias: [shim, ...rest] };
      config.plugins = [...(config.plugins ?? []), contentScriptOutput(() => targetBrowser)];
    },
  },
  vite: () => ({ plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false }), trimFrancData(Object.keys(FRANC_TO_BCP47))] }),
  manifest: ({ browser }) => ({
    // Name and description in the user's language: public/_locales/{en,zh_CN}/messages.json.
    name: '__MSG_extName__',
    short_name: '__MSG_extShortName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // No `tabs`: creating tabs, the active tab's id and tab events need no permission, and the host
    // permissions below already show our sites' tab URLs. `tabs` would add the install warning
    // "Read your browsing history". `notifications` and `alarms`: the seller's alerts and daily check.
    // `scripting`: our content scripts go into tabs of our sites that were open before install or
    // update (no install warning beyond the host permissions).
    permissions: ['storage', 'unlimitedStorage', 'notifications', 'alarms', 'scripting'],
    // No login hosts: "Check now" stops when its tab leaves our hosts, as a login wall makes it do
    // (the tab's address then turns invisible to us), so it needs no access to them.
    host_permissions: [...CONTENT_HOSTS.xiaohongshu, ...CONTENT_HOSTS.taobao].map((h) => `*://${h}/*`),
    // User-configured translation endpoints, the web translation services and exchange-rate URLs
    // are asked for at run time. Manifest V2 (the Firefox build) has no optional_host_permissions:
    // there origins go in optional_permissions, or `permissions.request` refuses them.
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*', 'http://*/*'] }
      : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
    ...(browser !== 'firefox'
      ? {
          web_accessible_resources: SITES.map((site) => ({ resources: [contentModule(site)], matches: matchPatterns(site), use_dynamic_url: true })),
        }
      : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'zhongcao@zhongcao.invalid',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
