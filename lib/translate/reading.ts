import { allCategories, type CategoryInfo } from '../mentions/categories';
import { lexiconData } from '../mentions/lexicon-data';
import type { Cedict, CedictEntry } from './cedict';
import { describePrice, findQuantities, glossaryTerms, hasWordEdges, parseSmallNumber, type FxRate, type PriceFinder, type PriceMention, type Term } from './glossary';
import { encodeReading, type ReadingNames, type ReadingToken } from './reading-line';
import { READING_STRINGS } from './reading-strings';

/**
 * The offline word-by-word reading: every word of a Chinese text with its English, in the text's
 * order, for a reader who cannot read Chinese and has no machine translation (Firefox, Edge, Chrome
 * before its model downloads, offline). It is a reading, not a translation: one English word or
 * phrase per Chinese word, with pinyin for learners on hover.
 *
 * Words are found by longest match over, first, the shopping glossary (slang, brands, attributes,
 * product words, the lexicon's brands: these win over the dictionary), then the dictionary:
 * CC-CEDICT with everyday readings over it (particles read as nothing, 了 as le; see cedict.ts). Before that, prices (才79包邮 → only ¥79), quantities with units (100斤 →
 * 50 kg) and numbers with measure words (两件 → 2 items) are taken whole; after it, a negation
 * joins the word it negates (不起球 → doesn't pill), 吗 makes a question and 求 + a thing asks for it.
 */

export interface ReaderOptions {
  dictionary: Cedict;
  findPrices: PriceFinder;
  /** Without it, prices are read in yuan only. */
  fx?: FxRate;
  categories?: readonly CategoryInfo[];
  /** The line's name and hint in the interface language (see reading-strings.ts). */
  names?: ReadingNames;
}

export interface OfflineReader {
  read(text: string): ReadingToken[];
  /** The reading as the line the page renders (see reading-line.ts); empty when nothing is there to read. */
  line(text: string): string;
}


/** Negations, and how each reads before a verb and before anything else. */
const NEGATIONS: Record<string, { verb: (verb: string, plural: boolean) => string; other: (word: string) => string }> = {
  不: { verb: (verb, plural) => `${plural ? "don't" : "doesn't"} ${verb}`, other: (word) => `not ${word}` },
  没: { verb: (verb) => `didn't ${verb}`, other: (word) => `no ${word}` },
  没有: { verb: (verb) => `didn't ${verb}`, other: (word) => `no ${word}` },
  无: { verb: (verb) => `without ${verb}ing`.replace(/eing$/, 'ing'), other: (word) => `no ${word}` },
  别: { verb: (verb) => `don't ${verb}`, other: (word) => `don't be ${word}` },
  不要: { verb: (verb) => `don't ${verb}`, other: (word) => `don't be ${word}` },
  不会: { verb: (verb) => `won't ${verb}`, other: (word) => `won't be ${word}` },
  不能: { verb: (verb) => `can't ${verb}`, other: (word) => `can't be ${word}` },
  不用: { verb: (verb) => `no need to ${verb}`, other: (word) => `no need for ${word}` },
  没法: { verb: (verb) => `can't ${verb}`, other: (word) => `can't be ${word}` },
};
/** Subjects after which 不 reads "don't": 我不喜欢 → I don't like. */
const PLURAL_SUBJECTS = new Set(['我', '你', '我们', '你们', '他们', '她们', '咱们', '大家']);

