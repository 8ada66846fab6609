/**
 * "Check my watchlist now": the watched listings' own pages opened one after another in one
 * background tab, at most one page per interval (15 s), each read by the Taobao content script
 * exactly as when the user browses (its `listings:capture` records the sighting). Nothing else is
 * requested, and never Taobao's APIs. A login wall or a captcha stops the run and says so: going on
 * would only meet the same wall, and hammering it is what gets an account flagged.
 *
 * The runner knows nothing of the browser: the background gives it tabs, timers and events.
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

  const publish = (patch: Partial<CheckStatus>) => {
    status = { ...status, ...patch };
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
    publish({ state: 'running', total: targets.length, done: 0, read: 0, noReading: 0, changed: 0, startedAt: deps.now(), stoppedBy: undefined, stoppedAt: undefined, message: undefined, finishedAt: undefined });
    const interval = await deps.intervalMs();
    let lastOpen = -Infinity;
    for (const target of targets) {
      const wait = lastOpen + interval - deps.now();
      if (wait > 0) {
        publish({ nextAt: deps.now() + wait, current: undefined });
        await deps.sleep(wait);
      }
      if (stopRequested) {
        await closeCheckTab();
        return finish('stopped', { stoppedBy: 'user' });
      }
      publish({ current: target.title, nextAt: undefined });
      lastOpen = deps.now();
      const outcome = await waitForPage(target, async () => {
        if (tabId === undefined) tabId = await deps.openTab(target.url);
        else await deps.navigate(tabId, target.url);
      });
      if (outcome.kind === 'read') {
        publish({ done: status.done + 1, read: status.read + 1, changed: status.changed + (outcome.added > 0 ? 1 : 0) });
        continue;
      }
      if (outcome.kind === 'timeout') {
        publish({ done: status.done + 1, noReading: status.noReading + 1 });
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
    publish({ ...patch, state, current: undefined, nextAt: undefined, finishedAt: deps.now() });
  }

  return {
    status: () => status,
    /** Starts a run unless one is under way; answers the status either way. */
    start(): CheckStatus {
      if (status.state === 'running') return status;
      stopRequested = false;
      // A tab left at a login wall by the last run is not reused: the user may be logging in there.
      tabId = undefined;
      publish({ state: 'running', total: 0, done: 0 });
      run().catch((error: unknown) => finish('stopped', { stoppedBy: 'error', message: error instanceof Error ? error.message : String(error) }));
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
