import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, parseSettings } from '../../../lib/settings/schema';
import { loadSettings, saveSettings } from '../../../lib/settings/store';
import { SETTINGS_DEFAULTS } from '../../../lib/settings/defaults';
import { backgroundSettings } from '../../../lib/popup/settings-source';
import { createFakeConnector } from '../../../lib/messaging/fake-connector';

describe('settings', () => {
  it('has defaults for a first run', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ destination: 'US', currency: 'USD', uiLanguage: 'en', translationTarget: 'en' });
  });

  it.each([
    ['nothing stored', undefined, DEFAULT_SETTINGS],
    ['a valid choice', { destination: 'GB', currency: 'GBP' }, { ...DEFAULT_SETTINGS, destination: 'GB', currency: 'GBP' }],
    ['one damaged field among good ones', { destination: 'Mars', currency: 'EUR' }, { ...DEFAULT_SETTINGS, currency: 'EUR' }],
    ['a wrong type', { translationEnabled: 'yes', uiLanguage: 'zh-CN' }, { ...DEFAULT_SETTINGS, uiLanguage: 'zh-CN' }],
    ['not an object', 'garbage', DEFAULT_SETTINGS],
  ])('reads %s without losing the valid choices', (_name, raw, expected) => {
    expect(parseSettings(raw)).toEqual(expected);
  });

  it('saves to storage.local and reads back', async () => {
    await saveSettings({ destination: 'AU', currency: 'AUD' });
    expect(await loadSettings()).toMatchObject({ destination: 'AU', currency: 'AUD' });
    expect(await fakeBrowser.storage.local.get('settings')).toMatchObject({ settings: { destination: 'AU' } });
  });

  it('writes out the same defaults for pages without zod', () => {
    expect(SETTINGS_DEFAULTS).toEqual(DEFAULT_SETTINGS);
  });

  it('reaches the popup through the background, and follows changes', async () => {
    const asked: string[] = [];
    const connector = createFakeConnector({
      'settings:get': async () => {
        asked.push('settings:get');
        return loadSettings();
      },
    });
    const source = backgroundSettings(connector, fakeBrowser.storage);
    expect((await source.load()).currency).toBe('USD');
    const seen: string[] = [];
    const stop = source.watch((settings) => seen.push(settings.currency));
    await saveSettings({ currency: 'EUR' });
    await vi.waitFor(() => expect(seen).toEqual(['EUR']));
    // Other keys do not concern it.
    await fakeBrowser.storage.local.set({ other: 1 });
    stop();
    await saveSettings({ currency: 'GBP' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual(['EUR']);
    expect(asked).toEqual(['settings:get', 'settings:get']);
  });

  it('never saves an invalid value', async () => {
    await saveSettings({ currency: 'XXX' as never });
    expect((await loadSettings()).currency).toBe('USD');
  });
});
