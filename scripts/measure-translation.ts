/**
 * Time to the first and the last machine-translated block of the fixture note, per remote provider,
 * with every stand-in answering 100 ms late (a nearby server on a real network). Runs the built
 * extension in Chromium on loopback, like the e2e tests; nothing reaches the internet.
 *
 *   npx wxt build && npx tsx scripts/measure-translation.ts [runs]
 *
 * Times are from the navigation's start (`performance.now()` in the page) to the moment the
 * block's element shows a provider's translation. Printed as medians over the runs, with the range.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_BUILD, launchWithExtension } from '../tests/support/chromium';
import { startFixtureServer } from '../tests/support/fixture-server';
import { DEEPL_KEY, startTranslationStandIns } from '../tests/support/translation-standins';
import { setTranslationSettings } from '../tests/support/translation-settings';

const runs = Number(process.argv[2] ?? 5);
const LATENCY_MS = 100;
const NOTE_URL = 'https://www.xiaohongshu.com/explore/6745a1b2000000001e01c3d4?xsec_token=ABmeasure&xsec_source=pc_feed';
const WEB_HOSTS = ['translate.googleapis.com', 'edge.microsoft.com', 'api-edge.cognitive.microsofttranslator.com'];
/** Title, caption, three comments and a reply (one comment loads after the note opens). */
const BLOCKS = 6;

const standIns = await startTranslationStandIns({ lifetimeMs: 30 * 60_000 });
standIns.setLatency(LATENCY_MS);
const server = await startFixtureServer({
  extraHosts: WEB_HOSTS,
  handler: async (req, res) => WEB_HOSTS.includes((req.headers.host ?? '').replace(/:\d+$/, '')) && (await standIns.handle(req, res)),
});
const buildCopy = mkdtempSync(join(tmpdir(), 'zhongcao-measure-'));
cpSync(CHROME_BUILD, buildCopy, { recursive: true });
const manifestPath = join(buildCopy, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
manifest.host_permissions.push('http://127.0.0.1/*', ...WEB_HOSTS.map((host) => `https://${host}/*`));
writeFileSync(manifestPath, JSON.stringify(manifest));
const ext = await launchWithExtension(server, { extensionDir: buildCopy });

const endpoint = (kind: 'libretranslate' | 'deepl' | 'openai') => ({
  translationProviders: ['endpoint', 'glossary'],
  endpoint: { kind, url: kind === 'openai' ? `${standIns.url}/v1` : standIns.url, apiKey: kind === 'deepl' ? DEEPL_KEY : '', model: kind === 'openai' ? 'qwen2.5:7b' : '', allowHttp: false },
});
const CASES: Array<[string, Record<string, unknown>]> = [
  ['LibreTranslate', endpoint('libretranslate')],
  ['DeepL', endpoint('deepl')],
  ['OpenAI-compatible chat', endpoint('openai')],
  ['Google (web)', { translationProviders: ['google-web', 'glossary'] }],
  ['Microsoft (web)', { translationProviders: ['microsoft-web', 'glossary'] }],
];

/** Writes the settings and empties the translation cache. */
const prepare = (settings: Record<string, unknown>) => setTranslationSettings(ext, settings);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows: string[] = [];
try {
  for (const [name, settings] of CASES) {
    const firsts: number[] = [];
    const lasts: number[] = [];
    const counts: number[] = [];
    const requests: number[] = [];
    for (let run = 0; run < runs; run++) {
      await prepare(settings);
      standIns.received.length = 0;
      const page = await ext.browser.newPage();
      await page.evaluateOnNewDocument(() => {
        const times: Record<string, number> = {};
        (window as unknown as { __zcTimes: Record<string, number> }).__zcTimes = times;
        new MutationObserver(() => {
          for (const element of document.querySelectorAll('[data-zc-translation]')) {
            const provider = element.getAttribute('data-zc-translation');
            const field = element.getAttribute('data-zc-field');
            if (field && provider && provider !== 'glossary' && !(field in times)) times[field] = performance.now();
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-zc-translation'] });
      });
      await page.goto(NOTE_URL, { waitUntil: 'load' });
      const deadline = Date.now() + 20_000;
      let times: Record<string, number> = {};
      while (Date.now() < deadline) {
        times = await page.evaluate(() => ({ ...(window as unknown as { __zcTimes: Record<string, number> }).__zcTimes }));
        if (Object.keys(times).length >= BLOCKS) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const values = Object.values(times);
      counts.push(values.length);
      requests.push(standIns.received.length);
      if (values.length > 0) {
        firsts.push(Math.min(...values));
        lasts.push(Math.max(...values));
      }
      await page.close();
    }
    const range = (values: number[]) => `${Math.round(median(values))} (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`;
    rows.push(`| ${name} | ${median(counts)} of ${BLOCKS} | ${median(requests)} | ${range(firsts)} | ${range(lasts)} |`);
  }
} finally {
  await ext.close();
  await server.close();
  await standIns.close();
  rmSync(buildCopy, { recursive: true, force: true });
}
console.log(`Fixture note, stand-ins answering ${LATENCY_MS} ms late, ${runs} runs, median (min–max), ms from navigation start:\n`);
console.log('| Provider | Blocks translated | Requests | First block | Last block |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
