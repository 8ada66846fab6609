import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The least a content script can be on a Xiaohongshu note: loaded the way ours is (a manifest
 * script importing a module, compiled on load), it sends the background one message with the page's
 * title and marks the note read when answered. What a page pays for it (a V8 context for the
 * isolated world, the extension API's bindings, one message) is what any extension's script pays:
 * the bench shows it beside our figures, so a budget can be read against what is ours to spend.
 */
export function writeFloorExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhongcao-floor-'));
  const hosts = ['*://www.xiaohongshu.com/*'];
  const manifest = {
    manifest_version: 3,
    name: 'Content script floor',
    version: '1.0.0',
    background: { service_worker: 'background.js' },
    host_permissions: hosts,
    web_accessible_resources: [{ resources: ['main.js'], matches: hosts, use_dynamic_url: true }],
    content_scripts: [{ matches: hosts, run_at: 'document_idle', js: ['loader.js'] }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), 'chrome.runtime.onMessage.addListener((message, sender, reply) => { reply({ ok: true }); });\n');
  writeFileSync(join(dir, 'loader.js'), "import(chrome.runtime.getURL('main.js'));\n");
  writeFileSync(
    join(dir, 'main.js'),
    `//# allFunctionsCalledOnLoad
const root = document.documentElement;
chrome.runtime.sendMessage({ type: 'note', title: document.title }).then(() => { root.dataset.zcNoteStatus = 'read'; });
`,
  );
  return dir;
}
