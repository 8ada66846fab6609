/** Reads a Chromium performance trace: how much main-thread time scripts from one URL prefix took. */

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, when the trace records it. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    /** The script some V8 events (v8.run, v8.compile) name. */
    fileName?: string;
    /** The V8 world (0: the page's; our content script's isolated world is another) of v8.run and v8.evaluateModule. */
    worldId?: number;
    /** Where a forced (synchronous) layout was asked for. */
    beginData?: { stackTrace?: StackFrame[] };
    chrome_mojo_event_info?: { mojo_interface_tag?: string };
    data?: {
      /** Where an invalidation (style or layout made dirty) came from, with `disabled-by-default-devtools.timeline.stack`. */
      stackTrace?: StackFrame[];
      url?: string;
      scriptName?: string;
      frame?: string;
      startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

interface StackFrame {
  url?: string;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string };
}

export interface MainThreadCost {
  /** Union of the time spent in scripts from the prefix, in ms (wall clock). */
  scriptMs: number;
  /**
   * The same, as main-thread CPU time: each stretch weighed by its task's thread time over its
   * wall time. On a shared machine the renderer is often descheduled mid-task; that waiting is not
   * work the extension adds to the page, and it is what makes the wall-clock figure swing.
   */
  scriptCpuMs: number;
  /** The longest task that ran any of that script, in ms of wall time (0 when none). */
  longestTaskMs: number;
  /** The same task's length in CPU time (thread time), in ms: what the budget is checked on. */
  longestTaskCpuMs: number;
  /** All main-thread task time in the trace, in ms (context for with/without comparisons). */
  allTasksMs: number;
  /** The same in CPU (thread) time. */
  allTasksCpuMs: number;
  /**
   * The page's rendering work in CPU time: style, layout, paint (Blink's own events, not any
   * script's). What the extension inserts is laid out and painted here, not in its scripts' time.
   */
  renderingCpuMs: number;
  /**
   * Our time before our module's first line, in CPU time: the loader (with Chromium building the
   * extension API's bindings in our isolated world as it first touches `chrome.runtime`) and the
   * module's compile on the main thread. 0 when the trace holds no evaluation of our module (a note
   * opened from the feed, where the script is already running).
   */
  startupCpuMs: number;
  /** Our time from our module's first line (its evaluation) to the end of the trace, in CPU time; all of it when there is no start-up. */
  moduleCpuMs: number;
  /**
   * The longest task our code started, from our module's first line on (CPU time): a task whose
   * first script is ours (an answer arriving, a timer or idle callback of ours, the module's
   * evaluation). A page's task our observer joins (the click that opens a note, with the page's
   * own rendering of it) is the page's: our share of it counts in our time, not here.
   */
  longestOwnTaskCpuMs: number;
  /**
   * How many layouts our DOM writes caused after one of our answers, at most (0 when none came).
   * An answer is a task that receives an extension message and in which our code changes the page;
   * a layout is ours when our code made style or layout dirty since the last frame. Marks and
   * translations written in one task, without reading layout between writes, make one.
   */
  layoutsPerAnswer: number;
  /** How many answers the trace holds (see `layoutsPerAnswer`). */
  answers: number;
}

/**
 * Main-thread events that time a script's own work: calls into it, and compiling and running it,
 * as a classic script or as a module (our content scripts are modules in Chromium builds: their
 * main-thread share is running them, and finishing a compile done on a background thread).
 */
const SCRIPT_EVENTS = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.compile',
  'V8.ScriptCompiler',
  'v8.compileModule',
  'v8.evaluateModule',
  'v8.produceModuleCache',
  'v8.produceCache',
  'v8.run',
]);

/** Blink's rendering steps on the main thread; none nests in another. */
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize']);

/** Instant events for a script making style or layout dirty; with their stack, they say whose write it was. */
const INVALIDATIONS = new Set(['ScheduleStyleRecalculation', 'InvalidateLayout']);

type Interval = readonly [start: number, end: number];

