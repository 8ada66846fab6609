/**
 * "Check my watchlist now": the watched listings' own pages opened one after another in one
 * background tab, at most one page per interval (15 s), each read by the Taobao content script
 * exactly as when the user browses (its `listings:capture` records the sighting). Nothing else is
 * requested, and never Taobao's APIs. A login wall or a captcha stops the run and says so: going on
 * would only meet the same wall, and hammering it is what gets an account flagged.
 *
 * The runner knows nothing of the browser: the background gives it tabs, timers and events.
 *
 * A run outlives its service worker: the browser may stop the worker mid-run (an update, a crash,
 * the worker's time limit). Every step is saved (`CheckDeps.store`, `storage.session` in the
 * background), and a new worker picks the run up where it was: the page being read when it stopped
 * is read again, no sooner than one interval after the last page opened. The status says it was
 * resumed. A browser restart empties `storage.session`, so a run never resumes in a new session.
 */

export const CHECK_INTERVAL_MS = 15_000;
/** A page that shows no listing this long after opening counts as "no reading" and the run goes on. */
export const PAGE_TIMEOUT_MS = 45_000;

export type StopReason = 'login' | 'captcha' | 'closed' | 'user' | 'error';

export interface CheckStatus {
  state: 'idle' | 'running' | 'done' | 'stopped';
  total: number;
  /** Pages opened and settled (read, or given up on). */
  done: number;
  /** Pages whose listing was read. */
  read: number;
  /** Pages that showed no listing in time. */
  noReading: number;
  /** Listings whose page read differently from their last snapshot. */
  changed: number;
  current?: string;
  stoppedBy?: StopReason;
  /** The page that stopped the run. */
  stoppedAt?: string;
  message?: string;
  startedAt?: number;
  finishedAt?: number;
  /** When the next page opens (the interval's wait). */
  nextAt?: number;
  /** How many times the run was picked up again after its service worker stopped. */
  resumed?: number;
}

/** What a worker needs to go on with a run another worker began. */
export interface SavedRun {
  status: CheckStatus;
  /** Targets not yet settled, the one being read first. */
  remaining: CheckTarget[];
  tabId?: number;
  /** When the last page opened: the next one waits for the interval from then. */
  lastOpenAt?: number;
}

export interface RunStore {
  load(): Promise<unknown>;
  save(run: SavedRun): Promise<void>;
}

export interface CheckTarget {
  id: string;
  url: string;
  title: string;
}

export interface CheckDeps {
  targets(): Promise<CheckTarget[]>;
  openTab(url: string): Promise<number>;
  navigate(tabId: number, url: string): Promise<void>;
  closeTab(tabId: number): Promise<void>;
  sleep(ms: number): Promise<void>;
  now(): number;
  intervalMs(): Promise<number>;
  pageTimeoutMs?: number;
  onStatus?(status: CheckStatus): void;
  /** Where the run is kept between service workers; without one it lives in memory only. */
  store?: RunStore;
}

type Outcome = { kind: 'read'; added: number } | { kind: 'login' | 'captcha' | 'closed' | 'timeout' | 'user'; url?: string };

/** Alibaba's login page, or its "log in to go on" jump on a shop host. */
export function isLoginWall(url: string): boolean {
  try {
    const { hostname, pathname } = new URL(url);
    return /^login\.(?:taobao|tmall)\.com$/.test(hostname) || pathname.includes('/_____tmd_____/page/login_jump');
  } catch {
    return false;
  }
}

/** Alibaba's anti-bot slider: `…/_____tmd_____/punish?x5secdata=…` on the host that was asked. */
export function isCaptcha(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.pathname.includes('/_____tmd_____/punish') || parsed.searchParams.has('x5secdata');
  } catch {
    return false;
  }
}

