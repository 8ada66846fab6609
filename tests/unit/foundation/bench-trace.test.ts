import { describe, expect, it } from 'vitest';
import { mainThreadCost } from '../../../bench/trace';

/**
 * The benchmark's reading of a Chromium trace (bench/trace.ts): which main-thread time is the
 * extension's. A small hand-made trace, in the shape Chromium writes, with known answers.
 */

const OURS = 'chrome-extension://abcdefghijklmnop/';
const MAIN = { pid: 1, tid: 7 };
const OTHER_THREAD = { pid: 1, tid: 8 };

function trace(events: object[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ traceEvents: [{ name: 'thread_name', ph: 'M', ...MAIN, args: { name: 'CrRendererMain' } }, ...events] }));
}

const task = (ts: number, dur: number, tdur: number, thread = MAIN) => ({ name: 'RunTask', ph: 'X', ts, dur, tdur, ...thread });
const call = (ts: number, dur: number, url: string, thread = MAIN) => ({ name: 'FunctionCall', ph: 'X', ts, dur, ...thread, args: { data: { url } } });

/** A CPU profile starting at `start`: one sample per entry of `frames` ('ours', 'page' or 'idle'), `gaps` µs apart. */
function profile(start: number, frames: Array<'ours' | 'page' | 'idle'>, gaps: number[]) {
  const nodes = [
    { id: 1, callFrame: { url: '' } },
    { id: 2, parent: 1, callFrame: { url: `${OURS}content-scripts/xiaohongshu.js` } },
    // A page function called from ours (a DOM call back into the page): still our time.
    { id: 3, parent: 2, callFrame: { url: '' } },
    { id: 4, parent: 1, callFrame: { url: 'https://www.xiaohongshu.com/app.js' } },
  ];
  const idOf = { ours: 3, page: 4, idle: 1 } as const;
  return [
    { name: 'Profile', ph: 'P', ...MAIN, id: '0x1', args: { data: { startTime: start } } },
    { name: 'ProfileChunk', ph: 'P', ...MAIN, id: '0x1', args: { data: { cpuProfile: { nodes, samples: frames.map((frame) => idOf[frame]) }, timeDeltas: [0, ...gaps] } } },
  ];
}

