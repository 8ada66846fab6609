import { describe, expect, it } from 'vitest';
import { createChecker, isCaptcha, isLoginWall, type CheckDeps, type CheckStatus } from '../../../lib/watch/check';

/** A fake browser: tabs that "load" when the test says, and a clock that moves only when slept on. */
function harness(targets: Array<{ id: string; url: string; title: string }>, interval = 15_000) {
  let clock = 1_000_000;
  const opened: Array<{ at: number; url: string; tab: number }> = [];
  const closed: number[] = [];
  const sleeps: number[] = [];
  const statuses: CheckStatus[] = [];
  let onOpen: (url: string, tab: number) => void = () => {};
  const deps: CheckDeps = {
    targets: async () => targets,
    openTab: async (url) => {
      opened.push({ at: clock, url, tab: 7 });
      setTimeout(() => onOpen(url, 7), 0);
      return 7;
    },
    navigate: async (tab, url) => {
      opened.push({ at: clock, url, tab });
      setTimeout(() => onOpen(url, tab), 0);
    },
    closeTab: async (tab) => {
      closed.push(tab);
    },
    // The page timeout sleeps forever here: a page settles only by its events.
    sleep: (ms) => {
      if (ms >= 45_000) return new Promise(() => {});
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    now: () => clock,
    intervalMs: async () => interval,
    onStatus: (status) => statuses.push(status),
  };
  const checker = createChecker(deps);
  return { checker, opened, closed, sleeps, statuses, setOnOpen: (fn: typeof onOpen) => (onOpen = fn), tick: (ms: number) => (clock += ms) };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 0));
  expect(check()).toBe(true);
};

const TARGETS = [
  { id: 'taobao:10001', url: 'https://item.taobao.com/item.htm?id=10001', title: 'A' },
  { id: 'tmall:10002', url: 'https://detail.tmall.com/item.htm?id=10002', title: 'B' },
  { id: 'taobao:10003', url: 'https://item.taobao.com/item.htm?id=10003', title: 'C' },
];

