import { normalise, originalSpan, type NormalisedText } from './normalise';
import { CHINESE_DIGITS, PRICE_LEADS } from './units';

/**
 * Prices as notes write them: `¥99`, `￥1,299.00`, `99元`, `99块`, `99r`, `$12`, `到手价59`,
 * `一百多块`, `两百左右`, `30-50元`. Offsets are into the text as given.
 */

export type Currency = 'CNY' | 'USD' | 'HKD' | 'EUR' | 'GBP' | 'JPY' | 'KRW' | 'AUD' | 'CAD';

export interface PriceMatch {
  start: number;
  end: number;
  text: string;
  /** The price when the text gives one figure. */
  amount?: number;
  /** Bounds when the text gives a range or an approximation such as 一百多 (100–200). */
  min?: number;
  max?: number;
  /** 多, 几, 左右, 出头…: the writer did not give an exact figure. */
  approx: boolean;
  currency: Currency;
}

export function findPrices(text: string): PriceMatch[] {
  const normalised = normalise(text);
  return findPricesIn(normalised).map((price) => {
    const span = originalSpan(normalised, price.start, price.end);
    return { ...price, ...span, text: text.slice(span.start, span.end) };
  });
}

// Every quantifier is bounded and the alternatives are anchored on distinct characters, so matching
// stays linear on any input (checked on adversarial megabyte strings in the tests).
const NUMBER = String.raw`\d{1,9}(?:,\d{3}){0,3}(?:\.\d{1,2})?`;
const CHINESE_NUMBER = '[零一二两三四五六七八九十百千万几]{1,8}';
const ANY_NUMBER = `(?:${NUMBER}|${CHINESE_NUMBER})`;
const RANGE = String.raw`\s?[-~～到至]\s?`;
/** The currencies written before a number, in the order PRICE tries them (the hand-written reader too). */
const PREFIX_UNITS = ['us$', 'hk$', 'rmb', 'cny', 'usd', '¥', '￥', '$', '€', '£', '₩'];
const PREFIX_CURRENCY = [
  ...PREFIX_UNITS.filter((unit) => unit.length > 1).map((unit) => unit.replace('$', '\\$')),
  `[${PREFIX_UNITS.filter((unit) => unit.length === 1).join('')}]`,
].join('|');
const SUFFIX_CURRENCY = '块钱|块|元|rmb|美元|美金|刀|dollars|dollar|usd|日元|円|欧元|英镑|港币|港元|韩元|澳元|加元|yuan|cny|r';
const APPROX_BEFORE = '多|几|来|余';
const APPROX_AFTER = '左右|上下|出头|以内|以下|不到';
/** What may stand between a label and its number: 到手价是59. */
const LABEL_LINKS = ['是', '只要', '只需', '才', '仅', '只', '约'];
/** What may stand before a number and its unit: 不到一百块. */
const UNDER_WORDS = ['不到', '不超过', '最多'];
/** What makes a number without a unit a price: 两百左右. */
const APPROX_AROUND_WORDS = ['左右', '上下', '出头'];
const LABELS = '到手价|到手|券后价|券后|原价|现价|折后价|折后|活动价|售价|价格|价钱|单价|优惠价|秒杀价|直播价|一口价';

/** The same words as lists, for the hand-written reader (see readPrice). */
const SUFFIX_UNITS = SUFFIX_CURRENCY.split('|');
const LABEL_WORDS = LABELS.split('|');
const APPROX_AFTER_WORDS = APPROX_AFTER.split('|');

export const PRICE_SOURCE = [
  // ¥99, $12, ¥99-199
  String.raw`(?<prefix>${PREFIX_CURRENCY})\s?(?<p1>${NUMBER})(?:${RANGE}(?:${PREFIX_CURRENCY})?(?<p2>${NUMBER}))?(?![\da-z])`,
  // 到手价59, 券后 39.9
  String.raw`(?:${LABELS})(?:${LABEL_LINKS.join('|')})?[:：\s]{0,2}[¥￥]?(?<l1>${NUMBER})(?![\d.a-z%])(?<lunit>${SUFFIX_CURRENCY})?`,
  // 99元, 一百多块, 30-50元, 99r
  String.raw`(?<under>${UNDER_WORDS.join('|')})?(?<s1>${ANY_NUMBER})(?:${RANGE}(?<s2>${ANY_NUMBER}))?(?<sapprox>${APPROX_BEFORE})?\s?(?<unit>${SUFFIX_CURRENCY})(?![a-z])(?<sapprox2>${APPROX_AFTER})?`,
  // 两百左右, 100出头
  String.raw`(?<a1>${ANY_NUMBER})(?<aapprox>${APPROX_BEFORE})?(?<aafter>${APPROX_AROUND_WORDS.join('|')})`,
].join('|');

