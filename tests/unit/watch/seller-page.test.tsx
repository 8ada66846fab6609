import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SellerPage } from '../../../components/seller/SellerPage';
import { ZhongcaoDb } from '../../../lib/db/index';
import type { Listing } from '../../../lib/messaging/schemas';
import { storeListings } from '../../../lib/shops/store';
import { recordSightings, setWatched } from '../../../lib/watch/store';
import { createFakeConnector } from '../../../lib/messaging/fake-connector';

// The chart's canvas needs a real browser (the e2e test draws it); here it is a stand-in.
vi.mock('../../../components/seller/uplot-chart', () => ({ drawChart: () => ({ destroy() {} }) }));
vi.mock('uplot', () => ({ default: class { root = document.createElement('div'); destroy() {} } }));

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 5, 11, 2);
let counter = 0;
let db: ZhongcaoDb;
afterEach(async () => {
  await db?.delete();
});

function capture(fields: Partial<Listing> = {}): Listing {
  return {
    platform: 'taobao',
    itemId: '10001',
    title: '小熊刺绣卫衣<img src=x onerror=alert(1)>',
    url: 'https://item.taobao.com/item.htm?id=10001',
    priceCny: 89,
    sales: 20_000,
    seenAt: T0,
    ...fields,
  };
}

describe('SellerPage', () => {
  it('shows the empty state without watched listings', async () => {
    db = new ZhongcaoDb(`seller-page-${++counter}`);
    render(<SellerPage db={db} language="en" clearBadge={async () => {}} />);
    expect(await screen.findByTestId('empty')).toHaveProperty('textContent', expect.stringContaining('Nothing watched yet'));
  });

  it('lists a watched listing with its change, announces the drop, and the dismiss clears the badge', async () => {
    db = new ZhongcaoDb(`seller-page-${++counter}`);
    await storeListings([capture()], { db });
    await setWatched('taobao:10001', true, { db });
    const cheaper = capture({ seenAt: T0 + HOUR, priceCny: 69, sales: 21_000, title: '小熊刺绣卫衣 新款' });
    await storeListings([cheaper], { db });
    await recordSightings([cheaper], db);
    const clearBadge = vi.fn(async () => {});
    const { container } = render(<SellerPage db={db} language="en" clearBadge={clearBadge} />);
    const notices = await screen.findByText('Price down from ¥89.00 to ¥69.00', {}, { timeout: 5000 });
    expect(notices).toBeTruthy();
    expect(screen.getByTestId('change').textContent).toBe('-¥20.00 (-22.5%)');
    expect(screen.getByTestId('history').querySelectorAll('tbody tr')).toHaveLength(2);
    // Page text stays text: no element was made from the title.
    expect(container.querySelector('img')).toBeNull();
    const diff = screen.getByTestId('snapshot-diff');
    const marked = (tag: string) => [...diff.querySelectorAll(tag)].map((el) => el.textContent).join('|');
    expect(marked('del')).toContain('removed: <img');
    expect(marked('ins')).toContain('新款');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(clearBadge).toHaveBeenCalled());
    await waitFor(() => expect(screen.queryByText('Price down from ¥89.00 to ¥69.00')).toBeNull(), { timeout: 5000 });
  });

  it('speaks Chinese when the settings say so, and unwatching empties the list', async () => {
    db = new ZhongcaoDb(`seller-page-${++counter}`);
    await storeListings([capture()], { db });
    await setWatched('taobao:10001', true, { db });
    const connector = createFakeConnector({
      'watch:check': ({ action }) => ({ state: action === 'start' ? 'running' : 'idle', total: 1, done: 0, read: 0, noReading: 0, changed: 0, current: '小熊刺绣卫衣' }),
    });
    render(<SellerPage db={db} language="zh-CN" clearBadge={async () => {}} connector={connector} />);
    fireEvent.click(await screen.findByRole('button', { name: '立即检查关注列表' }, { timeout: 5000 }));
    await waitFor(() => expect(screen.getByTestId('check-status').textContent).toBe('正在检查第 1/1 个：小熊刺绣卫衣'), { timeout: 5000 });
    expect(connector.calls.map((call) => call.payload)).toContainEqual({ action: 'start' });
    // Generous waits: under a loaded machine the live query takes its time.
    fireEvent.click(await screen.findByRole('button', { name: /^取消关注/ }, { timeout: 5000 }));
    expect(await screen.findByText('还没有关注的商品', {}, { timeout: 5000 })).toBeTruthy();
  });

  it('shows stock as the pages said it, in both languages, and a resumed check says so', async () => {
    db = new ZhongcaoDb(`seller-page-${++counter}`);
    await storeListings([capture({ availability: 'in-stock' })], { db });
    await setWatched('taobao:10001', true, { db });
    const soldOut = capture({ seenAt: T0 + HOUR, availability: 'sold-out' });
    // A search card after it says nothing about stock: the column keeps what the item page said.
    const card = capture({ seenAt: T0 + 2 * HOUR, priceCny: 88 });
    await storeListings([soldOut, card], { db });
    await recordSightings([soldOut, card], db);
    const connector = createFakeConnector({
      'watch:check': () => ({ state: 'running', total: 3, done: 1, read: 1, noReading: 0, changed: 0, resumed: 1 }),
    });
    const { unmount } = render(<SellerPage db={db} language="en" clearBadge={async () => {}} connector={connector} />);
    await waitFor(() => expect(screen.getByTestId('stock').textContent).toBe('Sold out'), { timeout: 5000 });
    expect(screen.getByTestId('stock').getAttribute('data-availability')).toBe('sold-out');
    const history = [...screen.getByTestId('history').querySelectorAll('tbody tr')].map((tr) => tr.lastElementChild?.textContent);
    expect(history).toEqual(['Not shown', 'Sold out', 'In stock']);
    await waitFor(() => expect(screen.getByTestId('check-resumed').textContent).toContain('went on where it was'), { timeout: 5000 });
    unmount();
    render(<SellerPage db={db} language="zh-CN" clearBadge={async () => {}} connector={connector} />);
    await waitFor(() => expect(screen.getByTestId('stock').textContent).toBe('已售罄'), { timeout: 5000 });
    expect(screen.getByRole('checkbox', { name: '售罄或下架' })).toBeTruthy();
  });

  it('"Check now" cannot be pressed with nothing watched', async () => {
    db = new ZhongcaoDb(`seller-page-${++counter}`);
    const connector = createFakeConnector({ 'watch:check': () => ({ state: 'idle', total: 0, done: 0, read: 0, noReading: 0, changed: 0 }) });
    render(<SellerPage db={db} language="en" clearBadge={async () => {}} connector={connector} />);
    await screen.findByTestId('empty', {}, { timeout: 5000 });
    expect(screen.getByTestId('check-now')).toHaveProperty('disabled', true);
  });
});
