/**
 * Capture and ranking speed: parsing a 48-listing Taobao search page (budget 10 ms) and ranking one
 * mention against 10k / 50k / 100k cached listings (budget 50 ms at 50k). The page is the committed
 * fixture, parsed by happy-dom (slower at selectors than the browser the content script runs in).
 */
import { Window } from 'happy-dom';
import { createListingIndex, rankListings, type RankQuery } from '../lib/match/rank';
import type { Listing } from '../lib/messaging/schemas';
import { parseSearchPage } from '../lib/shops/parse';
import { readFixture } from '../tests/fixtures/taobao-fixtures';
// Node reads the lexicon from its JSON files.
import '../lib/mentions/lexicon-bundled';
import type { BenchRow as BenchResult } from './types';


function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function time(run: () => unknown, repeat: number): number {
  const samples: number[] = [];
  for (let round = 0; round < repeat; round++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Deterministic pseudo-random numbers, so every run ranks the same synthetic cache. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const BRANDS = ['得力', '晨光', '太平鸟', '森马', '李宁', '安踏', '小米', '北面', '耐克', '3M', '国誉', '无印良品', ''];
const ATTRIBUTES = ['小熊', '樱桃', '字母', '花朵', '刺绣', '加绒', '重磅', '纯棉', '宽松', '连帽', '圆领', '复古', '透明', '荧光', '防水', '大号', '学生', '办公', '轻便', '韩版', 'ins风', '2025新款', '秋冬', '春秋'];
const PRODUCTS = ['卫衣', '卫裤', 'T恤', '毛衣', '牛仔裤', '羽绒服', '双肩包', '运动鞋', '口红', '便利贴', '笔记本', '手机壳', '充电宝', '保温杯', '帆布包'];
const SUFFIXES = ['女', '男', '男女同款', '儿童', '', '官方正品', '包邮', '大码'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** Listings that look like a real cache: brand, 2–5 attributes, a product word, a suffix. */
export function syntheticListings(count: number, seed = 42): Listing[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, index) => {
    const attributes = Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(random, ATTRIBUTES)).join('');
    const title = `${pick(random, BRANDS)}${attributes}${pick(random, PRODUCTS)}${pick(random, SUFFIXES)}${pick(random, ATTRIBUTES)}`;
    const itemId = String(600_000_000_000 + index);
    return {
      platform: 'taobao',
      itemId,
      title,
      priceCny: Math.round(random() * 50_000) / 100,
      sales: Math.floor(random() * 100_000),
      url: `https://item.taobao.com/item.htm?id=${itemId}`,
      seenAt: index,
    } satisfies Listing;
  });
}

const MENTIONS: RankQuery[] = [
  { text: '这件小熊刺绣卫衣好可爱', category: 'hoodie', attributes: ['小熊', '刺绣'], priceCny: 89 },
  { text: '得力的便利贴很好用', brand: '得力', category: 'sticky-notes' },
  { text: '重磅纯棉的刺绣卫衣，差不多200块', category: 'hoodie', attributes: ['重磅', '纯棉'], priceCny: 199 },
  { text: 'the embroidered cherry hoodie', category: 'hoodie' },
  { text: '小米双肩包', brand: '小米', category: 'backpack', priceCny: 99 },
];

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  const window = new Window();
  const html = readFixture('search-2025-embroidered-hoodie.html');
  const pageUrl = 'https://s.taobao.com/search?q=%E5%88%BA%E7%BB%A3%E5%8D%AB%E8%A1%A3&tab=all';
  const parser = new window.DOMParser();
  const document = parser.parseFromString(html, 'text/html') as unknown as ParentNode;
  const found = parseSearchPage(document, pageUrl, 0).length;
  if (found !== 48) throw new Error(`expected 48 listings from the fixture, got ${found}`);
  for (let round = 0; round < 5; round++) parseSearchPage(document, pageUrl, 0);
  results.push({
    group: 'shops',
    name: 'capture a 48-listing search page (parseSearchPage)',
    value: time(() => parseSearchPage(document, pageUrl, 0), 30),
    unit: 'ms',
    budget: 10,
    lowerIsBetter: true,
  });
  results.push({
    group: 'shops',
    name: 'HTML → DOM of that page in happy-dom (the browser does this, not us)',
    value: time(() => parser.parseFromString(html, 'text/html'), 10),
    unit: 'ms',
    lowerIsBetter: true,
  });
  await window.happyDOM.close();

  for (const size of [10_000, 50_000, 100_000]) {
    const listings = syntheticListings(size);
    const start = performance.now();
    const index = createListingIndex(listings);
    results.push({ group: 'match', name: `build index of ${size / 1000}k listings`, value: performance.now() - start, unit: 'ms', lowerIsBetter: true });
    for (const mention of MENTIONS) rankListings(index, mention);
    const samples = MENTIONS.flatMap((mention) => Array.from({ length: 6 }, () => time(() => rankListings(index, mention), 1)));
    results.push({
      group: 'match',
      name: `rank one mention against ${size / 1000}k listings (median of ${samples.length})`,
      value: median(samples),
      unit: 'ms',
      ...(size === 50_000 ? { budget: 50 } : {}),
      lowerIsBetter: true,
    });
    results.push({
      group: 'match',
      name: `rank one mention against ${size / 1000}k listings (worst of ${samples.length})`,
      value: Math.max(...samples),
      unit: 'ms',
      lowerIsBetter: true,
    });
  }
  return results;
}

// `npx tsx bench/shops.ts` prints this file's numbers alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await run()) {
    const budget = result.budget === undefined ? '' : ` (budget ${result.budget} ${result.unit})`;
    console.log(`${result.group.padEnd(6)} ${result.name.padEnd(75)} ${result.value.toFixed(2).padStart(9)} ${result.unit}${budget}`);
  }
}
