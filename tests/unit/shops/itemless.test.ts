import { afterEach, describe, expect, it } from 'vitest';
import { ZhongcaoDb } from '../../../lib/db/index';
import { resolveItemlessCaptures } from '../../../lib/shops/capture';
import { delistedSighting } from '../../../lib/shops/stock';
import { storeListings } from '../../../lib/shops/store';

let db: ZhongcaoDb | undefined;
afterEach(async () => {
  await db?.delete();
});

describe('captures of a page without the item', () => {
  it('update a stored listing of that id, whichever platform; never create one', async () => {
    db = new ZhongcaoDb('itemless-test');
    const T0 = Date.UTC(2026, 11, 6);
    await storeListings([{ platform: 'tmall', itemId: '600111222444', title: '九阳豆浆机', url: 'https://detail.tmall.com/item.htm?id=600111222444', seenAt: T0, priceCny: 299 }], { db });
    const titled = { platform: 'taobao' as const, itemId: '700000000001', title: '新商品', url: 'https://item.taobao.com/item.htm?id=700000000001', seenAt: T0 };
    // A search card's piece that carries only the shop: not a taken-down item, kept as it is.
    const shopOnly = { platform: 'taobao' as const, itemId: '700000000002', title: '', shop: '草编小铺', url: 'https://item.taobao.com/item.htm?id=700000000002', seenAt: T0 };
    const resolved = await resolveItemlessCaptures(
      [delistedSighting('taobao', '600111222444', T0 + 1), delistedSighting('taobao', '600999999999', T0 + 1), titled, shopOnly],
      db,
    );
    // The "no such item" page says item.taobao.com; the stored listing is the Tmall one.
    expect(resolved).toEqual([
      { platform: 'tmall', itemId: '600111222444', title: '', url: 'https://detail.tmall.com/item.htm?id=600111222444', seenAt: T0 + 1, availability: 'delisted' },
      titled,
      shopOnly,
    ]);
    await storeListings(resolved, { db });
    expect(await db.listings.get('tmall:600111222444')).toMatchObject({ title: '九阳豆浆机', priceCny: 299, availability: 'delisted' });
    expect(await db.listings.get('taobao:600999999999')).toBeUndefined();
  });
});
