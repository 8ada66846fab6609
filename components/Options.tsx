import { useEffect, useState } from 'preact/hooks';
import { CURRENCIES, DESTINATIONS, TRANSLATION_TARGETS, UI_LANGUAGES, type Settings } from '../lib/settings';

export interface SettingsStore {
  load(): Promise<Settings>;
  save(patch: Partial<Settings>): Promise<Settings>;
}

export function Options({ store }: { store: SettingsStore }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void store.load().then(setSettings);
  }, [store]);
  if (!settings) return <p role="status">Loading settings…</p>;

  const update = async (patch: Partial<Settings>) => {
    setSettings(await store.save(patch));
    setStatus('Saved');
  };
  const select = <K extends keyof Settings>(key: K, label: string, values: readonly string[]) => (
    <label>
      {label}
      <select value={String(settings[key])} onChange={(e) => void update({ [key]: e.currentTarget.value } as Partial<Settings>)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <main class="zc-options">
      <h1>Zhongcao settings</h1>
      <fieldset>
        <legend>You</legend>
        {select('destination', 'Destination country', DESTINATIONS)}
        {select('currency', 'Currency', CURRENCIES)}
        {select('uiLanguage', 'Interface language', UI_LANGUAGES)}
        {select('translationTarget', 'Translate notes into', TRANSLATION_TARGETS)}
      </fieldset>
      <p role="status">{status}</p>
    </main>
  );
}