/**
 * Tried at one position at a time (sticky): the scan below picks the positions, and trying them
 * leftmost first finds the same matches as running the regex over the whole text. Every alternative
 * above holds an Arabic or Chinese digit within PRICE_LEAD characters of its start (a 3-character
 * label, 只要, two separators and ¥), so no other position can start a price. A price that starts
 * with its number (99元, 两百左右) needs, right after that number, a space, a range sign, 多/几/来/余,
 * a currency or 左右/上下/出头: a run of digits followed by none of these is skipped without the regex.
 *
 * PRICE is PRICE_SOURCE with its named groups made plain: the same matches, but exec does not
 * build a `groups` object. Detection does not run it (see readPrice): priceMatches does, and the
 * tests hold the reader to it.
 */
const PRICE = new RegExp(PRICE_SOURCE.replace(/\(\?<[a-z0-9]+>/gi, '('), 'y');
const PRICE_LEAD = 8;
/** Per UTF-16 unit, a set of these bits. */
const DIGIT = 1; // starts a number: 0-9 and the Chinese digits
const NUMBER_PART = 2; // inside a number: digits, Chinese digits, ',' and '.'
const LEADS = 4; // starts a currency sign, a label or 不到/最多 before the number (一 only in 一口价, see below)
const FOLLOWS = 8; // first unit of what may follow a number in a price
const SPACE = 16; // \s: a number may be followed by one, and then by AFTER_SPACE
const AFTER_SPACE = 32; // a range sign or the first unit of a currency: what may follow a number and a space
let priceUnits: Uint8Array | undefined;
// Per UTF-16 unit, whether it is the first unit of a word of each list the price reader looks for
// (see wordAt), a bit per list: most places it looks at start none, which one read tells. A table
// of its own, not more bits in priceUnits, which would double that table, read at every mark.
const PREFIX_START = 1;
const LABEL_START = 2;
const LINK_START = 4;
const UNDER_START = 8;
const SUFFIX_START = 16;
const APPROX_AFTER_START = 32;
const AROUND_START = 64;
let wordStarts: Uint8Array | undefined;

/**
 * The units that may follow each lead of a label, a currency or 不到/最多 (到手, us$, rmb…): a lead
 * followed by anything else starts no price, so the regex is not tried there. Currency signs
 * (¥ $ €…) are not listed: a number may follow them.
 */
const LEAD_NEXT: ReadonlyArray<[lead: string, next: string]> = Object.entries({
  u: 's', h: 'k', r: 'm', c: 'n', 到: '手', 券: '后', 原: '价', 现: '价', 折: '后', 活: '动', 售: '价', 价: '格钱', 单: '价', 优: '惠', 秒: '杀', 直: '播', 不: '到超', 最: '多',
});
/**
 * Per UTF-16 unit, 1 + its index in LEAD_NEXT, 0 for a unit not listed: one read per lead where a
 * Map lookup cost several times as much (leads are common letters and characters: 价, 不, c, r).
 */
let leadSlots: Uint8Array | undefined;
/** The units that may follow the lead of each slot, two per slot (-2, which no unit is, for none). */
let leadFollowers: Int32Array | undefined;

function leadContinues(lead: number, next: number): boolean {
  if (!leadSlots) {
    leadSlots = new Uint8Array(0x10000);
    leadFollowers = new Int32Array(2 * (LEAD_NEXT.length + 1)).fill(-2);
    LEAD_NEXT.forEach(([unit, allowed], index) => {
      if (allowed.length > 2) throw new Error(`prices: more than two units may follow ${unit}`);
      leadSlots![unit.charCodeAt(0)] = index + 1;
      for (let k = 0; k < allowed.length; k++) leadFollowers![2 * (index + 1) + k] = allowed.charCodeAt(k);
    });
  }
  const slot = leadSlots[lead]!;
  if (slot === 0) return true;
  const followers = leadFollowers!;
  return followers[2 * slot] === next || followers[2 * slot + 1] === next;
}

function priceUnitTable(): Uint8Array {
  if (priceUnits) return priceUnits;
  const table = new Uint8Array(0x10000);
  const mark = (chars: string, bit: number) => {
    for (let k = 0; k < chars.length; k++) table[chars.charCodeAt(k)]! |= bit;
  };
  mark(`0123456789${CHINESE_DIGITS}`, DIGIT | NUMBER_PART);
  mark(',.', NUMBER_PART);
  // us$ hk$ rmb cny usd ¥ ￥ $ € £ ₩; the labels; 不到 不超过 最多.
  mark(PRICE_LEADS, LEADS);
  // \s; range signs; 多几来余; the first unit of each currency after a number; 左右 上下 出头.
  mark(' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff', FOLLOWS | SPACE);
  mark('-~～到至多几来余块元r美刀d日円欧英港韩澳加ycu左上出', FOLLOWS);
  mark('-~～到至块元r美刀d日円欧英港韩澳加ycu', AFTER_SPACE);
  const starts = new Uint8Array(0x10000);
  const markFirst = (words: readonly string[], bit: number) => {
    for (const word of words) starts[word.charCodeAt(0)]! |= bit;
  };
  markFirst(PREFIX_UNITS, PREFIX_START);
  markFirst(LABEL_WORDS, LABEL_START);
  markFirst(LABEL_LINKS, LINK_START);
  markFirst(UNDER_WORDS, UNDER_START);
  markFirst(SUFFIX_UNITS, SUFFIX_START);
  markFirst(APPROX_AFTER_WORDS, APPROX_AFTER_START);
  markFirst(APPROX_AROUND_WORDS, AROUND_START);
  wordStarts = starts;
  priceUnits = table;
  return table;
}

const YI = 0x4e00; // 一
const KOU = 0x53e3; // 口

/**
 * The matches of PRICE over `text`, as a global scan would find them, trying only where a price can
 * start. One pass forward: a place is tried when it is a digit that may start a number, or a lead
 * (a label, a currency, 不到/最多) that goes on as its words do and has a digit within PRICE_LEAD
 * units. Looking back from each digit instead tried the same places again for every digit near them.
 *
 * @param marks the places of the digits and leads in `text`, in order (NormalisedText.marks): only
 *   these are looked at. Without them every place is.
 */
export function priceMatches(text: string, marks?: Int32Array, codes: Uint16Array = unitsOf(text)): RegExpExecArray[] {
  const units = priceUnitTable();
  const length = text.length;
  const found: RegExpExecArray[] = [];
  const places = marks ? marks.length : length;
  forgetRun();
  // Where the last match ended: no start before it.
  let from = 0;
  for (let place = 0; place < places; place++) {
    const start = marks ? marks[place]! : place;
    if (start < from || !mayStartPrice(codes, length, start, units)) continue;
    PRICE.lastIndex = start;
    const match = PRICE.exec(text);
    if (!match) continue;
    found.push(match);
    from = start + match[0].length;
  }
  return found;
}

/**
 * The number run holding the last start tried (see mayStartPrice): where it ends and whether a 几
 * follows that start in it. Starts are tried in order, so a start before runEnd lies in that run.
 * Module state rather than locals of each scan, so that both scans share the one test; a scan
 * begins with forgetRun.
 */
let runEnd = -1;
let lastJi = -1;

function forgetRun(): void {
  runEnd = -1;
  lastJi = -1;
}

/**
 * Whether a price may start at `start` of the `length` units `codes`: a digit that may start a
 * number, or a lead (a label, a currency, 不到/最多) that goes on as its words do and has a digit
 * within PRICE_LEAD units. Starts must come in increasing order between two calls of forgetRun.
 */
function mayStartPrice(codes: Uint16Array, length: number, start: number, units: Uint8Array): boolean {
  const code = codes[start]!;
  const unit = units[code]!;
  if (!(unit & (DIGIT | LEADS))) return false;
  // The unit after it, -1 at the end (where the string would read NaN: neither is any unit).
  const following = start + 1 < length ? codes[start + 1]! : -1;
  if (unit & LEADS) {
    // No lead is a digit. 不好, 最后, 现在, under: a lead that does not go on as its words do.
    return leadContinues(code, following) && digitWithin(codes, units, start + 1, start + PRICE_LEAD);
  }
  if (code === YI && following === KOU) return true;
  if (start >= runEnd) {
    lastJi = -1;
    for (runEnd = start; runEnd < length && units[codes[runEnd]!]! & NUMBER_PART; runEnd++) {
      if (codes[runEnd]! === 0x51e0 /* 几 */) lastJi = runEnd;
    }
  }
  // Without a 几 in the run, the number ends where the run does (nothing else in a run may
  // follow a number), so it needs a follower there; a run that ends in '.' or ',' (the "1."
  // of a list) cannot end a number at all, and after a space only a range sign or a currency
  // may come (100 白色 is no price).
  if (lastJi < start) {
    if (runEnd >= length) return false;
    const last = codes[runEnd - 1]!;
    if (last === 0x2e || last === 0x2c) return false;
    const next = units[codes[runEnd]!]!;
    if (!(next & FOLLOWS)) return false;
    if (next & SPACE && !(runEnd + 1 < length && units[codes[runEnd + 1]!]! & AFTER_SPACE)) return false;
  }
  return true;
}

/** Whether a digit (0-9 or a Chinese one) stands in `text` from `from` to `to`, both included. */
function digitWithin(codes: Uint16Array, units: Uint8Array, from: number, to: number): boolean {
  const end = Math.min(to, codes.length - 1);
  for (let k = from; k <= end; k++) if (units[codes[k]!]! & DIGIT) return true;
  return false;
}

/** The units of `text` as an array. */
function unitsOf(text: string): Uint16Array {
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

/**
 * Prices in already-normalised text, with offsets into that text. The places are those PRICE is
 * tried at by priceMatches, and at each readPrice finds what PRICE would match there, from the
 * units: the regex, its captures as strings and the reading of those strings cost more than the
 * rest of the detector's rules together did.
 */
export function findPricesIn(normalised: NormalisedText): Array<Omit<PriceMatch, 'text'>> {
  const prices: Array<Omit<PriceMatch, 'text'>> = [];
  const { codes, marks } = normalised;
  const length = codes.length;
  const units = priceUnitTable();
  const read = priceRead;
  forgetRun();
  // Where the last price read ended: no start before it (also when the price is then dropped).
  let from = 0;
  for (let place = 0; place < marks.length; place++) {
    const start = marks[place]!;
    if (start < from || !mayStartPrice(codes, length, start, units)) continue;
    const end = readPrice(codes, length, start);
    if (end < 0) continue;
    from = end;
    if (start > 0 && isTokenUnit(codes[start - 1]!)) continue; // inside a longer token
    let approx = false;
    if (read.form === FORM_SUFFIX) {
      approx = read.approxBefore || read.approxAfter;
      const unit = SUFFIX_UNITS[read.unit]!;
      // A bare Chinese numeral needs a unit that cannot be a letter: 十r is not a price.
      if (unit === 'r' && !isDigit(codes[read.firstStart]!)) continue;
      // 一块蛋糕, 两块地方: 块 after a single Chinese digit is the measure word, not yuan.
      if (unit === '块' && read.firstEnd - read.firstStart === 1 && MEASURE_DIGITS.includes(String.fromCharCode(codes[read.firstStart]!)) && read.secondStart < 0) continue;
    } else if (read.form === FORM_APPROX) {
      approx = true;
    }
    const low = amountAt(codes, read.firstStart, read.firstEnd);
    if (!low) continue;
    const price: Omit<PriceMatch, 'text'> = { start, end, approx: approx || low.approx, currency: read.currency };
    if (read.secondStart >= 0) {
      const high = amountAt(codes, read.secondStart, read.secondEnd);
      if (!high) continue;
      price.min = low.min;
      price.max = high.max;
    } else if (read.approxBefore || low.min !== low.max) {
      price.min = low.min;
      price.max = read.approxBefore ? low.min + low.step : low.max;
      if (read.approxBefore) price.approx = true;
    } else if (read.under) {
      price.max = low.max;
      price.approx = true;
    } else {
      price.amount = low.min;
    }
    prices.push(price);
  }
  return prices;
}

/** The Chinese digits before which 块 is a measure word rather than yuan (一块蛋糕). */
const MEASURE_DIGITS = '一二两三四五六七八九几';

/** Which alternative of PRICE_SOURCE a price read has the shape of: ¥99, 到手价59, 99元, 两百左右. */
const FORM_PREFIX = 1;
const FORM_LABEL = 2;
const FORM_SUFFIX = 3;
const FORM_APPROX = 4;

/**
 * What readPrice found, in place of PRICE's captures: the alternative, where its numbers stand
 * (secondStart -1 without a second one), its currency, and which of the optional parts it has.
 * One object, written by each read: the caller is done with it before the next.
 */
const priceRead = {
  form: 0,
  firstStart: 0,
  firstEnd: 0,
  secondStart: -1,
  secondEnd: -1,
  currency: 'CNY' as Currency,
  /** Index in SUFFIX_UNITS of the unit after the number (FORM_SUFFIX, and FORM_LABEL when it has one), else -1. */
  unit: -1,
  /** 多, 几, 来 or 余 after the number (sapprox, aapprox). */
  approxBefore: false,
  /** 左右, 上下, 出头, 以内, 以下 or 不到 after the unit (sapprox2). */
  approxAfter: false,
  /** 不到, 不超过 or 最多 before the number. */
  under: false,
};

/**
 * The alternatives of PRICE_SOURCE's parts, in the order the regex tries them: at a place where
 * more than one fits, the first that lets the rest match is taken.
 */
// The words PRICE_SOURCE writes inside its alternatives: the reader's lists must say the same.
if (APPROX_BEFORE !== '多|几|来|余') throw new Error('prices: APPROX_BEFORE differs from isApproxBefore');

/** Number ends (see numberEnds) of the first and the second number of the price being read. */
const firstEnds = new Int32Array(16);
const secondEnds = new Int32Array(16);

/**
 * What PRICE matches at `start` of the `length` units `codes`: the end of the match, -1 for none,
 * and its parts in priceRead. The four alternatives are tried in order, each as the regex
 * backtracks through it: the numbers (whose quantifiers may give back units) from their longest
 * reading down, every optional part first with, then without it. The other quantifiers cannot give
 * back a unit and still match, as noted where they are read. Reads the tables priceUnitTable
 * makes, which its callers call first.
 */
function readPrice(codes: Uint16Array, length: number, start: number): number {
  const read = priceRead;
  read.secondStart = -1;
  read.secondEnd = -1;
  read.unit = -1;
  read.approxBefore = false;
  read.approxAfter = false;
  read.under = false;
  read.currency = 'CNY';

  // ¥99, $12, ¥99-199: (prefix)\s?(p1)(?:RANGE(?:prefix)?(p2))?(?![\da-z])
  const prefix = wordAt(codes, length, start, PREFIX_UNITS, PREFIX_START);
  if (prefix >= 0) {
    // \s? before a number: giving the space back leaves it where the number must start.
    const first = skipSpace(codes, length, start + PREFIX_UNITS[prefix]!.length);
    const count = numberEnds(codes, length, first, firstEnds, false);
    for (let k = 0; k < count; k++) {
      const firstEnd = firstEnds[k]!;
      const range = rangeAfter(codes, length, firstEnd);
      if (range >= 0) {
        const secondPrefix = wordAt(codes, length, range, PREFIX_UNITS, PREFIX_START);
        const second = secondPrefix >= 0 ? range + PREFIX_UNITS[secondPrefix]!.length : range;
        const secondCount = numberEnds(codes, length, second, secondEnds, false);
        for (let j = 0; j < secondCount; j++) {
          const end = secondEnds[j]!;
          if (end < length && isDigitOrLetter(codes[end]!)) continue;
          read.secondStart = second;
          read.secondEnd = end;
          return found(FORM_PREFIX, first, firstEnd, currencyOf(PREFIX_UNITS[prefix]!), end);
        }
      }
      if (firstEnd < length && isDigitOrLetter(codes[firstEnd]!)) continue;
      return found(FORM_PREFIX, first, firstEnd, currencyOf(PREFIX_UNITS[prefix]!), firstEnd);
    }
  }

  // 到手价59, 券后 39.9: (label)(link)?[:：\s]{0,2}[¥￥]?(l1)(?![\d.a-z%])(lunit)?. A shorter label
  // (到手 for 到手价), a shorter link (只 for 只要) or fewer separators would leave a unit that
  // nothing after them takes, so the longest of each is the only one that can match.
  const label = wordAt(codes, length, start, LABEL_WORDS, LABEL_START);
  if (label >= 0) {
    let at = start + LABEL_WORDS[label]!.length;
    const link = wordAt(codes, length, at, LABEL_LINKS, LINK_START);
    if (link >= 0) at += LABEL_LINKS[link]!.length;
    for (let k = 0; k < 2 && at < length && isLabelSeparator(codes[at]!); k++) at++;
    if (at < length && (codes[at] === 0xa5 /* ¥ */ || codes[at] === 0xffe5) /* ￥ */) at++;
    const count = numberEnds(codes, length, at, firstEnds, false);
    for (let k = 0; k < count; k++) {
      const firstEnd = firstEnds[k]!;
      if (firstEnd < length && isLabelNumberFollower(codes[firstEnd]!)) continue;
      const unit = wordAt(codes, length, firstEnd, SUFFIX_UNITS, SUFFIX_START);
      read.unit = unit;
      const currency = unit >= 0 ? currencyOf(SUFFIX_UNITS[unit]!) : 'CNY';
      return found(FORM_LABEL, at, firstEnd, currency, unit >= 0 ? firstEnd + SUFFIX_UNITS[unit]!.length : firstEnd);
    }
  }

  // 99元, 一百多块, 30-50元, 99r: (under)?(s1)(?:RANGE(s2))?(sapprox)?\s?(unit)(?![a-z])(sapprox2)?.
  // Without 不到, 不超过 or 最多 the number would have to start on it: taken when it is there.
  const under = wordAt(codes, length, start, UNDER_WORDS, UNDER_START);
  const first = under >= 0 ? start + UNDER_WORDS[under]!.length : start;
  const count = numberEnds(codes, length, first, firstEnds, true);
  for (let k = 0; k < count; k++) {
    const firstEnd = firstEnds[k]!;
    const range = rangeAfter(codes, length, firstEnd);
    if (range >= 0) {
      const secondCount = numberEnds(codes, length, range, secondEnds, true);
      for (let j = 0; j < secondCount; j++) {
        const end = unitTail(codes, length, secondEnds[j]!);
        if (end < 0) continue;
        read.under = under >= 0;
        read.secondStart = range;
        read.secondEnd = secondEnds[j]!;
        return found(FORM_SUFFIX, first, firstEnd, currencyOf(SUFFIX_UNITS[read.unit]!), end);
      }
    }
    const end = unitTail(codes, length, firstEnd);
    if (end < 0) continue;
    read.under = under >= 0;
    return found(FORM_SUFFIX, first, firstEnd, currencyOf(SUFFIX_UNITS[read.unit]!), end);
  }
  if (under >= 0) return -1;

  // 两百左右, 100出头: (a1)(aapprox)?(左右|上下|出头)
  for (let k = 0; k < count; k++) {
    const firstEnd = firstEnds[k]!;
    if (firstEnd < length && isApproxBefore(codes[firstEnd]!) && wordAt(codes, length, firstEnd + 1, APPROX_AROUND_WORDS, AROUND_START) >= 0) {
      read.approxBefore = true;
      return found(FORM_APPROX, first, firstEnd, 'CNY', firstEnd + 3);
    }
    if (wordAt(codes, length, firstEnd, APPROX_AROUND_WORDS, AROUND_START) >= 0) return found(FORM_APPROX, first, firstEnd, 'CNY', firstEnd + 2);
  }
  return -1;
}

/**
 * The spans readPrice finds over `text`, tried where priceMatches tries PRICE: what the tests hold
 * against priceMatches (the reader must find what the regex does, place for place).
 */
export function readPrices(text: string): Array<{ start: number; end: number }> {
  const codes = unitsOf(text);
  const units = priceUnitTable();
  const spans: Array<{ start: number; end: number }> = [];
  forgetRun();
  let from = 0;
  for (let start = 0; start < codes.length; start++) {
    if (start < from || !mayStartPrice(codes, codes.length, start, units)) continue;
    const end = readPrice(codes, codes.length, start);
    if (end < 0) continue;
    spans.push({ start, end });
    from = end;
  }
  return spans;
}

/** Records the alternative, first number and currency of a price read; returns its end. */
function found(form: number, firstStart: number, firstEnd: number, currency: Currency, end: number): number {
  const read = priceRead;
  read.form = form;
  read.firstStart = firstStart;
  read.firstEnd = firstEnd;
  read.currency = currency;
  return end;
}

/**
 * What follows a number of the 99元 form, from `at`: (sapprox)?\s?(unit)(?![a-z])(sapprox2)?. The
 * end of the price, -1 if it does not go on so; sets priceRead's unit and approx flags.
 */
function unitTail(codes: Uint16Array, length: number, at: number): number {
  if (at < length && isApproxBefore(codes[at]!)) {
    const end = unitAfter(codes, length, at + 1);
    if (end >= 0) {
      priceRead.approxBefore = true;
      return end;
    }
  }
  return unitAfter(codes, length, at);
}

/** \s?(unit)(?![a-z])(sapprox2)? from `at`: giving the space back would leave it where no unit starts. */
function unitAfter(codes: Uint16Array, length: number, at: number): number {
  const from = skipSpace(codes, length, at);
  if (from >= length || !(wordStarts![codes[from]!]! & SUFFIX_START)) return -1;
  // The first unit whose word is there and is not followed by a letter: 块钱 before 块, rmb before r.
  for (let unit = 0; unit < SUFFIX_UNITS.length; unit++) {
    const word = SUFFIX_UNITS[unit]!;
    if (!wordIs(codes, length, from, word)) continue;
    const end = from + word.length;
    if (end < length && isLetter(codes[end]!)) continue;
    priceRead.unit = unit;
    const after = wordAt(codes, length, end, APPROX_AFTER_WORDS, APPROX_AFTER_START);
    if (after < 0) return end;
    priceRead.approxAfter = true;
    return end + APPROX_AFTER_WORDS[after]!.length;
  }
  return -1;
}

/**
 * Where RANGE (\s?[-~～到至]\s?) after a number at `at` ends, -1 if none is there. Each space is
 * taken when there: given back, it would stand where the sign or the next number must.
 */
function rangeAfter(codes: Uint16Array, length: number, at: number): number {
  const sign = skipSpace(codes, length, at);
  if (sign >= length || !isRangeSign(codes[sign]!)) return -1;
  return skipSpace(codes, length, sign + 1);
}

/**
 * The places where a number starting at `at` may end, in the order the regex tries them, written
 * to `ends`; returns how many (0 when no number starts there). NUMBER is Arabic only, ANY_NUMBER
 * (`chinese`) also Chinese. Arabic: \d{1,9}(?:,\d{3}){0,3}(?:\.\d{1,2})?
 * gives back its decimals, then its groups, then its digits one by one; Chinese: [零一…几]{1,8}
 * gives back its units one by one. Every end is before the one tried before it.
 */
function numberEnds(codes: Uint16Array, length: number, at: number, ends: Int32Array, chinese: boolean): number {
  if (at >= length) return 0;
  let count = 0;
  if (isDigit(codes[at]!)) {
    let digits = at;
    while (digits < length && isDigit(codes[digits]!)) digits++;
    // Readings that end before a digit are left out: nothing that may follow a number in PRICE
    // starts with one. So are all readings of more than nine digits.
    if (digits - at > 9) return 0;
    // 0 to 3 groups of ',' and three digits, then '.' and one or two digits.
    let groups = 0;
    let end = digits;
    while (groups < 3 && end + 3 < length && codes[end] === 0x2c && isDigit(codes[end + 1]!) && isDigit(codes[end + 2]!) && isDigit(codes[end + 3]!)) {
      end += 4;
      groups++;
    }
    if (end + 1 < length && codes[end] === 0x2e && isDigit(codes[end + 1]!)) {
      const two = end + 2 < length && isDigit(codes[end + 2]!);
      if (two && !(end + 3 < length && isDigit(codes[end + 3]!))) ends[count++] = end + 3;
      if (!two) ends[count++] = end + 2;
    }
    for (let group = groups; group >= 0; group--) {
      const groupEnd = digits + 4 * group;
      if (!(groupEnd < length && isDigit(codes[groupEnd]!))) ends[count++] = groupEnd;
    }
    return count;
  }
  if (chinese && isChineseNumeral(codes[at]!)) {
    let end = at;
    while (end < length && end - at < 8 && isChineseNumeral(codes[end]!)) end++;
    for (; end > at; end--) ends[count++] = end;
  }
  return count;
}

/**
 * The index of the first word of `words` that stands at `at`, -1 if none. `start` is the list's
 * bit in wordStarts (PREFIX_START…): set on the first unit of each of its words.
 */
function wordAt(codes: Uint16Array, length: number, at: number, words: readonly string[], start: number): number {
  if (at >= length || !(wordStarts![codes[at]!]! & start)) return -1;
  const first = codes[at]!;
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    if (word.charCodeAt(0) === first && wordIs(codes, length, at, word)) return k;
  }
  return -1;
}

function wordIs(codes: Uint16Array, length: number, at: number, word: string): boolean {
  if (at + word.length > length) return false;
  for (let k = 0; k < word.length; k++) if (codes[at + k] !== word.charCodeAt(k)) return false;
  return true;
}

/** Past one \s unit at `at`, if one is there. */
function skipSpace(codes: Uint16Array, length: number, at: number): number {
  return at < length && priceUnits![codes[at]!]! & SPACE ? at + 1 : at;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** [\da-z]: what may not follow a price of the ¥99 form. */
function isDigitOrLetter(code: number): boolean {
  return isDigit(code) || isLetter(code);
}

/** [\d.a-z%]: what may not follow the number of a price of the 到手价59 form. */
function isLabelNumberFollower(code: number): boolean {
  return isDigitOrLetter(code) || code === 0x2e || code === 0x25;
}

/** [:：\s]: what may stand between a label and its number. */
function isLabelSeparator(code: number): boolean {
  return code === 0x3a || code === 0xff1a || (priceUnits![code]! & SPACE) !== 0;
}

/** [-~～到至]. */
function isRangeSign(code: number): boolean {
  return code === 0x2d || code === 0x7e || code === 0xff5e || code === 0x5230 /* 到 */ || code === 0x81f3; /* 至 */
}

/** 多, 几, 来 or 余 (APPROX_BEFORE). */
function isApproxBefore(code: number): boolean {
  return code === 0x591a || code === 0x51e0 || code === 0x6765 || code === 0x4f59;
}

/** [零一二两三四五六七八九十百千万几]: the digits of the price units table less 0-9. */
function isChineseNumeral(code: number): boolean {
  return (priceUnits![code]! & DIGIT) !== 0 && !isDigit(code);
}

/**
 * parseAmount of the units `[from, to)` of `codes`, which are a number as PRICE reads one: the
 * Arabic ones without a string (Number() of the digits gives the same value: both are the double
 * nearest to the decimal), falling back to the string for more digits than a double holds exactly.
 */
function amountAt(codes: Uint16Array, from: number, to: number): Amount | undefined {
  if (!isDigit(codes[from]!)) return chineseAmount(codes, from, to);
  let value = 0;
  let digits = 0;
  let dot = -1;
  for (let k = from; k < to; k++) {
    const code = codes[k]!;
    if (code === 0x2c) continue;
    if (code === 0x2e) {
      dot = k;
      continue;
    }
    value = value * 10 + (code - 0x30);
    digits++;
  }
  if (digits > 15) return parseAmount(String.fromCharCode(...codes.subarray(from, to)));
  if (dot >= 0) value /= to - dot - 1 === 1 ? 10 : 100;
  // Zeros at the end of the integer part, over the commas.
  let zeros = 0;
  for (let k = (dot < 0 ? to : dot) - 1; k >= from && (codes[k] === 0x30 || codes[k] === 0x2c); k--) if (codes[k] === 0x30) zeros++;
  return { min: value, max: value, step: dot >= 0 ? 1 : 10 ** zeros, approx: false };
}

/** [\da-z.]: a unit of a longer token (a model number, a version, a word). */
function isTokenUnit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || code === 0x2e;
}

function currencyOf(marker: string): Currency {
  switch (marker) {
    case '$': case 'us$': case 'usd': case '美元': case '美金': case '刀': case 'dollar': case 'dollars':
      return 'USD';
    case 'hk$': case '港币': case '港元':
      return 'HKD';
    case '€': case '欧元':
      return 'EUR';
    case '£': case '英镑':
      return 'GBP';
    case '日元': case '円':
      return 'JPY';
    case '₩': case '韩元':
      return 'KRW';
    case '澳元':
      return 'AUD';
    case '加元':
      return 'CAD';
    default:
      return 'CNY';
  }
}

/** The value of a Chinese digit 一 to 九 (两 is 2), -1 for any other unit (零 and 几 are read apart). */
function chineseDigit(code: number): number {
  switch (code) {
    case 0x4e00: return 1; // 一
    case 0x4e8c: case 0x4e24: return 2; // 二 两
    case 0x4e09: return 3; // 三
    case 0x56db: return 4; // 四
    case 0x4e94: return 5; // 五
    case 0x516d: return 6; // 六
    case 0x4e03: return 7; // 七
    case 0x516b: return 8; // 八
    case 0x4e5d: return 9; // 九
    default: return -1;
  }
}

/** The value of 十 百 千 万, 0 for any other unit. */
function chineseUnit(code: number): number {
  switch (code) {
    case 0x5341: return 10; // 十
    case 0x767e: return 100; // 百
    case 0x5343: return 1000; // 千
    case 0x4e07: return 10000; // 万
    default: return 0;
  }
}

/**
 * An amount in Arabic or Chinese numerals. `step` is the size of the last place written
 * (一百 → 100, 30 → 10), which is what 多 adds: 一百多 is 100 to 200, 30多 is 30 to 40.
 * 几 stands for any digit: 三十几 is 31 to 39.
 */
export function parseAmount(raw: string): Amount | undefined {
  const first = raw.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) {
    // Loops rather than replace/split: this runs for every price found.
    const plain = raw.indexOf(',') < 0 ? raw : raw.replace(/,/g, '');
    const value = Number(plain);
    if (!Number.isFinite(value)) return undefined;
    // Zeros at the end of the integer part (before the first '.').
    const dot = plain.indexOf('.');
    let zeros = 0;
    for (let k = (dot < 0 ? plain.length : dot) - 1; k >= 0 && plain.charCodeAt(k) === 0x30; k--) zeros++;
    return { min: value, max: value, step: dot >= 0 ? 1 : 10 ** zeros, approx: false };
  }
  return chineseAmount(unitsOf(raw), 0, raw.length);
}

