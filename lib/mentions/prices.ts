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
const PREFIX_CURRENCY = String.raw`us\$|hk\$|rmb|cny|usd|[¥￥$€£₩]`;
const SUFFIX_CURRENCY = '块钱|块|元|rmb|美元|美金|刀|dollars|dollar|usd|日元|円|欧元|英镑|港币|港元|韩元|澳元|加元|yuan|cny|r';
const APPROX_BEFORE = '多|几|来|余';
const APPROX_AFTER = '左右|上下|出头|以内|以下|不到';
const LABELS = '到手价|到手|券后价|券后|原价|现价|折后价|折后|活动价|售价|价格|价钱|单价|优惠价|秒杀价|直播价|一口价';

export const PRICE_SOURCE = [
  // ¥99, $12, ¥99-199
  String.raw`(?<prefix>${PREFIX_CURRENCY})\s?(?<p1>${NUMBER})(?:${RANGE}(?:${PREFIX_CURRENCY})?(?<p2>${NUMBER}))?(?![\da-z])`,
  // 到手价59, 券后 39.9
  String.raw`(?:${LABELS})(?:是|只要|只需|才|仅|只|约)?[:：\s]{0,2}[¥￥]?(?<l1>${NUMBER})(?![\d.a-z%])(?<lunit>${SUFFIX_CURRENCY})?`,
  // 99元, 一百多块, 30-50元, 99r
  String.raw`(?<under>不到|不超过|最多)?(?<s1>${ANY_NUMBER})(?:${RANGE}(?<s2>${ANY_NUMBER}))?(?<sapprox>${APPROX_BEFORE})?\s?(?<unit>${SUFFIX_CURRENCY})(?![a-z])(?<sapprox2>${APPROX_AFTER})?`,
  // 两百左右, 100出头
  String.raw`(?<a1>${ANY_NUMBER})(?<aapprox>${APPROX_BEFORE})?(?<aafter>左右|上下|出头)`,
].join('|');

/**
 * Tried at one position at a time (sticky): the scan below picks the positions, and trying them
 * leftmost first finds the same matches as running the regex over the whole text. Every alternative
 * above holds an Arabic or Chinese digit within PRICE_LEAD characters of its start (a 3-character
 * label, 只要, two separators and ¥), so no other position can start a price. A price that starts
 * with its number (99元, 两百左右) needs, right after that number, a space, a range sign, 多/几/来/余,
 * a currency or 左右/上下/出头: a run of digits followed by none of these is skipped without the regex.
 */