describe('the benchmark’s main-thread cost', () => {
  it('counts our function calls on the main thread and nothing of the page or other threads', () => {
    const cost = mainThreadCost(
      trace([task(0, 10_000, 10_000), call(1_000, 2_000, `${OURS}content-scripts/xiaohongshu.js`), call(4_000, 3_000, 'https://www.xiaohongshu.com/app.js'), call(1_000, 5_000, `${OURS}x.js`, OTHER_THREAD)]),
      OURS,
    );
    expect(cost.scriptMs).toBeCloseTo(2, 6);
    expect(cost.scriptCpuMs).toBeCloseTo(2, 6);
    expect(cost.longestTaskMs).toBeCloseTo(10, 6);
  });

  it('weighs our time by its task’s thread time over wall time', () => {
    // The renderer ran for half of the task's wall time: half of our stretch was waiting for a core.
    const cost = mainThreadCost(trace([task(0, 4_000, 2_000), call(1_000, 2_000, `${OURS}a.js`)]), OURS);
    expect(cost.scriptMs).toBeCloseTo(2, 6);
    expect(cost.scriptCpuMs).toBeCloseTo(1, 6);
    expect(cost.longestTaskCpuMs).toBeCloseTo(2, 6);
  });

  it('adds sampled time of our code outside traced calls (promise continuations), once where they overlap', () => {
    // Samples every 100 µs from 0: ours at 0 and 100 (inside the traced call, 0–150 µs), at 300
    // (a continuation right after it: 200–400) and at 600–700, the page between.
    const frames: Array<'ours' | 'page' | 'idle'> = ['ours', 'ours', 'page', 'ours', 'page', 'page', 'ours', 'ours', 'page', 'idle'];
    const cost = mainThreadCost(trace([task(0, 1_000, 1_000), call(0, 150, `${OURS}a.js`), ...profile(0, frames, Array(9).fill(100))]), OURS);
    // The call's 150 µs, timed by the trace, and three samples of 100 µs outside it. The sample at
    // 100 µs, inside the call, does not stand for the 50 µs after the call ended.
    expect(cost.scriptMs).toBeCloseTo(0.45, 6);
  });

  it('adds up the page’s style, layout and paint on the main thread, in CPU time', () => {
    const blink = (name: string, ts: number, dur: number, tdur: number, thread = MAIN) => ({ name, ph: 'X', ts, dur, tdur, ...thread });
    const cost = mainThreadCost(
      trace([
        task(0, 10_000, 9_000),
        blink('UpdateLayoutTree', 100, 300, 200),
        blink('Layout', 500, 2_000, 1_500),
        blink('Paint', 3_000, 400, 400),
        blink('Layout', 500, 9_000, 9_000, OTHER_THREAD),
        blink('ParseHTML', 4_000, 1_000, 1_000),
      ]),
      OURS,
    );
    expect(cost.renderingCpuMs).toBeCloseTo(2.1, 6);
  });

  it('lets a sample stand for the usual sampling interval at most, not for a gap when the sampler was starved', () => {
    // The last sample of ours is followed by 50 ms without samples.
    const frames: Array<'ours' | 'page' | 'idle'> = ['page', 'page', 'ours', 'page', 'page', 'ours', 'idle'];
    const cost = mainThreadCost(trace([task(0, 60_000, 60_000), ...profile(0, frames, [100, 100, 100, 100, 100, 50_000])]), OURS);
    expect(cost.scriptMs).toBeCloseTo(0.2, 6);
  });

  it('counts compiling and running our script as a module, named by `url` or by `fileName`, and not its parse on a background thread', () => {
    const module = `${OURS}content-scripts/xiaohongshu-main.js`;
    const cost = mainThreadCost(
      trace([
        task(0, 10_000, 10_000),
        { name: 'v8.compileModule', ph: 'X', ts: 1_000, dur: 1_500, ...MAIN, args: { data: { url: module } } },
        { name: 'v8.run', ph: 'X', ts: 3_000, dur: 2_000, ...MAIN, args: { fileName: module } },
        // A call within the run: counted once.
        call(3_500, 500, module),
        { name: 'v8.parseOnBackground', ph: 'X', ts: 0, dur: 8_000, ...OTHER_THREAD, args: { data: { url: module } } },
        // The page's own module: not ours.
        { name: 'v8.compileModule', ph: 'X', ts: 6_000, dur: 1_000, ...MAIN, args: { data: { url: 'https://www.xiaohongshu.com/app.js' } } },
      ]),
      OURS,
    );
    expect(cost.scriptMs).toBeCloseTo(3.5, 6);
  });

  it('splits our time at our module’s first line: the loader and the compile before it are start-up', () => {
    const module = `${OURS}content-scripts/xiaohongshu-main.js`;
    const world = { worldId: 5 };
    const cost = mainThreadCost(
      trace([
        task(0, 3_500, 3_500),
        // The loader: a classic script in our world (its run names the world).
        { name: 'v8.run', ph: 'X', ts: 500, dur: 2_000, ...MAIN, args: { fileName: `${OURS}content-scripts/xiaohongshu.js`, ...world } },
        task(4_000, 1_000, 1_000),
        { name: 'v8.compileModule', ph: 'X', ts: 4_000, dur: 1_000, ...MAIN, args: { data: { url: module } } },
        task(6_000, 6_000, 3_000),
        // The module's evaluation names its world only.
        { name: 'v8.evaluateModule', ph: 'X', ts: 6_000, dur: 4_000, ...MAIN, args: world },
        // The page's module, in the page's world: not ours.
        task(13_000, 1_000, 1_000),
        { name: 'v8.evaluateModule', ph: 'X', ts: 13_000, dur: 1_000, ...MAIN, args: { worldId: 0 } },
        task(20_000, 1_000, 1_000),
        call(20_000, 1_000, module),
      ]),
      OURS,
    );
    expect(cost.startupCpuMs).toBeCloseTo(3, 6);
    // The evaluation at half speed (its task ran on a core half the time), then a call.
    expect(cost.moduleCpuMs).toBeCloseTo(2 + 1, 6);
    expect(cost.scriptCpuMs).toBeCloseTo(6, 6);
    // The loader's task (3.5 ms) is start-up: the longest task from our first line is the evaluation's.
    expect(cost.longestTaskCpuMs).toBeCloseTo(3.5, 6);
    expect(cost.longestOwnTaskCpuMs).toBeCloseTo(3, 6);
  });

  it('counts all our time as the note’s when the trace holds no start-up (the script was running)', () => {
    const cost = mainThreadCost(trace([task(0, 4_000, 4_000), call(1_000, 2_000, `${OURS}a.js`)]), OURS);
    expect(cost.startupCpuMs).toBe(0);
    expect(cost.moduleCpuMs).toBeCloseTo(2, 6);
  });

  it('takes the innermost task, not one the profiler’s start nested the others in', () => {
    const cost = mainThreadCost(trace([task(0, 100_000, 60_000), task(10_000, 3_000, 3_000), call(10_500, 1_000, `${OURS}a.js`), task(50_000, 2_000, 2_000)]), OURS);
    expect(cost.longestTaskCpuMs).toBeCloseTo(3, 6);
    // The nested tasks, once each.
    expect(cost.allTasksCpuMs).toBeCloseTo(5, 6);
  });

  it('leaves a page’s task our code joins out of the longest task our code started', () => {
    const page = 'https://www.xiaohongshu.com/app.js';
    const cost = mainThreadCost(
      trace([
        // The page's click opens the note (20 ms); our observer reads it in the same task.
        task(0, 20_000, 20_000),
        call(100, 15_000, page),
        call(16_000, 2_000, `${OURS}a.js`),
        // Our answer's task: 6 ms, started by our code.
        task(30_000, 6_000, 6_000),
        call(30_100, 1_000, `${OURS}a.js`),
        call(32_000, 500, page),
      ]),
      OURS,
    );
    expect(cost.longestTaskCpuMs).toBeCloseTo(20, 6);
    expect(cost.longestOwnTaskCpuMs).toBeCloseTo(6, 6);
  });

  it('knows a page’s task by its sampled code when the page’s handler runs in a microtask (no traced call)', () => {
    const cost = mainThreadCost(
      trace([task(0, 20_000, 20_000), ...profile(0, ['page', 'page', 'idle'], [100, 100]), call(16_000, 2_000, `${OURS}a.js`)]),
      OURS,
    );
    expect(cost.longestTaskCpuMs).toBeCloseTo(20, 6);
    expect(cost.longestOwnTaskCpuMs).toBe(0);
  });

  describe('layouts after our answers', () => {
    const ourStack = [{ url: `${OURS}content-scripts/xiaohongshu-main.js`, functionName: 'markRanges' }];
    const pageStack = [{ url: 'https://www.xiaohongshu.com/app.js', functionName: 'render' }];
    const message = (ts: number) => ({ name: 'Receive mojo message', ph: 'X', ts, dur: 10, ...MAIN, args: { chrome_mojo_event_info: { mojo_interface_tag: 'extensions.mojom.MessagePort' } } });
    const dirty = (ts: number, stackTrace: object[], name = 'InvalidateLayout') => ({ name, ph: 'I', ts, ...MAIN, args: { data: { stackTrace } } });
    const layout = (ts: number) => ({ name: 'Layout', ph: 'X', ts, dur: 500, ...MAIN, args: { beginData: {} } });
    const paint = (ts: number) => ({ name: 'PrePaint', ph: 'X', ts, dur: 100, ...MAIN });

    it('finds one layout when an answer writes marks and translations in one task', () => {
      const cost = mainThreadCost(
        trace([
          task(0, 2_000, 2_000),
          message(10),
          dirty(100, ourStack, 'ScheduleStyleRecalculation'),
          dirty(200, ourStack),
          dirty(300, ourStack),
          task(5_000, 1_000, 1_000),
          layout(5_100),
          paint(5_700),
          // The page lays out on its own later: not ours.
          task(9_000, 1_000, 1_000),
          dirty(9_010, pageStack),
          layout(9_100),
        ]),
        OURS,
      );
      expect(cost.answers).toBe(1);
      expect(cost.layoutsPerAnswer).toBe(1);
    });

    it('finds two when a block is written after the frame, and one per answer for two answers', () => {
      const perBlock = mainThreadCost(
        trace([task(0, 1_000, 1_000), message(10), dirty(100, ourStack), task(2_000, 1_000, 1_000), layout(2_100), paint(2_700), task(3_000, 500, 500), dirty(3_100, ourStack), task(4_000, 1_000, 1_000), layout(4_100)]),
        OURS,
      );
      expect(perBlock.layoutsPerAnswer).toBe(2);
      const twoAnswers = mainThreadCost(
        trace([task(0, 1_000, 1_000), message(10), dirty(100, ourStack), task(2_000, 1_000, 1_000), layout(2_100), task(3_000, 500, 500), message(3_010), dirty(3_100, ourStack), task(4_000, 1_000, 1_000), layout(4_100)]),
        OURS,
      );
      expect(twoAnswers.answers).toBe(2);
      expect(twoAnswers.layoutsPerAnswer).toBe(1);
    });

    it('counts a layout our code forces in the middle of its writes', () => {
      const cost = mainThreadCost(
        trace([
          task(0, 3_000, 3_000),
          message(10),
          dirty(100, ourStack),
          { name: 'Layout', ph: 'X', ts: 200, dur: 300, ...MAIN, args: { beginData: { stackTrace: ourStack } } },
          dirty(600, ourStack),
          task(5_000, 1_000, 1_000),
          layout(5_100),
        ]),
        OURS,
      );
      expect(cost.layoutsPerAnswer).toBe(2);
    });

    it('does not count a style change that moved nothing as dirtying the page’s next layout', () => {
      const cost = mainThreadCost(
        trace([task(0, 1_000, 1_000), message(10), dirty(100, ourStack, 'ScheduleStyleRecalculation'), task(2_000, 1_000, 1_000), paint(2_100), task(5_000, 1_000, 1_000), dirty(5_010, pageStack), layout(5_100)]),
        OURS,
      );
      expect(cost.layoutsPerAnswer).toBe(0);
    });
  });
});