interface Amount {
  min: number;
  max: number;
  step: number;
  approx: boolean;
}

/** parseAmount of Chinese numerals: the units `[from, to)` of `codes`. */
function chineseAmount(codes: Uint16Array, from: number, to: number): Amount | undefined {
  // Pairs of bounds as plain numbers and units read by code: no objects, no iterator (one call per price).
  let totalMin = 0;
  let totalMax = 0;
  let sectionMin = 0;
  let sectionMax = 0;
  let hasDigit = false;
  let digitMin = 0;
  let digitMax = 0;
  let step = 1;
  let approx = false;
  let zeroWritten = false;
  for (let k = from; k < to; k++) {
    const code = codes[k]!;
    if (code === 0x51e0 /* 几 */) {
      hasDigit = true;
      digitMin = 1;
      digitMax = 9;
      approx = true;
      continue;
    }
    if (code === 0x96f6 /* 零 */) {
      zeroWritten = true;
      continue;
    }
    const value = chineseDigit(code);
    if (value >= 0) {
      hasDigit = true;
      digitMin = value;
      digitMax = value;
      continue;
    }
    const unit = chineseUnit(code);
    if (unit === 0) return undefined;
    if (unit === 10000) {
      totalMin = (totalMin + sectionMin + (hasDigit ? digitMin : 0)) * unit;
      totalMax = (totalMax + sectionMax + (hasDigit ? digitMax : 0)) * unit;
      sectionMin = 0;
      sectionMax = 0;
    } else {
      // A unit with no digit before it counts once: 十五 is 15.
      sectionMin += (hasDigit ? digitMin : 1) * unit;
      sectionMax += (hasDigit ? digitMax : 1) * unit;
    }
    step = unit;
    hasDigit = false;
    zeroWritten = false;
  }
  if (hasDigit) {
    // A trailing digit right after a unit is one place lower (三千五 = 3500, 一万二 = 12000), after 零 it is units.
    const place = step >= 10 && !zeroWritten ? step / 10 : 1;
    sectionMin += digitMin * place;
    sectionMax += digitMax * place;
    step = place;
  }
  const min = totalMin + sectionMin;
  const max = totalMax + sectionMax;
  if (max === 0) return undefined;
  return { min, max, step, approx };
}
