import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../lib/settings/schema';
import { saveSettings } from '../../../lib/settings/store';
import { loadPageSettings, pageSettingsOf, watchPageSettings, type PageSettings } from '../../../entrypoints/xiaohongshu.content/settings';

const fields = (raw: unknown): PageSettings => {
  const { translationEnabled, translationTarget, translationProviders, endpoint } = parseSettings(raw);
  return { translationEnabled, translationTarget, translationProviders, endpoint };
};

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
  ])('reads %s as parseSettings does', (_name, raw) => {
    expect(pageSettingsOf(raw)).toEqual(fields(raw));
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
