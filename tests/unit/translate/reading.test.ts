import { beforeAll, describe, expect, it } from 'vitest';
import '../../../lib/mentions/lexicon-bundled';
import { loadLexiconData } from '../../../lib/mentions/lexicon-data';
import { findPrices } from '../../../lib/mentions/prices';
import { readFileSync } from 'node:fs';
import { z } from 'zod/mini';
import { cedictAssetText, cedictOf, parseCedict } from '../../../lib/translate/cedict';
import { EVERYDAY_WORDS_FILE, loadCedictFile } from '../../../lib/translate/cedict-file';
import { toneMarks } from '../../../lib/translate/pinyin';
import { createOfflineReader, type OfflineReader } from '../../../lib/translate/reading';
import { decodeReading, plainLine, readingHint, readingText } from '../../../lib/translate/reading-line';

let reader: OfflineReader;
let inYuan: OfflineReader;
beforeAll(async () => {
  await loadLexiconData();
  // The shipped dictionary and the real price finder: what the background runs.
  reader = createOfflineReader({ dictionary: loadCedictFile(), findPrices, fx: { currency: 'USD', perCny: 0.14 } });
  inYuan = createOfflineReader({ dictionary: loadCedictFile(), findPrices });
});

const read = (text: string, using = reader) => readingText(using.read(text));

