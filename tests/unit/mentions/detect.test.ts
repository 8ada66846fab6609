import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../../lib/messaging/schemas';
import { MentionSchema } from '../../../lib/messaging/schemas';
import { detectMentions, MARK_THRESHOLD, type NoteText } from '../../../lib/mentions/detect';

const kinds = (mentions: Mention[], kind: Mention['kind']) => mentions.filter((mention) => mention.kind === kind);
const marked = (mentions: Mention[]) => mentions.filter((mention) => mention.confidence >= MARK_THRESHOLD);

function fieldText(note: NoteText, field: string): string {
  const [name, index, , replyIndex] = field.split('.');
  if (name === 'title') return note.title ?? '';
  if (name === 'desc') return note.desc ?? '';
  if (name === 'tags') return note.tags?.[Number(index)] ?? '';
  const comment = note.comments?.[Number(index)];
  if (typeof comment === 'string') return comment;
  return replyIndex === undefined ? (comment?.text ?? '') : (comment?.replies?.[Number(replyIndex)]?.text ?? '');
}

function expectHonestOffsets(note: NoteText, mentions: Mention[]) {
  for (const mention of mentions) {
    expect(fieldText(note, mention.field).slice(mention.start, mention.end)).toBe(mention.text);
    expect(MentionSchema.safeParse(mention).success).toBe(true);
  }
}

describe('platform hints', () => {
  it.each([
    ['淘宝买的', '淘宝', 'taobao'],
    ['某宝上有', '某宝', 'taobao'],
    ['桃宝搜一下', '桃宝', 'taobao'],
    ['tb就有', 'tb', 'taobao'],
    ['🍑上买的', '🍑', 'taobao'],
    ['天猫旗舰店', '天猫', 'tmall'],
    ['某猫超市', '某猫', 'tmall'],
    ['京东自营', '京东自营', 'jd'],
    ['某东买的', '某东', 'jd'],
    ['jd上便宜', 'jd', 'jd'],
    ['拼多多砍一刀', '拼多多', 'pinduoduo'],
    ['pdd买的', 'pdd', 'pinduoduo'],
    ['pxx上有', 'pxx', 'pinduoduo'],
    ['拼夕夕真便宜', '拼夕夕', 'pinduoduo'],
    ['闲鱼收的', '闲鱼', 'xianyu'],
    ['某鱼收的', '某鱼', 'xianyu'],
    ['1688拿货', '1688', '1688'],
    ['得物买的', '得物', 'dewu'],
    ['唯品会打折', '唯品会', 'vip'],
    ['🐟收的', '🐟', 'xianyu'],
    ['淘寳买的', '淘寳', 'taobao'],
  ])('%j names %j (%s)', (desc, text, platform) => {
    const platforms = kinds(detectMentions({ desc }), 'platform');
    expect(platforms.map((mention) => [mention.text, mention.platform])).toContainEqual([text, platform]);
  });

  it.each([
    ['我家🐶今天好乖', 'a dog emoji in a pet note'],
    ['tbh I loved it', 'tb inside a word'],
    ['淘气的小猫', '淘 alone'],
  ])('%j names no shop (%s)', (desc) => {
    expect(kinds(detectMentions({ desc }), 'platform')).toEqual([]);
  });
});

describe('where-to-buy cues', () => {
  it.each(['链接在评论区', '评论区自取', '求链接', '小黄车', '橱窗', '主页有', '搜同名店铺', '店名：', '某宝搜'])('%j is a cue', (cue) => {
    const cues = kinds(detectMentions({ desc: `这个${cue}看看` }), 'whereToBuy');
    expect(cues.map((mention) => mention.text).join('')).toContain(cue.replace('：', '').slice(0, 2));
  });
});

