import { allCategories, type CategoryInfo } from '../mentions/categories';
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
 * product words: these win over the dictionary), then a few function words glossed for a reading
 * here, then CC-CEDICT. Before that, prices (才79包邮 → only ¥79), quantities with units (100斤 →
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

/**
 * Function words whose dictionary entry reads badly word by word: particles (shown as nothing:
 * they carry grammar, not meaning), and words whose first CC-CEDICT reading is not the everyday one
 * (了 is liǎo "to finish" there, 吗 má "what?"). Pinyin here is the everyday reading.
 */
const FUNCTION_WORDS: Record<string, { en: string; pinyin: string; note: string; verb?: string }> = {
  的: { en: '', pinyin: 'de', note: "particle: of, 's" },
  地: { en: '', pinyin: 'de', note: 'particle: -ly' },
  得: { en: '', pinyin: 'de', note: 'particle: to the extent that' },
  了: { en: '', pinyin: 'le', note: 'particle: done, or a change' },
  着: { en: '', pinyin: 'zhe', note: 'particle: -ing' },
  过: { en: '', pinyin: 'guò', note: 'particle: have done before' },
  吗: { en: '?', pinyin: 'ma', note: 'question particle: yes or no?' },
  么: { en: '?', pinyin: 'me', note: 'question particle' },
  呢: { en: '', pinyin: 'ne', note: 'particle: and…? / still' },
  吧: { en: '', pinyin: 'ba', note: 'particle: suggestion, "…right?"' },
  啊: { en: '', pinyin: 'a', note: 'particle: exclamation' },
  呀: { en: '', pinyin: 'ya', note: 'particle: exclamation' },
  哦: { en: '', pinyin: 'ó', note: 'particle: oh' },
  噢: { en: '', pinyin: 'ō', note: 'particle: oh' },
  啦: { en: '', pinyin: 'la', note: 'particle: exclamation' },
  嘛: { en: '', pinyin: 'ma', note: 'particle: obviously' },
  哇: { en: 'wow', pinyin: 'wa', note: 'exclamation' },
  哈: { en: 'ha', pinyin: 'hā', note: 'laughter' },
  嘿: { en: 'hey', pinyin: 'hēi', note: 'exclamation' },
  诶: { en: 'hey', pinyin: 'éi', note: 'exclamation' },
  就: { en: 'just', pinyin: 'jiù', note: 'just; then; right away' },
  都: { en: 'all', pinyin: 'dōu', note: 'all; already' },
  还: { en: 'also', pinyin: 'hái', note: 'still; also; fairly' },
  也: { en: 'also', pinyin: 'yě', note: 'also; too' },
  很: { en: 'very', pinyin: 'hěn', note: 'very' },
  太: { en: 'too', pinyin: 'tài', note: 'too (much); so' },
  超: { en: 'super', pinyin: 'chāo', note: 'super; extremely' },
  巨: { en: 'hugely', pinyin: 'jù', note: 'hugely (slang: very)' },
  贼: { en: 'really', pinyin: 'zéi', note: 'thief; (slang) really, very' },
  好: { en: 'good', pinyin: 'hǎo', note: 'good; (before an adjective) so, very' },
  在: { en: 'at', pinyin: 'zài', note: 'at; in; (before a verb) -ing' },
  是: { en: 'is', pinyin: 'shì', note: 'is; are; yes' },
  有: { en: 'has', pinyin: 'yǒu', note: 'to have; there is' },
  和: { en: 'and', pinyin: 'hé', note: 'and; with' },
  跟: { en: 'with', pinyin: 'gēn', note: 'with; and; to follow' },
  给: { en: 'for', pinyin: 'gěi', note: 'to give; for' },
  被: { en: 'by', pinyin: 'bèi', note: '(passive) by' },
  把: { en: '', pinyin: 'bǎ', note: 'particle: takes the object before the verb' },
  个: { en: '', pinyin: 'gè', note: 'measure word (general)' },
  这: { en: 'this', pinyin: 'zhè', note: 'this' },
  那: { en: 'that', pinyin: 'nà', note: 'that; then' },
  哪: { en: 'which', pinyin: 'nǎ', note: 'which; where' },
  我: { en: 'I', pinyin: 'wǒ', note: 'I; me' },
  你: { en: 'you', pinyin: 'nǐ', note: 'you' },
  他: { en: 'he', pinyin: 'tā', note: 'he; him' },
  她: { en: 'she', pinyin: 'tā', note: 'she; her' },
  它: { en: 'it', pinyin: 'tā', note: 'it' },
  会: { en: 'will', pinyin: 'huì', note: 'will; can; to know how to' },
  要: { en: 'want', pinyin: 'yào', note: 'to want; will; must' },
  想: { en: 'want to', pinyin: 'xiǎng', note: 'to want to; to think; to miss' },
  能: { en: 'can', pinyin: 'néng', note: 'can; to be able to' },
  没: { en: 'not', pinyin: 'méi', note: 'not (have); did not' },
  不: { en: 'not', pinyin: 'bù', note: 'not; no' },
  别: { en: "don't", pinyin: 'bié', note: "don't; other" },
  无: { en: 'no', pinyin: 'wú', note: 'no; without' },
  求: { en: 'please', pinyin: 'qiú', note: 'to ask for; to beg' },
  不会: { en: "won't", pinyin: 'bú huì', note: "won't; can't (not able to)" },
  不要: { en: "don't", pinyin: 'bú yào', note: "don't; don't want" },
  不用: { en: 'no need to', pinyin: 'bú yòng', note: 'no need to' },
  不能: { en: "can't", pinyin: 'bù néng', note: "can't; mustn't" },
  没有: { en: 'no', pinyin: 'méi yǒu', note: "not have; there is no; didn't" },
  没法: { en: "can't", pinyin: 'méi fǎ', note: "can't; no way to" },
  一个: { en: 'a', pinyin: 'yí gè', note: 'one; a' },
  哈哈: { en: 'haha', pinyin: 'hā hā', note: 'laughter' },
  哈哈哈: { en: 'hahaha', pinyin: 'hā hā hā', note: 'laughter' },
  什么: { en: 'what', pinyin: 'shén me', note: 'what' },
  怎么: { en: 'how', pinyin: 'zěn me', note: 'how; why' },
  多少钱: { en: 'how much (money)', pinyin: 'duō shao qián', note: 'how much does it cost' },
  买到: { en: 'buy (get hold of)', pinyin: 'mǎi dào', note: 'to manage to buy', verb: 'get hold of it' },
  买不到: { en: "can't buy", pinyin: 'mǎi bu dào', note: 'cannot get hold of' },
  找到: { en: 'find', pinyin: 'zhǎo dào', note: 'to find', verb: 'find it' },
  叫: { en: 'called', pinyin: 'jiào', note: 'to be called; to call; to shout' },
  直邮: { en: 'ships direct', pinyin: 'zhí yóu', note: 'shipped directly (from the seller, often abroad)' },
  找不到: { en: "can't find", pinyin: 'zhǎo bu dào', note: 'cannot find' },
  店名: { en: 'shop name', pinyin: 'diàn míng', note: "the shop's name" },
  店铺名: { en: 'shop name', pinyin: 'diàn pù míng', note: "the shop's name" },
  同名店铺: { en: 'shop of the same name', pinyin: 'tóng míng diàn pù', note: 'the shop with the same name' },
  这家: { en: 'this shop', pinyin: 'zhè jiā', note: 'this shop; this one (family, business)' },
  那家: { en: 'that shop', pinyin: 'nà jiā', note: 'that shop; that one' },
  哪家: { en: 'which shop', pinyin: 'nǎ jiā', note: 'which shop?' },
  就行: { en: "that's all it takes", pinyin: 'jiù xíng', note: 'will do; is enough' },
  就好: { en: "that's all it takes", pinyin: 'jiù hǎo', note: 'will do; is enough' },
  就有: { en: "you'll find it", pinyin: 'jiù yǒu', note: 'then there is (it)' },
  对的: { en: 'right', pinyin: 'duì de', note: "that's right" },
  是的: { en: 'yes', pinyin: 'shì de', note: "yes; that's so" },
  不错: { en: 'pretty good', pinyin: 'bú cuò', note: 'not bad; pretty good; correct' },
  一起: { en: 'together', pinyin: 'yì qǐ', note: 'together; in the same place' },
  质量: { en: 'quality', pinyin: 'zhì liàng', note: 'quality; (physics) mass' },
  差: { en: 'poor', pinyin: 'chà', note: 'poor; not up to standard; to differ' },
  一点: { en: 'a bit', pinyin: 'yì diǎn', note: 'a bit; a little' },
  有点: { en: 'a bit', pinyin: 'yǒu diǎn', note: 'a bit; somewhat' },
  真的: { en: 'really', pinyin: 'zhēn de', note: 'really; truly' },
  已经: { en: 'already', pinyin: 'yǐ jīng', note: 'already' },
  好的: { en: 'OK', pinyin: 'hǎo de', note: 'OK; fine' },
};

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
  String.raw`(?<number>\d+(?:\.\d+)?|[一二两三四五六七八九十百千几半]+)(?<measure>${MEASURE_WORDS.join('|')})|(?<demonstrative>[这那哪每])(?:(?<count>[一二两三四五六七八九十几])?)(?<dmeasure>${MEASURE_WORDS.join('|')})`,
  'gu',
);
/** Words before a bare number that make it a price: 才79, 只要59. */
const ONLY_BEFORE = /(?:才|只要|只需|仅需|仅|只)$/;
const PRICE_AFTER = /^\s*(?:包邮|到手|一件|两件)/;

