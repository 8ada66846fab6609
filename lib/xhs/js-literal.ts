/**
 * Reads the JavaScript object literal a page assigns to `window.__INITIAL_STATE__`, without running
 * it. Since late summer 2026 the Xiaohongshu state is not JSON: it holds `new Map([...])`,
 * `new Set([...])`, bare `undefined` (also inside arrays: `[undefined]`) and trailing commas, so
 * `JSON.parse` fails on every note page. This accepts exactly that subset of JavaScript and nothing
 * else: no identifiers but the literals below, no calls but `new Map(…)` / `new Set(…)`.
 *
 * It is a loop with an explicit stack, not a recursive descent: the text is the page's, and a page
 * nesting arrays 100,000 deep must get an error, not a stack overflow in our content script.
 * Maps become plain objects (keys as strings, in order) and Sets arrays, the shapes the state's
 * readers expect. Objects have no prototype, so a `__proto__` key is only a key.
 */

export class JsLiteralError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at ${offset}`);
  }
}

export interface JsLiteralLimits {
  /** Deepest nesting accepted. */
  maxDepth?: number;
  /** Longest text accepted, in UTF-16 code units. */
  maxLength?: number;
}

type Frame =
  | { kind: 'array'; value: unknown[] }
  | { kind: 'object'; value: Record<string, unknown>; key: string | null }
  | { kind: 'new'; ctor: 'Map' | 'Set'; arg: unknown; given: boolean };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_$][\w$]*/y;
const WORDS: Record<string, unknown> = { true: true, false: false, null: null, undefined: undefined, NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY };

/**
 * Parses the literal that starts at `start` (after any white space) and returns it with the offset
 * just past it; what follows (`;`, other statements) is left alone.
 */
export function parseJsLiteral(text: string, start = 0, limits: JsLiteralLimits = {}): { value: unknown; end: number } {
  const maxDepth = limits.maxDepth ?? 256;
  const maxLength = limits.maxLength ?? 10_000_000;
  if (text.length > maxLength) throw new JsLiteralError('text too long', maxLength);
  const stack: Frame[] = [];
  let i = start;

  const fail = (message: string): never => {
    throw new JsLiteralError(message, i);
  };
  const skip = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      // space, tab, line feed, carriage return, vertical tab, form feed, NBSP, U+2028/9, BOM
      if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff) i++;
      else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) fail('unterminated comment');
        i = close + 2;
      } else return;
    }
  };
  const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
  const readString = (): string => {
    const quote = text[i]!;
    let j = i + 1;
    let out = '';
    let from = j;
    for (;;) {
      const c = text[j];
      if (c === undefined) return fail('unterminated string');
      if (c === quote) break;
      if (c === '\n' || c === '\r') return fail('line break in string');
      if (c !== '\\') {
        j++;
        continue;
      }
      out += text.slice(from, j);
      const e = text[j + 1];
      if (e === undefined) return fail('unterminated string');
      let hex: string | undefined;
      let skipLength = 2;
      if (e === 'x') {
        hex = text.slice(j + 2, j + 4);
        skipLength = 4;
      } else if (e === 'u' && text[j + 2] === '{') {
        const close = text.indexOf('}', j + 3);
        hex = close < 0 ? '' : text.slice(j + 3, close);
        skipLength = close - j + 1;
      } else if (e === 'u') {
        hex = text.slice(j + 2, j + 6);
        skipLength = 6;
      }
      if (hex !== undefined) {
        const code = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : Number.NaN;
        if (!(code <= 0x10ffff)) return fail('bad escape in string');
        out += String.fromCodePoint(code);
      } else if (e === '\r' || e === '\n' || e === '\u2028' || e === '\u2029') {
        // A line continuation: the escaped line break is not part of the string.
        if (e === '\r' && text[j + 2] === '\n') skipLength = 3;
      } else out += ESCAPES[e] ?? e;
      j += skipLength;
      from = j;
    }
    out += text.slice(from, j);
    i = j + 1;
    return out;
  };
  const push = (frame: Frame) => {
    if (stack.length >= maxDepth) fail('nested too deep');
    stack.push(frame);
  };

  // `value`: a value is expected; `key`: an object key or `}`; `next`: `,` or the closing bracket.
  let mode: 'value' | 'key' | 'next' = 'value';
  let emitted: unknown;
  for (;;) {
    skip();
    if (mode === 'key') {
      const frame = stack[stack.length - 1] as Extract<Frame, { kind: 'object' }>;
      const c = text[i];
      if (c === '}') {
        i++;
        stack.pop();
        emitted = frame.value;
      } else {
        let key: string;
        if (c === '"' || c === "'") key = readString();
        else {
          IDENT.lastIndex = i;
          NUMBER.lastIndex = i;
          const match = IDENT.exec(text) ?? NUMBER.exec(text);
          if (!match) return fail('expected a key');
          key = match[0];
          i += key.length;
        }
        skip();
        if (text[i] !== ':') fail('expected :');
        i++;
        frame.key = key;
        mode = 'value';
        continue;
      }
    } else if (mode === 'next') {
      const frame = stack[stack.length - 1]!;
      const c = text[i];
      if (c === ',' && frame.kind !== 'new') {
        i++;
        mode = frame.kind === 'object' ? 'key' : 'value';
        continue;
      }
      const closing = frame.kind === 'array' ? ']' : frame.kind === 'object' ? '}' : ')';
      if (c !== closing) return fail(`expected , or ${closing}`);
      i++;
      stack.pop();
      emitted = finish(frame);
    } else {
      const c = text[i];
      const top = stack[stack.length - 1];
      if (c === '{') {
        i++;
        push({ kind: 'object', value: Object.create(null) as Record<string, unknown>, key: null });
        mode = 'key';
        continue;
      }
      if (c === '[') {
        i++;
        push({ kind: 'array', value: [] });
        continue;
      }
      // Closing right after an opening or a trailing comma: `[]`, `[1,]`, `new Map()`.
      if ((c === ']' && top?.kind === 'array') || (c === ')' && top?.kind === 'new' && !top.given)) {
        i++;
        stack.pop();
        emitted = finish(top);
      } else if (c === '"' || c === "'") {
        emitted = readString();
      } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const match = NUMBER.exec(text) ?? fail('bad number');
        i += match[0].length;
        emitted = Number(match[0]);
      } else {
        IDENT.lastIndex = i;
        const word = IDENT.exec(text)?.[0] ?? fail('unexpected character');
        i += word.length;
        if (word === 'new') {
          skip();
          IDENT.lastIndex = i;
          const ctor = IDENT.exec(text)?.[0];
          if (ctor !== 'Map' && ctor !== 'Set') return fail('only new Map and new Set are read');
          i += ctor.length;
          skip();
          if (text[i] !== '(') fail('expected (');
          i++;
          push({ kind: 'new', ctor, arg: undefined, given: false });
          continue;
        }
        if (!Object.hasOwn(WORDS, word)) fail(`unexpected ${word.slice(0, 20)}`);
        emitted = WORDS[word];
      }
    }
    // A value is complete: give it to the container it belongs to.
    const parent = stack[stack.length - 1];
    if (!parent) return { value: emitted, end: i };
    if (parent.kind === 'array') parent.value.push(emitted);
    else if (parent.kind === 'object') parent.value[parent.key!] = emitted;
    else {
      parent.arg = emitted;
      parent.given = true;
    }
    mode = 'next';
  }
}

function finish(frame: Frame): unknown {
  if (frame.kind !== 'new') return frame.value;
  const items = frame.arg === undefined ? [] : frame.arg;
  if (!Array.isArray(items)) throw new JsLiteralError(`new ${frame.ctor} of something other than an array`, 0);
  if (frame.ctor === 'Set') return items;
  const map = Object.create(null) as Record<string, unknown>;
  for (const entry of items) {
    if (!Array.isArray(entry) || entry.length < 1) throw new JsLiteralError('a Map entry that is not [key, value]', 0);
    const key: unknown = entry[0];
    map[typeof key === 'string' ? key : String(JSON.stringify(key))] = entry[1];
  }
  return map;
}
