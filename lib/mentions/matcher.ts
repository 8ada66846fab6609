/**
 * Aho–Corasick over UTF-16 code units: every term of a dictionary found in one pass over the text,
 * so the cost is linear in the text (plus the number of matches), however many terms there are.
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

export function createMatcher<T>(terms: ReadonlyMap<string, T>): Matcher<T> {
  const next: Array<Map<number, number>> = [new Map()];
  const termAt: number[] = [-1]; // index of the term ending at a node, -1 if none
  const values: T[] = [];
  const lengths: number[] = [];
  const boundedStart: boolean[] = [];
  const boundedEnd: boolean[] = [];

  for (const [term, value] of terms) {
    if (term.length === 0) continue;
    let node = 0;
    for (let i = 0; i < term.length; i++) {
      const code = term.charCodeAt(i);
      let child = next[node]!.get(code);
      if (child === undefined) {
        child = next.length;
        next.push(new Map());
        termAt.push(-1);
        next[node]!.set(code, child);
      }
      node = child;
    }
    termAt[node] = values.length;
    values.push(value);
    lengths.push(term.length);
    boundedStart.push(isWordCode(term.charCodeAt(0)));
    boundedEnd.push(isWordCode(term.charCodeAt(term.length - 1)));
  }

  // Breadth-first: failure links, and output links that skip nodes where no term ends.
  const fail = new Int32Array(next.length);
  const outputLink = new Int32Array(next.length).fill(-1);
  const queue: number[] = [];
  for (const child of next[0]!.values()) queue.push(child);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const [code, child] of next[node]!) {
      let f = fail[node]!;
      while (f > 0 && !next[f]!.has(code)) f = fail[f]!;
      const target = next[f]!.get(code);
      fail[child] = target !== undefined && target !== child ? target : 0;
      const failNode = fail[child]!;
      outputLink[child] = termAt[failNode]! >= 0 ? failNode : outputLink[failNode]!;
      queue.push(child);
    }
  }

  function scan(text: string): TermMatch<T>[] {
    const length = text.length;
    // Longest acceptable term starting at each position (term index + 1; 0 for none).
    const longestAt = new Int32Array(length + 1);
    let node = 0;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      let child = next[node]!.get(code);
      while (child === undefined && node > 0) {
        node = fail[node]!;
        child = next[node]!.get(code);
      }
      node = child ?? 0;
      for (let out = termAt[node]! >= 0 ? node : outputLink[node]!; out >= 0; out = outputLink[out]!) {
        const term = termAt[out]!;
        const start = i + 1 - lengths[term]!;
        if (boundedStart[term] && start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
        if (boundedEnd[term] && i + 1 < length && continuesWord(text.charCodeAt(i), text.charCodeAt(i + 1))) continue;
        const current = longestAt[start]!;
        if (current === 0 || lengths[current - 1]! < lengths[term]!) longestAt[start] = term + 1;
      }
    }
    const matches: TermMatch<T>[] = [];
    for (let start = 0; start < length; ) {
      const term = longestAt[start]! - 1;
      if (term < 0) {
        start++;
        continue;
      }
      matches.push({ start, end: start + lengths[term]!, value: values[term]! });
      start += lengths[term]!;
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
