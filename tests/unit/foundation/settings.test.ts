import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, parseSettings } from '../../../lib/settings';
import { loadSettings, saveSettings } from '../../../lib/settings-store';

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

  it('never saves an invalid value', async () => {
    await saveSettings({ currency: 'XXX' as never });
    expect((await loadSettings()).currency).toBe('USD');
  });
});