const PUNCTUATION: Record<string, string> = {
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
  const longestTerm = Math.max(0, ...[...terms.keys()].map((key) => key.length));
  const maxLength = Math.max(longestTerm, dictionary.maxLength, ...Object.keys(FUNCTION_WORDS).map((word) => word.length));

  /** What `word` means, glossary first; undefined when nobody knows it. */
  function lookup(word: string): { term?: Term; fn?: (typeof FUNCTION_WORDS)[string]; entry?: CedictEntry } | undefined {
    const term = terms.get(word.toLowerCase());
    const fn = FUNCTION_WORDS[word];
    const entry = dictionary.get(word);
    if (!term && !fn && !entry) return undefined;
    return { term, fn, entry };
  }

  // Lengths worth trying at a character: the dictionary's (up to its longest word), and those of
  // the glossary's and the function words' words that start with it (brand names run long).
  const lengthsByFirst = new Map<string, Set<number>>();
  for (const word of [...terms.keys(), ...Object.keys(FUNCTION_WORDS)]) {
    const first = word[0]!;
    const lengths = lengthsByFirst.get(first) ?? new Set<number>();
    lengths.add(word.length);
    lengthsByFirst.set(first, lengths);
  }

  /** Whether any source has the word: `lookup` without building its answer. */
  const functionWords = new Map(Object.entries(FUNCTION_WORDS));
  function knows(word: string): boolean {
    if (dictionary.has(word) || functionWords.has(word)) return true;
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
    if ((char === '不' || char === '没' || char === '无' || char === '别') && best > 1 && !FUNCTION_WORDS[bestWord] && !terms.has(bestWord.toLowerCase())) {
      const after = longestAt(text, index + 1, limit, memo);
      if (after >= 2 && 1 + after >= bestScore) return 1;
    }
    return best;
  }

  function wordSpan(text: string, start: number, end: number): Span {
    const word = text.slice(start, end);
    const found = lookup(word)!;
    const pinyin = found.fn?.pinyin ?? found.entry?.pinyin ?? pinyinOf(word);
    const verb = found.fn?.verb ?? found.entry?.senses.map(verbOf).find(Boolean);
    if (found.term) {
      return { start, end, word: true, verb, termKind: found.term.kind, token: { text: word, en: found.term.meaning, pinyin: pinyin || undefined, note: found.term.meaning, kind: 'glossary' } };
    }
    if (found.fn) return { start, end, word: !!found.fn.en && found.fn.en !== '?', verb, token: { text: word, en: found.fn.en, pinyin, note: found.fn.note, kind: found.fn.en === '?' ? 'question' : found.fn.en ? 'word' : 'particle' } };
    const entry = found.entry!;
    return { start, end, word: true, verb, token: { text: word, en: display(entry.senses[0] ?? ''), pinyin, note: entry.senses.join('; '), kind: 'word' } };
  }

  /** Pinyin of a word no dictionary line has (a glossary term like 闭眼入): its parts', longest first. */
  function pinyinOf(word: string): string {
    const parts: string[] = [];
    for (let index = 0; index < word.length; ) {
      let length = Math.min(dictionary.maxLength, word.length - index);
      for (; length > 0; length--) {
        const piece = word.slice(index, index + length);
        const known = FUNCTION_WORDS[piece]?.pinyin ?? dictionary.get(piece)?.pinyin;
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
        en = `${value} ${value === 1 ? measure[0] : measure[1]}`.trim();
      }
      claim({ start: match.index, end: match.index + written.length, token: { text: written, en, pinyin: pinyinOf(written) || undefined, kind: 'number' } });
    }

    // Then words, in what is left: each stretch between the spans taken already.
    let limit = 0;
    let memo = new Map<number, number[]>();
    for (let index = 0; index < text.length; ) {
      if (taken[index]) {
        index++;
        continue;
      }
      if (index >= limit) {
        limit = index;
        while (limit < text.length && !taken[limit]) limit++;
        memo = new Map();
      }
      const length = nextWord(text, index, limit, memo);
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
      } else if (char === '\n') {
        spans.push({ start: index, end: index + 1, token: { text: char, en: '/', kind: 'break' } });
        index++;
      } else if (/\s/.test(char)) {
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

/** ¥79, ¥100-odd, about ¥50, ¥200–300; with the user's currency after it when known. */
function readPrice(price: PriceMention, fx: FxRate | undefined): string {
  const low = price.min ?? price.amount;
  const high = price.max ?? price.amount;
  if (low === undefined || high === undefined) return price.text;
  const number = (value: number) => new Intl.NumberFormat('en').format(value);
  if (price.currency !== 'CNY') return describePrice(price, undefined) ?? price.text;
  const odd = price.approx && /[多几余+]/.test(price.text) && !/[-–~～到至]/.test(price.text);
  const yuan = odd ? `¥${number(low)}-odd` : high !== low ? `¥${number(low)}–${number(high)}` : `${price.approx ? 'about ' : ''}¥${number(low)}`;
  if (!fx || fx.currency === 'CNY') return yuan;
  const converted = describePrice({ ...price, ...(odd ? { min: low, max: low } : {}) }, fx)?.split(', ').pop();
  return converted ? `${yuan} (${converted})` : yuan;
}