/** Measure words after a number or 这/那/每/哪, with the English noun they stand for ('' when none). */
const MEASURES: Record<string, [one: string, many: string]> = {
  个月: ['month', 'months'],
  个小时: ['hour', 'hours'],
  小时: ['hour', 'hours'],
  分钟: ['minute', 'minutes'],
  顿: ['meal', 'meals'],
  碗: ['bowl', 'bowls'],
  口: ['mouthful', 'mouthfuls'],
  件: ['item', 'items'],
  款: ['style', 'styles'],
  家: ['shop', 'shops'],
  双: ['pair', 'pairs'],
  套: ['set', 'sets'],
  瓶: ['bottle', 'bottles'],
  盒: ['box', 'boxes'],
  箱: ['box', 'boxes'],
  包: ['pack', 'packs'],
  袋: ['bag', 'bags'],
  罐: ['jar', 'jars'],
  张: ['sheet', 'sheets'],
  片: ['piece', 'pieces'],
  份: ['portion', 'portions'],
  杯: ['cup', 'cups'],
  支: ['', ''],
  条: ['', ''],
  只: ['', ''],
  颗: ['', ''],
  个: ['', ''],
  位: ['', ''],
  次: ['time', 'times'],
  遍: ['time', 'times'],
  天: ['day', 'days'],
  周: ['week', 'weeks'],
  年: ['year', 'years'],
  岁: ['year old', 'years old'],
  种: ['kind', 'kinds'],
  色: ['colour', 'colours'],
  层: ['layer', 'layers'],
  篇: ['post', 'posts'],
};
const MEASURE_WORDS = Object.keys(MEASURES).sort((a, b) => b.length - a.length);
const DEMONSTRATIVES: Record<string, [string, string]> = { 这: ['this', 'zhè'], 那: ['that', 'nà'], 哪: ['which', 'nǎ'], 每: ['each', 'měi'] };
const NUMBER_WITH_MEASURE = new RegExp(
  String.raw`(?<ordinal>第)?(?<number>\d+(?:\.\d+)?|[一二两三四五六七八九十百千几半]+)(?<measure>${MEASURE_WORDS.join('|')})|(?<demonstrative>[这那哪每])(?:(?<count>[一二两三四五六七八九十几])?)(?<dmeasure>${MEASURE_WORDS.join('|')})`,
  'gu',
);
/** Words before a bare number that make it a price: 才79, 只要59. */
const ONLY_BEFORE = /(?:才|只要|只需|仅需|仅|只)$/;
const PRICE_AFTER = /^\s*(?:包邮|到手|一件|两件)/;

/** Read as nothing: hashtags' marks (the tag itself is read), decoration. */
const SKIPPED = new Set(['#', '＃', '*', '＊']);

const PUNCTUATION: Record<string, string> = {
  '｜': '|', '|': '|', '/': '/', '／': '/',
  '，': ',', '、': ',', '。': '.', '！': '!', '？': '?', '：': ':', '；': ';', '…': '…', '～': '~', '~': '~',
  '（': '(', '）': ')', '【': '[', '】': ']', '「': '"', '」': '"', '“': '"', '”': '"', '《': '"', '》': '"',
  ',': ',', '.': '.', '!': '!', '?': '?', ':': ':', ';': ';', '(': '(', ')': ')',
};

