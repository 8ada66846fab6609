/**
 * Units that more than one module reads: the normaliser notes where they stand in a text (see
 * NormalisedText.marks), and the rules that start at them look only there.
 */

/** The Chinese digits and units a price may be written with (几 for any digit). */
export const CHINESE_DIGITS = '零一二两三四五六七八九十百千万几';

/**
 * The first unit of what may stand before a price's number: the first letter of us$, hk$, rmb and
 * cny, a currency sign, the first character of a label (到手价, 券后…) or of 不到, 不超过 and 最多.
 */
export const PRICE_LEADS = 'uhrc¥￥$€£₩到券原现折活售价单优秒直不最';

/** Where a price may start: a digit, Arabic or Chinese, or a lead. */
export const PRICE_STARTS = `0123456789${CHINESE_DIGITS}${PRICE_LEADS}`;
