import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../lib/settings/schema';
import { pageSettingsFrom } from '../../../lib/translate/page-settings';
import { loadSettings, saveSettings } from '../../../lib/settings/store';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadPageSettings, pageSettingsOf, watchPageSettings, type PageSettings } from '../../../entrypoints/xiaohongshu.content/settings';

const fields = (raw: unknown): PageSettings => pageSettingsFrom(parseSettings(raw));

describe('the note page’s settings', () => {
  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['not an object', 'settings'],
    ['an array', [1, 2]],
    ['an empty object', {}],
    ['valid choices', { translationEnabled: false, translationTarget: 'ja', translationProviders: ['glossary', 'endpoint'], endpoint: { kind: 'deepl', url: 'https://api.deepl.com', apiKey: 'k', model: '' } }],
    ['an unknown target', { translationTarget: 'xx', translationEnabled: false }],
    ['a target inherited from Object', { translationTarget: 'constructor' }],
    ['a wrong type', { translationEnabled: 'yes', translationTarget: 3 }],
    ['one unknown provider', { translationProviders: ['on-device', 'cloud'] }],
    ['no providers', { translationProviders: [] }],
    ['providers not a list', { translationProviders: 'glossary' }],
    ['a partial endpoint', { endpoint: { url: 'http://127.0.0.1:5000' } }],
    ['an endpoint with extra fields', { endpoint: { kind: 'openai', url: 'u', apiKey: '', model: 'm', secret: 1 } }],
    ['a bad endpoint kind', { endpoint: { kind: 'google', url: 'u' } }],
    ['a bad endpoint field', { endpoint: { kind: 'openai', url: 5 } }],
    ['an endpoint that is a list', { endpoint: [] }],
    ['other fields damaged', { version: 7, destination: 'Mars', translationTarget: 'fr' }],
    ['a configured endpoint, as the store writes it', { endpoint: { kind: 'deepl', url: '', apiKey: '', model: '', allowHttp: false }, endpointConfigured: true }],
    ['a damaged configured flag', { endpointConfigured: 'yes' }],
    ['web providers and the Chinese interface', { translationProviders: ['google-web', 'microsoft-web', 'glossary'], uiLanguage: 'zh-CN' }],
    ['an unknown interface language', { uiLanguage: 'fr' }],
    ['a damaged http consent', { endpoint: { kind: 'openai', url: '', allowHttp: 'sure' } }],
  ])('reads %s as parseSettings does', (_name, raw) => {
    expect(pageSettingsOf(raw)).toEqual(fields(raw));
  });

  it('never sees the endpoint’s URL, key or model: the store keeps them out of storage.local', async () => {
    await saveSettings({ endpoint: { kind: 'openai', url: 'https://llm.example/v1', apiKey: 'sk-secret', model: 'qwen', allowHttp: false } });
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).not.toContain('sk-secret');
    expect(stored).not.toContain('llm.example');
    expect(stored).not.toContain('qwen');
    expect(await loadPageSettings()).toMatchObject({ endpoint: { provider: 'endpoint:openai', configured: true } });
    // The background and Options still get the whole endpoint.
    expect((await loadSettings()).endpoint).toMatchObject({ url: 'https://llm.example/v1', apiKey: 'sk-secret', model: 'qwen' });
  });

  it('tells the page (with every note:read) which endpoint is set up, never its URL, key or model', () => {
    const settings = parseSettings({ endpoint: { kind: 'deepl', url: 'https://api.deepl.example', apiKey: 'sk-secret:fx', model: 'm-secret' }, endpointConfigured: true });
    const forPage = pageSettingsFrom(settings);
    expect(forPage.endpoint).toEqual({ provider: 'endpoint:deepl', configured: true });
    expect(JSON.stringify(forPage)).not.toMatch(/deepl\.example|sk-secret|m-secret/);
  });

  it('moves an endpoint an earlier version stored in storage.local out of it on first read', async () => {
    await fakeBrowser.storage.local.set({ settings: { endpoint: { kind: 'deepl', url: '', apiKey: 'old-key:fx', model: '' } } });
    expect((await loadSettings()).endpoint.apiKey).toBe('old-key:fx');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('old-key');
    expect((await loadSettings()).endpoint.apiKey).toBe('old-key:fx');
    expect(await loadPageSettings()).toMatchObject({ endpoint: { provider: 'endpoint:deepl', configured: true } });
  });

  it('loads and watches what the settings store saves', async () => {
    const seen: PageSettings[] = [];
    const unwatch = watchPageSettings((settings) => seen.push(settings));
    await saveSettings({ translationTarget: 'de', translationEnabled: false });
    expect(await loadPageSettings()).toMatchObject({ translationTarget: 'de', translationEnabled: false });
    await expect.poll(() => seen.at(-1)?.translationTarget).toBe('de');
    unwatch();
  });

  it('tells every note of the page through one storage listener, until each stops watching', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const unwatchFirst = watchPageSettings((settings) => first.push(settings.translationTarget));
    const unwatchSecond = watchPageSettings((settings) => second.push(settings.translationTarget));
    await saveSettings({ translationTarget: 'fr' });
    await expect.poll(() => second.at(-1)).toBe('fr');
    expect(first).toEqual(['fr']);
    unwatchFirst();
    await saveSettings({ translationTarget: 'ja' });
    await expect.poll(() => second.at(-1)).toBe('ja');
    expect(first).toEqual(['fr']);
    unwatchSecond();
  });
});