describe('share codes', () => {
  it.each([
    ['【加厚连帽卫衣女】￥AbC123Xyz￥ 复制这条信息，打开手机淘宝', '￥AbC123Xyz￥', '加厚连帽卫衣女'],
    ['€g1IVbaMXxxK€ 打开淘宝', '€g1IVbaMXxxK€', undefined],
    ['₤Xy12ab34₤', '₤Xy12ab34₤', undefined],
    ['¤Ab12cd34¤', '¤Ab12cd34¤', undefined],
    ['$Ab12cd34Ef$', '$Ab12cd34Ef$', undefined],
    ['8:/ CZ0001 「得力便利贴 彩色」 点击链接', 'CZ0001', '得力便利贴 彩色'],
    ['HU1234 gbxsdj0T6mt 打开淘宝', 'HU1234 gbxsdj0T6mt', undefined],
  ])('%j carries the code %j', (desc, code, title) => {
    const codes = kinds(detectMentions({ desc }), 'shareCode');
    expect(codes.map((mention) => mention.text)).toEqual([code]);
    expect(codes[0]!.query).toBe(title?.toLowerCase());
  });

  it.each([
    ['$12.50$', 'digits only'],
    ['￥AbC1￥', 'too short'],
    ['￥AbC123Xyz€', 'different symbols'],
    ['cz0001 lower case', 'lower-case new form'],
  ])('%j is no share code (%s)', (desc) => {
    expect(kinds(detectMentions({ desc }), 'shareCode')).toEqual([]);
  });
});

describe('shop links', () => {
  it.each([
    ['https://item.taobao.com/item.htm?id=123456789012 超好看', 'taobao', '123456789012'],
    ['同款 https://detail.tmall.com/item.htm?spm=a&id=987654321 冲', 'tmall', '987654321'],
    ['item.taobao.com/item.htm?id=55556666777', 'taobao', '55556666777'],
    ['https://item.jd.com/100012043978.html', 'jd', '100012043978'],
    ['https://detail.1688.com/offer/612345678901.html', '1688', '612345678901'],
    ['https://mobile.yangkeduo.com/goods.html?goods_id=123456789', 'pinduoduo', '123456789'],
    ['https://www.goofish.com/item?id=765432109876', 'xianyu', '765432109876'],
    ['https://m.tb.cn/h.5XyZabc?tk=abc 点击链接', 'taobao', undefined],
  ])('%j links to %s item %s', (desc, platform, itemId) => {
    const links = kinds(detectMentions({ desc }), 'link');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ platform, ...(itemId ? { itemId } : {}) });
    expect(links[0]!.itemId).toBe(itemId);
    expect(kinds(detectMentions({ desc }), 'platform')).toEqual([]); // the "tb" of m.tb.cn is not a word
  });

  it('ignores links that are not shops', () => {
    expect(kinds(detectMentions({ desc: 'https://www.xiaohongshu.com/explore/abc 卫衣' }), 'link')).toEqual([]);
  });
});

