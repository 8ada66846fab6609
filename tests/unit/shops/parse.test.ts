import { describe, expect, it } from 'vitest';
import { ListingSchema, type Listing } from '../../../lib/messaging/schemas';
import { parseItemPage, parseSearchCard, parseSearchPage, readSearchPage } from '../../../lib/shops/parse';
import { fixtureDocument, fixtureIndex } from '../../fixtures/taobao-fixtures';

const NOW = Date.UTC(2025, 5, 11, 4, 0, 0);
const parser = new DOMParser();
const hoodieUrl = 'https://s.taobao.com/search?q=%E5%88%BA%E7%BB%A3%E5%8D%AB%E8%A1%A3&tab=all';
const stickyUrl = 'https://s.taobao.com/search?q=得力+便利贴&tab=all&page=1';
const backpackUrl = 'https://s.taobao.com/search?q=双肩包&imgfile=&ie=utf8';

function byId(listings: Listing[], itemId: string): Listing {
  const listing = listings.find((candidate) => candidate.itemId === itemId);
  if (!listing) throw new Error(`no listing ${itemId}`);
  return listing;
}

describe('parseSearchPage, 2024–2025 layout', () => {
  const hoodie = readSearchPage(fixtureDocument('search-2025-embroidered-hoodie.html', parser), hoodieUrl, NOW);

  it('reads all 48 results and skips the promotion tile that has no item id', () => {
    expect(hoodie.layout).toBe('2024');
    expect(hoodie.listings).toHaveLength(48);
    expect(hoodie.skipped).toBe(1);
    expect(new Set(hoodie.listings.map((listing) => listing.itemId)).size).toBe(48);
  });

  it('reads every field of a full card', () => {
    expect(hoodie.listings[0]).toEqual({
      platform: 'taobao',
      itemId: '727851748466',
      title: '小熊刺绣卫衣女秋冬加绒加厚宽松连帽上衣ins潮',
      priceCny: 89.9,
      priceText: '¥89.90',
      sales: 23_000,
      salesText: '2.3万+人付款',
      shop: '卡蒙家原创女装',
      location: '浙江 杭州',
      imageUrl:
        'https://g-search1.alicdn.com/img/bao/uploaded/i4/i2/2251748466/O1CN01XyM9VyMkTv_!!2251748466.jpg_460x460q90.jpg_.webp',
      url: 'https://item.taobao.com/item.htm?id=727851748466',
      query: '刺绣卫衣',
      seenAt: NOW,
    });
  });

  it.each([
    ['Tmall card', '760131549835', { platform: 'tmall', url: 'https://detail.tmall.com/item.htm?id=760131549835', shop: '太平鸟官方旗舰店', location: '浙江 宁波' }],
    ['single-part location', '796269443631', { location: '北京', sales: 10_000, salesText: '1万+人付款' }],
    ['收货 instead of 付款', '733269870281', { sales: 10_000, salesText: '1万+人收货', priceCny: 59 }],
    ['ad card behind a click redirect', '776885986328', { platform: 'taobao', title: '【直播推荐】小熊刺绣卫衣女宽松加绒', priceCny: 79.9 }],
  ])('%s', (_name, itemId, expected) => {
    expect(byId(hoodie.listings, itemId)).toMatchObject(expected);
  });

  it.each([
    ['no sales line', '799431979656', ['sales', 'salesText']],
    ['no location', '790817940235', ['location']],
    ['no shop', '724484336376', ['shop']],
    ['a lazy image still on its data: placeholder', '775884807109', ['imageUrl']],
    ['no price (暂无报价)', '768886315822', ['priceCny', 'priceText', 'priceMaxCny']],
  ])('keeps a card with %s, without those fields', (_name, itemId, missing) => {
    const listing = byId(hoodie.listings, itemId);
    expect(listing.title).not.toBe('');
    for (const field of missing) expect(listing).not.toHaveProperty(field);
  });

  it('matches a later release whose hashed class names all changed (得力 便利贴)', () => {
    const sticky = readSearchPage(fixtureDocument('search-2025-deli-sticky-notes.html', parser), stickyUrl, NOW);
    expect(sticky).toMatchObject({ layout: '2024', skipped: 0 });
    expect(sticky.listings).toHaveLength(28);
    expect(sticky.listings[0]).toMatchObject({
      platform: 'tmall',
      itemId: '646321284770',
      title: '得力便利贴便签纸76×76mm 100张 学生办公用品',
      priceCny: 3.9,
      sales: 100_000,
      salesText: '10万+人付款',
      shop: '得力官方旗舰店',
      location: '浙江 宁波',
      query: '得力 便利贴',
    });
  });
});

