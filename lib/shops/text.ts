/**
 * Pure helpers that turn the text Taobao and Tmall render (prices, sales counts, places) into
 * numbers and tidy strings. They read page text, which the page controls, so every regex here is
 * linear (no nested quantifiers) and every function returns undefined instead of throwing.
 */

/** Collapses runs of whitespace (including the full-width space U+3000 and NBSP) and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}

/** Cuts a string to `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.charCodeAt(max - 1);
  return text.slice(0, cut >= 0xd800 && cut <= 0xdbff ? max - 1 : max);
}

// One number: digits with optional thousands commas and decimals (`1,299.00`), and `万` after it
// on a few very expensive listings (`¥1.2万`). No two quantifiers can match the same characters
// (`\s*` sits inside a group that needs what follows it), so a long run of spaces stays linear.
const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?)(?:\s*(万))?`;
// A range as Taobao shows variant prices: `¥59-129`, `59.00 - 129.00`, `¥59~¥129`, `59至129`.
const PRICE = new RegExp(String.raw`${NUMBER}(?:\s*[-~～—–至]\s*(?:[¥￥]\s*)?${NUMBER})?`);

/** No listing costs a billion yuan: anything above is a misread or a hostile page. */
export const MAX_PRICE_CNY = 1e9;

function toNumber(digits: string, tenThousands: string | undefined): number | undefined {
  const value = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  // Checked again after the unit: `9…9万` is finite before the multiplication and not after.
  const scaled = tenThousands ? Math.round(value * 10_000 * 100) / 100 : value;
  return Number.isFinite(scaled) && scaled <= MAX_PRICE_CNY ? scaled : undefined;
}

/** Lowest and highest price of a price text; `max` only when the text shows a range. */
export function parsePriceRange(text: string): { min: number; max?: number } | undefined {
  const match = PRICE.exec(text);
  if (!match?.[1]) return undefined;
  const first = toNumber(match[1], match[2]);
  if (first === undefined) return undefined;
  const second = match[3] ? toNumber(match[3], match[4]) : undefined;
  if (second === undefined || second === first) return { min: first };
  return { min: Math.min(first, second), max: Math.max(first, second) };
}

/** The lowest price in CNY shown by a price text: `¥1,299.00` → 1299, `¥59-129` → 59. */
export function parsePriceCny(text: string): number | undefined {
  return parsePriceRange(text)?.min;
}

// `2.3万+人付款`, `1000+`, `已售 100+`, `月销 1.2万`, `1亿+`; the first number in the text counts.
const SALES = /(\d[\d,]*(?:\.\d+)?)(?:\s*(万|亿|[wW](?![a-zA-Z])))?/;
const SALES_MULTIPLIER: Record<string, number> = { 万: 10_000, w: 10_000, W: 10_000, 亿: 100_000_000 };

/** Sales or buyer count as a whole number: `2.3万+人付款` → 23000, `1000+` → 1000; `+` means "at least". */
export function parseSales(text: string): number | undefined {
  const match = SALES.exec(text);
  if (!match?.[1]) return undefined;
  const value = Number(match[1].replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const sales = Math.round(value * (match[2] ? (SALES_MULTIPLIER[match[2]] ?? 1) : 1));
  return Number.isSafeInteger(sales) ? sales : undefined;
}

/** A place as `省 市`: the 2024 cards render province and city as two elements, older ones as one text. */
export function normalizeLocation(parts: readonly string[]): string | undefined {
  const joined = normalizeSpace(parts.map((part) => normalizeSpace(part)).filter(Boolean).join(' '));
  return joined || undefined;
}