describe('products in context', () => {
  it.each([
    ['得力便利贴真好用', 'sticky-notes', '得力便利贴', 'deli', 'Deli sticky notes'],
    ['刺绣卫衣淘宝89元', 'hoodie', '刺绣卫衣', undefined, 'embroidered hoodie'],
    ['李宁的卫衣在天猫买的', 'hoodie', '李宁卫衣', 'li-ning', 'Li-Ning hoodie'],
    ['Deli sticky notes from taobao', 'sticky-notes', '得力便利贴', 'deli', 'Deli sticky notes'],
    ['embroidered hoodie from taobao', 'hoodie', '刺绣卫衣', undefined, 'embroidered hoodie'],
    // 针织开衫 has its own English now (englishNames): a cardigan, still in the sweater category.
    ['白色针织开衫 ¥129', 'sweater', '白色针织开衫', undefined, 'white cardigan'],
    ['小米手机壳拼多多九块九', 'phone-case', '小米手机壳', 'xiaomi', 'Xiaomi phone case'],
    ['Ubras内衣天猫买的', 'bra', 'ubras内衣', 'ubras', 'Ubras bra'],
  ])('%j is a %s to search as %j', (desc, category, query, brand, en) => {
    const products = marked(kinds(detectMentions({ desc }), 'product'));
    expect(products).toHaveLength(1);
    expect(products[0]).toMatchObject({ category, query, en });
    expect(products[0]!.brand).toBe(brand);
  });

  it.each([
    ['燕麦淘宝买的，链接在评论区', 'instant-food', 'oats'],
    ['这款燕麦奶天猫买的', 'drinks', 'oat milk'],
    ['螺蛳粉淘宝买的', 'instant-food', 'luosifen river snail noodles'],
    ['创可贴淘宝买的', 'medical-device', 'plasters'],
    // A compound: the prefix's English, then the base name's own (卫衣 is the display name, hoodie).
    ['加绒卫衣淘宝89元', 'hoodie', 'fleece-lined hoodie'],
    ['男士休闲裤淘宝89元', 'trousers', "men's casual trousers"],
  ])('%j names the product in its own English, in its category', (desc, category, en) => {
    const products = marked(kinds(detectMentions({ desc }), 'product'));
    expect(products).toHaveLength(1);
    expect(products[0]).toMatchObject({ category, en });
  });

  it('finds an unknown Latin brand before a product word', () => {
    const brands = kinds(detectMentions({ desc: 'Velvora秋裤淘宝买的' }), 'brand');
    expect(brands.map((mention) => [mention.text, mention.query])).toEqual([['Velvora', 'velvora']]);
    expect(kinds(detectMentions({ desc: 'Velvora秋裤淘宝买的' }), 'product')[0]?.query).toBe('velvora秋裤');
  });

  it.each([
    ['这家咖啡馆的拿铁很好喝，环境也安静', 'a café review'],
    ['火锅人均一百二，服务员很热情，毛肚很嫩', 'a restaurant price'],
    ['今天起床晚了，代表队没赶上车', 'single-character heads inside other words'],
    ['周末在家喝咖啡看书', 'coffee at home'],
    ['我家猫今天又把杯子打翻了', 'a pet and a cup'],
  ])('marks nothing in %j (%s)', (desc) => {
    expect(marked(kinds(detectMentions({ desc }), 'product'))).toEqual([]);
  });

  it('lets a comment asking for the link speak for the caption', () => {
    const note = { desc: '今天穿的连衣裙', comments: ['求链接！'] };
    expect(marked(kinds(detectMentions(note), 'product')).map((mention) => mention.category)).toEqual(['dress']);
    expect(marked(kinds(detectMentions({ desc: note.desc }), 'product'))).toEqual([]);
  });

  it('reads 短袖 as an attribute before a product word and as a T-shirt alone', () => {
    expect(marked(kinds(detectMentions({ desc: '短袖衬衫淘宝39元' }), 'product')).map((m) => [m.category, m.query])).toEqual([
      ['shirt', '短袖衬衫'],
    ]);
    expect(marked(kinds(detectMentions({ desc: '这件短袖淘宝39元' }), 'product')).map((m) => m.category)).toEqual(['t-shirt']);
  });

  it('reads 苹果 as the brand before a model number and the fruit otherwise', () => {
    expect(kinds(detectMentions({ desc: '苹果15手机壳天猫买的' }), 'brand').map((m) => m.brand)).toEqual(['apple']);
    expect(kinds(detectMentions({ desc: '苹果很甜，拼多多买的' }), 'brand')).toEqual([]);
  });

  it('gives prices in CNY when the note quotes yuan', () => {
    const prices = kinds(detectMentions({ desc: '券后¥39.9，原价$12' }), 'price');
    expect(prices.map((price) => [price.text, price.priceCny])).toEqual([
      ['券后¥39.9', 39.9],
      ['$12', undefined],
    ]);
  });
});

