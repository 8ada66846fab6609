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
