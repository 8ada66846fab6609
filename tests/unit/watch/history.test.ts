import { describe, expect, it } from 'vitest';
import type { SnapshotFields } from '../../../lib/watch/diff';
import { latestPrice, priceChangeSinceLastSeen, priceDrop, priceSeries, salesTrend, sameSighting } from '../../../lib/watch/history';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 5, 11, 2);

function seen(offset: number, fields: Partial<SnapshotFields> = {}): SnapshotFields {
  return { seenAt: T0 + offset, title: '小熊刺绣卫衣', ...fields };
}

describe('priceSeries', () => {
  it('sorts by time, gives seconds, leaves gaps for missing prices and skips unpriced sightings', () => {
    const series = priceSeries([
      seen(DAY, { priceCny: 69 }),
      seen(0, { priceCny: 89, priceMaxCny: 129 }),
      seen(HOUR, { sales: 100 }),
    ]);
    expect(series).toEqual([
      [T0 / 1000, (T0 + DAY) / 1000],
      [89, 69],
      [129, null],
    ]);
  });

  it('is three empty columns without sightings', () => {
    expect(priceSeries([])).toEqual([[], [], []]);
  });
});

describe('priceChangeSinceLastSeen', () => {
  it.each<[string, SnapshotFields[], ReturnType<typeof priceChangeSinceLastSeen>]>([
    ['one sighting', [seen(0, { priceCny: 89 })], null],
    ['drop', [seen(0, { priceCny: 89 }), seen(DAY, { priceCny: 69 })], { before: 89, after: 69, delta: -20, percent: -22.5 }],
    ['last two only', [seen(0, { priceCny: 50 }), seen(HOUR, { priceCny: 89 }), seen(DAY, { priceCny: 99 })], { before: 89, after: 99, delta: 10, percent: 11.2 }],
    ['unpriced sightings skipped', [seen(0, { priceCny: 89 }), seen(HOUR, { priceCny: 79 }), seen(DAY, { sales: 5 })], { before: 89, after: 79, delta: -10, percent: -11.2 }],
    ['order of input does not matter', [seen(DAY, { priceCny: 69 }), seen(0, { priceCny: 89 })], { before: 89, after: 69, delta: -20, percent: -22.5 }],
  ])('%s', (_name, snapshots, expected) => {
    expect(priceChangeSinceLastSeen(snapshots)).toEqual(expected);
  });
});

describe('salesTrend', () => {
  it.each<[string, SnapshotFields[], ReturnType<typeof salesTrend>]>([
    ['no sales shown', [seen(0), seen(DAY)], { direction: 'unknown', delta: 0, perDay: null }],
    ['one sighting with sales', [seen(0, { sales: 100 })], { direction: 'unknown', delta: 0, perDay: null }],
    ['growing over two days', [seen(0, { sales: 10_000 }), seen(DAY, { sales: 12_000 }), seen(2 * DAY, { sales: 20_000 })], { direction: 'up', delta: 10_000, perDay: 5_000 }],
    ['flat', [seen(0, { sales: 100 }), seen(DAY, { sales: 100 })], { direction: 'flat', delta: 0, perDay: 0 }],
    ['down (a relisted item)', [seen(0, { sales: 100 }), seen(DAY, { sales: 10 })], { direction: 'down', delta: -90, perDay: -90 }],
    ['within minutes: no rate', [seen(0, { sales: 100 }), seen(60_000, { sales: 200 })], { direction: 'up', delta: 100, perDay: null }],
  ])('%s', (_name, snapshots, expected) => {
    expect(salesTrend(snapshots)).toEqual(expected);
  });
});

describe('priceDrop', () => {
  it.each<[string, SnapshotFields[], SnapshotFields, ReturnType<typeof priceDrop>]>([
    ['cheaper than last seen', [seen(0, { priceCny: 89 })], seen(DAY, { priceCny: 69 }), { fromCny: 89, toCny: 69 }],
    ['same price', [seen(0, { priceCny: 89 })], seen(DAY, { priceCny: 89 }), null],
    ['dearer', [seen(0, { priceCny: 69 })], seen(DAY, { priceCny: 89 }), null],
    ['compares with the latest earlier price, not the lowest ever', [seen(0, { priceCny: 50 }), seen(HOUR, { priceCny: 89 })], seen(DAY, { priceCny: 79 }), { fromCny: 89, toCny: 79 }],
    ['first sighting', [], seen(0, { priceCny: 89 }), null],
    ['no price on the new sighting', [seen(0, { priceCny: 89 })], seen(DAY, {}), null],
    ['earlier sighting without price', [seen(0, { sales: 3 })], seen(DAY, { priceCny: 69 }), null],
  ])('%s', (_name, earlier, sighting, expected) => {
    expect(priceDrop(earlier, sighting)).toEqual(expected);
  });
});

describe('latestPrice and sameSighting', () => {
  it('latest price skips unpriced sightings', () => {
    expect(latestPrice([seen(0, { priceCny: 89 }), seen(DAY, { sales: 4 })])).toBe(89);
    expect(latestPrice([])).toBeUndefined();
  });

  it('two sightings that read the same are the same whatever their time', () => {
    expect(sameSighting(seen(0, { priceCny: 89 }), seen(DAY, { priceCny: 89 }))).toBe(true);
    expect(sameSighting(seen(0, { priceCny: 89 }), seen(0, { priceCny: 88 }))).toBe(false);
  });
});
