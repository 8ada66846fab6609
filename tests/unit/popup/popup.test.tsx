import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Popup, type SettingsSource } from '../../../components/popup/Popup';
import type { StoredListing } from '../../../lib/db';
import type { FakeHandlers } from '../../../lib/messaging/fake-connector';
import type { Mention, TabNoteState } from '../../../lib/messaging/schemas';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { fakeBackground } from './fake-background';

/** A fake background whose tab shows `state`; the popup reads everything through its connector. */
const backgroundWith = (state: TabNoteState | null, handlers: FakeHandlers = {}) => fakeBackground({ handlers: { 'note:get': () => state, ...handlers } });

const settingsOf = (patch: Partial<Settings> = {}): SettingsSource => ({ load: async () => ({ ...DEFAULT_SETTINGS, ...patch }) });
// A day when the bundled cards used below are fresh.
const FRESH = () => Date.parse('2026-04-15T12:00:00Z');

const mention = (field: string, start: number, text: string, rest: Partial<Mention>): Mention => ({
  field, start, end: start + text.length, text, kind: 'product', confidence: 0.9, ...rest,
});
const noteState = (mentions: Mention[]): TabNoteState => ({
  status: 'note',
  note: { id: 'a'.repeat(24), url: 'https://www.xiaohongshu.com/explore/x', title: '秋冬刺绣卫衣', layout: 'page', source: 'dom', comments: 0, replies: 0, images: 0, chars: 6 },
  mentions,
  updatedAt: 1,
});
const hoodie = [
  // Detection gives the note's price to the product written with it.
  mention('desc', 0, '刺绣卫衣', { category: 'hoodie', en: 'embroidered hoodie', query: '刺绣卫衣', confidence: 1, priceCny: 68.29 }),
  mention('desc', 10, '68.29元', { kind: 'price', priceCny: 68.29, confidence: 0.85 }),
];
const listing = (itemId: string, title: string, priceCny: number, extra: Partial<StoredListing> = {}): StoredListing => ({
  id: `taobao:${itemId}`, platform: 'taobao', itemId, title, priceCny, url: `https://item.taobao.com/item.htm?id=${itemId}`,
  seenAt: 1, firstSeenAt: 1, queries: ['刺绣卫衣'], watched: 0, shop: '小熊的店', sales: 23000, ...extra,
});