const HAN = /\p{Script=Han}/u;
const LATIN_RUN = /^[A-Za-z0-9]+(?:[.'’][A-Za-z0-9]+)*/;

interface Span {
  start: number;
  end: number;
  token: ReadingToken;
  /** For negation: the word's verb form ("pill" for 起球), when its dictionary entry is a verb. */
  verb?: string;
  /** Which dictionary the word came from: a negation or 求 only joins a word. */
  word?: boolean;
  /** The glossary's kind for a glossary word: an attribute reads with the product after it. */
  termKind?: Term['kind'];
}

export function createOfflineReader({ dictionary, findPrices, fx, categories = allCategories(), names = READING_STRINGS.en }: ReaderOptions): OfflineReader {
  const terms = glossaryTerms(categories);
  addLexiconBrands(terms);
  const longestTerm = Math.max(0, ...[...terms.keys()].map((key) => key.length));
  const maxLength = Math.max(longestTerm, dictionary.maxLength);

  /** What `word` means, glossary first; undefined when nobody knows it. */
  function lookup(word: string): { term?: Term; entry?: CedictEntry } | undefined {
    const term = terms.get(word.toLowerCase());
    const entry = dictionary.get(word);
    if (!term && !entry) return undefined;
    return { term, entry };
  }

  // Lengths worth trying at a character: the dictionary's (up to its longest word), and those of
  // the glossary's words that start with it (brand names run long).
  const lengthsByFirst = new Map<string, Set<number>>();
  for (const word of terms.keys()) {
    const first = word[0]!;
    const lengths = lengthsByFirst.get(first) ?? new Set<number>();
    lengths.add(word.length);
    lengthsByFirst.set(first, lengths);
  }

  /** Whether any source has the word: `lookup` without building its answer. */
  function knows(word: string): boolean {
    if (dictionary.has(word)) return true;
    return terms.has(HAN.test(word[0]!) ? word : word.toLowerCase());
  }

  /** Lengths of the words that start at `index` and end by `limit`, longest first; memoised per stretch. */
  function wordsAt(text: string, index: number, limit: number, memo: Map<number, number[]>): number[] {
    const known = memo.get(index);
    if (known) return known;
    const lengths: number[] = [];
    const termLengths = lengthsByFirst.get(text[index]!.toLowerCase());
    for (let length = Math.min(maxLength, limit - index); length > 0; length--) {
      if (length > dictionary.maxLength && !termLengths?.has(length)) continue;
      const candidate = text.slice(index, index + length);
      if (!knows(candidate)) continue;
      if (!HAN.test(candidate) && !hasWordEdges(text, index, index + length)) continue;
      lengths.push(length);
    }
    memo.set(index, lengths);
    return lengths;
  }

  const longestAt = (text: string, index: number, limit: number, memo: Map<number, number[]>) => (index < limit ? wordsAt(text, index, limit, memo)[0] ?? 0 : 0);

  /**
   * The next word at `index`: the longest whose following word is longest too (a two-word
   * lookahead), so 面料软糯 is 面料 | 软糯 and not 面 | 料软…; at a negation, the negation alone
   * when what follows is a word of two or more characters (不 | 起球, not 不起 | 球).
   */
  function nextWord(text: string, index: number, limit: number, memo: Map<number, number[]>): number {
    const lengths = wordsAt(text, index, limit, memo);
    if (lengths.length === 0) return 0;
    let best = lengths[0]!;
    let bestScore = best + longestAt(text, index + best, limit, memo);
    for (const length of lengths.slice(1)) {
      const score = length + longestAt(text, index + length, limit, memo);
      if (score > bestScore) {
        best = length;
        bestScore = score;
      }
    }
    const char = text[index]!;
    const bestWord = text.slice(index, index + best);
    // A negation keeps a word of its own (不错, 没事, 不踩雷 in the glossary) unless splitting it
    // leaves a longer word after it.
    if ((char === '不' || char === '没' || char === '无' || char === '别') && best > 1 && dictionary.get(bestWord)?.shown === undefined && !terms.has(bestWord.toLowerCase())) {
      const after = longestAt(text, index + 1, limit, memo);
      if (after >= 2 && 1 + after >= bestScore) return 1;
    }
    return best;
  }

  /** Whether a word of `length` characters ends at `end` (and starts at or after `from`). */
  function endsAt(text: string, end: number, length: number): boolean {
    const start = end - length;
    if (length > dictionary.maxLength && !lengthsByFirst.get(text[start]!.toLowerCase())?.has(length)) return false;
    const candidate = text.slice(start, end);
    return knows(candidate) && (HAN.test(candidate) || hasWordEdges(text, start, end));
  }

  /**
   * The words of a run of Han characters from `start`, read both ways: forward (`nextWord`, as far
   * as the run goes, and the last word may reach past it: T恤, 维生素C) and backward (the longest
   * word ending at each point, from the forward reading's end). Where the two differ, between
   * points where both cut, the reading that leaves fewer characters unread wins, then the one with
   * fewer words, then the one with fewer single characters that are not function words, then the
   * backward one, which is right more often in Chinese (大家都说好吃 is
   * 说 | 好吃, not 说好 "agree" | 吃). Returns the chosen words' lengths by start, and where the
   * run's reading ends; positions of no word are left to the caller (rare and unknown characters).
   */
  function readRun(text: string, start: number, limit: number, memo: Map<number, number[]>): { words: Map<number, number>; end: number } {
    const forward: Array<[number, number]> = [];
    let runEnd = start;
    while (runEnd < limit && HAN.test(text[runEnd]!)) runEnd++;
    let at = start;
    while (at < runEnd) {
      const length = nextWord(text, at, limit, memo) || (text.codePointAt(at)! > 0xffff ? 2 : 1);
      forward.push([at, length]);
      at += length;
    }
    const end = at;
    const backward: Array<[number, number]> = [];
    for (let close = end; close > start; ) {
      let length = Math.min(maxLength, close - start);
      while (length > 0 && !endsAt(text, close, length)) length--;
      if (length === 0) length = close - start >= 2 && /[\udc00-\udfff]/.test(text[close - 1]!) ? 2 : 1;
      backward.unshift([close - length, length]);
      close -= length;
    }
    // Function words (了, 就, 都: an everyday reading) stand alone by nature and do not count.
    const singles = (units: Array<[number, number]>) =>
      units.filter(([from, length]) => length === 1 && HAN.test(text[from]!) && dictionary.get(text[from]!)?.shown === undefined).length;
    const known = (from: number, length: number) => knows(text.slice(from, from + length));
    const unknown = (units: Array<[number, number]>) => units.filter(([from, length]) => !known(from, length)).length;
    const words = new Map<number, number>();
    let f = 0;
    let b = 0;
    while (f < forward.length && b < backward.length) {
      const forwardRegion = [forward[f++]!];
      const backwardRegion = [backward[b++]!];
      const endOf = (units: Array<[number, number]>) => units[units.length - 1]![0] + units[units.length - 1]![1];
      while (endOf(forwardRegion) !== endOf(backwardRegion)) {
        if (endOf(forwardRegion) < endOf(backwardRegion)) forwardRegion.push(forward[f++]!);
        else backwardRegion.push(backward[b++]!);
      }
      // Fewer characters no word covers, fewer words, fewer lone characters; on a tie, backward.
      const score = (units: Array<[number, number]>) => [unknown(units), units.length, singles(units)];
      const [forwardScore, backwardScore] = [score(forwardRegion), score(backwardRegion)];
      const differs = forwardScore.findIndex((value, index) => value !== backwardScore[index]);
      const forwardWins = differs >= 0 && forwardScore[differs]! < backwardScore[differs]!;
      for (const [from, length] of forwardWins ? forwardRegion : backwardRegion) if (known(from, length)) words.set(from, length);
    }
    return { words, end };
  }

  function wordSpan(text: string, start: number, end: number): Span {
    const word = text.slice(start, end);
    const { term, entry } = lookup(word)!;
    const pinyin = entry?.pinyin ?? pinyinOf(word);
    const verb = entry?.verb ?? entry?.senses.map(verbOf).find(Boolean);
    if (term) {
      return { start, end, word: true, verb, termKind: term.kind, token: { text: word, en: term.meaning, pinyin: pinyin || undefined, note: term.meaning, kind: 'glossary' } };
    }
    const senses = entry!.senses.join('; ');
    const shown = entry!.shown;
    if (shown !== undefined) {
      const kind = shown === '?' ? 'question' : shown ? 'word' : 'particle';
      return { start, end, word: kind === 'word', verb, token: { text: word, en: shown, pinyin, note: senses, kind } };
    }
    return { start, end, word: true, verb, token: { text: word, en: display(entry!.senses[0] ?? ''), pinyin, note: senses, kind: 'word' } };
  }

  /** Pinyin of a word no dictionary line has (a glossary term like 闭眼入): its parts', longest first. */
  function pinyinOf(word: string): string {
    const parts: string[] = [];
    for (let index = 0; index < word.length; ) {
      let length = Math.min(dictionary.maxLength, word.length - index);
      for (; length > 0; length--) {
        const piece = word.slice(index, index + length);
        const known = dictionary.get(piece)?.pinyin;
        if (known) {
          parts.push(known);
          break;
        }
      }
      if (length === 0) return HAN.test(word) ? parts.join(' ') : '';
      index += length;
    }
    return parts.join(' ');
  }

  function read(text: string): ReadingToken[] {
    const spans: Span[] = [];
    const taken = new Uint8Array(text.length);
    const claim = (span: Span) => {
      for (let index = span.start; index < span.end; index++) if (taken[index]) return;
      taken.fill(1, span.start, span.end);
      spans.push(span);
    };

    // Prices first: 一百多块 is a price, not the number 一百 and the word 多.
    for (const price of findPrices(text)) {
      const only = ONLY_BEFORE.exec(text.slice(0, price.start));
      const start = only ? price.start - only[0].length : price.start;
      const meaning = readPrice(price, fx);
      if (meaning) claim({ start, end: price.end, token: { text: text.slice(start, price.end), en: only ? `only ${meaning}` : meaning, note: describePrice(price, fx), kind: 'price' } });
    }
    // A bare number is a price after 才 or before 包邮: 才79包邮.
    for (const match of text.matchAll(/\d+(?:\.\d{1,2})?/g)) {
      const before = ONLY_BEFORE.exec(text.slice(0, match.index));
      const after = PRICE_AFTER.test(text.slice(match.index + match[0].length));
      if (!before && !after) continue;
      if (/[\d.]/.test(text[match.index - 1] ?? '')) continue;
      const start = before ? match.index - before[0].length : match.index;
      const price: PriceMention = { start: match.index, end: match.index + match[0].length, text: match[0], amount: Number(match[0]), approx: false, currency: 'CNY' };
      const meaning = readPrice(price, fx);
      claim({ start, end: price.end, token: { text: text.slice(start, price.end), en: before ? `only ${meaning}` : meaning, note: describePrice(price, fx), kind: 'price' } });
    }
    // Xiaohongshu's hashtag marker in a caption's raw text (#好物分享[话题]#): not a word to read.
    for (const match of text.matchAll(/\[话题\]/g)) claim({ start: match.index, end: match.index + match[0].length, token: { text: match[0], en: '', note: 'hashtag marker', kind: 'particle' } });
    for (const quantity of findQuantities(text)) claim({ start: quantity.start, end: quantity.end, token: { text: quantity.text, en: quantity.meaning, kind: 'number' } });
    for (const match of text.matchAll(NUMBER_WITH_MEASURE)) {
      const groups = match.groups ?? {};
      const written = match[0];
      // 一样, 一起 and 一次 are words of their own; 两件 and 3双 are counts.
      if (dictionary.get(written) && !/\d/.test(written) && !groups.demonstrative) continue;
      const measure = MEASURES[groups.measure ?? groups.dmeasure ?? '']!;
      let en: string;
      if (groups.demonstrative) {
        const [pronoun] = DEMONSTRATIVES[groups.demonstrative]!;
        const count = groups.count ? parseSmallNumber(groups.count) : undefined;
        const plural = pronoun === 'this' ? 'these' : pronoun === 'that' ? 'those' : pronoun;
        if (groups.count === '几') en = `${plural} few ${measure[1] || 'ones'}`;
        else if (count !== undefined && count !== 1) en = `${plural} ${count} ${measure[1]}`.trim();
        else en = measure[0] ? `${pronoun} ${measure[0]}` : pronoun;
      } else if (groups.number === '几') en = `a few ${measure[1] || ''}`.trim();
      else {
        const value = parseSmallNumber(groups.number ?? '');
        if (value === undefined) continue;
        // 第二双: the second pair.
        if (groups.ordinal) en = `${ordinal(value)} ${measure[0] || 'one'}`;
        else en = `${value} ${value === 1 ? measure[0] : measure[1]}`.trim();
      }
      claim({ start: match.index, end: match.index + written.length, token: { text: written, en, pinyin: pinyinOf(written) || undefined, kind: 'number' } });
    }

    // Then words, in what is left: each stretch between the spans taken already.
    let limit = 0;
    let memo = new Map<number, number[]>();
    let run: { words: Map<number, number>; end: number } | undefined;
    for (let index = 0; index < text.length; ) {
      if (taken[index]) {
        index++;
        continue;
      }
      if (index >= limit) {
        limit = index;
        while (limit < text.length && !taken[limit]) limit++;
        memo = new Map();
        run = undefined;
      }
      if ((!run || index >= run.end) && HAN.test(text[index]!)) run = readRun(text, index, limit, memo);
      const inRun = run && index < run.end;
      // In a run, the run's reading; a character no word covers goes on to the cases below.
      const length = inRun ? (run!.words.get(index) ?? 0) : nextWord(text, index, limit, memo);
      if (length > 0) {
        spans.push(wordSpan(text, index, index + length));
        index += length;
        continue;
      }
      const char = text[index]!;
      const latin = LATIN_RUN.exec(text.slice(index, limit));
      if (latin) {
        spans.push({ start: index, end: index + latin[0].length, token: { text: latin[0], en: latin[0], kind: 'other' } });
        index += latin[0].length;
      } else if (char === '\n' || PUNCTUATION[char] === '|' || PUNCTUATION[char] === '/') {
        // Line breaks and bars part the text's pieces (秋冬刺绣卫衣｜学生党…).
        spans.push({ start: index, end: index + 1, token: { text: char, en: char === '\n' ? '/' : PUNCTUATION[char]!, kind: 'break' } });
        index++;
      } else if (/\s/.test(char) || SKIPPED.has(char)) {
        index++;
      } else if (PUNCTUATION[char]) {
        spans.push({ start: index, end: index + 1, token: { text: char, en: PUNCTUATION[char], kind: 'punctuation' } });
        index++;
      } else {
        // A character no dictionary has (a rare one, an emoji): shown as written.
        const codePoint = String.fromCodePoint(text.codePointAt(index)!);
        spans.push({ start: index, end: index + codePoint.length, token: { text: codePoint, en: codePoint, kind: HAN.test(codePoint) ? 'unknown' : 'other' } });
        index += codePoint.length;
      }
    }
    spans.sort((a, b) => a.start - b.start);
    return joinPatterns(spans).map((span) => span.token);
  }

  function line(text: string): string {
    const tokens = read(text);
    return tokens.some((token) => HAN.test(token.text) || token.kind === 'glossary' || token.kind === 'price') ? encodeReading(tokens, names) : '';
  }

  return { read, line };
}

/**
 * The detection lexicon's brands, by their Chinese names (完美日记 → Perfect Diary), after the
 * glossary's own. Names that are everyday words too (得力 capable, 小米 millet) are left to the
 * dictionary: a reading has no product context to tell them apart. Skipped when the lexicon is not
 * loaded (the background always loads it first).
 */
function addLexiconBrands(terms: Map<string, Term>): void {
  let brands: ReturnType<typeof lexiconData>['brands']['brands'];
  try {
    brands = lexiconData().brands.brands;
  } catch {
    return;
  }
  for (const [id, chinese, latin, everyday] of brands) {
    if (everyday || !chinese) continue;
    const name = (latin?.split('|')[0] ?? id).replace(/(^|[\s-])([a-z])/g, (_whole, edge: string, letter: string) => edge + letter.toUpperCase());
    for (const zh of chinese.split('|')) if (zh.length > 1 && HAN.test(zh) && !terms.has(zh)) terms.set(zh, { meaning: name, kind: 'brand' });
  }
}

/** Negations join the word they negate; 求 joins the thing asked for. */
function joinPatterns(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index]!;
    const next = spans[index + 1];
    const adjacent = next && next.start === span.end && next.word && HAN.test(next.token.text) && next.token.en;
    const negation = NEGATIONS[span.token.text];
    if (negation && adjacent && span.token.kind !== 'glossary') {
      const previous = out[out.length - 1];
      const plural = previous !== undefined && previous.end === span.start && PLURAL_SUBJECTS.has(previous.token.text);
      const en = next.verb ? negation.verb(next.verb, plural) : negation.other(stripTo(next.token.en));
      out.push(joined(span, next, en, 'negation'));
      index++;
      continue;
    }
    const atClauseStart = out.length === 0 || ['punctuation', 'break'].includes(out[out.length - 1]!.token.kind) || out[out.length - 1]!.end < span.start;
    if (span.token.text === '求' && span.token.kind !== 'glossary' && adjacent && atClauseStart) {
      const thing = stripTo(next.token.en);
      const en = next.verb && next.token.kind !== 'glossary' ? `please ${next.verb}` : `asking for ${/^(?:a|an|the|my|your)\s/i.test(thing) ? '' : 'the '}${thing}`;
      out.push(joined(span, next, en, 'request'));
      index++;
      continue;
    }
    // 黑色 + 刺绣 + 卫衣 → "black embroidered hoodie": attributes read with the word they describe.
    const previous = out[out.length - 1];
    if (previous?.termKind === 'attribute' && previous.end === span.start && (span.termKind === 'attribute' || span.termKind === 'product')) {
      out[out.length - 1] = { ...joined(previous, span, `${previous.token.en} ${span.token.en}`, 'glossary'), termKind: span.termKind };
      continue;
    }
    out.push(span);
  }
  return out;
}

