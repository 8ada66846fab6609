import { vi } from 'vitest';
import type { OptionsServices } from '../../../components/options/services';
import type { ZhongcaoDb } from '../../../lib/db/index';
import { seedLandedData } from '../../../lib/landed/store';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../../../lib/settings/schema';

/** "Today" for the options tests: the cards dated 2026-09 are fresh, those of 2026-08-18 are stale. */
export const TODAY = Date.UTC(2026, 10, 26, 12);

export interface FakeServices extends OptionsServices {
  stored(): Settings;
  downloads: Array<{ fileName: string; text: string }>;
  requestOrigin: ReturnType<typeof vi.fn<(pattern: string) => Promise<boolean>>>;
  fetch: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;
}

/** The options page's surroundings, faked: settings in memory, a seeded fake-indexeddb database. */
export async function fakeServices(db: ZhongcaoDb, initial: Partial<Settings> = {}, overrides: Partial<OptionsServices> = {}): Promise<FakeServices> {
  await seedLandedData(db, undefined, TODAY - 1000);
  let settings = parseSettings({ ...DEFAULT_SETTINGS, ...initial });
  const downloads: FakeServices['downloads'] = [];
  return {
    settings: {
      load: async () => settings,
      save: async (patch) => (settings = parseSettings({ ...settings, ...patch })),
    },
    stored: () => settings,
    db,
    requestOrigin: vi.fn(async () => true),
    fetch: vi.fn(async () => new Response('{}')),
    download: (fileName, text) => downloads.push({ fileName, text }),
    downloads,
    estimateStorage: async () => ({ usage: 3 * 1024 * 1024, quota: 10 * 1024 ** 3 }),
    now: () => TODAY,
    ...overrides,
  } as FakeServices;
}

export function jsonFile(value: unknown, name = 'file.json'): File {
  return new File([typeof value === 'string' ? value : JSON.stringify(value)], name, { type: 'application/json' });
}
