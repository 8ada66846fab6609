import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CONTENT_HOSTS } from './lib/hosts';

// Manifest and build settings shared by the Chrome (MV3) and Firefox builds.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  vite: () => ({ plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })] }),
  manifest: ({ browser }) => ({
    name: 'Zhongcao',
    description:
      'Find, translate and price the products in Xiaohongshu / RedNote notes, landed at your door. Everything stays on your machine.',
    permissions: ['storage', 'unlimitedStorage', 'tabs'],
    host_permissions: [...CONTENT_HOSTS.xiaohongshu, ...CONTENT_HOSTS.taobao].map((h) => `*://${h}/*`),
    // User-configured translation endpoints and exchange-rate URLs are asked for at run time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
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
