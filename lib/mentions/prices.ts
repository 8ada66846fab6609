import { normalise, originalSpan, type NormalisedText } from './normalise';

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
/** What may stand between a label and its number: 到手价是59. */
const LABEL_LINKS = '是|只要|只需|才|仅|只|约';
/** Words that say "only" before a bare price: 才79, 只要39.9, 仅299. */
const ONLY_WORDS = '才|仅|只要|只需|只卖';
/** What may follow such a bare price: 包邮 (postage included), 到手, a measure for one item, a final particle. */
const PRICE_ENDINGS = '包邮|到手|一[件个条只瓶支盒套双]|啊|呀|哦|吧|噢|啦|了|就|还';
const LABELS = '到手价|到手|券后价|券后|原价|现价|折后价|折后|活动价|售价|价格|价钱|单价|优惠价|秒杀价|直播价|一口价';

export const PRICE_SOURCE = [
  // ¥99, $12, ¥99-199
  String.raw`(?<prefix>${PREFIX_CURRENCY})\s?(?<p1>${NUMBER})(?:${RANGE}(?:${PREFIX_CURRENCY})?(?<p2>${NUMBER}))?(?![\da-z])`,
  // 到手价59, 券后 39.9
  String.raw`(?:${LABELS})(?:${LABEL_LINKS})?[:：\s]{0,2}[¥￥]?(?<l1>${NUMBER})(?![\d.a-z%])(?<lunit>${SUFFIX_CURRENCY})?`,
  // 99元, 一百多块, 30-50元, 99r, 不到一百块
  String.raw`(?<under>不到|不超过|最多)?(?<s1>${ANY_NUMBER})(?:${RANGE}(?<s2>${ANY_NUMBER}))?(?<sapprox>${APPROX_BEFORE})?\s?(?<unit>${SUFFIX_CURRENCY})(?![a-z])(?<sapprox2>${APPROX_AFTER})?`,
  // 两百左右, 100出头
  String.raw`(?<a1>${ANY_NUMBER})(?<aapprox>${APPROX_BEFORE})?(?<aafter>左右|上下|出头)`,
  // 才79包邮, 只要39.9, 仅299: a bare number after a word that says "only", where a price ends
  // (not 才3天, 仅2次). The word stays outside the match, as with 才99元.
  String.raw`(?<=(?:${ONLY_WORDS})[:：\s]{0,2})[¥￥]?(?<o1>${NUMBER})(?![\d.a-z%])(?=$|[\s，。！？!?,~～、；;）)]|${PRICE_ENDINGS})`,
].join('|');

const PRICE = new RegExp(PRICE_SOURCE, 'g');

/** Prices in already-normalised text, with offsets into that text. */
export function findPricesIn(normalised: NormalisedText): Array<Omit<PriceMatch, 'text'>> {
  const text = normalised.text;
  const prices: Array<Omit<PriceMatch, 'text'>> = [];
  for (const match of text.matchAll(PRICE)) {
    const groups = match.groups!;
    const start = match.index;
    const end = start + match[0].length;
    if (start > 0 && isTokenUnit(text.charCodeAt(start - 1))) continue; // inside a longer token
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
    } else if (groups.o1) {
      first = groups.o1;
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

interface Amount {
  min: number;
  max: number;
  step: number;
  approx: boolean;
}

/** 一 to 九 (两 is 2); 零 and 几 are read apart. */
const CHINESE_DIGIT_VALUES = new Map([...'一二三四五六七八九'].map((digit, index) => [digit, index + 1])).set('两', 2);
const CHINESE_UNIT_VALUES = new Map([['十', 10], ['百', 100], ['千', 1000], ['万', 10000]]);

/**
 * An amount in Arabic or Chinese numerals. `step` is the size of the last place written
 * (一百 → 100, 30 → 10), which is what 多 adds: 一百多 is 100 to 200, 30多 is 30 to 40.
 * 几 stands for any digit: 三十几 is 31 to 39.
 */
export function parseAmount(raw: string): Amount | undefined {
  if (/^\d/.test(raw)) {
    const plain = raw.replace(/,/g, '');
    const value = Number(plain);
    if (!Number.isFinite(value)) return undefined;
    // Zeros at the end of the integer part give the step: 300多 is 300 to 400.
    const integer = plain.split('.')[0]!;
    const zeros = integer.length - integer.replace(/0+$/, '').length;
    return { min: value, max: value, step: plain.includes('.') ? 1 : 10 ** zeros, approx: false };
  }
  return chineseAmount(raw);
}

/** parseAmount of Chinese numerals, kept as bounds: 几 is any digit. */
function chineseAmount(raw: string): Amount | undefined {
  // Bounds as pairs of numbers: the total before the last 万, the section since, the digit read last.
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
    const char = raw[k]!;
    const digit = CHINESE_DIGIT_VALUES.get(char);
    const unit = CHINESE_UNIT_VALUES.get(char);
    if (char === '几') {
      hasDigit = true;
      digitMin = 1;
      digitMax = 9;
      approx = true;
    } else if (char === '零') {
      zeroWritten = true;
    } else if (digit !== undefined) {
      hasDigit = true;
      digitMin = digit;
      digitMax = digit;
    } else if (unit === 10000) {
      totalMin = (totalMin + sectionMin + (hasDigit ? digitMin : 0)) * unit;
      totalMax = (totalMax + sectionMax + (hasDigit ? digitMax : 0)) * unit;
      sectionMin = 0;
      sectionMax = 0;
    } else if (unit !== undefined) {
      // A unit with no digit before it counts once: 十五 is 15.
      sectionMin += (hasDigit ? digitMin : 1) * unit;
      sectionMax += (hasDigit ? digitMax : 1) * unit;
    } else {
      return undefined;
    }
    if (unit !== undefined) {
      step = unit;
      hasDigit = false;
      zeroWritten = false;
    }
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
