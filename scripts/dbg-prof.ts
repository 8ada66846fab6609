import { launchWithExtension } from '../tests/support/chromium';
import { startFixtureServer } from '../tests/support/fixture-server';
const server = await startFixtureServer();
const ext = await launchWithExtension(server);
for (let r = 0; r < 2; r++) {
const page = await ext.browser.newPage();
const cdp = await page.createCDPSession();
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
await page.goto('https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4?xsec_token=x', { waitUntil: 'load' });
await page.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read');
await new Promise((res) => setTimeout(res, 1000));
const { profile } = await cdp.send('Profiler.stop') as any;
const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self: Record<string, number> = {};
const inclusive: Record<string, number> = {};
profile.samples.forEach((s: number, i: number) => {
  const us = profile.timeDeltas[i + 1] ?? 0;
  const n = byId.get(s);
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
  self[k] = (self[k] ?? 0) + us / 1000;
  // inclusive: attribute to any ancestor frame from our script once
  let id: number | undefined = s; const seen = new Set<string>();
  while (id !== undefined) { const m = byId.get(id); if (m.callFrame.url.includes('chrome-extension')) { const kk = `${m.callFrame.functionName || '(anon)'}:${m.callFrame.lineNumber}:${m.callFrame.columnNumber}`; if (!seen.has(kk)) { seen.add(kk); inclusive[kk] = (inclusive[kk] ?? 0) + us / 1000; } } id = parent.get(id); }
});
const ours = Object.entries(self).filter(([k]) => k.includes('xiaohongshu.js'));
console.log('total self in ext', ours.reduce((a, [, v]) => a + v, 0).toFixed(1));
console.log(ours.sort((a, b) => b[1] - a[1]).slice(0, 10));
console.log(Object.entries(inclusive).sort((a, b) => b[1] - a[1]).slice(0, 12));
await page.close();
}
await ext.close(); await server.close();