export function createChecker(deps: CheckDeps) {
  let status: CheckStatus = { state: 'idle', total: 0, done: 0, read: 0, noReading: 0, changed: 0 };
  let tabId: number | undefined;
  let waiting: { id: string; settle(outcome: Outcome): void } | undefined;
  let stopRequested = false;
  let remaining: CheckTarget[] = [];
  let lastOpenAt: number | undefined;
  // Saves are chained so that they land in order.
  let saving: Promise<void> = Promise.resolve();

  const save = () => {
    if (!deps.store) return;
    const run: SavedRun = { status, remaining, ...(tabId !== undefined ? { tabId } : {}), ...(lastOpenAt !== undefined ? { lastOpenAt } : {}) };
    saving = saving.then(() => deps.store!.save(run)).catch(() => undefined);
  };

  const publish = (patch: Partial<CheckStatus>) => {
    status = { ...status, ...patch };
    save();
    deps.onStatus?.(status);
  };

  const waitForPage = (target: CheckTarget, open: () => Promise<void>): Promise<Outcome> =>
    new Promise<Outcome>((resolve) => {
      let settled = false;
      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        waiting = undefined;
        resolve(outcome);
      };
      waiting = { id: target.id, settle };
      void deps.sleep(deps.pageTimeoutMs ?? PAGE_TIMEOUT_MS).then(() => settle({ kind: 'timeout' }));
      open().catch(() => settle({ kind: 'closed' }));
    });

  async function run() {
    const targets = await deps.targets();
    remaining = targets;
    lastOpenAt = undefined;
    publish({ state: 'running', total: targets.length, done: 0, read: 0, noReading: 0, changed: 0, startedAt: deps.now(), stoppedBy: undefined, stoppedAt: undefined, message: undefined, finishedAt: undefined, resumed: undefined });
    await visit();
  }

  /** Opens the remaining targets one by one; `remaining` loses each as it settles. */
  async function visit() {
    const interval = await deps.intervalMs();
    while (remaining.length) {
      const target = remaining[0]!;
      const wait = (lastOpenAt ?? -Infinity) + interval - deps.now();
      if (wait > 0) {
        publish({ nextAt: deps.now() + wait, current: undefined });
        await deps.sleep(wait);
      }
      if (stopRequested) {
        await closeCheckTab();
        return finish('stopped', { stoppedBy: 'user' });
      }
      lastOpenAt = deps.now();
      publish({ current: target.title, nextAt: undefined });
      const outcome = await waitForPage(target, async () => {
        if (tabId === undefined) {
          tabId = await deps.openTab(target.url);
          save();
        } else await deps.navigate(tabId, target.url);
      });
      if (outcome.kind === 'read' || outcome.kind === 'timeout') {
        remaining = remaining.slice(1);
        if (outcome.kind === 'read') publish({ done: status.done + 1, read: status.read + 1, changed: status.changed + (outcome.added > 0 ? 1 : 0) });
        else publish({ done: status.done + 1, noReading: status.noReading + 1 });
        continue;
      }
      if (outcome.kind === 'closed') tabId = undefined;
      // A login wall or a captcha stays open for the user to deal with; a stop by the user does not.
      if (outcome.kind === 'user') await closeCheckTab();
      return finish('stopped', { stoppedBy: outcome.kind, stoppedAt: outcome.url ?? target.url });
    }
    await closeCheckTab();
    finish('done', {});
  }

  async function closeCheckTab() {
    const open = tabId;
    tabId = undefined;
    if (open !== undefined) await deps.closeTab(open).catch(() => undefined);
  }

  function finish(state: 'done' | 'stopped', patch: Partial<CheckStatus>) {
    stopRequested = false;
    remaining = [];
    publish({ ...patch, state, current: undefined, nextAt: undefined, finishedAt: deps.now() });
  }

  const fail = (error: unknown) => finish('stopped', { stoppedBy: 'error', message: error instanceof Error ? error.message : String(error) });

  /** The run a stopped worker left: shown as it was, and gone on with when it was running. */
  async function restore() {
    const saved = parseSavedRun(await deps.store?.load().catch(() => undefined));
    if (!saved || status.state !== 'idle') return;
    status = saved.status;
    if (status.state !== 'running') return;
    remaining = saved.remaining;
    lastOpenAt = saved.lastOpenAt;
    // The old worker's tab may be mid-page or gone: a fresh tab reads the interrupted page again.
    if (saved.tabId !== undefined) await deps.closeTab(saved.tabId).catch(() => undefined);
    tabId = undefined;
    publish({ resumed: (status.resumed ?? 0) + 1, current: undefined });
    // Stopped before its targets were listed: list them now.
    if (status.total === 0 && remaining.length === 0) run().catch(fail);
    else visit().catch(fail);
  }

  const ready = deps.store ? restore().catch(() => undefined) : Promise.resolve();

  return {
    /** Resolves once a run saved by an earlier worker is shown (and resumed when it was running). */
    ready,
    status: () => status,
    /** Starts a run unless one is under way; answers the status either way. */
    start(): CheckStatus {
      if (status.state === 'running') return status;
      stopRequested = false;
      // A tab left at a login wall by the last run is not reused: the user may be logging in there.
      tabId = undefined;
      publish({ state: 'running', total: 0, done: 0 });
      run().catch(fail);
      return status;
    },
    stop(): CheckStatus {
      if (status.state !== 'running') return status;
      stopRequested = true;
      waiting?.settle({ kind: 'user' });
      return status;
    },
    /** The Taobao content script read listings in a tab (`added`: how many read differently than before). */
    onCapture(fromTab: number | undefined, listingIds: readonly string[], added: number) {
      if (fromTab === undefined || fromTab !== tabId || !waiting) return;
      if (listingIds.includes(waiting.id)) waiting.settle({ kind: 'read', added });
    },
    /** The check tab moved to a URL (a redirect, a wall). */
    onNavigate(fromTab: number, url: string) {
      if (fromTab !== tabId || !waiting) return;
      if (isLoginWall(url)) waiting.settle({ kind: 'login', url });
      else if (isCaptcha(url)) waiting.settle({ kind: 'captcha', url });
    },
    /**
     * The check tab finished loading a page whose address Zhongcao may not see: without the `tabs`
     * permission a tab's URL is visible only on our own hosts, so the listing sent the tab off
     * Taobao's item hosts. For an item page that is the login page.
     */
    onLeftSite(fromTab: number) {
      if (fromTab !== tabId || !waiting) return;
      waiting.settle({ kind: 'login' });
    },
    onTabRemoved(removed: number) {
      if (removed !== tabId) return;
      tabId = undefined;
      waiting?.settle({ kind: 'closed' });
    },
  };
}

export type Checker = ReturnType<typeof createChecker>;

/** A saved run as `storage.session` gave it back, checked: anything else reads as no run. */
export function parseSavedRun(value: unknown): SavedRun | null {
  if (typeof value !== 'object' || value === null) return null;
  const run = value as Partial<SavedRun>;
  const status = run.status;
  const states = ['idle', 'running', 'done', 'stopped'];
  if (typeof status !== 'object' || status === null || !states.includes(status.state)) return null;
  for (const field of ['total', 'done', 'read', 'noReading', 'changed'] as const) {
    if (!Number.isSafeInteger(status[field]) || status[field] < 0) return null;
  }
  if (!Array.isArray(run.remaining)) return null;
  const remaining = run.remaining.filter(
    (target): target is CheckTarget => typeof target?.id === 'string' && typeof target.url === 'string' && typeof target.title === 'string',
  );
  return {
    status,
    remaining,
    ...(Number.isSafeInteger(run.tabId) ? { tabId: run.tabId } : {}),
    ...(typeof run.lastOpenAt === 'number' && Number.isFinite(run.lastOpenAt) ? { lastOpenAt: run.lastOpenAt } : {}),
  };
}