describe('fields and offsets', () => {
  it('names every field and slices back to the text, also with emoji and zero-width characters', () => {
    const note: NoteText = {
      title: '😀得力\u200b便利贴😀',
      desc: '🐶#好物分享[话题]# 刺\u200d绣卫\u2060衣 淘♂寳 ￥８９',
      tags: ['好物分享', '卫衣'],
      comments: ['求链接😭', { text: '在哪买的', replies: [{ text: '某宝搜：李宁卫衣' }] }],
    };
    const mentions = detectMentions(note);
    expectHonestOffsets(note, mentions);
    const fields = new Set(mentions.map((mention) => mention.field));
    expect([...fields]).toEqual(expect.arrayContaining(['title', 'desc', 'comments.0', 'comments.1', 'comments.1.replies.0']));
    expect(mentions.find((m) => m.field === 'title' && m.kind === 'product')?.text).toBe('便利贴');
    expect(mentions.find((m) => m.field === 'desc' && m.kind === 'product')?.text).toBe('刺\u200d绣卫\u2060衣');
    expect(mentions.find((m) => m.field === 'desc' && m.kind === 'platform')?.text).toBe('淘♂寳');
    expect(mentions.find((m) => m.field === 'desc' && m.kind === 'price')).toMatchObject({ text: '￥８９', priceCny: 89 });
  });

  it('returns nothing for an empty note', () => {
    expect(detectMentions({})).toEqual([]);
  });
});

