import { describe, expect, it } from 'vitest';
import { readItemPage, readSearchPage } from '../../../lib/shops/parse';
import { ListingSchema, type Listing } from '../../../lib/messaging/schemas';
import { readRealFixture, realFixtureIndex, type ExpectedListing } from '../../fixtures/taobao-fixtures';

/**
 * The real-structure corpus (tests/fixtures/real/taobao): every page is read with every field the
 * page shows, exactly as shown. The expectations are written from the pages by hand (index.json).
 */
const parser = new DOMParser();
const NOW = new Date(2026, 11, 6, 12, 0, 0).getTime();
const index = realFixtureIndex();

function shown(listing: Listing | null | undefined): ExpectedListing | null {
  if (!listing) return null;
  const { platform, itemId, title, priceCny, shop, salesText, sales, location } = listing;
  const picked: Record<string, unknown> = { platform, itemId, title, priceCny, shop, salesText, sales, location };
  for (const key of Object.keys(picked)) if (picked[key] === undefined) delete picked[key];
  return picked as unknown as ExpectedListing;
}

describe('search pages of every layout', () => {
  for (const [query, entry] of Object.entries(index.search)) {
    it(`${entry.file} (${entry.layout}): every card, every field as shown`, () => {
      const page = parser.parseFromString(readRealFixture(entry.file), 'text/html');
      const capture = readSearchPage(page, `https://${entry.host}/search?q=${encodeURIComponent(query)}`, NOW);
      expect(capture.layout).toBe(entry.layout);
      const byId = new Map(capture.listings.map((listing) => [listing.itemId, shown(listing)]));
      expect([...byId.keys()].sort()).toEqual(entry.expected.listings.map((listing) => listing.itemId).sort());
      for (const expected of entry.expected.listings) expect(byId.get(expected.itemId)).toEqual(expected);
      expect(capture.skipped).toBe(entry.expected.skipped);
      expect(capture.report.missing).toEqual(entry.expected.missing);
      for (const listing of capture.listings) expect(ListingSchema.safeParse(listing).success).toBe(true);
    });
  }

  it('keeps an ad whose card names the item, and reports an ad whose redirect hides it as skipped', () => {
    const old = parser.parseFromString(readRealFixture('search-2018-itemlist.html'), 'text/html');
    expect(readSearchPage(old, 'https://s.taobao.com/search?q=iPad', NOW).listings[0]?.itemId).toBe('552801603455');
    const current = parser.parseFromString(readRealFixture('search-2024-adapt-card.html'), 'text/html');
    const capture = readSearchPage(current, 'https://s.taobao.com/search?q=x', NOW);
    expect(capture.skippedBy).toEqual({ ad: 1, 'no-id': 0, error: 0 });
  });

  it('takes an ad card\'s id from its redirect when the redirect carries one', () => {
    const html = readRealFixture('search-2024-adapt-card.html').replace(
      'https://click.simba.taobao.com/cc_im?p=%CB%E1%D4%E6%C8%CA%B8%E0&amp;s=1823456789',
      'https://click.simba.taobao.com/cc_im?url=https%3A%2F%2Fdetail.tmall.com%2Fitem.htm%3Fid%3D645001122334&amp;s=1823456789',
    );
    const capture = readSearchPage(parser.parseFromString(html, 'text/html'), 'https://s.taobao.com/search?q=x', NOW);
    expect(capture.skipped).toBe(0);
    expect(capture.listings.find((listing) => listing.itemId === '645001122334')).toMatchObject({ platform: 'tmall', priceCny: 29.8, shop: '南京同仁堂养生馆' });
  });

  it('reads hashed classes wherever they stand in the class list', () => {
    const html = readRealFixture('search-2023-card.html').replaceAll('class="Title--title--jCOPvpf"', 'class="f-els-2 Title--title--jCOPvpf"');
    const capture = readSearchPage(parser.parseFromString(html, 'text/html'), 'https://s.taobao.com/search?q=x', NOW);
    expect(capture.listings[0]?.title).toBe('乔思伯JONSBO电脑NAS机箱N6黑9盘位家用网络存储240水冷MATX主板');
  });

  it('reads the 2025 card variant: the whole title in its title attribute, the price in one element', () => {
    // Class names of the 2025 release as a public write-up lists them (PROVENANCE.md, search-2024-adapt-card.html).
    const html = readRealFixture('search-2024-adapt-card.html')
      .replace(/<div class="title--qJ7Xg_90 "><span>同仁堂<\/span>[^\n]*<\/div>/, '<div class="title--ASSt27UY" title="同仁堂酸枣仁膏百合茯苓睡眠膏"><span>同仁堂</span>…</div>')
      .replace('<div class="unit--Cg6GiqAT">¥</div><div class="priceInt--yqqZMJ5a">39</div><div class="priceFloat--XpixvyQ1">.90</div>', '<div class="innerPriceWrapper--aAJhHXD4">¥39.90</div>');
    const capture = readSearchPage(parser.parseFromString(html, 'text/html'), 'https://s.taobao.com/search?q=x', NOW);
    expect(capture.listings[0]).toMatchObject({ itemId: '753190448923', title: '同仁堂酸枣仁膏百合茯苓睡眠膏', priceCny: 39.9, priceText: '¥39.90' });
  });

  it('says which fields no card showed', () => {
    const html = readRealFixture('search-2024-adapt-card.html').replace(/<span class="realSales--XZJiepmt">[^<]*<\/span>/g, '');
    const capture = readSearchPage(parser.parseFromString(html, 'text/html'), 'https://s.taobao.com/search?q=x', NOW);
    expect(capture.report).toEqual({ layout: '2024', found: ['title', 'price', 'shop', 'location', 'image'], missing: ['sales'] });
  });
});

describe('item pages of every layout', () => {
  for (const [id, entry] of Object.entries(index.items)) {
    it(`${entry.file} on ${entry.host} (${entry.layout}): title, price, shop and sales as shown`, () => {
      const page = parser.parseFromString(readRealFixture(entry.file), 'text/html');
      const capture = readItemPage(page, `https://${entry.host}/item.htm?id=${id}`, NOW);
      const { missing, ...expected } = entry.expected;
      expect(capture.layout).toBe(entry.layout);
      expect(shown(capture.listing)).toEqual(expected);
      expect(capture.report.missing).toEqual(missing);
      expect(ListingSchema.safeParse(capture.listing).success).toBe(true);
    });
  }

  it('says the price is missing when an item page shows none', () => {
    const html = readRealFixture('item-2025-taobao.html').replace(/<div class="priceWrap--[\s\S]*?<\/div>\n<\/div>/, '');
    const capture = readItemPage(parser.parseFromString(html, 'text/html'), 'https://item.taobao.com/item.htm?id=829377145612', NOW);
    expect(capture.listing?.priceCny).toBeUndefined();
    expect(capture.report.missing).toEqual(['price']);
  });
});
