import { describe, expect, it } from 'vitest';
import { MIN_SPAN, tickLabels, tickUnit, timeRange } from '../../../lib/watch/chart-axis';
import { priceStats } from '../../../lib/watch/stats';
import { alertsFor } from '../../../lib/watch/alerts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30, 12);

describe('the time axis', () => {
  it('one sighting: a two-hour window centred on it, never years', () => {
    const t = NOW / 1000;
    expect(timeRange(t, t)).toEqual([t - MIN_SPAN / 2, t + MIN_SPAN / 2]);
  });

  it('a day and two years keep their own span, with a small margin', () => {
    const start = NOW / 1000;
    const [dayMin, dayMax] = timeRange(start, start + 86_400);
    expect(dayMax - dayMin).toBeCloseTo(86_400 * 1.08);
    const [yearsMin, yearsMax] = timeRange(start, start + 2 * 365 * 86_400);
    expect(yearsMin).toBeLessThan(start);
    expect(yearsMax - yearsMin).toBeLessThan(2.2 * 365 * 86_400);
  });

  it('labels ticks as times of day, days or months, in the page\'s language', () => {
    expect(tickUnit(600)).toBe('minute');
    expect(tickUnit(2 * 86_400)).toBe('day');
    expect(tickUnit(90 * 86_400)).toBe('month');
    const t = Date.UTC(2026, 5, 30, 10, 0) / 1000;
    const minutes = tickLabels([t, t + 600], 600, 'en');
    expect(minutes[0]).toMatch(/^\d{2}:00\nJun 30$/);
    expect(minutes[1]).toMatch(/^\d{2}:10$/);
    expect(tickLabels([t], 90 * 86_400, 'en')[0]).toBe('Jun 2026');
    expect(tickLabels([t], 90 * 86_400, 'zh-CN')[0]).toBe('2026年6月');
  });
});

describe('price statistics', () => {
  const history = [
    { seenAt: NOW - 100 * DAY, title: 'x', priceCny: 120 },
    { seenAt: NOW - 20 * DAY, title: 'x', priceCny: 100 },
    { seenAt: NOW - 10 * DAY, title: 'x', priceCny: 90 },
    { seenAt: NOW - 3 * DAY, title: 'x', priceCny: 90 },
    { seenAt: NOW - 1 * DAY, title: 'x' },
  ];

  it('lowest, highest and average over the range; the last change from the whole history', () => {
    expect(priceStats(history, 'all', NOW)).toMatchObject({ count: 4, min: 90, max: 120, average: 100, daysSince: 10 });
    expect(priceStats(history, '30', NOW)).toMatchObject({ count: 3, min: 90, max: 100, average: 93.33 });
    const week = priceStats(history, '7', NOW);
    expect(week).toMatchObject({ count: 1, min: 90, max: 90, daysSince: 10 });
    expect(week.lastChange).toMatchObject({ before: 100, after: 90, delta: -10, percent: -10 });
  });

  it('nothing priced: nothing to say', () => {
    expect(priceStats([{ seenAt: NOW, title: 'x' }], 'all', NOW)).toEqual({ count: 0, min: null, max: null, average: null, lastChange: null, daysSince: null });
  });
});

describe('alerts', () => {
  const earlier = [{ seenAt: NOW - DAY, title: '卫衣', priceCny: 80, sales: 100 }];
  it('a sales jump needs a fifth more and at least 10', () => {
    const kinds = { alerts: ['sales-jump' as const] };
    expect(alertsFor('taobao:1', kinds, earlier, { seenAt: NOW, title: '卫衣', priceCny: 80, sales: 119 })).toEqual([]);
    expect(alertsFor('taobao:1', kinds, earlier, { seenAt: NOW, title: '卫衣', priceCny: 80, sales: 120 })).toMatchObject([{ kind: 'sales-jump', fromSales: 100, toSales: 120 }]);
  });
  it('a target on the very first priced sighting alerts; sightings without a price say nothing', () => {
    expect(alertsFor('taobao:1', { targetCny: 90 }, [], { seenAt: NOW, title: '卫衣', priceCny: 80 })).toMatchObject([{ kind: 'target', toCny: 80 }]);
    expect(alertsFor('taobao:1', { targetCny: 90 }, earlier, { seenAt: NOW, title: '卫衣' })).toEqual([]);
  });
});
