/** Reads a Chromium performance trace: how much main-thread time scripts from one URL prefix took. */

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; scriptName?: string; frame?: string } };
}

export interface MainThreadCost {
  /** Union of the time spent in scripts from the prefix, in ms. */
  scriptMs: number;
  /** The longest task that ran any of that script, in ms (0 when none). */
  longestTaskMs: number;
  /** All main-thread task time in the trace, in ms (context for with/without comparisons). */
  allTasksMs: number;
}

export function mainThreadCost(trace: Uint8Array, urlPrefix: string): MainThreadCost {
  const { traceEvents } = JSON.parse(new TextDecoder().decode(trace)) as { traceEvents: TraceEvent[] };
  const mainThreads = new Set(
    traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = (e: TraceEvent) => mainThreads.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && typeof e.dur === 'number';
  const ours = traceEvents.filter((e) => {
    if (!onMain(e) || !['FunctionCall', 'EvaluateScript', 'v8.compile', 'V8.ScriptCompiler'].includes(e.name)) return false;
    const url = e.args?.data?.url ?? e.args?.data?.scriptName ?? '';
    return url.startsWith(urlPrefix);
  });
  const intervals = ours.map((e) => [e.ts, e.ts + e.dur!] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of intervals) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  const tasks = traceEvents.filter((e) => onMain(e) && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'));
  let longest = 0;
  for (const task of tasks) {
    const taskEnd = task.ts + task.dur!;
    if (intervals.some(([s]) => s >= task.ts && s < taskEnd)) longest = Math.max(longest, task.dur!);
  }
  const allTasks = tasks.reduce((sum, t) => sum + t.dur!, 0);
  return { scriptMs: total / 1000, longestTaskMs: longest / 1000, allTasksMs: allTasks / 1000 };
}

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'toplevel'];