describe('Check my watchlist now', () => {
  it('opens each page in one tab, at most one per interval, and counts what changed', async () => {
    const h = harness(TARGETS);
    h.setOnOpen((url, tab) => {
      const id = TARGETS.find((target) => target.url === url)!.id;
      h.tick(3_000); // the page takes 3 s to load and be read
      h.checker.onCapture(tab, [id], id === 'tmall:10002' ? 1 : 0);
    });
    h.checker.start();
    await until(() => h.checker.status().state === 'done');
    expect(h.opened.map((page) => page.url)).toEqual(TARGETS.map((target) => target.url));
    // 15 s between openings, not 15 s after each page settled.
    expect(h.opened.map((page, i) => (i ? page.at - h.opened[i - 1]!.at : 0))).toEqual([0, 15_000, 15_000]);
    expect(h.checker.status()).toMatchObject({ state: 'done', total: 3, done: 3, read: 3, changed: 1, noReading: 0 });
    expect(h.closed).toEqual([7]);
  });

  it('a capture from another tab or of another listing does not count', async () => {
    const h = harness(TARGETS.slice(0, 1));
    h.setOnOpen((_url, tab) => {
      h.checker.onCapture(tab + 1, ['taobao:10001'], 1);
      h.checker.onCapture(tab, ['taobao:99999'], 1);
    });
    h.checker.start();
    await until(() => h.opened.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.checker.status().state).toBe('running');
    h.checker.onCapture(7, ['taobao:10001'], 0);
    await until(() => h.checker.status().state === 'done');
  });

  it('stops at a login wall, says so, opens nothing more and leaves the tab for the user', async () => {
    const h = harness(TARGETS);
    h.setOnOpen((url, tab) => {
      if (url.includes('10002')) h.checker.onNavigate(tab, `https://login.taobao.com/member/login.jhtml?redirectURL=${encodeURIComponent(url)}`);
      else h.checker.onCapture(tab, [TARGETS.find((target) => target.url === url)!.id], 0);
    });
    h.checker.start();
    await until(() => h.checker.status().state === 'stopped');
    expect(h.checker.status()).toMatchObject({ stoppedBy: 'login', done: 1, read: 1 });
    expect(h.opened).toHaveLength(2);
    expect(h.closed).toEqual([]);
  });

  it('a page that leaves our hosts (its address hidden without the tabs permission) is a login wall', async () => {
    const h = harness(TARGETS);
    h.setOnOpen((_url, tab) => h.checker.onLeftSite(tab));
    h.checker.start();
    await until(() => h.checker.status().state === 'stopped');
    expect(h.checker.status()).toMatchObject({ stoppedBy: 'login', done: 0 });
    expect(h.opened).toHaveLength(1);
  });

  it('stops at a captcha', async () => {
    const h = harness(TARGETS);
    h.setOnOpen((url, tab) => h.checker.onNavigate(tab, `${url.replace('/item.htm', '/item.htm/_____tmd_____/punish')}&x5secdata=abc`));
    h.checker.start();
    await until(() => h.checker.status().state === 'stopped');
    expect(h.checker.status()).toMatchObject({ stoppedBy: 'captcha', done: 0 });
  });

  it('the user can stop it; a second start while running is the same run', async () => {
    const h = harness(TARGETS);
    h.checker.start();
    expect(h.checker.start().state).toBe('running');
    await until(() => h.opened.length === 1);
    h.checker.stop();
    await until(() => h.checker.status().state === 'stopped');
    expect(h.checker.status().stoppedBy).toBe('user');
    expect(h.opened).toHaveLength(1);
    expect(h.closed).toEqual([7]);
  });

  it('a closed tab stops the run', async () => {
    const h = harness(TARGETS);
    h.setOnOpen((_url, tab) => h.checker.onTabRemoved(tab));
    h.checker.start();
    await until(() => h.checker.status().state === 'stopped');
    expect(h.checker.status().stoppedBy).toBe('closed');
  });
});

describe('walls', () => {
  it('knows Taobao\'s login pages and its captcha', () => {
    expect(isLoginWall('https://login.taobao.com/member/login.jhtml?redirectURL=https%3A%2F%2Fitem.taobao.com%2F')).toBe(true);
    expect(isLoginWall('https://shop123.taobao.com/search.htm/_____tmd_____/page/login_jump?rand=x')).toBe(true);
    expect(isLoginWall('https://item.taobao.com/item.htm?id=10001')).toBe(false);
    expect(isCaptcha('https://item.taobao.com/item.htm/_____tmd_____/punish?x5secdata=abc')).toBe(true);
    expect(isCaptcha('https://item.taobao.com/item.htm?id=10001')).toBe(false);
    expect(isCaptcha('not a url')).toBe(false);
  });
});