describe('parseSearchPage, 2015–2019 layout', () => {
  const backpack = readSearchPage(fixtureDocument('search-2016-backpack.html', parser), backpackUrl, NOW);

  it('reads all 16 items', () => {
    expect(backpack).toMatchObject({ layout: '2016', skipped: 0 });
    expect(backpack.listings).toHaveLength(16);
  });

  it('reads a card, taking the lazy image from data-src rather than the placeholder src', () => {
    expect(byId(backpack.listings, '592359936237')).toEqual({
      platform: 'taobao',
      itemId: '592359936237',
      title: '小米双肩包学生书包轻便',
      priceCny: 79,
      priceText: '¥79.00',
      sales: 9000,
      salesText: '9000人付款',
      shop: '小米生态链专营店',
      location: '北京',
      imageUrl: 'https://g-search3.alicdn.com/img/bao/uploaded/i4/i2/359936237/O1CN01NKCstERQXq_!!0-item_pic.jpg_180x180.jpg',
      url: 'https://item.taobao.com/item.htm?id=592359936237',
      query: '双肩包',
      seenAt: NOW,
    });
    expect(byId(backpack.listings, '564543724060')).toMatchObject({ platform: 'tmall', sales: 12_000, location: '北京' });
    expect(byId(backpack.listings, '504349425435')).toMatchObject({ location: '广东 广州', sales: 25_000 });
  });
});

describe('parseItemPage', () => {
  it.each([
    [
      'item.taobao.com, 2025 layout: coupon price below the list price',
      'item-2025-taobao.html',
      'https://item.taobao.com/item.htm?id=727851748466&spm=a21n57.1.0.0',
      {
        platform: 'taobao',
        itemId: '727851748466',
        title: '小熊刺绣卫衣女秋冬加绒加厚宽松连帽上衣ins潮',
        priceCny: 79.9,
        priceText: '¥79.9',
        sales: 20_000,
        salesText: '已售 2万+',
        shop: '卡蒙家原创女装',
        imageUrl:
          'https://img.alicdn.com/imgextra/i2/2206543210/O1CN01aBcDeFg1Hk2z3x4Y5_!!2206543210.jpg_760x760q50.jpg_.webp',
        url: 'https://item.taobao.com/item.htm?id=727851748466',
        seenAt: NOW,
      },
    ],
    [
      'detail.tmall.com, 2025 layout: variant price range, sales under an unknown class',
      'item-2025-tmall.html',
      'https://detail.tmall.com/item.htm?id=666725802421&skuId=5123',
      {
        platform: 'tmall',
        itemId: '666725802421',
        title: '得力便利贴多规格可选 办公学生用便签',
        priceCny: 12.9,
        priceMaxCny: 39.9,
        priceText: '¥12.9-39.9',
        sales: 10_000,
        salesText: '已售 1万+',
        shop: '得力官方旗舰店',
        imageUrl: 'https://img.alicdn.com/imgextra/i1/1713427413/O1CN01dELi0sTicky1_!!1713427413.jpg_760x760q50.jpg_.webp',
        url: 'https://detail.tmall.com/item.htm?id=666725802421',
        seenAt: NOW,
      },
    ],
    [
      'item.taobao.com, 2016 layout: promotion price below a list range',
      'item-2016-taobao.html',
      'https://item.taobao.com/item.htm?id=504349425435',
      {
        platform: 'taobao',
        itemId: '504349425435',
        title: '学生书包初中生高中双肩包男大容量',
        priceCny: 59,
        priceMaxCny: 99,
        priceText: '¥59.00',
        sales: 25_000,
        salesText: '2.5万',
        shop: '书包工厂店',
        imageUrl: 'https://gd2.alicdn.com/imgextra/i2/1234567890/TB2bAcKpXXXXXbXXXXXXXXXXXXX_!!1234567890.jpg_400x400.jpg',
        url: 'https://item.taobao.com/item.htm?id=504349425435',
        seenAt: NOW,
      },
    ],
  ])('%s', (_name, file, pageUrl, expected) => {
    expect(parseItemPage(fixtureDocument(file, parser), pageUrl, NOW)).toEqual(expected);
  });

  it('gives null for a page that is not an item, and for an item page whose title has not rendered', () => {
    const page = fixtureDocument('item-2025-taobao.html', parser);
    expect(parseItemPage(page, 'https://s.taobao.com/search?q=x', NOW)).toBeNull();
    expect(parseItemPage(parser.parseFromString('<div id="ice-container"></div>', 'text/html'), 'https://item.taobao.com/item.htm?id=727851748466', NOW)).toBeNull();
  });
});

