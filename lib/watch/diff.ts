import type { Snapshot } from '../db/index';

/**
 * What changed between two snapshots of a watched listing: the title word by word, the price (and the
 * variant range) in yuan and per cent, the sales count. Pure, so the seller page, the tests and any
 * command-line tool diff the same way. A field one snapshot lacks (a search card shows no variant
 * range, an item page may hide sales) is "unknown", never a change.
 */

export type SnapshotFields = Pick<Snapshot, 'seenAt' | 'title' | 'priceCny' | 'priceMaxCny' | 'sales' | 'shop' | 'imageUrl' | 'availability'>;

/** One run of the title: kept in both, only in the older (`removed`) or only in the newer (`added`). */
export interface TitleSegment {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export interface NumberChange {
  before: number;
  after: number;
  /** `after - before`, rounded to fen for prices. */
  delta: number;
  /** Change in per cent of `before`, one decimal; null when `before` is 0. */
  percent: number | null;
}

export interface SnapshotDiff {
  title: { changed: boolean; segments: TitleSegment[] };
  /** Lowest shown price; null when either snapshot lacks it. */
  price: NumberChange | null;
  /** Highest variant price; null when either snapshot lacks it. */
  priceMax: NumberChange | null;
  sales: NumberChange | null;
  shopChanged: boolean;
  imageChanged: boolean;
  /** True when anything known changed. */
  changed: boolean;
}

/**
 * Splits a title into words for diffing. Chinese titles have no spaces and no dictionary ships with
 * the extension, so each Han character is a word; Latin words and numbers (`ins`, `2025`, `3.5cm`)
 * stay whole, as do runs of spaces and of punctuation.
 */
export function titleWords(title: string): string[] {
  return title.match(WORD) ?? [];
}

const WORD = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}._%-])+|\s+|[^\p{L}\p{N}\s._%-]+/gu;

/** Word-level diff of two titles (longest common subsequence), adjacent words of one kind merged. */
export function diffTitles(before: string, after: string): TitleSegment[] {
  const a = titleWords(before);
  const b = titleWords(after);
  // Titles are at most a few dozen words: the quadratic table is tiny.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const segments: TitleSegment[] = [];
  const push = (op: TitleSegment['op'], text: string) => {
    const last = segments[segments.length - 1];
    if (last?.op === op) last.text += text;
    else segments.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      push('removed', a[i++]!);
    } else {
      push('added', b[j++]!);
    }
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return segments;
}

export function numberChange(before: number | undefined, after: number | undefined, decimals = 2): NumberChange | null {
  if (before === undefined || after === undefined) return null;
  const scale = 10 ** decimals;
  const delta = Math.round((after - before) * scale) / scale;
  const percent = before === 0 ? null : Math.round(((after - before) / before) * 1000) / 10;
  return { before, after, delta, percent };
}

export function diffSnapshots(before: SnapshotFields, after: SnapshotFields): SnapshotDiff {
  const segments = diffTitles(before.title, after.title);
  const price = numberChange(before.priceCny, after.priceCny);
  const priceMax = numberChange(before.priceMaxCny, after.priceMaxCny);
  const sales = numberChange(before.sales, after.sales, 0);
  const titleChanged = segments.some((segment) => segment.op !== 'same');
  const shopChanged = Boolean(before.shop && after.shop && before.shop !== after.shop);
  const imageChanged = Boolean(before.imageUrl && after.imageUrl && before.imageUrl !== after.imageUrl);
  return {
    title: { changed: titleChanged, segments },
    price,
    priceMax,
    sales,
    shopChanged,
    imageChanged,
    changed:
      titleChanged ||
      shopChanged ||
      imageChanged ||
      [price, priceMax, sales].some((change) => change !== null && change.delta !== 0),
  };
}

/** `¥89`, `¥79.9`, `¥1,299.5`: yuan without trailing zeros. */
export function formatCny(value: number): string {
  return `¥${value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
}

/** `-¥20 (-22.5%)`, `+¥5`: a price change for people, sign always shown. */
export function formatPriceChange(change: NumberChange): string {
  const sign = change.delta > 0 ? '+' : change.delta < 0 ? '-' : '±';
  const percent = change.percent === null ? '' : ` (${change.percent > 0 ? '+' : ''}${change.percent}%)`;
  return `${sign}${formatCny(Math.abs(change.delta))}${percent}`;
}
