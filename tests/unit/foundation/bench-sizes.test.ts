import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { measureEntry } from '../../../bench/sizes';

/** The size check's reading of a build (bench/sizes.ts): every file an entry loads counts toward its budget. */

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function build(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'zc-sizes-'));
  for (const [name, code] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), code);
  }
  return dir;
}

describe('an entry’s size', () => {
  it('counts the module a content script loads by its extension URL, and the chunks that module imports', () => {
    const out = build({
      'content-scripts/xiaohongshu.js': 'import(chrome.runtime.getURL("content-scripts/xiaohongshu-main.js"));',
      'content-scripts/xiaohongshu-main.js': `import { a } from "../chunks/shared.js";\n${'x'.repeat(500)}`,
      'chunks/shared.js': 'export const a = 1;',
      'content-scripts/other.js': 'unrelated',
    });
    const { files, raw } = measureEntry(out, 'content-scripts/xiaohongshu.js');
    expect(files.sort()).toEqual(['chunks/shared.js', 'content-scripts/xiaohongshu-main.js', 'content-scripts/xiaohongshu.js']);
    expect(raw).toBeGreaterThan(500);
  });

  it('counts a plain content script as its own file only', () => {
    const out = build({ 'content-scripts/taobao.js': 'var taobao = (function () { return 1; })();' });
    expect(measureEntry(out, 'content-scripts/taobao.js').files).toEqual(['content-scripts/taobao.js']);
  });
});
