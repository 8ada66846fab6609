import { afterEach, describe, expect, it, vi } from 'vitest';
import { storage } from 'wxt/utils/storage';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { createPopupHandlers } from '../../../entrypoints/background/popup';
import { getDb, ZhongcaoDb } from '../../../lib/db';
import type { AvailableQuote } from '../../../lib/landed/quote';
import { seedLandedData } from '../../../lib/landed/store';
import type { HandlerContext } from '../../../lib/messaging/router';
import { createRouter } from '../../../lib/messaging/router';
import type { Listing } from '../../../lib/messaging/schemas';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { storeListings } from '../../../lib/shops/store';
import { bumpDataVersion } from '../../../lib/messaging/data-version';

/** The background's answers to the popup and side panel (entrypoints/background/popup.ts), on fake IndexedDB. */

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const ctx: HandlerContext = { sender: { id: ID, url: `${ORIGIN}popup.html` }, kind: 'extension' };
// A day when the bundled cards are fresh, so nothing is stale.
const TODAY = Date.parse('2026-04-15T12:00:00Z');

let counter = 0;
const opened: ZhongcaoDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

async function setup(settings: Partial<Settings> = {}) {
  const db = new ZhongcaoDb(`popup-background-${++counter}`);
  opened.push(db);
  await seedLandedData(db);
  const handlers = createPopupHandlers({ db, settings: async () => ({ ...DEFAULT_SETTINGS, ...settings }), now: () => TODAY });
  // Every handler exists: call them without the optional chaining the Handlers map would need.
  const call = <K extends keyof typeof handlers>(type: K, payload: Parameters<NonNullable<(typeof handlers)[K]>>[0]) =>
    (handlers[type] as (p: typeof payload, c: HandlerContext) => ReturnType<NonNullable<(typeof handlers)[K]>>)(payload, ctx);
  return { db, call };
}

const capture = (itemId: string, title: string, priceCny: number | undefined, query = '刺绣卫衣'): Listing => ({
  platform: 'taobao',
  itemId,
  title,
  ...(priceCny !== undefined ? { priceCny } : {}),
  url: `https://item.taobao.com/item.htm?id=${itemId}`,
  query,
  seenAt: TODAY,
});

const dataVersion = () => storage.getItem<number>('session:dataVersion');

