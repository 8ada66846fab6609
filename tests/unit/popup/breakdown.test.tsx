import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Popup, type SettingsSource } from '../../../components/popup/Popup';
import type { StoredListing } from '../../../lib/db';
import type { Mention, TabNoteState } from '../../../lib/messaging/schemas';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/schema';
import { fakeBackground } from './fake-background';

const settingsOf = (patch: Partial<Settings> = {}): SettingsSource => ({ load: async () => ({ ...DEFAULT_SETTINGS, ...patch }) });
const NOW = () => Date.parse('2026-12-06T12:00:00Z');
const mention = (field: string, start: number, text: string, rest: Partial<Mention>): Mention => ({
  field, start, end: start + text.length, text, kind: 'product', confidence: 0.9, ...rest,
});
const noteState: TabNoteState = {
  status: 'note',
  note: { id: 'b'.repeat(24), url: 'https://www.xiaohongshu.com/explore/y', title: '秋冬刺绣卫衣', layout: 'page', source: 'dom', comments: 0, replies: 0, images: 0, chars: 6 },
  mentions: [
    // Detection gives the note's price to the product written with it.
    mention('desc', 0, '刺绣卫衣', { category: 'hoodie', en: 'embroidered hoodie', query: '刺绣卫衣', confidence: 1, priceCny: 68.29 }),
    mention('desc', 10, '68.29元', { kind: 'price', priceCny: 68.29, confidence: 0.85 }),
  ],
  updatedAt: 1,
};
const listing = (itemId: string, title: string, priceCny: number): StoredListing => ({
  id: `taobao:${itemId}`, platform: 'taobao', itemId, title, priceCny, url: `https://item.taobao.com/item.htm?id=${itemId}`,
  seenAt: 1, firstSeenAt: 1, queries: ['刺绣卫衣'], watched: 0, shop: '小熊的店', sales: 23000,
});

/** The quote row of a line, once the quotes have come. */
async function rowOf(lineId: string): Promise<HTMLElement> {
  await screen.findAllByTestId('quote-total');
  // Lines past the first five sit behind "show all".
  const more = document.querySelector<HTMLButtonElement>('button.zc-more');
  if (more) fireEvent.click(more);
  return waitFor(() => {
    const row = document.querySelector<HTMLElement>(`tr[data-line="${lineId}"]`);
    if (!row) throw new Error(`no row for ${lineId}`);
    return row;
  });
}

describe('a quote taken apart, in the popup', () => {
  it('lists goods, China-side shipping, freight with its chargeable weight, each duty with its rule, source and date, and the rate with its date', async () => {
    const background = fakeBackground({ handlers: { 'note:get': () => noteState } });
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={NOW} />);
    await background.capture(listing('200001', '小熊刺绣卫衣 包邮', 72));
    // The note prices the hoodie, so the quote stays on the note's price until a listing is picked.
    fireEvent.click(await screen.findByRole('button', { name: 'Quote this' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: /Landed cost of ¥72.00 to US/ })).toBeTruthy());

    // A line without tax: CSSBuy EMS, duty added (hoodie MFN 16.5%, 301 7.5%, MPF $2.69).
    const ems = within(await rowOf('cssbuy-us-ems'));
    const breakdown = ems.getByTestId('breakdown');
    fireEvent.click(within(breakdown).getByText('Breakdown'));
    expect(within(breakdown).getByTestId('breakdown-goods').textContent).toContain('¥72.00');
    expect(within(breakdown).getByTestId('breakdown-china-shipping').textContent).toMatch(/the listing says 包邮.*¥0\.00/s);
    expect(within(breakdown).getByTestId('breakdown-freight').textContent).toMatch(/Chargeable 1 kg: actual 0\.795 kg with packing/);
    const duties = within(breakdown).getAllByTestId('breakdown-duty');
    expect(duties.map((row) => row.querySelector('th')?.firstChild?.textContent)).toEqual(['MFN duty', 'Section 301 duty', 'Merchandise processing fee']);
    expect(duties[0]?.textContent).toContain('16.5% on hoodie of the goods');
    expect(duties[0]?.textContent).toMatch(/paid to the carrier on delivery/);
    const source = duties[1]?.querySelector('a');
    expect(source?.getAttribute('href')).toMatch(/^https:\/\/ustr\.gov\//);
    expect(source?.textContent).toMatch(/2024-09-13$/);
    expect(within(breakdown).getByTestId('breakdown-rate').textContent).toMatch(/1 CNY = 0\.1492 USD, European Central Bank .*, rates of 2026-10-06/);
  });

  it('shows the Cainiao 65% as a deposit outside the total', async () => {
    const background = fakeBackground({ handlers: { 'note:get': () => noteState } });
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={NOW} />);
    const row = within(await rowOf('cainiao-us-air-economy-duty-precollected'));
    expect(row.getByTestId('breakdown-deposit').textContent).toMatch(/Deposit \(not in the total\).*settled against the duty/s);
  });

  it('assumes China-side shipping when the listing does not say 包邮, and takes the weight, box and shipping typed', async () => {
    const background = fakeBackground({ handlers: { 'note:get': () => noteState } });
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf()} now={NOW} />);
    await background.capture(listing('200002', '小熊刺绣卫衣', 72));
    // The note prices the hoodie, so the quote stays on the note's price until a listing is picked.
    fireEvent.click(await screen.findByRole('button', { name: 'Quote this' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: /Landed cost of ¥72.00 to US/ })).toBeTruthy());
    const sea = () => within(document.querySelector<HTMLElement>('tr[data-line="cainiao-us-sea-tax-included"]')!);
    await waitFor(() => expect(sea().getByTestId('breakdown-china-shipping').textContent).toMatch(/hoodie: ¥8 assumed: the listing does not say 包邮.*¥8\.00/s));
    expect(screen.getByTestId('parcel-inputs').textContent).toContain('¥8 assumed: the listing does not say 包邮');

    fireEvent.input(screen.getByTestId('parcel-weight'), { target: { value: '0.85' } });
    fireEvent.input(screen.getByTestId('parcel-size'), { target: { value: '26 x 36 x 15' } });
    fireEvent.input(screen.getByTestId('parcel-shipping'), { target: { value: '0' } });
    // 26×36×15 ÷ 6000 = 2.34 kg → 2.5 kg on Cainiao sea.
    await waitFor(() => expect(sea().getByTestId('breakdown-freight').textContent).toMatch(/Chargeable 2\.5 kg: volume 2\.34 kg/));
    expect(sea().getByTestId('breakdown-china-shipping').textContent).toMatch(/hoodie: as you typed it.*¥0\.00/s);

    fireEvent.input(screen.getByTestId('parcel-size'), { target: { value: '26 x 36' } });
    expect(screen.getByTestId('parcel-size').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/Three sides above 0/);
  });

  it('speaks Simplified Chinese', async () => {
    const background = fakeBackground({ handlers: { 'note:get': () => noteState } });
    render(<Popup connector={background.connector} tabId={3} settings={settingsOf({ uiLanguage: 'zh-CN' })} now={NOW} />);
    const row = within(await rowOf('cainiao-us-sea-tax-included'));
    expect(row.getByText('费用明细')).toBeTruthy();
    expect(row.getByTestId('breakdown-china-shipping').textContent).toContain('国内运费');
  });
});
