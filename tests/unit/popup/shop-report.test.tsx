import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popup, type SettingsSource } from '../../../components/popup/Popup';
import type { ShopPageReport } from '../../../lib/messaging/shop-report';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { fakeBackground } from './fake-background';

const settingsOf = (patch: Partial<Settings> = {}): SettingsSource => ({ load: async () => ({ ...DEFAULT_SETTINGS, ...patch }) });

const itemReport: ShopPageReport = {
  kind: 'item',
  report: { found: ['title', 'shop', 'sales', 'image'], missing: ['price'], layout: '2024' },
  cards: 1,
  listings: 1,
  skipped: { ad: 0, 'no-id': 0, error: 0, budget: 0 },
  at: 1,
};

const searchReport: ShopPageReport = {
  kind: 'search',
  report: { found: ['title', 'price', 'location', 'image'], missing: ['sales', 'shop'], layout: '2023' },
  cards: 50_503,
  listings: 2,
  skipped: { ad: 1, 'no-id': 0, error: 0, budget: 50_000 },
  at: 1,
};

const withReport = (report: ShopPageReport | null) =>
  fakeBackground({ handlers: { 'shop:report-get': () => report, 'tab:skeleton': () => ({ skeleton: 'path: item.taobao.com/item.htm\ndiv#ice-container\n  div.tbpc-layout' }) } });

afterEach(() => vi.restoreAllMocks());

describe('what the reader of a Taobao page found', () => {
  it('says exactly what an item page did not show', async () => {
    render(<Popup connector={withReport(itemReport).connector} tabId={4} settings={settingsOf()} />);
    expect((await screen.findByTestId('shop-report-missing')).textContent).toBe('Price not found on this item page.');
    expect(screen.getByTestId('shop-report-read').textContent).toBe('Read this item page (2024 layout).');
  });

  it('names several missing fields and the cards skipped, in Chinese too', async () => {
    render(<Popup connector={withReport(searchReport).connector} tabId={4} settings={settingsOf({ uiLanguage: 'zh-CN' })} />);
    expect((await screen.findByTestId('shop-report-missing')).textContent).toBe('此搜索页面上未找到销量和店铺。');
    expect(screen.getByTestId('shop-report-skipped').textContent).toBe('跳过 50001 张卡片：1 个链接不含商品编号的广告、50000 个超出本页前 500 个的上限。');
  });

  it('copies the page skeleton and the report, and says it holds no text', async () => {
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<Popup connector={withReport(itemReport).connector} tabId={4} settings={settingsOf()} />);
    fireEvent.click(await screen.findByTestId('copy-diagnostics'));
    await waitFor(() => expect(screen.getByTestId('diagnostics-copied').textContent).toMatch(/no text/));
    const copied = writeText.mock.calls[0]?.[0] ?? "";
    expect(copied).toContain('missing: price');
    expect(copied).toContain('div#ice-container');
  });

  it('keeps "Not a note page" for a tab no reader reported on', async () => {
    render(<Popup connector={withReport(null).connector} tabId={4} settings={settingsOf()} />);
    expect((await screen.findByTestId('empty')).textContent).toMatch(/Not a note page/);
  });
});
