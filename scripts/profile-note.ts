/**
 * Where the Xiaohongshu content script spends main-thread time when a note opens, per function:
 * the V8 profiler sampling every 50 µs while the bench's note page loads (`npm run bench` measures
 * the same page from a trace). A development aid; build with `minify: false` for readable names.
 *
 *   npx tsx scripts/profile-note.ts [runs] [--feed]
 *
 * With --feed the note opens from the feed (a card clicked, the note in a modal): the script is
 * already running, so its start-up is not in the profile.
 */
import type { Protocol } from 'puppeteer-core';
import { launchWithExtension } from '../tests/support/chromium';
import { startFixtureServer } from '../tests/support/fixture-server';

const NOTE_URL = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4?xsec_token=ABbench&xsec_source=pc_feed';
const fromFeed = process.argv.includes('--feed');
const runs = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 4);

const server = await startFixtureServer();
const ext = await launchWithExtension(server);
const prefix = `chrome-extension://${ext.extensionId}/`;
const selfTime = new Map<string, number>();
const inclusive = new Map<string, number>();
const frameName = (node: Protocol.Profiler.ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.startsWith(prefix) ? node.callFrame.url.slice(prefix.length) : node.callFrame.url ? '[page]' : '[native]'}:${node.callFrame.lineNumber + 1}`;
try {
  for (let run = 0; run < runs; run++) {
    const page = await ext.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    if (fromFeed) {
      await page.goto('https://www.xiaohongshu.com/explore', { waitUntil: 'load' });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const cdp = await page.createCDPSession();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    if (fromFeed) await page.click('section.note-item a.cover');
    else await page.goto(NOTE_URL, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 900));
    const { profile } = await cdp.send('Profiler.stop');
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parents = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
    let ours = 0;
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i + 1 < samples.length; i++) {
      const ms = deltas[i + 1]! / 1000;
      const chain: string[] = [];
      for (let id: number | undefined = samples[i]; id !== undefined; id = parents.get(id)) {
        const node = nodes.get(id)!;
        if (node.callFrame.url.startsWith(prefix)) chain.push(frameName(node));
      }
      if (chain.length === 0) continue;
      ours += ms;
      const leaf = frameName(nodes.get(samples[i]!)!);
      selfTime.set(leaf, (selfTime.get(leaf) ?? 0) + ms);
      for (const frame of new Set(chain)) inclusive.set(frame, (inclusive.get(frame) ?? 0) + ms);
    }
    console.log(`run ${run + 1}: ${ours.toFixed(1)} ms in extension code (sampled)`);
    await page.close();
  }
} finally {
  await ext.close();
  await server.close();
}
const table = (title: string, map: Map<string, number>, count: number) => {
  console.log(`\n${title} (ms per run)`);
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`${(ms / runs).toFixed(2).padStart(7)}  ${name}`);
};
table('self time', selfTime, 30);
table('inclusive time', inclusive, 45);
