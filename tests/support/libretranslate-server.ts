import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A LibreTranslate-compatible server on loopback for tests: `POST /translate` with
 * `{q: string | string[], source, target}` answers `{translatedText}` in the same shape. It can be
 * told to fail the ways real servers do. Bounded: bodies over 1 MB are refused, and it closes
 * itself after `lifetimeMs` even if a test forgets to, so a crashed run leaves nothing listening.
 */

export type LibreMode =
  /** Translates: "[en] 12 chars of zh" per text, with no Chinese left in it. */
  | 'ok'
  /** 500 with a LibreTranslate-style JSON error. */
  | 'error-500'
  /** Accepts the request and never answers (until the server stops). */
  | 'hang'
  /** 200 with a body that is not JSON. */
  | 'bad-json';

export interface LibreTranslateServer {
  url: string;
  port: number;
  setMode(mode: LibreMode): void;
  /** Every `q` received, in order. */
  received: string[][];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function fakeTranslation(text: string, source: string, target: string): string {
  return `[${target}] ${[...text].length} chars of ${source}`;
}

export async function startLibreTranslateServer({ lifetimeMs = 120_000 } = {}): Promise<LibreTranslateServer> {
  let mode: LibreMode = 'ok';
  const received: string[][] = [];

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/translate') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"Not found"}');
      return;
    }
    let body: { q?: unknown; source?: unknown; target?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":"Invalid request"}');
      return;
    }
    const texts = Array.isArray(body.q) ? body.q.map(String) : [String(body.q ?? '')];
    received.push(texts);
    if (mode === 'hang') return;
    if (mode === 'error-500') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"Translation model crashed"}');
      return;
    }
    if (mode === 'bad-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"translatedText": [');
      return;
    }
    const translated = texts.map((text) => fakeTranslation(text, String(body.source), String(body.target)));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ translatedText: Array.isArray(body.q) ? translated : translated[0] }));
  });

  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const close = () =>
    new Promise<void>((resolve) => {
      clearTimeout(lifetime);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const lifetime = setTimeout(() => void close(), lifetimeMs);
  lifetime.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setMode: (next) => (mode = next),
    received,
    close,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