describe('popup:listings', () => {
  it('keeps a ranked answer until the data version moves, and shares one ranking between equal requests', async () => {
    const { db, call } = await setup();
    await storeListings([capture('100001', '小熊刺绣卫衣女秋冬加绒', 72)], { db });
    const reads = vi.spyOn(db.listings, 'where');
    const [first, twin] = await Promise.all([call('popup:listings', { query: '刺绣卫衣' }), call('popup:listings', { query: '刺绣卫衣' })]);
    expect(twin).toBe(first);
    expect(reads).toHaveBeenCalledTimes(1);
    // The popup opens again: nothing was captured since, the answer is kept.
    expect((await call('popup:listings', { query: '刺绣卫衣' })).map((entry) => entry.listing.id)).toEqual(['taobao:100001']);
    expect(reads).toHaveBeenCalledTimes(1);
    // A capture bumps the version: the next answer has the new listing.
    await storeListings([capture('100002', '刺绣连帽卫衣', 59)], { db });
    await bumpDataVersion();
    expect((await call('popup:listings', { query: '刺绣卫衣' })).map((entry) => entry.listing.id).sort()).toEqual(['taobao:100001', 'taobao:100002']);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('ranks only the listings captured under the query, with the words to highlight', async () => {
    const { db, call } = await setup();
    await storeListings(
      [capture('100001', '小熊刺绣卫衣女秋冬加绒', 72), capture('100002', '纯色连帽卫衣', 39), capture('100003', '刺绣卫裤', 50, '别的')],
      { db },
    );
    const ranked = await call('popup:listings', { query: '刺绣卫衣', category: 'hoodie', priceCny: 68.29 });
    expect(ranked.map((entry) => entry.listing.id)).toEqual(['taobao:100001', 'taobao:100002']);
    const [best] = ranked;
    expect(best!.listing.title.slice(best!.why.highlights[0]!.start, best!.why.highlights[0]!.end)).toBe('刺绣卫衣');
    expect(best!.why.category).toBe(true);
    // What goes over runtime.sendMessage must survive JSON.
    expect(JSON.parse(JSON.stringify(ranked))).toEqual(ranked);
  });

  it('answers nothing for a query never searched, and honours the limit', async () => {
    const { db, call } = await setup();
    expect(await call('popup:listings', { query: '便利贴' })).toEqual([]);
    await storeListings(
      Array.from({ length: 8 }, (_, index) => capture(String(100010 + index), `刺绣卫衣 款${index}`, 60 + index)),
      { db },
    );
    expect(await call('popup:listings', { query: '刺绣卫衣', limit: 3 })).toHaveLength(3);
    expect(await call('popup:listings', { query: '刺绣卫衣' })).toHaveLength(5);
  });
});

describe('popup:quote', () => {
  it("quotes to the user's destination in their currency, with the local price compared", async () => {
    const { call } = await setup({ destination: 'GB', currency: 'GBP' });
    const result = await call('popup:quote', { items: [{ priceCny: 68.29, category: 'hoodie' }], localPrice: { amount: 75, currency: 'GBP' } });
    const cheapest = result.quotes.find((quote): quote is AvailableQuote => quote.available)!;
    expect(cheapest.currency).toBe('GBP');
    expect(cheapest.comparison?.currency).toBe('GBP');
    expect(result.fx.currency).toBe('GBP');
    expect(result.parcel.goodsCny).toBe(68.29);
  });

  it('leaves out the lines the user switched off', async () => {
    const all = await (await setup()).call('popup:quote', { items: [{ priceCny: 68.29 }], date: '2026-04-15' });
    const off = all.quotes.slice(0, 2).map((quote) => quote.lineId);
    const fewer = await (await setup({ disabledLines: off })).call('popup:quote', { items: [{ priceCny: 68.29 }], date: '2026-04-15' });
    expect(fewer.quotes).toHaveLength(all.quotes.length - 2);
    expect(fewer.quotes.some((quote) => off.includes(quote.lineId))).toBe(false);
  });

  it.each([
    ['a known category estimates the weight from it', 'hoodie', /hoodie: weight estimated at/],
    ['an unknown word falls back to the apparel weight', 'zzz-not-a-category', /item 1: weight unknown, estimated at 0.4 kg/],
  ])('%s', async (_name, category, assumption) => {
    const { call } = await setup();
    const result = await call('popup:quote', { items: [{ priceCny: 50, category }] });
    expect(result.quotes[0]!.assumptions.some((text) => assumption.test(text))).toBe(true);
    expect(result.quotes[0]!.assumptions.some((text) => /category not known/.test(text))).toBe(false);
  });

  it('dates the quote today unless told', async () => {
    const { call } = await setup();
    const before = await call('popup:quote', { items: [{ priceCny: 68.29, weightKg: 0.9 }], date: '2026-03-01' });
    const today = await call('popup:quote', { items: [{ priceCny: 68.29, weightKg: 0.9 }] });
    const line = (result: typeof today) => result.quotes.find((quote) => quote.lineId === 'cainiao-us-sea-tax-included');
    // The seed case (README): ¥136.04 before 2026-04-01, ¥138.04 after the fuel surcharge.
    expect(line(before)).toMatchObject({ totalCny: 136.04 });
    expect(line(today)).toMatchObject({ totalCny: 138.04 });
  });
});

describe('popup:fx and query:translate', () => {
  it('gives the rate of the user currency, and nothing for CNY', async () => {
    const fx = await (await setup({ currency: 'EUR' })).call('popup:fx', {});
    expect(fx).toMatchObject({ currency: 'EUR', asOf: expect.stringMatching(/^\d{4}-\d{2}/) });
    expect(fx!.perCny).toBeGreaterThan(0.05);
    expect(await (await setup({ currency: 'CNY' })).call('popup:fx', {})).toBeNull();
  });

  it('translates English shopping words through the glossary', async () => {
    const { call } = await setup();
    expect(await call('query:translate', { english: 'embroidered hoodie' })).toEqual({ query: '刺绣卫衣', untranslated: [] });
  });
});

describe('the basket', () => {
  it('adds, changes and removes entries, answering the basket and bumping dataVersion each time', async () => {
    const { db, call } = await setup();
    await storeListings([capture('100001', '小熊刺绣卫衣女', 72), capture('100002', '刺绣卫衣男', 79)], { db });
    expect(await call('basket:get', {})).toEqual([]);
    const start = (await dataVersion()) ?? 0;

    const one = await call('basket:add', { listingId: 'taobao:100001', category: 'hoodie' });
    expect(one).toMatchObject([{ entry: { listingId: 'taobao:100001', quantity: 1, category: 'hoodie', addedAt: TODAY }, listing: { title: '小熊刺绣卫衣女' } }]);
    expect(await dataVersion()).toBe(start + 1);

    await call('basket:set-quantity', { listingId: 'taobao:100001', quantity: 2 });
    // Adding it again keeps the quantity chosen; an unknown category is not kept.
    const again = await call('basket:add', { listingId: 'taobao:100001' });
    expect(again[0]!.entry.quantity).toBe(2);
    const two = await call('basket:add', { listingId: 'taobao:100002', category: 'zzz-not-a-category' });
    expect(two[1]!.entry).not.toHaveProperty('category');

    expect((await call('basket:remove', { listingId: 'taobao:100001' })).map((line) => line.entry.listingId)).toEqual(['taobao:100002']);
    expect(await dataVersion()).toBe(start + 5);
  });

  it('refuses a listing never captured', async () => {
    const { call } = await setup();
    await expect(call('basket:add', { listingId: 'taobao:999999' })).rejects.toThrow(/not been captured/);
  });

  it('quotes the basket as one parcel next to separate ones, and nothing for an empty basket', async () => {
    const { db, call } = await setup();
    expect(await call('basket:quote', {})).toBeNull();
    await storeListings([capture('100001', '小熊刺绣卫衣女', 72), capture('100002', '刺绣卫衣男', 79), capture('100003', '刺绣卫衣 无价', undefined)], { db });
    for (const listingId of ['taobao:100001', 'taobao:100002', 'taobao:100003']) await call('basket:add', { listingId, category: 'hoodie' });
    const comparison = (await call('basket:quote', { date: '2026-04-15' }))!;
    // The listing without a price cannot be quoted: two items go in the parcel.
    expect(comparison.separate).toHaveLength(2);
    expect(comparison.consolidated.parcel.goodsCny).toBe(151);
    expect(comparison.saving).toBeGreaterThan(0);
  });
});

describe('wired into the background', () => {
  const route = createRouter(createHandlers(), { extensionId: ID, extensionOrigin: ORIGIN });
  const fromPopup = { id: ID, url: `${ORIGIN}popup.html` };
  const fromTaobao = { id: ID, url: 'https://s.taobao.com/search?q=x', tab: { id: 5, url: 'https://s.taobao.com/search?q=x' } };
  // createHandlers() works on the extension's one database: empty it, do not close it.
  afterEach(async () => {
    const db = getDb();
    await Promise.all(db.tables.map((table) => table.clear()));
  });

  it('answers the popup and refuses the same questions from a content script', async () => {
    expect(await route({ zc: 1, type: 'basket:get', payload: {} }, fromPopup)).toEqual({ ok: true, data: [] });
    expect(await route({ zc: 1, type: 'basket:get', payload: {} }, fromTaobao)).toMatchObject({ ok: false, error: expect.stringMatching(/not accepted/) });
    expect(await route({ zc: 1, type: 'basket:add', payload: { listingId: 'javascript:1' } }, fromPopup)).toMatchObject({ ok: false, error: expect.stringMatching(/listingId/) });
  });

  it('answers note:read with the mentions, the page settings and the first translation pass (cache, then glossary)', async () => {
    const page = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4';
    const fromNote = { id: ID, url: page, tab: { id: 7, url: page } };
    const note = {
      id: '6745a1b2000000001e01c3d4', url: page, title: '得力便利贴yyds', desc: '这件刺绣卫衣真的绝绝子，一百多块闭眼入！',
      tags: [], author: '小鹿', images: [], layout: 'page' as const, source: 'dom' as const,
      comments: [{ id: 'c1', author: 'a', text: 'Is it warm?', replies: [] }],
    };
    // An earlier on-device translation of the caption, saved by a page.
    await route({ zc: 1, type: 'translate:cache-store', payload: { entries: [{ text: note.desc, source: 'zh', target: 'en', provider: 'on-device', translation: 'This embroidered hoodie is amazing' }] } }, fromNote);
    const answer = (await route({ zc: 1, type: 'note:read', payload: { note } }, fromNote)) as { ok: true; data: Record<string, unknown> };
    expect(answer.ok).toBe(true);
    const { mentions, settings, translations } = answer.data as { mentions: Array<{ kind: string }>; settings: { translationTarget: string }; translations: Array<[string, { status: string; translation?: string; gloss?: string; providers: string[]; source: string }]> };
    expect(mentions.some((mention) => mention.kind === 'product')).toBe(true);
    expect(settings.translationTarget).toBe('en');
    const byText = new Map(translations);
    expect(byText.get(note.desc)).toMatchObject({ status: 'translated', translation: 'This embroidered hoodie is amazing', providers: ['on-device'], fromCache: true });
    expect(byText.get(note.title)).toMatchObject({ status: 'glossed', source: 'zh', providers: ['glossary'] });
    expect(byText.get(note.title)!.gloss).toMatch(/sticky notes/i);
    expect(byText.get('Is it warm?')).toMatchObject({ status: 'same-language', source: 'en' });

    // A page reports what Chrome's Translator said; the next note's answer carries it.
    expect(await route({ zc: 1, type: 'translate:on-device-state', payload: { pair: 'zh>en', state: 'downloadable' } }, fromNote)).toEqual({ ok: true, data: { stored: true } });
    expect(await route({ zc: 1, type: 'translate:on-device-state', payload: { pair: '<img src=x>', state: 'available' } }, fromNote)).toMatchObject({ ok: false });
    const again = (await route({ zc: 1, type: 'note:read', payload: { note } }, fromNote)) as { ok: true; data: { onDevice: unknown } };
    expect(again.data.onDevice).toEqual([['zh>en', 'downloadable']]);
  });

  it('answers comments that loaded later with the whole note’s mentions and the new texts’ translations only', async () => {
    const page = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4';
    const fromNote = { id: ID, url: page, tab: { id: 9, url: page } };
    const note = {
      id: '6745a1b2000000001e01c3d4', url: page, title: '周末穿搭', desc: '这件刺绣卫衣真的绝绝子',
      tags: [], author: '小鹿', images: [], layout: 'page' as const, source: 'dom' as const,
      comments: [{ id: 'c1', author: 'a', text: '好看', replies: [] }],
    };
    const added = [{ id: 'c2', author: 'b', text: '求链接，在淘宝买的吗？多少钱', replies: [{ id: 'c3', author: 'a', text: '一百多块' }] }];
    // Before the note was read, and for a reading that does not match, the page must send note:read.
    expect(await route({ zc: 1, type: 'note:comments', payload: { noteId: note.id, from: 1, comments: added } }, fromNote)).toMatchObject({ ok: false, error: expect.stringMatching(/note:read/) });
    await route({ zc: 1, type: 'note:read', payload: { note } }, fromNote);
    expect(await route({ zc: 1, type: 'note:comments', payload: { noteId: note.id, from: 0, comments: added } }, fromNote)).toMatchObject({ ok: false });
    expect(await route({ zc: 1, type: 'note:comments', payload: { noteId: '6745a1b3000000001e01c3d5', from: 1, comments: added } }, fromNote)).toMatchObject({ ok: false });

    const answer = (await route({ zc: 1, type: 'note:comments', payload: { noteId: note.id, from: 1, comments: added } }, fromNote)) as {
      ok: true;
      data: { mentions: Array<{ kind: string; field: string }>; translations: Array<[string, unknown]> };
    };
    expect(answer.ok).toBe(true);
    const whole = { ...note, comments: [...note.comments, ...added] };
    const direct = (await route({ zc: 1, type: 'note:read', payload: { note: whole } }, { ...fromNote, tab: { id: 10, url: page } })) as { ok: true; data: { mentions: unknown[] } };
    // The same mentions as reading the whole note at once: a "link?" in a comment speaks for the caption too.
    expect(answer.data.mentions).toEqual(direct.data.mentions);
    expect(answer.data.mentions.some((mention) => mention.field === 'desc' && mention.kind === 'product')).toBe(true);
    expect(answer.data.translations.map(([text]) => text).sort()).toEqual(['一百多块', '求链接，在淘宝买的吗？多少钱']);
    // The tab's stored state counts both comments but holds none of their text (a digest).
    const stored = await route({ zc: 1, type: 'note:get', payload: { tabId: 9 } }, fromPopup);
    expect(stored).toMatchObject({ ok: true, data: { note: { comments: 2 } } });
    // Only the texts of where-to-buy hints are kept (cut short), none of the rest of the note.
    const { whereToBuy, ...rest } = (stored as { data: { whereToBuy?: { kind: string; source: { text: string } }[] } }).data;
    expect(JSON.stringify(rest)).not.toContain('求链接，在淘宝买的吗');
    expect(whereToBuy).toContainEqual(expect.objectContaining({ kind: 'hint', source: expect.objectContaining({ text: '求链接，在淘宝买的吗？多少钱' }) }));
  });

  it('bumps dataVersion when a Taobao page hands over listings', async () => {
    const before = (await dataVersion()) ?? 0;
    const answer = await route({ zc: 1, type: 'listings:capture', payload: { pageUrl: 'https://s.taobao.com/search?q=x', query: '刺绣卫衣', listings: [capture('100001', '小熊刺绣卫衣女', 72)] } }, fromTaobao);
    expect(answer).toEqual({ ok: true, data: { stored: 1, invalid: 0, refused: 0 } });
    expect(await dataVersion()).toBe(before + 1);
    const ranked = await route({ zc: 1, type: 'popup:listings', payload: { query: '刺绣卫衣' } }, fromPopup);
    expect(ranked).toMatchObject({ ok: true, data: [{ listing: { id: 'taobao:100001' } }] });
  });
});
