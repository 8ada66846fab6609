/**
 * Aho–Corasick over UTF-16 code units: every term of a dictionary found in one pass over the text,
 * so the cost is linear in the text (plus the number of matches), however many terms there are.
 *
 * The automaton lives in typed arrays (detection within 10× a plain pass over the text):
 * a double array over a compact alphabet, so that a transition, taken or failed, is one addition
 * and one comparison. No Map lookups and no allocation per character.
 */

export interface TermMatch<T> {
  start: number;
  end: number;
  value: T;
  /** Which term matched: its index in `Matcher.values`, for callers that keep facts per term. */
  term: number;
}

export interface Matcher<T> {
  /**
   * Non-overlapping matches, leftmost first and at each position the longest term. Terms that begin
   * or end with a Latin letter or digit only match at word boundaries ("tb" not in "tbh"), except
   * that a model number may follow a name (iphone6, mate40), and a model code may follow a name
   * of four letters or more (oppoa59, vivov3max).
   */
  scan(text: string, units?: ArrayLike<number>): TermMatch<T>[];
  readonly termCount: number;
  /** The value of each term, by term index (`TermMatch.term`). */
  readonly values: readonly T[];
  /** Each term as given, by term index. */
  readonly terms: readonly string[];
}

export interface MatcherOptions {
  /**
   * Code units that stand for one another, in terms and in text (' -_,.·': `calvin klein` also
   * finds `calvin_klein`). They share one symbol, so this costs nothing per character and adds no
   * terms; terms that differ only in these units must be merged by the caller (the last one wins).
   */
  sameUnits?: string;
}

