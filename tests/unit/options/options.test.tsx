import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Options } from '../../../components/options/Options';
import { backupToJson, exportEverything } from '../../../lib/backup/index';
import { bundledRateCards } from '../../../lib/landed/bundled';
import { saveUserRateCard } from '../../../lib/landed/store';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { STORAGE_WARNING_KEY } from '../../../lib/db/storage-quota';
import { deleteOpened, dump, freshDb, seedProfile } from '../backup/seed';
import { fakeServices, jsonFile, TODAY, type FakeServices } from './services';

afterEach(deleteOpened);

async function open(initial = {}, overrides = {}): Promise<FakeServices> {
  const services = await fakeServices(freshDb('options-test'), initial, overrides);
  render(<Options services={services} />);
  await screen.findByRole('heading', { level: 1, name: /settings|设置/ });
  // Every section has read the database.
  await waitFor(() => {
    expect(document.querySelector('[data-line]')).toBeTruthy();
    expect(screen.getByTestId('fx-source')).toBeTruthy();
    expect(screen.getByTestId('storage-used').textContent).not.toBe('');
  });
  return services;
}

const status = () => screen.getByTestId('status').textContent;
const line = (id: string) => document.querySelector<HTMLElement>(`[data-line="${id}"]`)!;

describe('options page: settings', () => {
  it('shows loading first, then saves a change and says so', async () => {
    const services = await fakeServices(freshDb('options-test'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = services.settings.load;
    services.settings.load = async () => (await gate, load());
    render(<Options services={services} />);
    expect(screen.getByRole('status').textContent).toMatch(/Loading settings/);
    release();
    const destination = await screen.findByRole('combobox', { name: 'Destination country' });
    fireEvent.change(destination, { target: { value: 'GB' } });
    await waitFor(() => expect(status()).toBe('Saved'));
    expect(services.stored().destination).toBe('GB');
    // The currency came with the destination; a currency picked by hand then stays.
    expect(services.stored().currency).toBe('GBP');
    expect((screen.getByRole('combobox', { name: 'Currency' }) as HTMLSelectElement).value).toBe('GBP');
    fireEvent.change(screen.getByRole('combobox', { name: 'Currency' }), { target: { value: 'USD' } });
    await waitFor(() => expect(services.stored().currency).toBe('USD'));
    fireEvent.change(destination, { target: { value: 'CA' } });
    await waitFor(() => expect(services.stored().destination).toBe('CA'));
    expect(services.stored().currency).toBe('USD');
  });

  it('says when the settings cannot be read', async () => {
    await fakeServices(freshDb('options-test')).then((services) => {
      services.settings.load = () => Promise.reject(new Error('storage gone'));
      render(<Options services={services} />);
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/storage gone/);
  });

  it('speaks Simplified Chinese when asked, everywhere on the page', async () => {
    await open();
    fireEvent.change(screen.getByRole('combobox', { name: 'Interface language' }), { target: { value: 'zh-CN' } });
    expect(await screen.findByRole('heading', { level: 1, name: '种草 设置' })).toBeTruthy();
    await waitFor(() => expect(status()).toBe('已保存'));
    expect(screen.getByRole('heading', { level: 2, name: '集运商与线路' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '导出全部数据' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('zh-CN'));
  });

  it('reorders translation providers and switches one off', async () => {
    const services = await open();
    fireEvent.click(screen.getByRole('button', { name: /Move up: Your translation endpoint/ }));
    await waitFor(() => expect(services.stored().translationProviders).toEqual(['endpoint', 'on-device', 'glossary']));
    fireEvent.click(screen.getByRole('checkbox', { name: /Use: On-device/ }));
    await waitFor(() => expect(services.stored().translationProviders).toEqual(['endpoint', 'glossary']));
    expect((screen.getByRole('checkbox', { name: /Use: Offline word-by-word reading/ }) as HTMLInputElement).disabled).toBe(true);
  });
});

describe('options page: translation endpoint', () => {
  it('asks for the host permission, then translates the sample and shows it', async () => {
    const services = await open();
    services.fetch.mockImplementation(async () => new Response(JSON.stringify({ translatedText: ['Planted: this embroidered sweatshirt'] })));
    fireEvent.input(screen.getByRole('textbox', { name: 'URL' }), { target: { value: 'http://127.0.0.1:5000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    // Asked straight from the click, before anything awaited: the user gesture is still on.
    expect(services.requestOrigin).toHaveBeenCalledWith('http://127.0.0.1/*');
    expect((await screen.findByText(/Planted: this embroidered sweatshirt/)).textContent).toContain('种草了这件刺绣卫衣');
    expect(services.fetch.mock.calls[0]![0]).toBe('http://127.0.0.1:5000/translate');
  });

  it('shows the error when the permission is refused or the server fails, and saves only on Save', async () => {
    const services = await open();
    fireEvent.input(screen.getByRole('textbox', { name: 'URL' }), { target: { value: 'https://translate.example' } });
    services.requestOrigin.mockResolvedValueOnce(false);
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/translate\.example was not granted/);
    services.fetch.mockResolvedValueOnce(new Response('down', { status: 500 }));
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/500/));
    expect(services.stored().endpoint.url).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Save endpoint' }));
    await waitFor(() => expect(services.stored().endpoint.url).toBe('https://translate.example'));
    expect(status()).toBe('Endpoint saved');
  });
});

describe('options page: remote translation', () => {
  it('turns a web service on only from its notice, asking for its hosts there', async () => {
    const services = await open();
    fireEvent.click(screen.getByRole('checkbox', { name: /Use: Microsoft Translator/ }));
    const notice = await screen.findByTestId('notice-microsoft-web');
    expect(notice.textContent).toMatch(/edge\.microsoft\.com.*api-edge\.cognitive\.microsofttranslator\.com/);
    expect(services.stored().translationProviders).not.toContain('microsoft-web');
    expect(services.requestOrigin).not.toHaveBeenCalled();
    fireEvent.click(within(notice).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('notice-microsoft-web')).toBeNull();
    expect(services.stored().translationProviders).not.toContain('microsoft-web');

    fireEvent.click(screen.getByRole('checkbox', { name: /Use: Microsoft Translator/ }));
    fireEvent.click(within(await screen.findByTestId('notice-microsoft-web')).getByRole('button', { name: 'Turn on' }));
    // Asked inside the click, before anything awaited.
    expect(services.requestOrigin.mock.calls.map(([pattern]) => pattern)).toEqual(['https://edge.microsoft.com/*', 'https://api-edge.cognitive.microsofttranslator.com/*']);
    await waitFor(() => expect(services.stored().translationProviders).toEqual(['on-device', 'endpoint', 'microsoft-web', 'glossary']));
  });

  it('keeps a web service off when the browser refuses its hosts', async () => {
    const services = await open();
    services.requestOrigin.mockResolvedValue(false);
    fireEvent.click(screen.getByRole('checkbox', { name: /Use: Google Translate/ }));
    fireEvent.click(within(await screen.findByTestId('notice-google-web')).getByRole('button', { name: 'Turn on' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/translate\.googleapis\.com was not granted/);
    expect(services.stored().translationProviders).not.toContain('google-web');
  });

  it('tests a web service and reports what it answered', async () => {
    const services = await open({ translationProviders: ['google-web', 'glossary'] });
    services.fetch.mockImplementation(async () => new Response(JSON.stringify([[['Planted this embroidered hoodie', '种草了这件刺绣卫衣', null, null, 10]], null, 'zh-CN'])));
    fireEvent.click(screen.getByRole('button', { name: 'Test: Google Translate (web, no key)' }));
    expect(await screen.findByText(/Planted this embroidered hoodie/)).toBeTruthy();
    expect(String(services.fetch.mock.calls[0]![0])).toMatch(/^https:\/\/translate\.googleapis\.com\/translate_a\/single\?client=gtx&sl=zh-CN&tl=en&dt=t&q=/);
  });

  it('needs an explicit "I understand" for plain http to another machine', async () => {
    const services = await open();
    fireEvent.input(screen.getByRole('textbox', { name: 'URL' }), { target: { value: 'http://192.168.1.20:5000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save endpoint' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/192\.168\.1\.20:5000 is not on this machine/);
    expect(services.stored().endpoint.url).toBe('');
    fireEvent.click(screen.getByRole('checkbox', { name: /I understand/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save endpoint' }));
    await waitFor(() => expect(services.stored().endpoint).toMatchObject({ url: 'http://192.168.1.20:5000', allowHttp: true }));
  });

  it('sets the character budgets and shows today’s count and the last error in full', async () => {
    const services = await open(
      {},
      {
        translationStatus: async () => ({
          errors: [{ provider: 'endpoint:libretranslate', code: 'http', message: '127.0.0.1:5000 answered 500: Translation model crashed.', at: TODAY }],
          usage: { day: new Date(TODAY).toLocaleDateString('sv'), chars: 12_345, requests: 7 },
        }),
      },
    );
    expect((await screen.findByTestId('last-error-endpoint')).textContent).toMatch(/answered 500: Translation model crashed/);
    expect(screen.getByTestId('usage-today').textContent).toMatch(/12,345 characters in 7 requests/);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Characters per note' }), { target: { value: '5000' } });
    await waitFor(() => expect(services.stored().translationBudget).toEqual({ perNote: 5000, perDay: 200_000 }));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Characters per day' }), { target: { value: '-3' } });
    await waitFor(() => expect(services.stored().translationBudget).toEqual({ perNote: 5000, perDay: 0 }));
  });
});

describe('options page: forwarders and rate cards', () => {
  it('groups the lines to the destination by forwarder, with dates and a warning on cards older than 90 days', async () => {
    await open();
    expect(document.querySelector('[data-forwarder="Cainiao"]')).toBeTruthy();
    expect(line('cainiao-gb-air')).toBeNull();
    // 2025-07-23 and 2026-08-18 are more than 90 days before 2026-11-26; 2026-09-10 is not.
    expect(within(line('cainiao-us-sea-tax-included')).getByTestId('stale').title).toMatch(/days old/);
    expect(within(line('superbuy-us-ocean')).getByTestId('stale')).toBeTruthy();
    expect(within(line('cssbuy-us-ems')).queryByTestId('stale')).toBeNull();
    expect(line('cssbuy-us-ems').textContent).toMatch(/as of Sep 10, 2026/);
  });

  it('switches a line off and on', async () => {
    const services = await open();
    fireEvent.click(within(line('cssbuy-us-ems')).getByRole('checkbox'));
    await waitFor(() => expect(services.stored().disabledLines).toEqual(['cssbuy-us-ems']));
    fireEvent.click(within(line('cssbuy-us-ems')).getByRole('checkbox'));
    await waitFor(() => expect(services.stored().disabledLines).toEqual([]));
  });

  it('lists every import error with its card and field, and changes nothing', async () => {
    const services = await open();
    const before = await services.db.rateCards.toArray();
    const good = bundledRateCards()[0]!;
    const bad = { ...good, id: 'my-line', roundingStepKg: 'heavy', destinations: ['XX'] };
    fireEvent.change(screen.getByLabelText('Import rate cards (JSON)'), { target: { files: [jsonFile({ cards: [good, bad, { forwarder: 'x' }] })] } });
    const errors = await screen.findByTestId('import-errors');
    expect(errors.textContent).toMatch(/Nothing was imported/);
    const items = within(errors).getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Card 2 \(my-line\) destinations\.0: /),
        expect.stringMatching(/^Card 2 \(my-line\) roundingStepKg: .*number/),
        expect.stringMatching(/^Card 3 id: /),
      ]),
    );
    expect(await services.db.rateCards.toArray()).toEqual(before);
  });

  it('imports a good file and exports the cards', async () => {
    const services = await open();
    const card = { ...bundledRateCards()[0]!, id: 'my-line', name: 'My line', asOf: '2026-11-20' };
    fireEvent.change(screen.getByLabelText('Import rate cards (JSON)'), { target: { files: [jsonFile({ cards: [card] })] } });
    await waitFor(() => expect(status()).toBe('Imported 1 cards: my-line'));
    await waitFor(() => expect(line('my-line')).toBeTruthy());
    expect(within(line('my-line')).queryByTestId('stale')).toBeNull();
    expect(line('my-line').textContent).toContain('yours');
    fireEvent.click(screen.getByRole('button', { name: 'Export rate cards' }));
    await waitFor(() => expect(services.downloads).toHaveLength(1));
    expect(services.downloads[0]!.fileName).toBe('zhongcao-rate-cards-2026-11-26.json');
    expect(JSON.parse(services.downloads[0]!.text).cards.map((c: { id: string }) => c.id)).toContain('my-line');
  });

  it('edits a card as JSON, shows field errors, saves it as the user’s own, and resets it', async () => {
    const services = await open();
    fireEvent.click(within(line('cssbuy-us-ems')).getByRole('button', { name: /Edit as JSON/ }));
    const editor = screen.getByRole('textbox', { name: 'Rate card cssbuy-us-ems as JSON' }) as HTMLTextAreaElement;
    const card = JSON.parse(editor.value);
    fireEvent.input(editor, { target: { value: JSON.stringify({ ...card, transitDays: { min: 'soon' } }) } });
    fireEvent.click(screen.getByRole('button', { name: 'Save card' }));
    const errors = await screen.findByTestId('editor-errors');
    expect(errors.textContent).toMatch(/transitDays\.min/);
    fireEvent.input(editor, { target: { value: '{ not json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save card' }));
    await waitFor(() => expect(screen.getByTestId('editor-errors').textContent).toMatch(/Not JSON/));
    fireEvent.input(editor, { target: { value: JSON.stringify({ ...card, name: 'CSSBuy EMS (my price)' }) } });
    fireEvent.click(screen.getByRole('button', { name: 'Save card' }));
    await waitFor(() => expect(status()).toBe('Saved cssbuy-us-ems as your own card'));
    expect(await services.db.rateCards.get('cssbuy-us-ems')).toMatchObject({ origin: 'user', card: { name: 'CSSBuy EMS (my price)' } });
    fireEvent.click(await screen.findByRole('button', { name: /Reset to the bundled card: CSSBuy EMS \(my price\)/ }));
    await waitFor(() => expect(status()).toBe('cssbuy-us-ems is back to the bundled card'));
    expect(await services.db.rateCards.get('cssbuy-us-ems')).toMatchObject({ origin: 'bundled' });
  });
});

describe('options page: exchange rates', () => {
  it('shows the rates with their date and source, and refreshes from the user’s URL after asking permission', async () => {
    const services = await open();
    expect(screen.getByTestId('fx-source').textContent).toMatch(/Rates of Oct 6, 2026\. Source: European Central Bank euro foreign exchange reference rates, 2026-10-06/);
    services.fetch.mockResolvedValueOnce(new Response(JSON.stringify({ base: 'CNY', date: '2026-11-25', rates: { USD: 0.14, EUR: 0.13 } })));
    fireEvent.input(screen.getByRole('textbox', { name: 'Refresh from this URL' }), { target: { value: 'https://rates.example/latest?from=CNY' } });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(services.requestOrigin).toHaveBeenCalledWith('https://rates.example/*');
    await waitFor(() => expect(status()).toMatch(/Exchange rates of Nov 25, 2026 loaded/));
    expect(screen.getByTestId('fx-source').textContent).toMatch(/Source: https:\/\/rates\.example/);
    expect(services.stored().fxRefreshUrl).toBe('https://rates.example/latest?from=CNY');
  });

  it('offers the ECB’s daily file, asks for its host, and reads its XML', async () => {
    const services = await open();
    const xml = "<gesmes:Envelope><Cube><Cube time='2026-12-04'><Cube currency='USD' rate='1.16'/><Cube currency='CNY' rate='8.12'/></Cube></Cube></gesmes:Envelope>";
    services.fetch.mockResolvedValueOnce(new Response(xml, { headers: { 'content-type': 'text/xml' } }));
    fireEvent.click(screen.getByTestId('fx-use-ecb'));
    expect((screen.getByRole('textbox', { name: 'Refresh from this URL' }) as HTMLInputElement).value).toBe('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml');
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(services.requestOrigin).toHaveBeenCalledWith('https://www.ecb.europa.eu/*');
    await waitFor(() => expect(status()).toMatch(/Exchange rates of Dec 4, 2026 loaded/));
    // 1.16 / 8.12 USD per CNY.
    expect((await services.db.fxRates.get('current'))?.rates.USD).toBe(0.142857);
    expect(screen.getByTestId('fx-source').textContent).toMatch(/European Central Bank euro foreign exchange reference rates, 2026-12-04/);
  });
});

describe('options page: data', () => {
  it('shows storage used and the records per table, and the storage-full warning until dismissed', async () => {
    const db = freshDb('options-test');
    await seedProfile(db);
    await db.meta.put({ key: STORAGE_WARNING_KEY, value: { at: TODAY, evicted: { listings: 12, translations: 30 }, recovered: true } });
    const services = await fakeServices(db);
    render(<Options services={services} />);
    await waitFor(() => expect(screen.getByTestId('storage-used').textContent).toMatch(/3 MB used of 10 GB/));
    await waitFor(() => expect(document.querySelector('[data-table="listings"] td')?.textContent).toBe('6'));
    const warning = screen.getByTestId('storage-warning');
    expect(warning.textContent).toMatch(/removed 12 old listings and 30 cached translations/);
    fireEvent.click(within(warning).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('storage-warning')).toBeNull());
    expect(await db.meta.get(STORAGE_WARNING_KEY)).toBeUndefined();
  });

  it('asks before deleting everything; cancel keeps the data, confirm deletes it and brings the bundled cards back', async () => {
    const db = freshDb('options-test');
    await seedProfile(db);
    const services = await fakeServices(db, { destination: 'GB' });
    render(<Options services={services} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete everything…' }));
    const dialog = screen.getByTestId('delete-confirm');
    expect(dialog.textContent).toMatch(/cannot be undone/);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await db.listings.count()).toBe(6);
    fireEvent.click(screen.getByRole('button', { name: 'Delete everything…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete everything' }));
    await waitFor(() => expect(status()).toMatch(/Everything was deleted/));
    expect(await db.listings.count()).toBe(0);
    expect(await db.basket.count()).toBe(0);
    expect(await db.rateCards.get('my-own-line')).toBeUndefined();
    expect(await db.rateCards.count()).toBe(bundledRateCards().length);
    expect(services.stored()).toEqual(DEFAULT_SETTINGS);
  });

  it('exports everything, refuses a damaged backup listing its errors, and restores a good one after asking', async () => {
    const source = freshDb('options-test');
    await seedProfile(source);
    const good = backupToJson(await exportEverything(source, { ...DEFAULT_SETTINGS, currency: 'EUR' }, { now: TODAY }));
    const services = await open();
    fireEvent.click(screen.getByRole('button', { name: 'Export everything' }));
    await waitFor(() => expect(services.downloads[0]?.fileName).toBe('zhongcao-backup-2026-11-26.json'));
    expect(JSON.parse(services.downloads[0]!.text)).toMatchObject({ format: 'zhongcao-backup', tables: { rateCards: expect.any(Array) } });

    const before = await dump(services.db);
    const damaged = JSON.parse(good);
    damaged.tables.basket[0].quantity = 0;
    fireEvent.change(screen.getByLabelText('Restore from a backup file'), { target: { files: [jsonFile(damaged)] } });
    const errors = await screen.findByTestId('restore-errors');
    expect(errors.textContent).toMatch(/nothing was changed/);
    expect(errors.textContent).toMatch(/Basket, record 1 \(taobao:10002\) quantity/);
    expect(await dump(services.db)).toEqual(before);

    fireEvent.change(screen.getByLabelText('Restore from a backup file'), { target: { files: [jsonFile(good)] } });
    const confirm = await screen.findByTestId('restore-confirm');
    expect(confirm.textContent).toMatch(/6 listings/);
    await waitFor(() => expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' })));
    fireEvent.click(within(confirm).getByRole('button', { name: 'Replace everything with this backup' }));
    await waitFor(() => expect(status()).toBe('Backup restored'));
    expect(await services.db.listings.count()).toBe(6);
    expect(await services.db.rateCards.get('my-own-line')).toBeDefined();
    expect(services.stored().currency).toBe('EUR');
    expect((screen.getByRole('combobox', { name: 'Currency' }) as HTMLSelectElement).value).toBe('EUR');
  });

  it('keeps a card the user saved when the page reloads', async () => {
    const db = freshDb('options-test');
    const services = await fakeServices(db);
    await saveUserRateCard({ ...bundledRateCards()[0]!, name: 'Mine' }, db, TODAY);
    render(<Options services={services} />);
    await waitFor(() => expect(line(bundledRateCards()[0]!.id)?.textContent).toMatch(/Mine.*yours/));
  });
});
