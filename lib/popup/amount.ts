/**
 * A price as people type it: `£60`, `€45`, `US$75`, `75 dollars`, `1,299.00`, `75,50`, `CA$ 20`,
 * `60 quid`, `¥3000`. The currency comes from a symbol, an ISO code or a word; a bare `$` or `¥`
 * takes the user's own currency when it is written that way (Canadians' `$` is CAD, a Japanese
 * user's `¥` is JPY), else the most common reading (USD, CNY). Digits are grouped and separated as
 * the user's locale writes them when the text alone cannot tell (`1,299` is 1299 in English and
 * 1.299 in German); `1,299.00` and `75,50` read the same everywhere.
 *
 * The currency is what the text says, never silently the user's: £60 with USD chosen stays GBP, and
 * the comparison converts the landed total into it.
 */

export interface Amount {
  amount: number;
  currency: string;
}

export type AmountReading = { ok: true; value: Amount } | { ok: false; reason: 'empty' | 'number' | 'currency' | 'zero' };

/** Symbols, longest first so `US$` wins over `$`. `$` and `¥` alone are settled by `bareSymbol`. */
const SYMBOLS: ReadonlyArray<[symbol: string, currency: string]> = [
  ['US$', 'USD'],
  ['USD$', 'USD'],
  ['CA$', 'CAD'],
  ['CAD$', 'CAD'],
  ['C$', 'CAD'],
  ['AU$', 'AUD'],
  ['AUD$', 'AUD'],
  ['A$', 'AUD'],
  ['SG$', 'SGD'],
  ['S$', 'SGD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['RM', 'MYR'],
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['円', 'JPY'],
  ['元', 'CNY'],
  ['块', 'CNY'],
  ['₩', 'KRW'],
  ['$', '$'],
  ['＄', '$'],
  ['¥', '¥'],
  ['￥', '¥'],
];

/** Words people write after (or before) a number. */
const WORDS: Readonly<Record<string, string>> = {
  dollar: '$',
  dollars: '$',
  buck: '$',
  bucks: '$',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  sterling: 'GBP',
  euro: 'EUR',
  euros: 'EUR',
  yen: 'JPY',
  yuan: 'CNY',
  rmb: 'CNY',
  renminbi: 'CNY',
  ringgit: 'MYR',
  won: 'KRW',
};

/** Currencies whose own symbol is a bare `$`. */
const DOLLAR_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'SGD', 'NZD', 'HKD']);

function bareSymbol(symbol: '$' | '¥', userCurrency: string): string {
  if (symbol === '$') return DOLLAR_CURRENCIES.has(userCurrency) ? userCurrency : 'USD';
  return userCurrency === 'JPY' ? 'JPY' : 'CNY';
}

/** `.` or `,`: what the locale writes between the units and the decimals. */
export function decimalSeparatorOf(locale: string): '.' | ',' {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    return part?.value === ',' ? ',' : '.';
  } catch {
    return '.';
  }
}

/**
 * The number in `digits` (digits, `.`, `,`, spaces between groups), or NaN. A separator used twice,
 * or before exactly three digits when it is not the locale's decimal mark, groups thousands.
 */
export function readNumber(digits: string, decimal: '.' | ','): number {
  const compact = digits.replace(/[\s\u00a0\u202f']/g, (space, offset: number) =>
    // A space only groups thousands: between a digit and three digits.
    /\d/.test(digits[offset - 1] ?? '') && /^\d{3}(?!\d)/.test(digits.slice(offset + 1)) ? '' : 'x',
  );
  if (!/^\d[\d.,]*$/.test(compact) || /[.,]$/.test(compact)) return Number.NaN;
  const dots = compact.split('.').length - 1;
  const commas = compact.split(',').length - 1;
  let groupMark: string | undefined;
  let decimalMark: string | undefined;
  if (dots > 0 && commas > 0) {
    // Both: the last one written is the decimal mark (1,299.00 and 1.299,00).
    decimalMark = compact.lastIndexOf('.') > compact.lastIndexOf(',') ? '.' : ',';
    groupMark = decimalMark === '.' ? ',' : '.';
    if (compact.split(decimalMark).length - 1 !== 1) return Number.NaN;
  } else if (dots + commas > 1) {
    groupMark = dots > 0 ? '.' : ',';
  } else if (dots + commas === 1) {
    const mark = dots ? '.' : ',';
    const after = compact.length - compact.indexOf(mark) - 1;
    if (after === 3 && mark !== decimal) groupMark = mark;
    else if (after >= 1 && after <= 3) decimalMark = mark;
    else return Number.NaN;
  }
  const [wholeWritten = '', fraction = ''] = decimalMark ? compact.split(decimalMark) : [compact];
  let whole = wholeWritten;
  if (groupMark) {
    const groups = whole.split(groupMark);
    if (!/^\d{1,3}$/.test(groups[0] ?? '') || groups.slice(1).some((group) => !/^\d{3}$/.test(group))) return Number.NaN;
    whole = groups.join('');
  }
  if (!/^\d+$/.test(whole) || (fraction !== '' && !/^\d{1,3}$/.test(fraction))) return Number.NaN;
  return Number(fraction ? `${whole}.${fraction}` : whole);
}

/** Reads a typed amount. `userCurrency` is taken when the text names none; `locale` settles `1,299`. */
export function readAmount(text: string, userCurrency: string, locale = 'en'): AmountReading {
  let rest = text.normalize('NFKC').trim();
  // NFKC turns full-width ＄ and ￥ into $ and ¥.
  if (rest === '') return { ok: false, reason: 'empty' };
  const found: string[] = [];
  // Currency marks may stand before or after the number; take them all off, then read the number.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [symbol, currency] of SYMBOLS) {
      const upper = rest.toUpperCase();
      if (upper.startsWith(symbol.toUpperCase())) {
        found.push(currency);
        rest = rest.slice(symbol.length).trim();
        changed = true;
        break;
      }
      if (upper.endsWith(symbol.toUpperCase()) && /[\d\s]$/.test(rest.slice(0, rest.length - symbol.length))) {
        found.push(currency);
        rest = rest.slice(0, rest.length - symbol.length).trim();
        changed = true;
        break;
      }
    }
    const word = /^([a-z]+)\.?\s*|(?<=[\d\s])\s*([a-z]+)\.?$/i.exec(rest);
    if (word) {
      const name = (word[1] ?? word[2] ?? '').toLowerCase();
      const currency = WORDS[name] ?? (/^[a-z]{3}$/.test(name) ? name.toUpperCase() : undefined);
      if (!currency) return { ok: false, reason: 'currency' };
      found.push(currency);
      rest = (word.index === 0 ? rest.slice(word[0].length) : rest.slice(0, word.index)).trim();
      changed = true;
    }
  }
  // `US$ 75 USD` is fine; `£75 USD` names two currencies.
  const named = [...new Set(found.map((mark) => (mark === '$' || mark === '¥' ? bareSymbol(mark, userCurrency) : mark)))];
  const precise = named.length > 1 ? [...new Set(found.filter((mark) => mark !== '$' && mark !== '¥'))] : named;
  if (precise.length > 1) return { ok: false, reason: 'currency' };
  const amount = readNumber(rest, decimalSeparatorOf(locale));
  if (!Number.isFinite(amount)) return { ok: false, reason: 'number' };
  if (!(amount > 0)) return { ok: false, reason: 'zero' };
  return { ok: true, value: { amount, currency: precise[0] ?? userCurrency } };
}