export function createMatcher<T>(terms: ReadonlyMap<string, T>, options: MatcherOptions = {}): Matcher<T> {
  // The trie, first with Maps (easy to grow), then packed into a double array.
  const trie: Array<Map<number, number>> = [new Map()];
  const termAtNode: number[] = [-1];
  const values: T[] = [];
  const termTexts: string[] = [];
  const termLengths: number[] = [];
  // Code units are renumbered 1…A in order of first appearance: a compact alphabet keeps the
  // double array small. 0 stands for a unit no term contains.
  const symbolOf = new Uint16Array(0x10000);
  let alphabetSize = 0;
  if (options.sameUnits) {
    alphabetSize++;
    for (let k = 0; k < options.sameUnits.length; k++) symbolOf[options.sameUnits.charCodeAt(k)] = alphabetSize;
  }
  for (const [term, value] of terms) {
    if (term.length === 0) continue;
    let node = 0;
    for (let i = 0; i < term.length; i++) {
      const code = term.charCodeAt(i);
      if (symbolOf[code] === 0) symbolOf[code] = ++alphabetSize;
      const symbol = symbolOf[code]!;
      let child = trie[node]!.get(symbol);
      if (child === undefined) {
        child = trie.length;
        trie.push(new Map());
        termAtNode.push(-1);
        trie[node]!.set(symbol, child);
      }
      node = child;
    }
    termAtNode[node] = values.length;
    values.push(value);
    termTexts.push(term);
    termLengths.push(term.length);
  }

  // Double array: the child of slot n on symbol s is slot base[n] + s when check[that] === n. Every
  // transition is one addition and one comparison, also when it fails (the usual case in a note).
  const nodeCount = trie.length;
  let capacity = Math.max(1024, nodeCount * 2 + alphabetSize + 1);
  let base = new Int32Array(capacity);
  let check = new Int32Array(capacity).fill(-1);
  const slotOf = new Int32Array(nodeCount);
  const grow = (needed: number) => {
    if (needed < capacity) return;
    const next = Math.max(needed + 1, capacity * 2);
    const grownBase = new Int32Array(next);
    grownBase.set(base);
    const grownCheck = new Int32Array(next).fill(-1);
    grownCheck.set(check);
    base = grownBase;
    check = grownCheck;
    capacity = next;
  };
  // Nodes with the most children are placed first, while the array is still empty; the many nodes
  // with one child then fill the holes. That keeps building to a few milliseconds.
  const childSymbols: Int32Array[] = trie.map((children) => Int32Array.from(children.keys()).sort());
  const byFanOut = Array.from({ length: nodeCount }, (_, node) => node)
    .filter((node) => childSymbols[node]!.length > 0)
    .sort((a, b) => childSymbols[b]!.length - childSymbols[a]!.length);
  const baseOfNode = new Int32Array(nodeCount);
  const taken = (slot: number) => slot === 0 || check[slot] !== -1;
  // The first free slot at or after a slot: a union–find over taken slots, so that the search
  // below jumps over the dense part of the array instead of walking it.
  let nextFree = new Int32Array(0);
  const freeFrom = (slot: number): number => {
    if (slot >= nextFree.length) {
      const grown = new Int32Array(Math.max(slot + 1, nextFree.length * 2, 1024));
      grown.set(nextFree);
      for (let k = nextFree.length; k < grown.length; k++) grown[k] = k;
      nextFree = grown;
    }
    let root = slot;
    while (nextFree[root] !== root) {
      root = nextFree[root]!;
      if (root >= nextFree.length) return freeFrom(root);
    }
    for (let k = slot; k !== root; ) {
      const next = nextFree[k]!;
      nextFree[k] = root;
      k = next;
    }
    return root;
  };
  const markTaken = (slot: number) => {
    freeFrom(slot + 1);
    nextFree[slot] = slot + 1;
  };
  markTaken(0);
  for (const node of byFanOut) {
    const symbols = childSymbols[node]!;
    const first = symbols[0]!;
    const last = symbols[symbols.length - 1]!;
    let at = freeFrom(first + 1);
    for (;; at = freeFrom(at + 1)) {
      grow(at - first + last);
      const candidate = at - first;
      let fits = true;
      for (let k = 1; k < symbols.length && fits; k++) fits = !taken(candidate + symbols[k]!);
      if (fits) break;
    }
    const nodeBase = at - first;
    baseOfNode[node] = nodeBase;
    // Mark the slots as taken now; which slot owns them is filled in below, once slots are known.
    for (const symbol of symbols) {
      check[nodeBase + symbol] = 0;
      markTaken(nodeBase + symbol);
    }
  }
  // Slots from the root down: a child's slot is its parent's base plus its symbol.
  const order = [0];
  for (let head = 0; head < order.length; head++) {
    const node = order[head]!;
    const slot = slotOf[node]!;
    base[slot] = baseOfNode[node]!;
    for (const [symbol, child] of trie[node]!) {
      const childSlot = baseOfNode[node]! + symbol;
      check[childSlot] = slot;
      slotOf[child] = childSlot;
      order.push(child);
    }
  }
  const slots = capacity;
  const bases = base;
  const checks = check;
  const childOf = (slot: number, symbol: number): number => {
    const target = bases[slot]! + symbol;
    return target < slots && checks[target] === slot ? target : -1;
  };

  // Breadth-first (the order above): failure links, and output links that skip slots where no term ends.
  const termAt = new Int32Array(slots).fill(-1);
  for (let node = 0; node < nodeCount; node++) termAt[slotOf[node]!] = termAtNode[node]!;
  const fail = new Int32Array(slots);
  const outputLink = new Int32Array(slots).fill(-1);
  for (let head = 1; head < order.length; head++) {
    const node = order[head]!;
    const slot = slotOf[node]!;
    const parent = check[slot]!;
    if (parent === 0) continue; // children of the root fail to the root
    const symbol = slot - bases[parent]!;
    let f = fail[parent]!;
    let target = childOf(f, symbol);
    while (target < 0 && f > 0) {
      f = fail[f]!;
      target = childOf(f, symbol);
    }
    fail[slot] = target > 0 ? target : 0;
    const failSlot = fail[slot]!;
    outputLink[slot] = termAt[failSlot]! >= 0 ? failSlot : outputLink[failSlot]!;
  }
  // Per slot, the first slot of its output chain (itself when a term ends there): one read per character.
  const firstOutput = new Int32Array(slots);
  for (let slot = 0; slot < slots; slot++) firstOutput[slot] = termAt[slot]! >= 0 ? slot : outputLink[slot]!;
  // The states as the scan reads them: per slot its base, check, failure and first output side by
  // side (STATE_WIDTH numbers), so that a step reads one cache line where four arrays of half a
  // megabyte each cost a line apiece. Slots, bases and symbols are scaled by STATE_WIDTH: a state is
  // its offset in the array, and a transition stays one addition and one comparison. The array
  // reaches a whole alphabet past the last base, so that no transition needs a bounds check.
  let maxBase = 0;
  for (let slot = 0; slot < slots; slot++) if (slot === 0 || checks[slot]! >= 0) maxBase = Math.max(maxBase, bases[slot]!);
  const stateCount = Math.max(slots, maxBase + alphabetSize + 1);
  const states = new Int32Array(stateCount * STATE_WIDTH);
  for (let slot = 0; slot < stateCount; slot++) {
    const at = slot * STATE_WIDTH;
    const used = slot < slots && (slot === 0 || checks[slot]! >= 0);
    states[at + BASE] = used ? bases[slot]! * STATE_WIDTH : 0;
    states[at + CHECK] = used && slot > 0 ? checks[slot]! * STATE_WIDTH : -1;
    states[at + FAIL] = used ? fail[slot]! * STATE_WIDTH : 0;
    states[at + OUTPUT] = used ? firstOutput[slot]! : -1;
  }
  // Scaled symbols stay within the Uint16Array: the lexicon has a few thousand distinct units.
  if (alphabetSize * STATE_WIDTH > 0xffff) throw new Error(`createMatcher: ${alphabetSize} distinct units, at most ${0xffff / STATE_WIDTH} fit`);
  for (let code = 0; code < 0x10000; code++) symbolOf[code]! *= STATE_WIDTH;
  // The root's child on each (scaled) symbol, 0 for none: most steps in Chinese text fall back to
  // the root, and this small array stays in the cache where the states do not.
  const rootChild = new Int32Array((alphabetSize + 1) * STATE_WIDTH);
  for (let symbol = 1; symbol <= alphabetSize; symbol++) rootChild[symbol * STATE_WIDTH] = Math.max(0, childOf(0, symbol)) * STATE_WIDTH;
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

  // Length and boundary flags of the term at each slot where one ends, in one number: read with the
  // term, from the slot, instead of after it.
  const metaAt = new Int32Array(slots);
  for (let slot = 0; slot < slots; slot++) {
    const term = termAt[slot]!;
    if (term >= 0) metaAt[slot] = (lengths[term]! << 2) | boundedStart[term]! | (boundedEnd[term]! << 1);
  }

  // Longest acceptable term starting at each position (term index + 1; 0 for none), and the
  // positions where one starts, as found. Terms that start at one position are found in the order
  // they end, so each one found there is longer than the one before: it replaces it unread. Kept between scans, so that a scan allocates nothing but
  // its matches; a scan clears the positions it set, so no scan reads or clears the whole array.
  let longestAt = new Int32Array(256);
  let startsFound = new Int32Array(64);

  /** `units`, when given, are the units of `text` as an array (NormalisedText.codes). */
  function scan(text: string, units?: ArrayLike<number>): TermMatch<T>[] {
    const length = text.length;
    // The units as an array: read from a typed array, a unit costs less than from the string.
    const codes = units ?? unitsOf(text);
    if (longestAt.length < length + 1) longestAt = new Int32Array(Math.max(length + 1, longestAt.length * 2));
    const best = longestAt;
    // The tables as locals: read through the closure, each access in the loop below would load the
    // array again (and its length and data pointer); as locals the compiler keeps those in registers.
    const symbolOfUnit = symbolOf;
    const rootChildOf = rootChild;
    const stateTable = states;
    const nextOutput = outputLink;
    const termAtSlot = termAt;
    const metaAtSlot = metaAt;
    let startsAt = startsFound;
    let node = 0;
    let found = 0;
    for (let i = 0; i < length; i++) {
      const symbol = symbolOfUnit[codes[i]!]!;
      if (symbol === 0) {
        node = 0;
        continue;
      }
      for (;;) {
        if (node === 0) {
          node = rootChildOf[symbol]!;
          break;
        }
        const target = stateTable[node + BASE]! + symbol;
        if (stateTable[target + CHECK] === node) {
          node = target;
          break;
        }
        node = stateTable[node + FAIL]!;
      }
      for (let out = stateTable[node + OUTPUT]!; out >= 0; out = nextOutput[out]!) {
        const meta = metaAtSlot[out]!;
        const termLength = meta >> 2;
        const start = i + 1 - termLength;
        if (meta & 1 && start > 0 && isWordCode(codes[start - 1]!)) continue;
        if (meta & 2 && i + 1 < length && continuesWord(codes[i]!, codes[i + 1]!)) {
          if (termLength < MIN_NAME_BEFORE_CODE || !modelCodeAt(codes, length, i + 1)) continue;
        }
        if (best[start] === 0) {
          if (found === startsAt.length) {
            const grown = new Int32Array(found * 2);
            grown.set(startsAt);
            startsFound = startsAt = grown;
          }
          startsAt[found++] = start;
        }
        best[start] = termAtSlot[out]! + 1;
      }
    }
    const matches: TermMatch<T>[] = [];
    if (found === 0) return matches;
    // Starts are found in the order their terms end: each is at most a term's length out of place,
    // so insertion sort puts them in order in linear time. Then leftmost first, each match skipping
    // the starts it covers.
    const starts = startsAt;
    for (let k = 1; k < found; k++) {
      const start = starts[k]!;
      let j = k - 1;
      while (j >= 0 && starts[j]! > start) {
        starts[j + 1] = starts[j]!;
        j--;
      }
      starts[j + 1] = start;
    }
    let free = 0;
    for (let k = 0; k < found; k++) {
      const start = starts[k]!;
      const term = best[start]! - 1;
      best[start] = 0;
      if (start < free) continue;
      const end = start + lengths[term]!;
      matches.push({ start, end, value: values[term]!, term });
      free = end;
    }
    return matches;
  }

  return { scan, termCount: values.length, values, terms: termTexts };
}

/** Units of texts scanned without them, kept between scans. */
let unitScratch = new Uint16Array(256);

/** The units of `text` in an array (a shared scratch: valid until the next call). */
function unitsOf(text: string): Uint16Array {
  if (unitScratch.length < text.length) unitScratch = new Uint16Array(Math.max(text.length, unitScratch.length * 2));
  const units = unitScratch;
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** Numbers per state in the scan's array, and what each is (see createMatcher). */
const STATE_WIDTH = 4;
const BASE = 0;
const CHECK = 1;
const FAIL = 2;
const OUTPUT = 3;

/** Shortest name that a model code may follow without a break (oppoa59, not ipa5). */
const MIN_NAME_BEFORE_CODE = 4;

/** A model code at `at` of the `length` units `codes`: one or two letters, then a digit (the a59 of oppoa59, the v3 of vivov3max). */
function modelCodeAt(codes: ArrayLike<number>, length: number, at: number): boolean {
  for (let k = at; k < at + 3 && k < length; k++) {
    const code = codes[k]!;
    if (code >= 0x30 && code <= 0x39) return k > at;
    if (code < 0x61 || code > 0x7a) return false;
  }
  return false;
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