function joined(first: Span, second: Span, en: string, kind: ReadingToken['kind']): Span {
  const pinyin = [first.token.pinyin, second.token.pinyin].filter(Boolean).join(' ') || undefined;
  const note = [first.token.note && `${first.token.text}: ${first.token.note}`, second.token.note && `${second.token.text}: ${second.token.note}`].filter(Boolean).join(' · ') || undefined;
  return { start: first.start, end: second.end, word: true, token: { text: first.token.text + second.token.text, en, pinyin, note, kind } };
}

/** "to pill" → "pill"; "(of fabric) to pill; to fuzz" → "pill": the verb a negation reads with. */
function verbOf(sense: string): string | undefined {
  const first = display(sense, false);
  return /^to\s/.test(first) ? first.slice(3) : undefined;
}

/** The sense as the line shows it: its first clause, without notes in brackets or a leading "to". */
function display(sense: string, dropTo = true): string {
  const bare = sense.replace(/\s*\([^()]*\)\s*/g, ' ').trim() || sense;
  const first = bare.split(/;\s*/)[0]!.trim();
  return dropTo ? stripTo(first) : first;
}

const stripTo = (english: string) => english.replace(/^to\s+(?=\S)/, '');

const PLAIN_NUMBER = new Intl.NumberFormat('en');
const ORDINALS = new Intl.PluralRules('en', { type: 'ordinal' });
const ORDINAL_SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** 2 → "2nd". */
function ordinal(value: number): string {
  return `${value}${ORDINAL_SUFFIX[ORDINALS.select(value)] ?? 'th'}`;
}

/** ¥79, ¥100-odd, about ¥50, ¥200–300; with the user's currency after it when known. */
function readPrice(price: PriceMention, fx: FxRate | undefined): string {
  const low = price.min ?? price.amount;
  const high = price.max ?? price.amount;
  if (low === undefined || high === undefined) return price.text;
  const number = (value: number) => PLAIN_NUMBER.format(value);
  if (price.currency !== 'CNY') return describePrice(price, undefined) ?? price.text;
  const odd = price.approx && /[多几余+]/.test(price.text) && !/[-–~～到至]/.test(price.text);
  const yuan = odd ? `¥${number(low)}-odd` : high !== low ? `¥${number(low)}–${number(high)}` : `${price.approx ? 'about ' : ''}¥${number(low)}`;
  if (!fx || fx.currency === 'CNY') return yuan;
  const converted = describePrice({ ...price, ...(odd ? { min: low, max: low } : {}) }, fx)?.split(', ').pop();
  return converted ? `${yuan} (${converted})` : yuan;
}