describe('Popup states', () => {
  it('shows loading, then the note and its products', async () => {
    const { connector } = backgroundWith(noteState(hoodie));
    render(<Popup connector={connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    expect(screen.getByRole('status').textContent).toMatch(/Reading this page/);
    expect((await screen.findByTestId('note-title')).textContent).toBe('秋冬刺绣卫衣');
    const product = await screen.findByTestId('product');
    expect(product.textContent).toContain('embroidered hoodie');
    expect(product.textContent).toContain('刺绣卫衣');
    expect(product.textContent).toContain('100% sure');
    expect(connector.calls[0]).toEqual({ type: 'note:get', payload: { tabId: 3 } });
  });

  it('says when the page is not a note', async () => {
    render(<Popup connector={backgroundWith(null).connector} tabId={3} settings={settingsOf()} />);
    expect((await screen.findByTestId('empty')).textContent).toMatch(/Not a note page/);
  });

  it('says when there is no tab at all', async () => {
    render(<Popup connector={backgroundWith(null).connector} tabId={null} settings={settingsOf()} />);
    expect((await screen.findByTestId('empty')).textContent).toMatch(/Not a note page/);
  });

  it('says when the layout was not recognised', async () => {
    const state: TabNoteState = { status: 'unrecognised', url: 'u', reason: 'no note container', updatedAt: 1 };
    render(<Popup connector={backgroundWith(state).connector} tabId={3} settings={settingsOf()} />);
    expect((await screen.findByTestId('unrecognised')).textContent).toMatch(/not recognised: no note container/);
  });

  it('says when the note has no products', async () => {
    render(<Popup connector={backgroundWith(noteState([])).connector} tabId={3} settings={settingsOf()} />);
    expect((await screen.findByTestId('no-products')).textContent).toMatch(/No products in this note/);
  });

  it('shows an error when the background cannot be reached', async () => {
    const { connector } = backgroundWith(null, { 'note:get': () => { throw new Error('gone'); } });
    render(<Popup connector={connector} tabId={3} settings={settingsOf()} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/gone/);
  });

  it('speaks Simplified Chinese when the settings say so', async () => {
    render(<Popup connector={backgroundWith(null).connector} tabId={3} settings={settingsOf({ uiLanguage: 'zh-CN' })} />);
    expect((await screen.findByTestId('empty')).textContent).toMatch(/这不是笔记页面/);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('种草');
  });

  it('re-reads the note when the tab says it changed', async () => {
    let notify = () => {};
    let state: TabNoteState | null = null;
    const { connector } = backgroundWith(null, { 'note:get': () => state });
    const watchTab = (_tabId: number, onChange: () => void) => ((notify = onChange), () => {});
    render(<Popup connector={connector} tabId={3} settings={settingsOf()} watchTab={watchTab} now={FRESH} />);
    await screen.findByTestId('empty');
    state = noteState(hoodie);
    notify();
    expect((await screen.findByTestId('product')).textContent).toContain('embroidered hoodie');
  });

  it('is already watching the tab when it first asks for the note, so a change right after the answer is not missed', async () => {
    let watching = false;
    let watchingWhenAsked: boolean | undefined;
    const { connector } = backgroundWith(null, {
      'note:get': () => {
        watchingWhenAsked ??= watching;
        return null;
      },
    });
    const watchTab = () => ((watching = true), () => {});
    render(<Popup connector={connector} tabId={3} settings={settingsOf()} watchTab={watchTab} now={FRESH} />);
    await screen.findByTestId('empty');
    expect(watchingWhenAsked).toBe(true);
  });
});

describe('a product', () => {
  it('opens a Taobao search and links to the other shops', async () => {
    const { connector } = backgroundWith(noteState(hoodie), {
      'taobao:search': ({ query }) => ({ tabId: 9, url: `https://s.taobao.com/search?q=${query}` }),
    });
    render(<Popup connector={connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Find on Taobao' }));
    await screen.findByText(/Opened Taobao/);
    expect(connector.calls).toContainEqual({ type: 'taobao:search', payload: { query: '刺绣卫衣' } });
    const links = within(screen.getByTestId('product')).getAllByRole('link').map((a) => a.getAttribute('href'));
    expect(links.some((href) => href?.startsWith('https://s.taobao.com/search?q=%E5%88%BA'))).toBe(true);
    expect(links.some((href) => href?.startsWith('https://search.jd.com/'))).toBe(true);
  });

  it('says which listing its page last showed sold out or taken down, and suggests one that can be bought', async () => {
    const background = backgroundWith(noteState(hoodie));
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf({ uiLanguage: 'zh-CN' })} now={FRESH} />);
    await screen.findByTestId('no-listings');
    await background.capture(
      listing('100001', '小熊刺绣卫衣女秋冬加绒', 68.29, { availability: 'sold-out' }),
      listing('100002', '刺绣卫衣 加绒', 72, { availability: 'in-stock' }),
      listing('100003', '刺绣卫衣 新款', 68.5, { availability: 'delisted' }),
    );
    await waitFor(() => expect(screen.getAllByTestId('listing')).toHaveLength(3));
    const row = (id: string) => document.querySelector(`[data-listing-id="taobao:${id}"]`) as HTMLElement;
    expect(within(row('100001')).getByTestId('listing-stock').textContent).toBe('上次查看商品页时已售罄');
    expect(within(row('100003')).getByTestId('listing-stock').textContent).toBe('上次查看商品页时已下架');
    expect(within(row('100002')).queryByTestId('listing-stock')).toBeNull();
    // The two nearest the note's ¥68.29 cannot be bought: the suggestion is the one in stock.
    expect(within(row('100002')).getByTestId('suggested')).toBeTruthy();
    expect(document.querySelectorAll('[data-testid="suggested"]')).toHaveLength(1);
  });

  it('quotes the note price until the user picks a listing, suggesting the top match nearest it, and ranks listings live with highlights', async () => {
    const background = backgroundWith(noteState(hoodie));
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    expect((await screen.findByTestId('no-listings')).textContent).toMatch(/No listings yet/);
    await screen.findByText(/From the price in the note/);
    const totals = await screen.findAllByTestId('quote-total');
    expect(totals[0]?.textContent).toMatch(/USD/);
    expect(screen.getByTestId('cheapest')).toBeTruthy();
    expect(screen.getByTestId('fastest')).toBeTruthy();

    // Captured in another tab: the background bumps dataVersion and the popup asks again, without reopening.
    await background.capture(
      listing('100001', '小熊刺绣卫衣女秋冬加绒', 72),
      listing('100002', '纯色连帽卫衣', 39),
      listing('100003', '刺绣卫裤', 50, { queries: ['别的'] }),
    );
    const rows = await screen.findAllByTestId('listing');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.querySelector('mark')?.textContent).toBe('刺绣卫衣');
    expect(rows[0]?.textContent).toContain('¥72.00');
    expect(rows[0]?.textContent).toMatch(/≈ USD/);
    expect(rows[0]?.textContent).toContain('小熊的店');
    expect(rows[0]?.textContent).toMatch(/23K sold/);
    // Listings captured: the quote stays on the note's price, and the match nearest it is suggested, saying why.
    expect(screen.getByRole('heading', { name: /Landed cost of ¥68.29 to US/ })).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByTestId('suggested')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).queryByTestId('suggested')).toBeNull();
    expect(rows[0]?.textContent).toMatch(/closest to the ¥68.29 the note quotes/);
    fireEvent.click(within(rows[1] as HTMLElement).getByRole('button', { name: 'Quote this' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: /Landed cost of ¥39.00/ })).toBeTruthy());
    // The pick stays when more listings arrive.
    await background.capture(listing('100004', '刺绣卫衣 加绒 新款', 68));
    await waitFor(() => expect(screen.getAllByTestId('listing')).toHaveLength(3));
    expect(screen.getByRole('heading', { name: /Landed cost of ¥39.00/ })).toBeTruthy();
    expect(screen.queryByTestId('suggested')).toBeNull();
  });

  it('renders a captured listing whose link is javascript: and whose image is plain http as text, fetching nothing', async () => {
    const background = backgroundWith(noteState(hoodie));
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    await screen.findByTestId('no-listings');
    await background.capture(
      listing('100001', '小熊刺绣卫衣女秋冬加绒', 72, { url: 'javascript:alert(document.cookie)', imageUrl: 'http://tracker.invalid/pixel.gif' }),
      listing('100002', '刺绣卫衣 正品', 75, { imageUrl: 'https://img.alicdn.com/a.jpg' }),
    );
    const rows = await screen.findAllByTestId('listing');
    const hostile = rows.find((row) => row.getAttribute('data-listing-id') === 'taobao:100001')!;
    expect(hostile.textContent).toContain('小熊刺绣卫衣');
    // The title is text, not a link; every link left is https or our own page.
    expect(hostile.querySelector('.zc-listing-title')?.tagName).toBe('SPAN');
    expect([...hostile.querySelectorAll('a')].map((a) => a.getAttribute('href')).filter((href) => !/^(?:https:|chrome-extension:)/.test(href ?? ''))).toEqual([]);
    expect(hostile.querySelector('img')).toBeNull();
    const fine = rows.find((row) => row.getAttribute('data-listing-id') === 'taobao:100002')!;
    expect(fine.querySelector('a.zc-listing-title')?.getAttribute('href')).toBe('https://item.taobao.com/item.htm?id=100002');
    expect(fine.querySelector('img')?.getAttribute('src')).toBe('https://img.alicdn.com/a.jpg');
  });

  it('turns the local price into the saving', async () => {
    render(<Popup connector={backgroundWith(noteState(hoodie)).connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    fireEvent.input(await screen.findByLabelText('Price at home'), { target: { value: '75 USD' } });
    expect((await screen.findAllByTestId('saving'))[0]?.textContent).toMatch(/^save USD\s[\d.]+ \(\d+%\)$/);
    fireEvent.input(screen.getByLabelText('Price at home'), { target: { value: 'lots' } });
    await screen.findByText(/Type an amount/);
  });

  it("warns when the cheapest line's rate card is older than 90 days", async () => {
    render(<Popup connector={backgroundWith(noteState(hoodie)).connector} tabId={3} settings={settingsOf()} now={() => Date.parse('2028-01-01')} />);
    expect((await screen.findByTestId('stale')).textContent).toMatch(/rate card is from \d{4}-\d{2}/);
  });

  it('translates an English query into a product of its own', async () => {
    render(<Popup connector={backgroundWith(null).connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    fireEvent.input(await screen.findByLabelText('Search in English'), { target: { value: 'embroidered hoodie' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    const product = await screen.findByTestId('product');
    expect(product.getAttribute('data-query')).toBe('刺绣卫衣');
  });
});

describe('the basket', () => {
  it('quotes two listings as one parcel and shows that it beats two parcels', async () => {
    const background = backgroundWith(noteState(hoodie));
    await background.capture(listing('100001', '小熊刺绣卫衣女', 72), listing('100002', '刺绣卫衣男', 79));
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    await screen.findAllByTestId('listing');
    for (const button of screen.getAllByTestId('add-to-basket')) fireEvent.click(button);
    await waitFor(() => expect(screen.getAllByTestId('basket-line')).toHaveLength(2));
    expect((await screen.findByTestId('consolidation-saving')).textContent).toMatch(/Shipping together saves USD/);
    await waitFor(() => expect(screen.getAllByTestId('add-to-basket').every((button) => (button as HTMLButtonElement).disabled)).toBe(true));
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove' })[0] as HTMLElement);
    await waitFor(() => expect(screen.getAllByTestId('basket-line')).toHaveLength(1));
    // The product's category went with the listing, for the weight estimate.
    expect(background.basket).toMatchObject([{ quantity: 1, category: 'hoodie' }]);
  });

  it('changes a quantity through the background and quotes the parcel again', async () => {
    const background = backgroundWith(null);
    await background.capture(listing('100001', '小熊刺绣卫衣女', 72));
    background.basket.push({ listingId: 'taobao:100001', quantity: 1, addedAt: 1, category: 'hoodie' });
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    const before = (await screen.findByTestId('consolidated-total')).textContent;
    fireEvent.change(screen.getByLabelText('Quantity'), { target: { value: '3' } });
    await waitFor(() => expect(screen.getByTestId('consolidated-total').textContent).not.toBe(before));
    expect(background.basket[0]?.quantity).toBe(3);
    const asked = background.connector.calls.filter((call) => call.type === 'basket:quote');
    expect(asked.at(-1)?.payload).toEqual({ date: '2026-04-15' });
  });

  it('shows a line whose listing left the cache by its id, and says when a change fails', async () => {
    const background = backgroundWith(null, { 'basket:remove': () => { throw new Error('disk full'); } });
    background.basket.push({ listingId: 'taobao:100009', quantity: 1, addedAt: 1 });
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    expect((await screen.findByTestId('basket-line')).textContent).toContain('taobao:100009');
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/basket could not be changed: disk full/);
  });
});

describe('a listing row', () => {
  it('watches and unwatches the listing through watch:toggle', async () => {
    const background = backgroundWith(noteState(hoodie));
    await background.capture(listing('100001', '小熊刺绣卫衣女', 72));
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    const watch = await screen.findByTestId('watch');
    expect(watch.textContent).toBe('☆ Watch');
    expect(watch.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(watch);
    await waitFor(() => expect(screen.getByTestId('watch').getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByTestId('watch').textContent).toBe('★ Watching');
    expect(background.connector.calls.find((call) => call.type === 'watch:toggle')?.payload).toEqual({ platform: 'taobao', itemId: '100001', watched: true });
    expect(background.listings.get('taobao:100001')?.watched).toBe(1);
    fireEvent.click(screen.getByTestId('watch'));
    await waitFor(() => expect(screen.getByTestId('watch').getAttribute('aria-pressed')).toBe('false'));
  });

  it('asks the background for ranked listings with everything the note says about the product', async () => {
    const background = backgroundWith(noteState(hoodie));
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    await screen.findByTestId('no-listings');
    expect(background.connector.calls.find((call) => call.type === 'popup:listings')?.payload).toEqual({
      query: '刺绣卫衣',
      text: '刺绣卫衣',
      category: 'hoodie',
      priceCny: 68.29,
      limit: 5,
    });
  });

  it('shows prices in CNY only for a user who counts in CNY', async () => {
    const background = fakeBackground({ settings: { ...DEFAULT_SETTINGS, currency: 'CNY' }, handlers: { 'note:get': () => noteState(hoodie) } });
    await background.capture(listing('100001', '小熊刺绣卫衣女', 72));
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf({ currency: 'CNY' })} now={FRESH} />);
    expect((await screen.findByTestId('listing-price')).textContent).toBe('¥72.00');
  });
});

describe('around the products', () => {
  it('links the seller page and the options in the footer', async () => {
    render(<Popup connector={backgroundWith(null).connector} tabId={3} settings={settingsOf()} />);
    await screen.findByTestId('empty');
    expect(screen.getByTestId('seller-link').getAttribute('href')).toMatch(/^chrome-extension:\/\/[^/]+\/seller\.html$/);
    expect(screen.getByTestId('options-link').getAttribute('href')).toMatch(/\/options\.html$/);
  });

  it('says what was kept as typed, and when the translation could not be asked', async () => {
    let fail = false;
    const background = fakeBackground({
      handlers: {
        'note:get': () => null,
        'query:translate': ({ english }) => {
          if (fail) throw new Error('background asleep');
          return { query: english === 'hoodie xz900' ? '卫衣 xz900' : '', untranslated: ['xz900'] };
        },
      },
    });
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={FRESH} />);
    fireEvent.input(await screen.findByLabelText('Search in English'), { target: { value: 'hoodie xz900' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect((await screen.findByTestId('product')).getAttribute('data-query')).toBe('卫衣 xz900');
    expect(screen.getByText(/kept as typed: xz900/)).toBeTruthy();
    fail = true;
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect((await screen.findByText(/background asleep/)).getAttribute('role')).toBe('alert');
  });
});
