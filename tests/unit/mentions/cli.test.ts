// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function runDetect(input: string) {
  const result = spawnSync('npx', ['tsx', 'scripts/detect.ts'], { input, encoding: 'utf8', timeout: 60_000 });
  const lines = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: string; mentions: Array<{ kind: string; text: string; category?: string }> });
  return { status: result.status, lines, stderr: result.stderr };
}

describe('scripts/detect.ts', () => {
  it('writes one line per note and reports malformed lines by number without stopping', () => {
    const input = [
      JSON.stringify({ id: 'n1', title: '得力便利贴', desc: '淘宝9.9元', comments: ['求链接', { text: '好看', replies: [{ text: '某宝搜同名' }] }] }),
      'not json',
      JSON.stringify({ title: 'no id' }),
      '',
      JSON.stringify({ id: 'n2', desc: 'embroidered hoodie from taobao' }),
    ].join('\n');
    const { status, lines, stderr } = runDetect(input);
    expect(status).toBe(1);
    expect(lines.map((line) => line.id)).toEqual(['n1', 'n2']);
    expect(lines[0]!.mentions).toContainEqual(expect.objectContaining({ kind: 'product', text: '便利贴', category: 'sticky-notes' }));
    expect(lines[1]!.mentions).toContainEqual(expect.objectContaining({ kind: 'product', text: 'embroidered hoodie', category: 'hoodie' }));
    expect(stderr).toMatch(/line 2: not valid JSON/);
    expect(stderr).toMatch(/line 3: not a note \(id: /);
    expect(stderr).not.toMatch(/line [145]/);
  }, 60_000);

  it('exits 0 when every line is a note', () => {
    const { status, lines } = runDetect(`${JSON.stringify({ id: 'a', desc: '咖啡馆里坐了一下午' })}\n`);
    expect(status).toBe(0);
    expect(lines).toEqual([{ id: 'a', mentions: [] }]);
  }, 60_000);

  it('reads a 4 MB flood of 🍑 and of share codes in bounded memory, and says when the mentions were cut', () => {
    const input = ['🍑'.repeat(2 << 20), '￥AbC123Xyz￥ '.repeat((4 << 20) / 13)].map((desc, k) => JSON.stringify({ id: `flood${k}`, desc })).join('\n');
    const result = spawnSync('npx', ['tsx', 'scripts/detect.ts'], { input, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=512' } });
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: string; mentions: unknown[] });
    expect(lines.map((line) => [line.id, line.mentions.length])).toEqual([
      ['flood0', 10_000],
      ['flood1', 10_000],
    ]);
    expect(result.stderr).toMatch(/\(flood0\): the first 10000 mentions only/);
  }, 300_000);
});
