import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureIndex, realFixtureIndex, REAL_TAOBAO_FIXTURES } from '../fixtures/taobao-fixtures';

/**
 * Serves the fixture pages under the real hostnames, over http and https on loopback. Chromium is
 * pointed here with --host-resolver-rules, so the content scripts see `www.xiaohongshu.com`,
 * `s.taobao.com`… exactly as on the real sites. Nothing here reaches the internet.
 */

const here = dirname(fileURLToPath(import.meta.url));
export const PAGES_DIR = join(here, '..', 'fixtures', 'pages');
export const FIXTURE_HOSTS = [
  'www.xiaohongshu.com',
  'www.rednote.com',
  's.taobao.com',
  'item.taobao.com',
  'detail.tmall.com',
  'detail.tmall.hk',
  // Where Taobao sends a visitor to an item that was taken down.
  'error.item.taobao.com',
  // Where Taobao sends a visitor who must log in: tests serve a login wall here.
  'login.taobao.com',
  // A buying agent's site, where "Buy via Superbuy" lands: answered by overrides only (tests assert the request).
  'www.superbuy.com',
] as const;

export type Override = (
  req: IncomingMessage,
  url: URL,
) => { status?: number; type?: string; body: string; headers?: Record<string, string> } | null | undefined;

export interface FixtureServer {
  httpPort: number;
  httpsPort: number;
  /** Chromium flags that map every fixture host to these servers. */
  chromiumArgs: string[];
  /** Answer some requests differently (a second visit at another price, a broken page…). */
  setOverride(override: Override | null): void;
  /** Every path requested, per host, for assertions such as "nothing was fetched from X". */
  requests: Array<{ host: string; path: string }>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

const NOTE_ROUTE = /^\/(?:explore|discovery\/item|search_result)\/([0-9a-f]{24})$/;

/** Maps a request on a fixture host to a file under tests/fixtures/pages, or null for 404. */
export async function resolveFixture(host: string, url: URL): Promise<string | null> {
  const path = url.pathname;
  if (path.startsWith('/__fixtures/')) {
    const site = host.includes('xiaohongshu') || host.includes('rednote') ? 'xiaohongshu' : 'taobao';
    return safeJoin(join(PAGES_DIR, site), path.slice('/__fixtures/'.length));
  }
  if (host === 'www.xiaohongshu.com' || host === 'www.rednote.com') {
    const layout = url.searchParams.get('zc_fixture_layout');
    if (path === '/' || path === '/explore') return join(PAGES_DIR, 'xiaohongshu', 'feed.html');
    if (path === '/search_result') return join(PAGES_DIR, 'xiaohongshu', 'search.html');
    const note = NOTE_ROUTE.exec(path);
    if (note) {
      const name = layout ? `note-${note[1]}.${layout}.html` : `note-${note[1]}.html`;
      return join(PAGES_DIR, 'xiaohongshu', name);
    }
    return null;
  }
  const index = fixtureIndex();
  const real = realFixtureIndex();
  if (host === 's.taobao.com' && path === '/search') {
    const query = (url.searchParams.get('q') ?? '').trim().replace(/\s+/g, ' ');
    // Taobao finds the same items with or without the space between brand and product (得力便利贴,
    // 得力 便利贴): so does the stand-in, or the second note's own search would reach no page.
    const unspaced = query.replace(/ /g, '');
    const entry = index.search[query] ?? Object.entries(index.search).find(([known]) => known.replace(/ /g, '') === unspaced)?.[1];
    if (entry) return join(PAGES_DIR, 'taobao', entry.file);
    const realEntry = real.search[query];
    return realEntry ? join(REAL_TAOBAO_FIXTURES, realEntry.file) : null;
  }
  if (path === '/item.htm') {
    const id = url.searchParams.get('id') ?? '';
    const entry = index.items[id];
    // An item page is only served on the host it belongs to (Tmall items on detail.tmall.com…).
    if (entry) return entry.host === host ? join(PAGES_DIR, 'taobao', entry.file) : null;
    const realEntry = real.items[id];
    return realEntry && realEntry.host === host ? join(REAL_TAOBAO_FIXTURES, realEntry.file) : null;
  }
  return null;
}

function safeJoin(base: string, relative: string): string | null {
  const full = normalize(join(base, relative));
  return full.startsWith(base) ? full : null;
}

function extname(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? '' : file.slice(dot);
}

export interface FixtureServerOptions {
  /** More hostnames to map here (a web service's stand-in), answered by `handler`. */
  extraHosts?: readonly string[];
  /** Answers a request on any host first; resolves false to let the fixtures answer. */
  handler?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export async function startFixtureServer({ extraHosts = [], handler }: FixtureServerOptions = {}): Promise<FixtureServer> {
  let override: Override | null = null;
  const requests: Array<{ host: string; path: string }> = [];

  const handle = async (req: IncomingMessage, res: ServerResponse, scheme: 'http' | 'https') => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `${scheme}://${host}`);
    requests.push({ host, path: url.pathname + url.search });
    if (handler && (await handler(req, res))) return;
    const custom = override?.(req, url);
    if (custom) {
      res.writeHead(custom.status ?? 200, { 'content-type': custom.type ?? 'text/html; charset=utf-8', 'cache-control': 'no-store', ...custom.headers });
      res.end(custom.body);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const file = (FIXTURE_HOSTS as readonly string[]).includes(host) ? await resolveFixture(host, url) : null;
    if (file) {
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
        return;
      } catch {
        // fall through to 404
      }
    }
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>404</title><p>Not a fixture page.</p>');
  };

  const [key, cert] = await Promise.all([
    readFile(join(here, 'certs', 'key.pem')),
    readFile(join(here, 'certs', 'cert.pem')),
  ]);
  const http = createHttpServer((req, res) => void handle(req, res, 'http'));
  const https = createHttpsServer({ key, cert }, (req, res) => void handle(req, res, 'https'));
  const listen = (server: Server) =>
    new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const [httpPort, httpsPort] = await Promise.all([listen(http), listen(https)]);
  const rules = [...FIXTURE_HOSTS, ...extraHosts].flatMap((host) => [`MAP ${host}:80 127.0.0.1:${httpPort}`, `MAP ${host}:443 127.0.0.1:${httpsPort}`]);
  return {
    httpPort,
    httpsPort,
    chromiumArgs: [`--host-resolver-rules=${rules.join(',')},EXCLUDE 127.0.0.1`, '--ignore-certificate-errors'],
    setOverride(next) {
      override = next;
    },
    requests,
    close: async () => {
      http.closeAllConnections();
      https.closeAllConnections();
      await Promise.all([new Promise((r) => http.close(r)), new Promise((r) => https.close(r))]);
    },
  };
}
