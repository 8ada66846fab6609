import { describe, expect, it, vi } from 'vitest';
import { createRateLimiter, EXTENSION_FACTOR, OPENING_LIMITS, RateLimitError, withRateLimits } from '../../../lib/messaging/rate-limit';
import type { HandlerContext, Handlers } from '../../../lib/messaging/router';

const fromTab = (tabId: number): HandlerContext => ({ sender: { id: 'x' }, kind: 'xiaohongshu', tabId });
const fromPopup: HandlerContext = { sender: { id: 'x' }, kind: 'extension' };

describe('rate limits on messages that open tabs or windows or write the watchlist', () => {
  it('lets a sender make `max` requests in a window, refuses the next, and allows again once the window moved on', () => {
    let now = 0;
    const limiter = createRateLimiter({ 'taobao:search': { max: 3, windowMs: 1000 } }, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('taobao:search', 'tab:1'))).toEqual([true, true, true, false]);
    now = 999;
    expect(limiter.take('taobao:search', 'tab:1')).toBe(false);
    now = 1000;
    expect(limiter.take('taobao:search', 'tab:1')).toBe(true);
  });

  it('counts each tab apart, and leaves other messages alone', () => {
    const limiter = createRateLimiter({ 'ui:open-popup': { max: 1, windowMs: 1000 } }, () => 0);
    expect(limiter.take('ui:open-popup', 'tab:1')).toBe(true);
    expect(limiter.take('ui:open-popup', 'tab:2')).toBe(true);
    expect(limiter.take('ui:open-popup', 'tab:1')).toBe(false);
    expect(Array.from({ length: 50 }, () => limiter.take('note:get', 'tab:1')).every(Boolean)).toBe(true);
  });

  it('wraps the handlers: a flood of twenty searches from one page opens only the allowance', async () => {
    const opened = vi.fn(async () => ({ tabId: 1, url: 'u' }));
    const handlers = withRateLimits({ 'taobao:search': opened } as Handlers, OPENING_LIMITS, () => 0);
    const search = handlers['taobao:search']!;
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => Promise.resolve().then(() => search({ query: '卫衣' }, fromTab(7)))));
    expect(opened).toHaveBeenCalledTimes(OPENING_LIMITS['taobao:search'].max);
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(20 - OPENING_LIMITS['taobao:search'].max);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(RateLimitError);
    // Our own pages have their own, larger allowance, and it has an end too.
    const fromPages = await Promise.allSettled(Array.from({ length: 30 }, () => Promise.resolve().then(() => search({ query: '卫衣' }, fromPopup))));
    expect(fromPages.filter((result) => result.status === 'fulfilled')).toHaveLength(OPENING_LIMITS['taobao:search'].max * EXTENSION_FACTOR);
  });
});
