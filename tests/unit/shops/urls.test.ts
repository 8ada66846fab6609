import { describe, expect, it } from 'vitest';
import {
  absoluteHttpUrl,
  canonicalItemUrl,
  itemIdFromUrl,
  queryFromSearchUrl,
  searchLinks,
  searchUrl,
} from '../../../lib/shops/urls';

describe('itemIdFromUrl', () => {
  it.each([
    ['https://item.taobao.com/item.htm?id=727851748466&ns=1', { platform: 'taobao', itemId: '727851748466' }],
    ['//detail.tmall.com/item.htm?spm=a.b&id=666725802421', { platform: 'tmall', itemId: '666725802421' }],
    ['https://detail.tmall.hk/hk/item.htm?id=600000000001', { platform: 'tmall-hk', itemId: '600000000001' }],
    ['https://a.m.taobao.com/i727851748466.htm', { platform: 'taobao', itemId: '727851748466' }],
    ['https://h5.m.taobao.com/awp/core/detail.htm?itemId=727851748466', { platform: 'taobao', itemId: '727851748466' }],
    ['https://m.tb.cn/h.5Gx1YzA', null],
    ['https://click.simba.taobao.com/cc_im?p=x', null],
    ['https://item.taobao.com/item.htm?id=abc', null],
    ['not a url at all ::', null],
  ])('%s', (url, expected) => {
    expect(itemIdFromUrl(url)).toEqual(expected);
  });

  it.each([
    ['taobao', 'https://item.taobao.com/item.htm?id=12345'],
    ['tmall', 'https://detail.tmall.com/item.htm?id=12345'],
    ['tmall-hk', 'https://detail.tmall.hk/item.htm?id=12345'],
  ] as const)('canonicalItemUrl(%s)', (platform, expected) => {
    expect(canonicalItemUrl(platform, '12345')).toBe(expected);
  });
});

describe('absoluteHttpUrl', () => {
  const base = 'https://s.taobao.com/search?q=x';
  it.each([
    ['//img.alicdn.com/a.jpg', 'https://img.alicdn.com/a.jpg'],
    ['http://img.alicdn.com/a.jpg', 'https://img.alicdn.com/a.jpg'],
    ['/item.htm?id=1', 'https://s.taobao.com/item.htm?id=1'],
    [' https://img.alicdn.com/a.jpg ', 'https://img.alicdn.com/a.jpg'],
    ['data:image/gif;base64,R0lGOD', undefined],
    ['javascript:void(0)', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j', (href, expected) => {
    expect(absoluteHttpUrl(href, base)).toBe(expected);
  });
});

describe('queryFromSearchUrl', () => {
  it.each([
    ['https://s.taobao.com/search?q=%E5%88%BA%E7%BB%A3%E5%8D%AB%E8%A1%A3&tab=all', '刺绣卫衣'],
    ['https://s.taobao.com/search?q=得力+便利贴', '得力 便利贴'],
    ['https://s.taobao.com/search?q=%20得力%E3%80%80%E3%80%80便利贴%20', '得力 便利贴'],
    ['https://s.taobao.com/search?tab=all', undefined],
    ['https://item.taobao.com/item.htm?id=1', undefined],
    ['nonsense', undefined],
  ])('%s', (url, expected) => {
    expect(queryFromSearchUrl(url)).toBe(expected);
  });
});

describe('searchUrl', () => {
  it.each([
    ['taobao', 'https://s.taobao.com/search?q=%E5%BE%97%E5%8A%9B+%E4%BE%BF%E5%88%A9%E8%B4%B4&tab=all'],
    ['tmall', 'https://s.taobao.com/search?q=%E5%BE%97%E5%8A%9B+%E4%BE%BF%E5%88%A9%E8%B4%B4&tab=mall'],
    ['1688', 'https://s.1688.com/selloffer/offer_search.htm?keywords=%E5%BE%97%E5%8A%9B+%E4%BE%BF%E5%88%A9%E8%B4%B4&charset=utf8'],
    ['jd', 'https://search.jd.com/Search?keyword=%E5%BE%97%E5%8A%9B+%E4%BE%BF%E5%88%A9%E8%B4%B4&enc=utf-8'],
    ['pinduoduo', 'https://mobile.yangkeduo.com/search_result.html?search_key=%E5%BE%97%E5%8A%9B+%E4%BE%BF%E5%88%A9%E8%B4%B4'],
    ['xianyu', 'https://www.goofish.com/search?q=%E5%BE%97%E5%8A%9B+%E4%BE%BF%E5%88%A9%E8%B4%B4'],
  ] as const)('%s', (shop, expected) => {
    expect(searchUrl(shop, ' 得力\u3000 便利贴 ')).toBe(expected);
  });

  it('encodes characters that would break the URL, and each link round-trips the query', () => {
    const query = 'A&B=C #1 100%+';
    for (const { url } of searchLinks(query)) {
      const params = new URL(url).searchParams;
      const value = params.get('q') ?? params.get('keywords') ?? params.get('keyword') ?? params.get('search_key');
      expect(value).toBe(query);
    }
    expect(searchLinks(query).map(({ shop }) => shop)).toEqual(['taobao', 'tmall', '1688', 'jd', 'pinduoduo', 'xianyu']);
  });
});