describe('a run outlives its service worker', () => {
  /**
   * Two workers in turn over one saved run and one clock. A stopped worker does nothing more: its
   * timers never fire, its tab calls never answer and its saves are lost, as when Chrome ends it.
   */
  function worker(shared: { clock: number; saved: unknown; opened: Array<{ at: number; url: string }>; closed: number[] }, onOpen: (url: string, tab: number) => void) {
    let alive = true;
    const never = new Promise<never>(() => {});
    const deps: CheckDeps = {
      targets: async () => TARGETS,
      openTab: async (url) => {
        if (!alive) return never;
        shared.opened.push({ at: shared.clock, url });
        setTimeout(() => alive && onOpen(url, 9), 0);
        return 9;
      },
      navigate: async (tab, url) => {
        if (!alive) return never;
        shared.opened.push({ at: shared.clock, url });
        setTimeout(() => alive && onOpen(url, tab), 0);
      },
      closeTab: async (tab) => {
        if (alive) shared.closed.push(tab);
      },
      sleep: (ms) => {
        if (!alive || ms >= 45_000) return never;
        shared.clock += ms;
        return Promise.resolve();
      },
      now: () => shared.clock,
      intervalMs: async () => 15_000,
      store: {
        load: async () => structuredClone(shared.saved),
        save: async (run) => {
          if (alive) shared.saved = structuredClone(run);
        },
      },
    };
    return { checker: createChecker(deps), stop: () => (alive = false) };
  }

  it('a new worker goes on where the stopped one was: the interrupted page again, the interval kept, nothing counted twice', async () => {
    const shared = { clock: 5_000_000, saved: undefined as unknown, opened: [] as Array<{ at: number; url: string }>, closed: [] as number[] };
    const first = worker(shared, (url, tab) => {
      // A is read; the worker stops while B's page loads.
      if (url.includes('10001')) first.checker.onCapture(tab, ['taobao:10001'], 1);
      else first.stop();
    });
    await first.checker.ready;
    first.checker.start();
    await until(() => shared.opened.length === 2 && (shared.saved as { status?: CheckStatus } | undefined)?.status?.current === 'B');
    const openedB = shared.opened[1]!.at;
    expect((shared.saved as { status: CheckStatus }).status).toMatchObject({ state: 'running', total: 3, done: 1, read: 1, changed: 1 });

    // Chrome starts a new worker (the seller page asks for the status, a tab event arrives…).
    shared.clock += 2_000;
    const second = worker(shared, (url, tab) => second.checker.onCapture(tab, [TARGETS.find((target) => target.url === url)!.id], 0));
    await second.checker.ready;
    // The old worker's tab is closed, and the run says it was resumed.
    expect(shared.closed).toEqual([9]);
    await until(() => second.checker.status().state === 'done');
    expect(shared.opened.map((page) => page.url)).toEqual([TARGETS[0]!.url, TARGETS[1]!.url, TARGETS[1]!.url, TARGETS[2]!.url]);
    // B again no sooner than 15 s after B first opened; C 15 s after that.
    expect(shared.opened[2]!.at - openedB).toBe(15_000);
    expect(shared.opened[3]!.at - shared.opened[2]!.at).toBe(15_000);
    expect(second.checker.status()).toMatchObject({ state: 'done', total: 3, done: 3, read: 3, changed: 1, resumed: 1 });
    expect((shared.saved as { status: CheckStatus }).status.state).toBe('done');
  });

  it('a finished or stopped run is shown as it ended after a restart, and a new one can start', async () => {
    const shared = { clock: 1_000, saved: undefined as unknown, opened: [] as Array<{ at: number; url: string }>, closed: [] as number[] };
    const first = worker(shared, (url, tab) => {
      if (url.includes('10002')) first.checker.onNavigate(tab, 'https://login.taobao.com/member/login.jhtml');
      else first.checker.onCapture(tab, [TARGETS.find((target) => target.url === url)!.id], 0);
    });
    first.checker.start();
    await until(() => first.checker.status().state === 'stopped');
    first.stop();
    const second = worker(shared, (url, tab) => second.checker.onCapture(tab, [TARGETS.find((target) => target.url === url)!.id], 0));
    await second.checker.ready;
    expect(second.checker.status()).toMatchObject({ state: 'stopped', stoppedBy: 'login', done: 1 });
    expect(shared.opened).toHaveLength(2);
    second.checker.start();
    await until(() => second.checker.status().state === 'done');
    expect(second.checker.status()).toMatchObject({ done: 3, read: 3 });
  });

  it('a saved run of the wrong shape reads as none', async () => {
    for (const saved of [null, 'x', { status: { state: 'flying' }, remaining: [] }, { status: { state: 'running', total: -1, done: 0, read: 0, noReading: 0, changed: 0 }, remaining: [] }]) {
      const shared = { clock: 1_000, saved: saved as unknown, opened: [] as Array<{ at: number; url: string }>, closed: [] as number[] };
      const { checker } = worker(shared, () => {});
      await checker.ready;
      expect(checker.status().state).toBe('idle');
      expect(shared.opened).toEqual([]);
    }
  });
});
