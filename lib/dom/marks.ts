import type { TextSource } from '../xhs/read';

/**
 * Marks ranges of page text by wrapping the covered parts of text nodes in spans. Only text nodes
 * are split and wrapped: the page's own elements, links and selection keep working, and page text
 * never passes through HTML parsing.
 */

export interface MarkRange {
  start: number;
  end: number;
  /** Attributes on the wrapping spans (e.g. `data-zc-mention`). */
  attributes: Record<string, string>;
}

export const MARK_ATTRIBUTE = 'data-zc-mention';

/**
 * Keeps ranges that do not overlap, preferring the earlier-listed ones (callers list the most
 * important first), and returns them sorted by start.
 */
export function nonOverlapping<T extends { start: number; end: number }>(ranges: T[]): T[] {
  const kept: T[] = [];
  for (const range of ranges) {
    if (range.end <= range.start) continue;
    if (kept.every((k) => range.end <= k.start || range.start >= k.end)) kept.push(range);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Wraps each range; returns the spans created, grouped per range in the order given. */
export function markRanges(source: TextSource, ranges: MarkRange[], doc: Document = document): HTMLElement[][] {
  const ordered = nonOverlapping(ranges);
  const created = new Map<MarkRange, HTMLElement[]>();
  const segments = source.segments;
  // Right to left, so splitting a text node never shifts the offsets still to be processed. Both
  // ranges and segments are in text order: one walk down the segments serves every range (
  // this runs as a note opens, often before the engine has compiled it, so steps count).
  let last = segments.length - 1;
  for (let r = ordered.length - 1; r >= 0; r--) {
    const range = ordered[r]!;
    const pieces: HTMLElement[] = [];
    while (last >= 0 && segments[last]!.start >= range.end) last--;
    for (let s = last; s >= 0; s--) {
      const segment = segments[s]!;
      const node = segment.node;
      const segStart = segment.start;
      // `length`, not `data.length`: reading `data` copies the node's whole text into a new string.
      const nodeLength = node.length;
      const segEnd = segStart + nodeLength;
      // Segments further left end earlier still.
      if (segEnd <= range.start) break;
      if (!node.parentNode) continue;
      const from = Math.max(range.start, segStart) - segStart;
      const to = Math.min(range.end, segEnd) - segStart;
      if (to < nodeLength) node.splitText(to);
      const middle = from > 0 ? node.splitText(from) : node;
      const span = doc.createElement('span');
      for (const name in range.attributes) span.setAttribute(name, range.attributes[name]!);
      middle.parentNode!.insertBefore(span, middle);
      span.appendChild(middle);
      pieces.unshift(span);
      // The segment's node now holds only the text before `from`; later segments are untouched.
    }
    created.set(range, pieces);
  }
  return ranges.map((range) => created.get(range) ?? []);
}

/** Removes every mark under `root`, putting the text back as it was; returns how many it removed. */
export function unmarkAll(root: ParentNode): number {
  let removed = 0;
  for (const span of root.querySelectorAll(`[${MARK_ATTRIBUTE}]`)) {
    const parent = span.parentNode;
    if (!parent) continue;
    while (span.firstChild) parent.insertBefore(span.firstChild, span);
    span.remove();
    parent.normalize();
    removed++;
  }
  return removed;
}
