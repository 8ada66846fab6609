/**
 * Where the Xiaohongshu content script spends main-thread time when a note opens, per function:
 * the V8 profiler sampling every 50 µs while the bench's note page loads (`npm run bench` measures
 * the same page from a trace). A development aid; build with `minify: false` for readable names.
 *
 *   npx tsx scripts/profile-note.ts [runs] [--feed | --second]
 *
 * With --feed the note opens from the feed (a card clicked, the note in a modal): the script is
 * already running, so its start-up is not in the profile. With --second, another note was opened
 * and closed in the tab before: what is left once the code has run once.
 */
import type { Protocol } from 'puppeteer-core';
import { launchWithExtension } from '../tests/support/chromium';
import { startFixtureServer } from '../tests/support/fixture-server';

const NOTE_URL = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4?xsec_token=ABbench&xsec_source=pc_feed';
const second = process.argv.includes('--second');
const fromFeed = second || process.argv.includes('--feed');
const runs = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 4);

const server = await startFixtureServer();
const ext = await launchWithExtension(server);
const prefix = `chrome-extension://${ext.extensionId}/`;
// Per run, so the tables can show medians: on a shared machine single runs swing widely.
const selfTimes: Array<Map<string, number>> = [];
const inclusives: Array<Map<string, number>> = [];
// Where each sampled stretch of our code was entered from: the outermost frame of ours in its stack.
const entries: Array<Map<string, number>> = [];
const frameName = (node: Protocol.Profiler.ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.startsWith(prefix) ? node.callFrame.url.slice(prefix.length) : node.callFrame.url ? '[page]' : '[native]'}:${node.callFrame.lineNumber + 1}`;
try {
  for (let run = 0; run < runs; run++) {
    const page = await ext.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    if (fromFeed) {
      await page.goto('https://www.xiaohongshu.com/explore', { waitUntil: 'load' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (second) {
        // Another note first, then closed: the profiled note is the tab's second.
        await page.click('section.note-item:nth-of-type(2) a.cover');
        await page.waitForFunction(() => document.documentElement.dataset.zcNoteStatus === 'read', { timeout: 15_000 });
        await new Promise((resolve) => setTimeout(resolve, 900));
        await page.click('.close-circle');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
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
    const selfTime = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const entry = new Map<string, number>();
    selfTimes.push(selfTime);
    inclusives.push(inclusive);
    entries.push(entry);
    // As the bench does: a sample stands for the usual interval at most (the sampler starves too).
    const usual = [...deltas.slice(1)].sort((a, b) => a - b)[deltas.length >> 1] ?? 0;
    for (let i = 0; i + 1 < samples.length; i++) {
      const ms = Math.min(deltas[i + 1]!, usual) / 1000;
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
      const outer = chain[chain.length - 1]!;
      entry.set(outer, (entry.get(outer) ?? 0) + ms);
    }
    console.log(`run ${run + 1}: ${ours.toFixed(1)} ms in extension code (sampled)`);
    await page.close();
  }
} finally {
  await ext.close();
  await server.close();
}
const table = (title: string, maps: Array<Map<string, number>>, count: number) => {
  console.log(`\n${title} (ms: median of the runs, mean)`);
  const names = new Set(maps.flatMap((map) => [...map.keys()]));
  const rows = [...names].map((name) => {
    const values = maps.map((map) => map.get(name) ?? 0).sort((a, b) => a - b);
    return { name, median: values[values.length >> 1]!, mean: values.reduce((a, b) => a + b, 0) / values.length };
  });
  for (const { name, median, mean } of rows.sort((a, b) => b.median - a.median || b.mean - a.mean).slice(0, count)) {
    console.log(`${median.toFixed(2).padStart(7)} ${mean.toFixed(2).padStart(7)}  ${name}`);
  }
};
table('self time', selfTimes, 30);
table('inclusive time', inclusives, 60);
table('entered from', entries, 25);
