import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListingSchema } from '../../../lib/messaging/schemas';
import { readItemPage } from '../../../lib/shops/parse';
import { delistedSighting, isNoItemUrl, noItemTarget, readAvailability } from '../../../lib/shops/stock';
import { readRealFixture, REAL_TAOBAO_FIXTURES } from '../../fixtures/taobao-fixtures';

/** The stock pages of tests/fixtures/real/taobao/stock (see PROVENANCE.md there). */
const parser = new DOMParser();
const NOW = Date.UTC(2026, 11, 6, 12);
const stockPage = (file: string, edit: (html: string) => string = (html) => html) =>
  parser.parseFromString(edit(readFileSync(join(REAL_TAOBAO_FIXTURES, 'stock', file), 'utf8')), 'text/html');

/** Replaces one exact piece of a page, failing when the page no longer has it. */
function swap(from: string, to: string) {
  return (html: string) => {
    expect(html).toContain(from);
    return html.replace(from, to);
  };
}

describe('readAvailability on the stock pages', () => {
  it.each([
    ['item-2016-taobao-stock.html', 'https://item.taobao.com/item.htm?id=600111222333', 'id="J_SpanStock" class="tb-count">86<', 'id="J_SpanStock" class="tb-count">0<'],
    ['item-2016-tmall-stock.html', 'https://detail.tmall.com/item.htm?id=600111222444', '库存2108件', '库存0件'],
  ])('%s: a count above 0 is in stock, 0 is sold out, and the item is still read', (file, url, inStock, soldOut) => {
    const page = readItemPage(stockPage(file), url, NOW);
    expect(page.listing?.availability).toBe('in-stock');
    expect(page.listing?.title).toBeTruthy();
    expect(page.listing?.priceCny).toBeGreaterThan(0);
    const empty = readItemPage(stockPage(file, swap(inStock, soldOut)), url, NOW).listing;
    expect(empty?.availability).toBe('sold-out');
    expect(ListingSchema.safeParse(empty).success).toBe(true);
  });

  it('a count not rendered yet (an empty element) says nothing', () => {
    const page = stockPage('item-2016-taobao-stock.html', swap('class="tb-count">86<', 'class="tb-count"><'));
    // The buy link still says 立即购买.
    expect(readAvailability(page, 'https://item.taobao.com/item.htm?id=600111222333')).toBe('in-stock');
    const bare = stockPage('item-2016-taobao-stock.html', (html) => swap('class="tb-count">86<', 'class="tb-count"><')(html).replace('>立即购买<', '><'));
    expect(readAvailability(bare, 'https://item.taobao.com/item.htm?id=600111222333')).toBeUndefined();
  });

  it('reads sold-out words in the buy area only: a recommendation below saying 已售完 is not this item', () => {
    const page = stockPage('item-2016-taobao-stock.html');
    expect(page.body.textContent).toContain('已售完');
    expect(readAvailability(page, 'https://item.taobao.com/item.htm?id=600111222333')).toBe('in-stock');
  });

  it('2025 purchase panel: 立即购买 is in stock; a sold-out word there is sold out; another label is unknown', () => {
    const url = 'https://detail.tmall.com/item.htm?id=600111222555';
    expect(readItemPage(stockPage('item-2025-tmall-purchase.html'), url, NOW).listing).toMatchObject({ availability: 'in-stock', priceCny: 99, title: '泡泡玛特 搪胶毛绒挂件 盲盒 潮玩' });
    const soldOut = stockPage('item-2025-tmall-purchase.html', swap('>立即购买<', '>已售罄<'));
    expect(readAvailability(soldOut, url)).toBe('sold-out');
    const other = stockPage('item-2025-tmall-purchase.html', swap('>立即购买<', '>立即预定<'));
    expect(readAvailability(other, url)).toBeUndefined();
    // A variant marked 缺货 in the panel, outside the buttons, is not the item.
    const variant = stockPage('item-2025-tmall-purchase.html', swap('<div class="_4nNipe17pV--footWrap', '<div class="skuItem--x1"><span>黑色 缺货</span></div><div class="_4nNipe17pV--footWrap'));
    expect(readAvailability(variant, url)).toBe('in-stock');
  });

  it('the listing corpus pages show no buy area: their stock is unknown, never guessed', () => {
    for (const [file, url] of [
      ['item-2025-taobao.html', 'https://item.taobao.com/item.htm?id=727851748466'],
      ['item-2025-tmall.html', 'https://detail.tmall.com/item.htm?id=666725802421'],
      ['item-2024-taobao.html', 'https://item.taobao.com/item.htm?id=1'],
      ['item-2023-taobao.html', 'https://item.taobao.com/item.htm?id=1'],
    ]) {
      const page = parser.parseFromString(readRealFixture(file!), 'text/html');
      expect(readAvailability(page, url!), file).toBeUndefined();
      expect(readItemPage(page, url!, NOW).listing?.availability, file).toBeUndefined();
    }
  });

  it('Taobao\'s "no such item" page: taken down, its item id read from the address', () => {
    const url = 'https://error.item.taobao.com/error/noitem?type=noitem&itemid=600111222333';
    expect(isNoItemUrl(url)).toBe(true);
    expect(noItemTarget(url)).toEqual({ platform: 'taobao', itemId: '600111222333' });
    expect(readAvailability(stockPage('noitem-taobao.html'), url)).toBe('delisted');
    // The page has no item title: it gives no listing of its own, only the delisted sighting.
    expect(readItemPage(stockPage('noitem-taobao.html'), url, NOW).listing).toBeNull();
    const sighting = delistedSighting('taobao', '600111222333', NOW);
    expect(ListingSchema.safeParse(sighting).success).toBe(true);
    expect(sighting).toMatchObject({ title: '', availability: 'delisted', url: 'https://item.taobao.com/item.htm?id=600111222333' });
    expect(noItemTarget('https://error.item.taobao.com/error/noitem?type=noitem')).toBeNull();
    expect(noItemTarget('https://item.taobao.com/item.htm?id=600111222333')).toBeNull();
  });

  it('Tmall\'s taken-down item page says so in a line of its own; an item page saying the same in its description does not count', () => {
    const url = 'https://detail.tmall.com/item.htm?id=600111222444';
    const gone = stockPage('item-2016-tmall-delisted.html');
    expect(readAvailability(gone, url, { hasItem: false })).toBe('delisted');
    // With an item on the page the line is looked for in the buy area only.
    expect(readAvailability(gone, url)).toBeUndefined();
    const described = stockPage('item-2016-tmall-stock.html', swap('</body>', '<div class="desc"><p>此商品已下架</p></div></body>'));
    expect(readAvailability(described, url)).toBe('in-stock');
    // In the buy area, the same line is the item's.
    const inBuyArea = stockPage('item-2016-tmall-stock.html', (html) => swap('>立即购买<', '>此商品已下架<')(html).replace('库存2108件', ''));
    expect(readAvailability(inBuyArea, url)).toBe('delisted');
  });
});
