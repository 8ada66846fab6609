import { readFileSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZhongcaoDb } from '../../../lib/db';
import { bundledFxRates } from '../../../lib/landed/bundled';
import { ecbToCnyRates, parseEcbXml } from '../../../lib/landed/ecb';
import { loadFxRates, refreshFxRates, refreshFxRatesIfDue, type FetchLike } from '../../../lib/landed/store';

/** The ECB's eurofxref-daily.xml of 2026-10-06, as published (kept beside the bundled rates). */
const XML = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../lib/landed/data/ecb-eurofxref-2026-10-06.xml'), 'utf8');

/** A loopback stand-in for www.ecb.europa.eu: the daily file at its real path, an outage page elsewhere. */
let server: Server;
let base = '';
const served: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    served.push(request.url ?? '');
    if (request.url === '/stats/eurofxref/eurofxref-daily.xml') {
      response.writeHead(200, { 'content-type': 'text/xml' }).end(XML);
    } else if (request.url === '/maintenance') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Maintenance</body></html>');
    } else {
      response.writeHead(503).end('unavailable');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** Real HTTP through Node (the unit environment's DOM fetch is not the extension's). */
const httpFetch: FetchLike = (url) =>
  new Promise((done, fail) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        done({ ok: (response.statusCode ?? 0) < 400, status: response.statusCode ?? 0, text: async () => body, json: async () => JSON.parse(body) as unknown }),
      );
    }).on('error', fail);
  });

const dbs: ZhongcaoDb[] = [];
const freshDb = () => {
  const db = new ZhongcaoDb(`ecb-test-${dbs.length}`);
  dbs.push(db);
  return db;
};
afterAll(() => Promise.all(dbs.map((db) => db.delete())));

describe('the ECB daily reference rates', () => {
  it('reads the day and every rate, and crosses CNY through the euro', () => {
    const day = parseEcbXml(XML);
    expect(day.date).toBe('2026-10-06');
    expect(Object.keys(day.perEur)).toHaveLength(30); // 29 currencies and the euro
    const fx = ecbToCnyRates(day);
    // USD per CNY = 1.1269 / 7.5554; JPY = 178.15 / 7.5554; EUR = 1 / 7.5554.
    expect(fx.rates).toMatchObject({ USD: 0.149152, JPY: 23.5792, EUR: 0.132356, GBP: 0.112343, SGD: 0.190486 });
    expect(fx.asOf).toBe('2026-10-06');
  });

  it('is the bundled set, dated, with its source page', () => {
    expect(bundledFxRates()).toEqual(ecbToCnyRates(parseEcbXml(XML)));
    expect(bundledFxRates().sourceUrl).toBe('https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml');
  });

  it.each([
    ['a page without rates', '<html>maintenance</html>', /no dated rates/],
    ['a file without CNY', "<Cube><Cube time='2026-10-06'><Cube currency='USD' rate='1.1'/></Cube></Cube>", /no CNY rate/],
    ['an impossible day', "<Cube><Cube time='2026-02-30'><Cube currency='CNY' rate='7.5'/></Cube></Cube>", /not a calendar day/],
  ])('refuses %s', (_label, xml, message) => {
    expect(() => parseEcbXml(xml)).toThrow(message);
  });

  it('refreshes from a loopback stand-in speaking the ECB format, and keeps the rates on a bad answer', async () => {
    const db = freshDb();
    const url = `${base}/stats/eurofxref/eurofxref-daily.xml`;
    const result = await refreshFxRates(url, httpFetch, db);
    expect(result).toMatchObject({ ok: true, fx: { asOf: '2026-10-06', rates: { USD: 0.149152 }, sourceUrl: url } });
    expect((await loadFxRates(db)).rates.USD).toBe(0.149152);

    expect(await refreshFxRates(`${base}/maintenance`, httpFetch, db)).toMatchObject({ ok: false });
    expect(await refreshFxRates(`${base}/down`, httpFetch, db)).toEqual({ ok: false, error: `${base}/down answered HTTP 503` });
    expect((await loadFxRates(db)).asOf).toBe('2026-10-06');
  });

  it('refreshes once a day, and only when the user granted the host', async () => {
    const db = freshDb();
    const url = `${base}/stats/eurofxref/eurofxref-daily.xml`;
    const day = Date.parse('2026-12-06T09:00:00Z');
    const before = served.length;
    expect(await refreshFxRatesIfDue(url, httpFetch, async () => false, db, day)).toBe('not-allowed');
    expect(await refreshFxRatesIfDue('', httpFetch, async () => true, db, day)).toBe('not-allowed');
    expect(served.length).toBe(before);
    expect(await refreshFxRatesIfDue(url, httpFetch, async () => true, db, day)).toMatchObject({ ok: true });
    expect(await refreshFxRatesIfDue(url, httpFetch, async () => true, db, day + 23 * 3_600_000)).toBe('not-due');
    expect(await refreshFxRatesIfDue(url, httpFetch, async () => true, db, day + 25 * 3_600_000)).toMatchObject({ ok: true });
    expect(served.length).toBe(before + 2);
  });
});