const PRICE = new RegExp(PRICE_SOURCE.replace(/\(\?<[a-z0-9]+>/gi, '('), 'y');
/**
 * PRICE is PRICE_SOURCE with its named groups made plain: the same matches, but exec does not
 * build a `groups` object, which made each match cost twice as much. Every group of PRICE_SOURCE
 * is named, so a group's number is its place among the names.
 */
const GROUP_NUMBER = new Map([...PRICE_SOURCE.matchAll(/\(\?<([a-z0-9]+)>/gi)].map((name, index) => [name[1]!, index + 1]));
const groupNumber = (name: string): number => GROUP_NUMBER.get(name)!;
// An unnamed group would shift the numbers: PRICE_SOURCE may only have named ones.
if (/(?<!\\)\((?!\?)/.test(PRICE_SOURCE)) throw new Error('PRICE_SOURCE has an unnamed capturing group');
const GROUP = {
  prefix: groupNumber('prefix'),
  p1: groupNumber('p1'),
  p2: groupNumber('p2'),
  l1: groupNumber('l1'),
  lunit: groupNumber('lunit'),
  under: groupNumber('under'),
  s1: groupNumber('s1'),
  s2: groupNumber('s2'),
  sapprox: groupNumber('sapprox'),
  unit: groupNumber('unit'),
  sapprox2: groupNumber('sapprox2'),
  a1: groupNumber('a1'),
  aapprox: groupNumber('aapprox'),
};

/** The captures of a PRICE match by name, as `match.groups` of PRICE_SOURCE would give them. */
function capturesOf(match: RegExpExecArray) {
  return {
    prefix: match[GROUP.prefix],
    p1: match[GROUP.p1],
    p2: match[GROUP.p2],
    l1: match[GROUP.l1],
    lunit: match[GROUP.lunit],
    under: match[GROUP.under],
    s1: match[GROUP.s1],
    s2: match[GROUP.s2],
    sapprox: match[GROUP.sapprox],
    unit: match[GROUP.unit],
    sapprox2: match[GROUP.sapprox2],
    a1: match[GROUP.a1],
    aapprox: match[GROUP.aapprox],
  };
}
const PRICE_LEAD = 8;
/** Per UTF-16 unit, a set of these bits. */
const DIGIT = 1; // starts a number: 0-9 and the Chinese digits
const NUMBER_PART = 2; // inside a number: digits, Chinese digits, ',' and '.'
const LEADS = 4; // starts a currency sign, a label or 不到/最多 before the number (一 only in 一口价, see below)
const FOLLOWS = 8; // first unit of what may follow a number in a price
const SPACE = 16; // \s: a number may be followed by one, and then by AFTER_SPACE
const AFTER_SPACE = 32; // a range sign or the first unit of a currency: what may follow a number and a space
let priceUnits: Uint8Array | undefined;

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
  // The number run holding the last start tried: where it ends and whether a 几 follows that start in it.
  let runEnd = -1;
  let lastJi = -1;
  // Where the last match ended: no start before it.
  let from = 0;
  for (let place = 0; place < places; place++) {
    const start = marks ? marks[place]! : place;
    if (start < from) continue;
    const code = codes[start]!;
    const unit = units[code]!;
    if (!(unit & (DIGIT | LEADS))) continue;
    // The unit after it, -1 at the end (where the string would read NaN: neither is any unit).
    const following = start + 1 < length ? codes[start + 1]! : -1;
    if (unit & LEADS) {
      // No lead is a digit. 不好, 最后, 现在, under: a lead that does not go on as its words do.
      if (!leadContinues(code, following)) continue;
      if (!digitWithin(codes, units, start + 1, start + PRICE_LEAD)) continue;
    } else if (!(code === YI && following === KOU)) {
      // Starts strictly increase, so a start before runEnd lies in the run measured last.
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
        if (runEnd >= length) continue;
        const last = codes[runEnd - 1]!;
        if (last === 0x2e || last === 0x2c) continue;
        const next = units[codes[runEnd]!]!;
        if (!(next & FOLLOWS)) continue;
        if (next & SPACE && !(runEnd + 1 < length && units[codes[runEnd + 1]!]! & AFTER_SPACE)) continue;
      }
    }
    PRICE.lastIndex = start;
    const match = PRICE.exec(text);
    if (!match) continue;
    found.push(match);
    from = start + match[0].length;
  }
  return found;
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

/** Prices in already-normalised text, with offsets into that text. */
export function findPricesIn(normalised: NormalisedText): Array<Omit<PriceMatch, 'text'>> {
  const prices: Array<Omit<PriceMatch, 'text'>> = [];
  for (const match of priceMatches(normalised.text, normalised.marks, normalised.codes)) {
    const groups = capturesOf(match);
    const start = match.index;
    const end = start + match[0].length;
    if (start > 0 && isTokenUnit(normalised.text.charCodeAt(start - 1))) continue; // inside a longer token
    let first: string | undefined;
    let second: string | undefined;
    let currency: Currency = 'CNY';
    let approx = false;
    if (groups.p1) {
      first = groups.p1;
      second = groups.p2;
      currency = currencyOf(groups.prefix!);
    } else if (groups.l1) {
      first = groups.l1;
      if (groups.lunit) currency = currencyOf(groups.lunit);
    } else if (groups.s1) {
      first = groups.s1;
      second = groups.s2;
      currency = currencyOf(groups.unit!);
      approx = Boolean(groups.sapprox || groups.sapprox2);
      // A bare Chinese numeral needs a unit that cannot be a letter: 十r is not a price.
      if (groups.unit === 'r' && !/\d/.test(first)) continue;
      // 一块蛋糕, 两块地方: 块 after a single Chinese digit is the measure word, not yuan.
      if (groups.unit === '块' && /^[一二两三四五六七八九几]$/.test(first) && !second) continue;
    } else if (groups.a1) {
      first = groups.a1;
      approx = true;
    }
    if (!first) continue;
    const low = parseAmount(first);
    if (!low) continue;
    const price: Omit<PriceMatch, 'text'> = { start, end, approx: approx || low.approx, currency };
    const more = groups.sapprox ?? groups.aapprox;
    if (second) {
      const high = parseAmount(second);
      if (!high) continue;
      price.min = low.min;
      price.max = high.max;
    } else if (more || low.min !== low.max) {
      price.min = low.min;
      price.max = more ? low.min + low.step : low.max;
      if (more) price.approx = true;
    } else if (groups.under) {
      price.max = low.max;
      price.approx = true;
    } else {
      price.amount = low.min;
    }
    prices.push(price);
  }
  return prices;
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
export function parseAmount(raw: string): { min: number; max: number; step: number; approx: boolean } | undefined {
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
  for (let k = 0; k < raw.length; k++) {
    const code = raw.charCodeAt(k);
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