describe('robustness', () => {
  it('every listing of every fixture validates against ListingSchema', () => {
    const index = fixtureIndex();
    const all: Listing[] = [];
    for (const [query, { file }] of Object.entries(index.search)) {
      all.push(...parseSearchPage(fixtureDocument(file, parser), `https://s.taobao.com/search?q=${encodeURIComponent(query)}`, NOW));
    }
    for (const [itemId, { file, host }] of Object.entries(index.items)) {
      const listing = parseItemPage(fixtureDocument(file, parser), `https://${host}/item.htm?id=${itemId}`, NOW);
      expect(listing?.itemId).toBe(itemId);
      if (listing) all.push(listing);
    }
    expect(all).toHaveLength(48 + 28 + 16 + 3);
    for (const listing of all) expect(ListingSchema.safeParse(listing).error).toBeUndefined();
  });

  it('cuts hostile page text to the schema limits', () => {
    const longTitle = '卫'.repeat(5000);
    const page = parser.parseFromString(
      `<a class="doubleCardWrapper--x" id="item_id_123456789" href="https://item.taobao.com/item.htm?id=123456789">
        <div class="title--a">${longTitle}</div><span class="shopNameText--b">${'店'.repeat(500)}</span></a>`,
      'text/html',
    );
    const [listing] = parseSearchPage(page, `https://s.taobao.com/search?q=${'q'.repeat(500)}`, NOW);
    expect(listing?.title).toHaveLength(1000);
    expect(listing?.shop).toHaveLength(200);
    expect(listing?.query).toHaveLength(200);
    expect(ListingSchema.safeParse(listing).success).toBe(true);
  });

  it('counts a card that throws and keeps going', () => {
    const page = fixtureDocument('search-2025-embroidered-hoodie.html', parser);
    const good = page.querySelector('#item_id_727851748466');
    const broken = { matches: () => { throw new Error('detached node'); } };
    const root = { querySelectorAll: () => [broken, good] } as unknown as ParentNode;
    const capture = readSearchPage(root, hoodieUrl, NOW);
    expect(capture.skipped).toBe(1);
    expect(capture.listings.map((listing) => listing.itemId)).toEqual(['727851748466']);
  });

  it('parses one card for an observer that sees cards as they render', () => {
    const page = fixtureDocument('search-2016-backpack.html', parser);
    const card = page.querySelector('.m-itemlist .items .item');
    expect(card && parseSearchCard(card, backpackUrl, NOW)).toMatchObject({ itemId: '564543724060', platform: 'tmall', priceCny: 99 });
  });
});
