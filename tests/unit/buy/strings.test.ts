import { describe, expect, it } from 'vitest';
import { buyStrings } from '../../../components/popup/buy-strings';
import { AGENT_STRINGS } from '../../../components/options/AgentsSection';

describe('every new string in English and 简体中文', () => {
  it.each([
    ['popup buying strings', buyStrings],
    ['options agents strings', AGENT_STRINGS],
  ] as const)('%s', (_name, table) => {
    expect(Object.keys(table['zh-CN']).sort()).toEqual(Object.keys(table.en).sort());
    for (const [key, text] of Object.entries(table['zh-CN'])) {
      expect(text, key).not.toBe('');
      // Placeholders match between the languages.
      const names = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text), key).toEqual(names((table.en as Record<string, string>)[key]!));
    }
  });
});
