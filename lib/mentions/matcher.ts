/**
 * Aho–Corasick over UTF-16 code units: every term of a dictionary found in one pass over the text,
 * so the cost is linear in the text (plus the number of matches), however many terms there are.
 *
 * The automaton lives in typed arrays (issue 8: detection within 10× a plain pass over the text):
 * the root's transitions are a dense table over all code units, every other node keeps its children
 * as a sorted run of (code unit, child) pairs, which are short below the first character. No Map
 * lookups and no allocation per character.
 */

export interface TermMatch<T> {
  start: number;
  end: number;
  value: T;
}

export interface Matcher<T> {
  /**
   * Non-overlapping matches, leftmost first and at each position the longest term. Terms that begin
   * or end with a Latin letter or digit only match at word boundaries ("tb" not in "tbh"), except
   * that a model number may follow a name (iphone6, mate40).
   */
  scan(text: string): TermMatch<T>[];
  readonly termCount: number;
}

/** Children runs at most this long are searched linearly, longer ones by bisection. */
const LINEAR_SEARCH = 8;

export function createMatcher<T>(terms: ReadonlyMap<string, T>): Matcher<T> {
  // The trie, first with Maps (easy to grow), then packed.
  const trie: Array<Map<number, number>> = [new Map()];
  const termAtNode: number[] = [-1];
  const values: T[] = [];
  const termLengths: number[] = [];
  for (const [term, value] of terms) {
    if (term.length === 0) continue;
    let node = 0;
    for (let i = 0; i < term.length; i++) {
      const code = term.charCodeAt(i);
      let child = trie[node]!.get(code);
      if (child === undefined) {
        child = trie.length;
        trie.push(new Map());
        termAtNode.push(-1);
        trie[node]!.set(code, child);
      }
      node = child;
    }
    termAtNode[node] = values.length;
    values.push(value);
    termLengths.push(term.length);
  }

  const nodeCount = trie.length;
  const childStart = new Int32Array(nodeCount + 1);
  let edgeCount = 0;
  for (let node = 0; node < nodeCount; node++) {
    childStart[node] = edgeCount;
    if (node > 0) edgeCount += trie[node]!.size;
  }
  childStart[nodeCount] = edgeCount;
  const childCode = new Uint16Array(edgeCount);
  const childNode = new Int32Array(edgeCount);
  for (let node = 1; node < nodeCount; node++) {
    const sorted = [...trie[node]!].sort((a, b) => a[0] - b[0]);
    let at = childStart[node]!;
    for (const [code, child] of sorted) {
      childCode[at] = code;
      childNode[at] = child;
      at++;
    }
  }
  const rootNext = new Int32Array(0x10000);
  for (const [code, child] of trie[0]!) rootNext[code] = child;
  // Units that occur in no term send the automaton straight back to the root, with no failure walk.
  const inAlphabet = new Uint8Array(0x10000);
  for (const code of childCode) inAlphabet[code] = 1;
  for (const code of trie[0]!.keys()) inAlphabet[code] = 1;

  /** The child of `node` on `code`, 0 when there is none (0 is the root, never a child). */
  const childOf = (node: number, code: number): number => {
    if (node === 0) return rootNext[code]!;
    let low = childStart[node]!;
    let high = childStart[node + 1]!;
    if (high - low <= LINEAR_SEARCH) {
      for (; low < high; low++) {
        const c = childCode[low]!;
        if (c === code) return childNode[low]!;
        if (c > code) return 0;
      }
      return 0;
    }
    while (low < high) {
      const middle = (low + high) >>> 1;
      const c = childCode[middle]!;
      if (c === code) return childNode[middle]!;
      if (c < code) low = middle + 1;
      else high = middle;
    }
    return 0;
  };

  // Breadth-first: failure links, and output links that skip nodes where no term ends.
  const termAt = Int32Array.from(termAtNode);
  const fail = new Int32Array(nodeCount);
  const outputLink = new Int32Array(nodeCount).fill(-1);
  const queue = new Int32Array(nodeCount);
  let tail = 0;
  for (const child of trie[0]!.values()) queue[tail++] = child;
  for (let head = 0; head < tail; head++) {
    const node = queue[head]!;
    for (let edge = childStart[node]!; edge < childStart[node + 1]!; edge++) {
      const code = childCode[edge]!;
      const child = childNode[edge]!;
      let f = fail[node]!;
      let target = childOf(f, code);
      while (target === 0 && f > 0) {
        f = fail[f]!;
        target = childOf(f, code);
      }
      fail[child] = target !== child ? target : 0;
      const failNode = fail[child]!;
      outputLink[child] = termAt[failNode]! >= 0 ? failNode : outputLink[failNode]!;
      queue[tail++] = child;
    }
  }
  const lengths = Int32Array.from(termLengths);
  const boundedStart = new Uint8Array(values.length);
  const boundedEnd = new Uint8Array(values.length);
  let termIndex = 0;
  for (const term of terms.keys()) {
    if (term.length === 0) continue;
    boundedStart[termIndex] = isWordCode(term.charCodeAt(0)) ? 1 : 0;
    boundedEnd[termIndex] = isWordCode(term.charCodeAt(term.length - 1)) ? 1 : 0;
    termIndex++;
  }

  // Longest acceptable term starting at each position (term index + 1; 0 for none), kept between
  // scans so that a scan allocates nothing but its matches.
  let longestAt = new Int32Array(256);

  function scan(text: string): TermMatch<T>[] {
    const length = text.length;
    if (longestAt.length < length + 1) longestAt = new Int32Array(Math.max(length + 1, longestAt.length * 2));
    else longestAt.fill(0, 0, length + 1);
    const best = longestAt;
    let node = 0;
    let found = 0;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (inAlphabet[code] === 0) {
        node = 0;
        continue;
      }
      let child = childOf(node, code);
      while (child === 0 && node !== 0) {
        node = fail[node]!;
        child = childOf(node, code);
      }
      node = child;
      if (node === 0) continue;
      for (let out = termAt[node]! >= 0 ? node : outputLink[node]!; out >= 0; out = outputLink[out]!) {
        const term = termAt[out]!;
        const termLength = lengths[term]!;
        const start = i + 1 - termLength;
        if (boundedStart[term] && start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
        if (boundedEnd[term] && i + 1 < length && continuesWord(code, text.charCodeAt(i + 1))) continue;
        const current = best[start]!;
        if (current === 0) {
          best[start] = term + 1;
          found++;
        } else if (lengths[current - 1]! < termLength) {
          best[start] = term + 1;
        }
      }
    }
    const matches: TermMatch<T>[] = [];
    if (found === 0) return matches;
    for (let start = 0; start < length; ) {
      const term = best[start]! - 1;
      if (term < 0) {
        start++;
        continue;
      }
      const end = start + lengths[term]!;
      matches.push({ start, end, value: values[term]! });
      start = end;
    }
    return matches;
  }

  return { scan, termCount: values.length };
}

/** Whether `next` carries on the word that ends with `last`: letters after letters, digits after digits or letters. */
function continuesWord(last: number, next: number): boolean {
  if (!isWordCode(next)) return false;
  const lastIsDigit = last >= 0x30 && last <= 0x39;
  const nextIsDigit = next >= 0x30 && next <= 0x39;
  return lastIsDigit || !nextIsDigit;
}

/** Latin letters and digits (the text is already lower-cased by the normaliser). */
function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}