function readNotes(name: string): Array<NoteText & { id: string; expect?: Array<{ category: string; query?: string; brand?: string }> }> {
  return readFileSync(`tests/fixtures/notes/${name}.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

describe('fixture notes', () => {
  it('marks at most one false product per ten non-shopping notes', () => {
    const notes = readNotes('non-shopping');
    expect(notes.length).toBeGreaterThanOrEqual(40);
    const falseProducts = notes.flatMap((note) =>
      marked(kinds(detectMentions(note), 'product')).map((mention) => `${note.id}: ${mention.text}`),
    );
    console.info(`false products: ${falseProducts.length} in ${notes.length} non-shopping notes`, falseProducts);
    expect(falseProducts.length).toBeLessThanOrEqual(Math.floor(notes.length / 10));
  });

  it('reads no brands from the shape of a title in a note: the listing rules stay in listings', () => {
    const notes = readNotes('non-shopping');
    const before = notes.flatMap((note) => kinds(detectMentions(note), 'brand').map((mention) => mention.text));
    const titleShaped = notes.map((note) => ({ ...note, title: `Velvora/薇洛拉旗舰店 ${note.title ?? ''}` }));
    const after = titleShaped.flatMap((note) => kinds(detectMentions(note), 'brand').map((mention) => mention.text));
    expect(after).toEqual(before);
    expect(marked(kinds(titleShaped.flatMap((note) => detectMentions(note)), 'brand'))).toEqual([]);
  });

  const shopping = readNotes('shopping');
  it('has at least twenty shopping notes', () => {
    expect(shopping.length).toBeGreaterThanOrEqual(20);
  });

  it.each(shopping.map((note) => [note.id, note] as const))('finds the products in %s', (_, note) => {
    const mentions = detectMentions(note);
    expectHonestOffsets(note, mentions);
    const products = marked(kinds(mentions, 'product'));
    for (const expected of note.expect ?? []) {
      expect(products, JSON.stringify(expected)).toContainEqual(expect.objectContaining(expected));
    }
  });
});

describe('unknown brands in listing titles', () => {
  const titleBrands = (title: string) =>
    kinds(detectMentions({ title }, { assumeShopping: true }), 'brand').map((mention) => [mention.text, mention.confidence >= MARK_THRESHOLD]);

  it.each([
    // A pair in both scripts opens the title: both names are the brand, and marked.
    ['Velvora/薇洛拉 加绒卫衣', [['Velvora', true], ['薇洛拉', true]]],
    ['薇洛拉/Velvora 加绒卫衣', [['薇洛拉', true], ['Velvora', true]]],
    // A Latin word that opens the title right before Chinese text, and the Chinese name after it.
    ['velvora薇洛拉吸奶器电动', [['velvora', true], ['薇洛拉', true]]],
    // The name before a shop cue, without 官方.
    ['加绒卫衣 薇洛拉官方旗舰店', [['薇洛拉', true]]],
    // A bare Chinese name before a product word: reported, not marked.
    ['薇洛拉卫衣加绒', [['薇洛拉', false]]],
  ] as const)('%s', (title, expected) => {
    expect(titleBrands(title)).toEqual(expected);
  });

  it.each([
    ['新款加绒卫衣'], // sales talk, not a brand
    ['日本进口保温杯'], // a country
    ['led台灯护眼'], // a Latin word that is no brand
    ['x7手机壳'], // a model number
    ['mm卫衣'], // too short to tell
  ])('%s has no brand', (title) => {
    expect(titleBrands(title)).toEqual([]);
  });

  it('keeps offsets honest through normalisation', () => {
    const note = { title: '【Ｖelvora】／薇洛拉\u200b加绒卫衣' };
    expectHonestOffsets(note, detectMentions(note, { assumeShopping: true }));
  });
});

describe('Latin brand names across separators', () => {
  const brandIds = (note: NoteText, assumeShopping = false) =>
    kinds(detectMentions(note, { assumeShopping }), 'brand').map((mention) => [mention.text, mention.brand]);

  it.each([
    ['calvin,klein男士内裤', 'calvin,klein', 'calvin-klein'],
    ['the_north_face冲锋衣', 'the_north_face', 'the-north-face'],
    ['banila-co卸妆膏', 'banila-co', 'banila'],
    ['estee.lauder小棕瓶', 'estee.lauder', 'estee-lauder'],
    ['Morphy·Richards电水壶', 'Morphy·Richards', 'morphy-richards'],
    ['CalvinKlein内裤', 'CalvinKlein', 'calvin-klein'],
  ])('%j names %j (%s)', (title, text, id) => {
    expect(brandIds({ title }, true)).toContainEqual([text, id]);
  });

  it('finds them in a note too, with honest offsets', () => {
    const note = { desc: '今天穿的Calvin_Klein卫衣，淘宝299' };
    const mentions = detectMentions(note);
    expectHonestOffsets(note, mentions);
    expect(kinds(mentions, 'brand').map((mention) => mention.text)).toContain('Calvin_Klein');
  });

  it.each([['calvinism is a doctrine'], ['the north, face it']])('%j names no brand', (desc) => {
    expect(brandIds({ desc })).toEqual([]);
  });
});

describe('more brand shapes in listing titles', () => {
  const titleBrands = (title: string) =>
    kinds(detectMentions({ title }, { assumeShopping: true }), 'brand').map((mention) => [mention.text, mention.confidence >= MARK_THRESHOLD]);

  it.each([
    // Tags that open the title are stepped over to the brand after them.
    ['【包邮】正品 Velvora/薇洛拉 加绒卫衣', [['Velvora', true], ['薇洛拉', true]]],
    ['[转卖]薇洛拉卫衣加绒', [['薇洛拉', false]]],
    ['日本薇洛拉保温杯', [['薇洛拉', false]]],
    // A name standing alone before the rest of the title: reported, not marked.
    ['velvora, 加绒卫衣 秋冬', [['velvora', false]]],
    ['薇洛拉, 加绒卫衣 秋冬', [['薇洛拉', false]]],
    // A short name right before a model code.
    ['薇洛拉k6 蓝牙耳机', [['薇洛拉', false]]],
    // Later parts of the title that open with a tag or a country.
    ['加绒卫衣, 包邮, 薇洛拉保温杯', [['薇洛拉', false]]],
    ['蓄电池 德国薇洛拉蓄电池', [['薇洛拉', false]]],
    // A name in brackets right before a product word.
    ['【薇洛拉】加绒卫衣', [['薇洛拉', false]]],
    // A known brand next to a Latin name the lexicon does not know.
    ['冲击钻 博世velvora 家用', [['博世', true], ['velvora', false]]],
    // A mark: 某某牌.
    ['加绒卫衣 薇洛拉牌, 秋冬', [['薇洛拉', false]]],
    // What a part fits.
    ['刹车片 适用于velvora 轿车', [['velvora', false]]],
  ] as const)('%s', (title, expected) => {
    expect(titleBrands(title)).toEqual(expected);
  });

  it.each([
    ['【包邮】新款加绒卫衣'], // tags and sales talk only
    ['【包邮】日本进口保温杯'], // a tag, a country, 进口
    ['扑克牌 纸牌 桌游'], // 牌 inside product words
    ['质量保证, 加绒卫衣'], // sales talk standing alone
    ['山东k6 加绒卫衣'], // a place before a model code
    ['安全警示牌 工地'], // 警示牌 is a product
    ['桌游 王牌对决, 卡牌'], // 王牌 is a word, not a mark
  ])('%s has no brand', (title) => {
    expect(titleBrands(title)).toEqual([]);
  });

  it('knows car models in parts titles', () => {
    const brands = kinds(detectMentions({ title: '刹车片适用于大众朗逸速腾 前片' }, { assumeShopping: true }), 'brand');
    expect(brands.map((mention) => mention.brand)).toEqual(expect.arrayContaining(['volkswagen', 'vw-lavida', 'vw-sagitar']));
  });

  it('reads none of these shapes in a note', () => {
    for (const desc of ['【薇洛拉】加绒卫衣', '薇洛拉牌, 好喝', 'velvora, 加绒卫衣', '适用于velvora']) {
      expect(kinds(detectMentions({ desc }), 'brand'), desc).toEqual([]);
    }
  });

  it('keeps offsets honest', () => {
    const note = { title: '【包邮】\u200b正品 Ｖelvora, 薇洛拉牌 适用于 VELVORA' };
    expectHonestOffsets(note, detectMentions(note, { assumeShopping: true }));
  });
});

describe('known brands in listing titles', () => {
  const brands = (title: string) =>
    kinds(detectMentions({ title }, { assumeShopping: true }), 'brand').map((mention) => [mention.text, mention.brand, mention.confidence >= MARK_THRESHOLD]);

  it.each([
    ['oppoa59手机壳', 'oppo'],
    ['vivov3max手机壳', 'vivo'],
    ['oppor11 钢化膜', 'oppo'],
  ])('%j: a model code right after the name', (title, id) => {
    expect(brands(title)).toContainEqual([title.slice(0, 4), id, true]);
  });

  it.each([['dhca1 面霜'], ['nikexyz 运动鞋']])('%j: a short name, or letters that are no model code, stay part of the word', (title) => {
    expect(brands(title).filter(([, id]) => id !== undefined)).toEqual([]);
  });

  it('reports everyday words that are also brands in a title without marking them', () => {
    expect(brands('小熊毛绒玩具 公仔')).toEqual([['小熊', 'bear-brand', false]]);
    expect(brands('苹果手机壳')).toEqual([['苹果', 'apple', false]]);
  });

  it('reads a name that is also a product word as the brand among other brands', () => {
    expect(brands('三星苹果通用手机壳').map(([text, id]) => [text, id])).toEqual([['三星', 'samsung'], ['苹果', 'apple']]);
    expect(brands('华为/小米 数据线').map(([, id]) => id)).toEqual(['huawei', 'xiaomi']);
  });

  it('reads no brand in 后 or 舒适 alone', () => {
    expect(brands('后背包 舒适透气运动鞋')).toEqual([]);
  });
});
