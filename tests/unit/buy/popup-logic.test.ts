import { describe, expect, it } from 'vitest';
import { focusFirst } from '../../../lib/popup/focus';
import type { NoteProduct } from '../../../lib/popup/products';
import { suggestListing } from '../../../lib/popup/suggest';
import { whereToBuy } from '../../../lib/popup/where-to-buy';
import type { Availability, Mention, Note } from '../../../lib/messaging/schemas';

const ranked = (entries: Array<[id: string, score: number, price?: number]>) =>
  entries.map(([id, score, priceCny]) => ({ listing: { id, ...(priceCny !== undefined ? { priceCny } : {}) }, score }));

describe('the suggested listing', () => {
  it('is the top match nearest the note’s price, not the first ranked (¥89 when ¥68 and ¥69 match)', () => {
    const suggestion = suggestListing(ranked([['a', 10, 89], ['b', 9.5, 69], ['c', 9.2, 68], ['d', 3, 68.29]]), 68.29);
    expect(suggestion?.listing.id).toBe('c');
    expect(suggestion?.differenceCny).toBeCloseTo(0.29);
  });
  it('never reaches below the top matches for a price, and needs a note price', () => {
    expect(suggestListing(ranked([['a', 10, 89], ['d', 3, 68.29]]), 68.29)?.listing.id).toBe('a');
    expect(suggestListing(ranked([['a', 10, 89]]), undefined)).toBeUndefined();
    expect(suggestListing(ranked([['a', 10]]), 50)).toBeUndefined();
  });
  it('skips a listing its page last said was sold out or taken down', () => {
    const entries: Array<{ listing: { id: string; priceCny: number; availability: Availability }; score: number }> = [
      { listing: { id: 'c', priceCny: 68, availability: 'sold-out' }, score: 9.2 },
      { listing: { id: 'b', priceCny: 69, availability: 'in-stock' }, score: 9.5 },
      { listing: { id: 'x', priceCny: 68.3, availability: 'delisted' }, score: 9.4 },
    ];
    expect(suggestListing(entries, 68.29)?.listing.id).toBe('b');
    expect(suggestListing(entries.filter((entry) => entry.listing.id !== 'b'), 68.29)).toBeUndefined();
  });
});

describe('the product the hover card pointed at', () => {
  const product = (query: string): NoteProduct => ({ key: query, query, en: query, text: query, confidence: 0.9, count: 1 });
  it('comes first, marked; an unknown focus changes nothing', () => {
    const list = [product('刺绣卫衣'), product('便利贴'), product('口红')];
    expect(focusFirst(list, '口红').map((p) => [p.query, (p as { focused?: boolean }).focused ?? false])).toEqual([
      ['口红', true],
      ['刺绣卫衣', false],
      ['便利贴', false],
    ]);
    expect(focusFirst(list, '手机')).toBe(list);
    expect(focusFirst(list, undefined)).toBe(list);
  });
});

describe('where the note says to buy', () => {
  const note: Note = {
    id: 'n',
    url: 'https://www.xiaohongshu.com/explore/n',
    title: '刺绣卫衣',
    desc: '某宝只要68元 优衣库官方旗舰店也有',
    tags: [],
    author: 'a',
    images: [],
    comments: [
      { id: 'c1', author: '小红', text: '【刺绣加绒卫衣女秋冬】￥AbC123Xyz￥ 复制这条信息，打开手机淘宝', replies: [] },
      { id: 'c2', author: '小蓝', text: '链接 https://item.taobao.com/item.htm?id=727851748466 还有 https://m.tb.cn/h.abcd 和 https://evil.example/x', replies: [] },
    ],
    layout: 'page',
    source: 'dom',
  };
  const m = (field: string, text: string, kind: Mention['kind'], extra: Partial<Mention> = {}): Mention => ({ field, start: 0, end: text.length, text, kind, confidence: 0.9, ...extra });
  it('lists codes, links and shop names with the text and author they came from, and drops foreign links', () => {
    const entries = whereToBuy(note, [
      m('comments.0', '￥AbC123Xyz￥', 'shareCode'),
      m('comments.1', 'https://item.taobao.com/item.htm?id=727851748466', 'link', { platform: 'taobao', itemId: '727851748466' }),
      m('comments.1', 'https://m.tb.cn/h.abcd', 'link', { platform: 'taobao' }),
      m('comments.1', 'https://evil.example/x', 'link', { platform: 'taobao' }),
      m('desc', '某宝', 'platform'),
    ]);
    expect(entries.map((entry) => [entry.kind, entry.text, entry.source.author ?? entry.source.where])).toEqual([
      ['itemLink', 'https://item.taobao.com/item.htm?id=727851748466', '小蓝'],
      ['shareCode', '￥AbC123Xyz￥', '小红'],
      ['shortLink', 'https://m.tb.cn/h.abcd', '小蓝'],
      ['shop', '优衣库官方旗舰店', 'caption'],
      ['hint', '某宝', 'caption'],
    ]);
    expect(entries[0]?.url).toBe('https://item.taobao.com/item.htm?id=727851748466');
    expect(entries[1]?.title).toBe('刺绣加绒卫衣女秋冬');
  });
});