describe('the offline word-by-word reading', () => {
  it.each([
    // Negation joins the word it negates; the old glossary line read 面料 (fabric) · 起球 (pilling).
    ['negation of a verb', '面料软糯不起球', "fabric · soft and chewy · doesn't pill"],
    ['negation after I', '我不喜欢这个颜色', "I · don't like · this · color"],
    ['negation of an adjective', '这件衣服不贵', 'this item · clothes · not expensive'],
    ['没 before a verb', '没买到，好可惜', "didn't get hold of it, good · it is a pity"],
    ['没有 before a noun', '没有色差', 'no colour differs from photos'],
    ['别 before a verb', '别买！质量太差了', "don't buy! quality · too · poor"],
    ['无 before a noun', '无香精无酒精', 'no seasoning · no rubbing alcohol'],
    ['a word with 不 in it stays a word', '这个真的不错', 'this · really · pretty good'],
    ['a glossary phrase with 不 in it stays one', '亲测不踩雷', 'tested it myself · no-fail pick'],
    // Prices.
    ['才 + a bare number before 包邮', '才79包邮', 'only ¥79 (about $11) · free shipping'],
    ['a price with its unit', '某宝只要68.29元', 'Taobao · only ¥68.29 (about $9.6)'],
    ['an approximate price', '一百多块', '¥100-odd (about $14)'],
    // Numbers and measure words.
    ['a count of pairs', '3双袜子', '3 pairs · socks'],
    ['a count in Chinese numerals', '这款我买了两件', 'this style · I · buy · 2 items'],
    // A function word alone is no fault when words overlap: 用完 | 了, not 用 | 完了.
    ['months', '一个月就用完了', '1 month · just · used up'],
    ['a few, with a demonstrative', '这几款都好看', 'these few styles · all · good-looking'],
    ['each', '每件都不一样', 'each item · all · not same'],
    ['an ordinal', '回购第二双了', 'would buy again · 2nd pair'],
    ['hours and bowls', '排队一个小时，吃了三碗米饭', 'line up · 1 hour, eat · 3 bowls · cooked rice'],
    ['a free gift', '买两瓶送小样', 'buy · 2 bottles · free with it · sample size'],
    ['weights and sizes', '身高160体重100斤穿M码刚好', 'height · 160 · body weight · 50 kg · wear · size M · just'],
    // Slang and where to buy.
    ['Taobao by name', '淘宝搜店铺名就行', "Taobao · search · shop name · that's all it takes"],
    ['Taobao by its peach', '🍑搜 同名店铺 就有', "Taobao, peach = táo · search · shop of the same name · you'll find it"],
    ['slang and an attribute with its product', '种草这件刺绣卫衣', 'recommended, makes you want it · this item · embroidered hoodie'],
    ['a brand and a colour', '优衣库黑色卫衣', 'Uniqlo · black hoodie'],
    // Questions and requests.
    ['吗 makes a question', '英国能买到吗', 'United Kingdom · can · buy (get hold of)?'],
    ['one question mark for 吗？', '英国可以直邮吗？', 'United Kingdom · can · ships direct?'],
    ['求 + a thing asks for it', '求店名！！', 'asking for the shop name!!'],
    ['the glossary’s own 求 phrase', '求链接', 'asking for the link'],
    ['a reply that agrees', '对的，就是这家', 'right, exactly · this shop'],
    ['laughter alone still gets a line', '哈哈哈', 'hahaha'],
    // The old glossary line's cases (glossary.test.ts), as the reading now shows them.
    ['slang, each time it is written', '平替！回购！闭眼入 平替', 'cheaper alternative! would buy again! buy without hesitation · cheaper alternative'],
    ['the longest glossary term wins', '无限回购的宝藏好物', 'will keep buying again · hidden-gem find'],
    ['Latin slang as a whole word, other English as written', 'yyds! tbh the nba game', 'the best ever, GOAT! tbh · the · nba · game'],
    ['where to buy', '链接在评论区，🍑搜同款', 'link in the comments, Taobao, peach = táo · search · the same item'],
    ['heights and weights', '一米六五 100斤 半斤', '1.65 m · 50 kg · 0.25 kg'],
    ['sizes', '平时穿M码，鞋子38码', 'ordinarily · wear · size M, shoes · size 38 EU'],
    ['category words by what notes mean by them', '小米手机 付定金', 'Xiaomi · phone · pay · deposit'],
    ['a price and a range', '¥89 or 200-300元', '¥89 (about $12) · or · ¥200–300 (about $28 – $42)'],
    ['an approximate price', '50左右', 'about ¥50 (about $7)'],
    ['names in their own English', '早餐吃燕麦，配燕麦奶', 'breakfast · eat · oats, join · oat milk'],
    // Two-character words that overlap: read forward and backward, the reading with fewer words, then
    // fewer lone content characters, then the backward one (each name says how it read before). From
    // tests/fixtures/notes/non-shopping.jsonl and shopping.jsonl, and product titles of
    // ../shared/data/ecommerce-ner/dev.jsonl (lines 146, 222, 244, 303).
    ['segments 说 | 好吃, not 说好 "agree" | 吃', '大家都说好吃', 'everyone · all · speak · tasty'],
    ['segments 收纳盒 whole, not 桌面收纳 | 盒', '桌面收纳盒', 'desktop · storage box'],
    ['segments 大 | 功率, not 大功 "great merit" | 率', '教师专用大功率讲课', 'teacher · special · big · power · teach'],
    ['segments 小 | 女孩, not 小女 "my daughter" | 孩', '小女孩单鞋', 'small · girl · flats'],
    ['segments 后 | 坐垫, not 后坐 "recoil" | 垫', '加厚后坐垫', 'thick · after · seat cushion'],
    ['segments 鞋子 whole, not 羽毛球鞋 | 子 "son"', '透气羽毛球鞋子', 'flow freely · badminton · shoes'],
  ])('%s: %s', (_name, text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it('reads prices in yuan when no rate is known', () => {
    expect(read('才79包邮', inYuan)).toBe('only ¥79 · free shipping');
  });

  it('gives each word its pinyin with tone marks for the hover, glossary words included', () => {
    const tokens = reader.read('面料软糯不起球');
    expect(tokens.map((token) => [token.text, token.pinyin])).toEqual([
      ['面料', 'miàn liào'],
      ['软糯', 'ruǎn nuò'],
      ['不起球', 'bù qǐ qiú'],
    ]);
    expect(readingHint(tokens[1]!)).toBe('软糯 ruǎn nuò — soft and chewy; tender; coaxing; clinging');
    // A glossary phrase CC-CEDICT does not have takes its parts' pinyin.
    expect(reader.read('闭眼入')[0]).toMatchObject({ text: '闭眼入', en: 'buy without hesitation', pinyin: 'bì yǎn rù' });
  });

  it('keeps page text as text: markup in a note is a word like any other', () => {
    const line = reader.line('<img src=x onerror=alert(1)>好看');
    const reading = decodeReading(line)!;
    expect(reading.tokens.map((token) => token.text).join('')).toContain('img');
    expect(plainLine(line)).toContain('good-looking');
  });

  it('answers nothing for text with nothing to read', () => {
    expect(reader.line('')).toBe('');
    expect(reader.line('just English here')).toBe('');
  });

  it('reads with the glossary alone when there is no dictionary', () => {
    const bare = createOfflineReader({ dictionary: cedictOf({}), findPrices });
    expect(read('面料不起球，包邮', bare)).toBe('fabric · not pilling, free shipping');
  });

  it('reads a 2,000-character note in one piece, every Han character in a word or shown as written', () => {
    const note = '姐妹们！这件刺绣卫衣真的绝绝子😭 加绒超厚实，某宝只要68.29元，闭眼入！面料软糯不起球，才79包邮。'.repeat(40).slice(0, 2000);
    const tokens = reader.read(note);
    expect(tokens.map((token) => token.text).join('')).toBe(note.replace(/\s/g, ''));
    expect(tokens.filter((token) => token.kind === 'unknown')).toEqual([]);
  });
});

describe('the dictionary file', () => {
  it('parses words, pinyin and senses, and skips its header', () => {
    const dictionary = parseCedict('# CC-CEDICT header\n# more\n面料\tmiàn liào\tmaterial for making clothes\n好\thǎo\tgood/well\n');
    expect(dictionary.size).toBe(2);
    expect(dictionary.maxLength).toBe(2);
    expect(dictionary.get('好')).toEqual({ pinyin: 'hǎo', senses: ['good', 'well'] });
    expect(dictionary.get('#')).toBeUndefined();
  });

  it('ships with its attribution and licence', () => {
    const dictionary = loadCedictFile();
    expect(dictionary.size).toBeGreaterThan(40_000);
    expect(dictionary.get('起球')).toEqual({ pinyin: 'qǐ qiú', senses: ['to pill'] });
  });
});

describe('the everyday readings', () => {
  const EverydayFile = z.object({
    description: z.string(),
    entries: z.array(
      z.object({
        zh: z.string().check(z.regex(/^\p{Script=Han}{1,4}$/u)),
        en: z.string(),
        pinyin: z.string().check(z.regex(/^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+$/)),
        note: z.string().check(z.minLength(1)),
        verb: z.optional(z.string().check(z.minLength(1))),
      }),
    ),
  });

  it('are well formed, each word once', () => {
    const { entries } = EverydayFile.parse(JSON.parse(readFileSync(EVERYDAY_WORDS_FILE, 'utf8')));
    expect(new Set(entries.map((entry) => entry.zh)).size).toBe(entries.length);
  });

  it('replace CC-CEDICT’s lines in the packaged dictionary', () => {
    const text = cedictAssetText('了\tliǎo\tto finish\n好\thǎo\tgood\n', [{ zh: '了', en: '', pinyin: 'le', note: 'particle: done' }]);
    const dictionary = parseCedict(text);
    expect(dictionary.get('了')).toEqual({ pinyin: 'le', senses: ['particle: done'], shown: '' });
    expect(dictionary.get('好')).toEqual({ pinyin: 'hǎo', senses: ['good'] });
    expect(loadCedictFile().get('吗')).toMatchObject({ pinyin: 'ma', shown: '?' });
  });
});

describe('tone marks', () => {
  it.each([
    ['mian4 liao4', 'miàn liào'],
    ['nu:3 er2', 'nǚ ér'],
    ['Tao2 bao3', 'Táo bǎo'],
    ['gou3 le5', 'gǒu le'],
    ['shui3 lu:4', 'shuǐ lǜ'],
    ['liu2 xue2', 'liú xué'],
    ['dou1 hao3', 'dōu hǎo'],
  ])('%s → %s', (numbered, marked) => {
    expect(toneMarks(numbered)).toBe(marked);
  });
});