export function mainThreadCost(trace: Uint8Array, urlPrefix: string): MainThreadCost {
  const { traceEvents } = JSON.parse(new TextDecoder().decode(trace)) as { traceEvents: TraceEvent[] };
  const mainThreads = new Set(
    traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = (e: TraceEvent) => mainThreads.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && typeof e.dur === 'number';
  const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.data?.scriptName ?? e.args?.fileName ?? '';
  // Our isolated world, as the loader's run names it: a module's evaluation names its world, not its URL.
  const ourWorlds = new Set(
    traceEvents.filter((e) => onMain(e) && e.args?.worldId !== undefined && e.args.worldId !== 0 && urlOf(e).startsWith(urlPrefix)).map((e) => `${e.pid}:${e.args!.worldId}`),
  );
  const isOurModule = (e: TraceEvent) => e.name === 'v8.evaluateModule' && ourWorlds.has(`${e.pid}:${e.args?.worldId}`);
  const ours = traceEvents.filter((e) => onMain(e) && SCRIPT_EVENTS.has(e.name) && (urlOf(e).startsWith(urlPrefix) || isOurModule(e)));
  const ourEvents = new Set(ours);
  const pageScriptEvents = traceEvents.filter((e) => onMain(e) && SCRIPT_EVENTS.has(e.name) && !ourEvents.has(e)).map((e) => e.ts);
  // Without an evaluation of our module in the trace (the script was running before it began), all our time is the note's.
  const evaluations = ours.filter(isOurModule).map((e) => e.ts);
  const moduleStart = evaluations.length > 0 ? Math.min(...evaluations) : -Infinity;
  // Promise continuations (everything after an `await`) run in microtask checkpoints, which the
  // trace does not attribute to a script: without the sampled stacks they would not be counted.
  const traced = ours.map((e) => [e.ts, e.ts + e.dur!] as const);
  const sampled = sampledIntervals(traceEvents, mainThreads, urlPrefix, traced);
  const intervals = [...traced, ...sampled.ours].sort((a, b) => a[0] - b[0]);
  const tasks = innermostTasks(traceEvents.filter((e) => onMain(e) && e.name === 'RunTask'));
  const cpuShare = (at: number): number => {
    // The last task starting at or before `at` (tasks on one thread do not overlap).
    let low = 0;
    let high = tasks.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (tasks[mid]!.ts <= at) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    const task = found >= 0 ? tasks[found]! : undefined;
    if (!task || at >= task.ts + task.dur! || task.tdur === undefined || task.dur! <= 0) return 1;
    return Math.min(1, task.tdur / task.dur!);
  };
  let total = 0;
  let cpu = 0;
  let startupCpu = 0;
  let end = -Infinity;
  for (const [s, e] of intervals) {
    if (e <= end) continue;
    const from = Math.max(s, end);
    total += e - from;
    cpu += (e - from) * cpuShare(from);
    // A stretch reaching past the module's first line counts as start-up up to it only.
    if (from < moduleStart) startupCpu += (Math.min(e, moduleStart) - from) * cpuShare(from);
    end = e;
  }
  // Where the page's own JavaScript ran: its traced calls, and samples of its code (a page's
  // handler can run in a microtask, where the trace names no call).
  const pageScriptStarts = [...pageScriptEvents, ...sampled.pageTimes].sort((a, b) => a - b);
  let longest = 0;
  let longestCpu = 0;
  let longestOwnCpu = 0;
  for (const task of tasks) {
    const taskEnd = task.ts + task.dur!;
    const ourFirst = intervals.find(([s]) => s >= task.ts && s < taskEnd)?.[0];
    if (ourFirst === undefined) continue;
    longest = Math.max(longest, task.dur!);
    longestCpu = Math.max(longestCpu, task.tdur ?? task.dur!);
    const pageFirst = pageScriptStarts.find((at) => at >= task.ts && at < taskEnd);
    const started = pageFirst === undefined || ourFirst <= pageFirst;
    if (started && taskEnd > moduleStart) longestOwnCpu = Math.max(longestOwnCpu, task.tdur ?? task.dur!);
  }
  const allTasks = tasks.reduce((sum, t) => sum + t.dur!, 0);
  const allTasksCpu = tasks.reduce((sum, t) => sum + (t.tdur ?? t.dur!), 0);
  const rendering = traceEvents.filter((e) => onMain(e) && RENDERING.has(e.name)).reduce((sum, e) => sum + (e.tdur ?? e.dur!), 0);
  const layouts = layoutsAfterAnswers(traceEvents, mainThreads, urlPrefix, tasks);
  return {
    ...layouts,
    startupCpuMs: startupCpu / 1000,
    moduleCpuMs: (cpu - startupCpu) / 1000,
    longestOwnTaskCpuMs: longestOwnCpu / 1000,
    scriptMs: total / 1000,
    scriptCpuMs: cpu / 1000,
    longestTaskMs: longest / 1000,
    longestTaskCpuMs: longestCpu / 1000,
    allTasksMs: allTasks / 1000,
    allTasksCpuMs: allTasksCpu / 1000,
    renderingCpuMs: rendering / 1000,
  };
}

/**
 * Main-thread tasks that hold no other task, by start time. Starting the CPU profiler as tracing
 * begins runs a nested loop inside one task (up to 300 ms of wall time on this machine), and every
 * task of that time nests in it: counted as one, it made a "longest task with our code" of 60 ms
 * out of a 2 ms call of ours, and it counted the nested tasks twice in the sums.
 */
function innermostTasks(runTasks: TraceEvent[]): TraceEvent[] {
  const sorted = [...runTasks].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const byThread = new Map<string, TraceEvent[]>();
  for (const task of sorted) {
    const key = `${task.pid}:${task.tid}`;
    const list = byThread.get(key);
    if (list) list.push(task);
    else byThread.set(key, [task]);
  }
  const leaves = new Set<TraceEvent>();
  for (const list of byThread.values()) {
    list.forEach((task, i) => {
      const next = list[i + 1];
      if (!next || next.ts >= task.ts + task.dur!) leaves.add(task);
    });
  }
  return sorted.filter((task) => leaves.has(task));
}

/**
 * The layouts our writes caused, grouped by the answer they followed (see `layoutsPerAnswer`). A
 * layout is ours when, since the last layout or painted frame on its thread, our code scheduled a
 * style recalculation or made layout dirty (the invalidation's stack names our script), or when our
 * code forced it (a forced layout's own stack names us).
 */
function layoutsAfterAnswers(
  traceEvents: TraceEvent[],
  mainThreads: Set<string>,
  urlPrefix: string,
  runTasks: TraceEvent[],
): { layoutsPerAnswer: number; answers: number } {
  const byUs = (stack: StackFrame[] | undefined) => stack?.some((frame) => (frame.url ?? '').startsWith(urlPrefix)) ?? false;
  const events = traceEvents.filter((e) => mainThreads.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
  const ourWrites: number[] = [];
  const ourLayouts: number[] = [];
  const dirty = new Set<string>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (INVALIDATIONS.has(e.name)) {
      if (byUs(e.args?.data?.stackTrace)) {
        dirty.add(thread);
        ourWrites.push(e.ts);
      }
    } else if (e.name === 'Layout' && e.ph === 'X') {
      if (dirty.has(thread) || byUs(e.args?.beginData?.stackTrace)) ourLayouts.push(e.ts);
      dirty.delete(thread);
    } else if (e.name === 'PrePaint') {
      // The frame was painted: what was dirtied before it (a style change that moved nothing) is done.
      dirty.delete(thread);
    }
  }
  const receivesMessage = new Set<TraceEvent>();
  for (const e of events) {
    if (e.name !== 'Receive mojo message' || e.args?.chrome_mojo_event_info?.mojo_interface_tag !== 'extensions.mojom.MessagePort') continue;
    const task = runTasks.find((t) => t.pid === e.pid && t.tid === e.tid && t.ts <= e.ts && e.ts < t.ts + t.dur!);
    if (task) receivesMessage.add(task);
  }
  const answers = [...receivesMessage]
    .filter((task) => ourWrites.some((at) => at >= task.ts && at < task.ts + task.dur!))
    .map((task) => task.ts)
    .sort((a, b) => a - b);
  const perAnswer = answers.map((start, i) => ourLayouts.filter((at) => at >= start && at < (answers[i + 1] ?? Infinity)).length);
  return { layoutsPerAnswer: Math.max(0, ...perAnswer), answers: answers.length };
}

/**
 * From the V8 sampling profiler's chunks in the trace: the time of every sample, on a renderer main
 * thread, whose stack holds a frame from the prefix. Each sample stands for the time until the next,
 * up to the profile's usual sampling interval. Samples taken within a `traced` interval (one of our
 * calls the trace times exactly) are left out: they say nothing of what ran after the call ended,
 * and letting them stand for the time after it counted half a sampling interval too much, on
 * average, at the end of every call.
 */
function sampledIntervals(
  traceEvents: TraceEvent[],
  mainThreads: Set<string>,
  urlPrefix: string,
  traced: readonly Interval[],
): { ours: Interval[]; pageTimes: number[] } {
  const withinTraced = (time: number) => traced.some(([start, end]) => time >= start && time < end);
  const profiles = new Map<string, { startTime: number; nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] }>();
  for (const e of traceEvents) {
    if (e.name === 'Profile' && mainThreads.has(`${e.pid}:${e.tid}`) && e.args?.data?.startTime !== undefined) {
      profiles.set(`${e.pid}:${e.id}`, { startTime: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
    }
  }
  for (const e of traceEvents) {
    if (e.name !== 'ProfileChunk') continue;
    const profile = profiles.get(`${e.pid}:${e.id}`);
    if (!profile) continue;
    for (const node of e.args?.data?.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
    profile.samples.push(...(e.args?.data?.cpuProfile?.samples ?? []));
    profile.deltas.push(...(e.args?.data?.timeDeltas ?? []));
  }
  const intervals: Interval[] = [];
  // Samples of the page's code (some frame has a URL, none is ours): when the page's scripts ran.
  const pageTimes: number[] = [];
  for (const { startTime, nodes, samples, deltas } of profiles.values()) {
    const isOurs = new Map<number, boolean>();
    const ours = (id: number | undefined): boolean => {
      if (id === undefined) return false;
      let known = isOurs.get(id);
      if (known === undefined) {
        const node = nodes.get(id);
        known = node ? (node.callFrame.url ?? '').startsWith(urlPrefix) || ours(node.parent) : false;
        isOurs.set(id, known);
      }
      return known;
    };
    const hasScript = (id: number | undefined): boolean => {
      for (let node = id === undefined ? undefined : nodes.get(id); node; node = node.parent === undefined ? undefined : nodes.get(node.parent)) {
        if (node.callFrame.url) return true;
      }
      return false;
    };
    let time = startTime;
    const times = deltas.map((delta) => (time += delta));
    // A sample stands for the sampler's usual interval at most. When the next sample comes much
    // later, the sampler itself was not running (on a busy machine it waits for a core too): what
    // ran meanwhile is unknown, and giving it all to the frame last seen made single samples count
    // for up to 160 ms on this machine.
    const usual = medianOf(deltas.slice(1));
    for (let i = 0; i + 1 < samples.length && i + 1 < times.length; i++) {
      if (ours(samples[i])) {
        if (!withinTraced(times[i]!)) intervals.push([times[i]!, Math.min(times[i + 1]!, times[i]! + usual)]);
      } else if (hasScript(samples[i])) pageTimes.push(times[i]!);
    }
  }
  return { ours: intervals, pageTimes };
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'toplevel',
  // Stacks of sampled JavaScript, to attribute promise continuations (see `mainThreadCost`).
  'disabled-by-default-v8.cpu_profiler',
  // The script's stack on each style and layout invalidation: whose write a layout follows.
  'disabled-by-default-devtools.timeline.stack',
];
