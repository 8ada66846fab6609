import type { Table } from 'dexie';
import { z } from 'zod/mini';
import { SCHEMA_VERSIONS, type ZhongcaoDb } from '../db/index';
import { SettingsSchema, type Settings } from '../settings/schema';
import { VERSION } from '../platform/version';
import {
  BACKUP_FORMAT,
  BACKUP_TABLE_NAMES,
  BACKUP_TABLES,
  BACKUP_VERSION,
  BackupHeaderSchema,
  META_VALUES,
  OPTIONAL_TABLES,
  type BackupTable,
} from './schema';

/**
 * Export everything the extension stores (every table and the settings) to one JSON document, and
 * restore such a document. A restore checks the whole file first, then replaces every table in one
 * Dexie transaction: a file that is bad anywhere — or a write that fails halfway — changes nothing.
 */

export interface BackupDocument {
  format: typeof BACKUP_FORMAT;
  version: number;
  dbVersion: number;
  exportedAt: string;
  app: string;
  settings: Settings;
  tables: Partial<Record<BackupTable, unknown[]>>;
}

export interface ExportOptions {
  /** The translation cache can be large and is only a cache; off unless asked for. */
  includeTranslations?: boolean;
  /**
   * The translation endpoint's API key is left out unless asked for: backup files get copied and
   * shared, and a key in one is a key given away.
   */
  includeApiKey?: boolean;
  now?: number;
}

export const CURRENT_DB_VERSION = Math.max(...SCHEMA_VERSIONS.map((entry) => entry.version));

function tableOf(db: ZhongcaoDb, name: BackupTable): Table<unknown, unknown> {
  return db.table(name);
}

export async function exportEverything(
  db: ZhongcaoDb,
  settings: Settings,
  { includeTranslations = false, includeApiKey = false, now = Date.now() }: ExportOptions = {},
): Promise<BackupDocument> {
  const names = BACKUP_TABLE_NAMES.filter((name) => includeTranslations || name !== 'translations');
  const tables: BackupDocument['tables'] = {};
  // One read transaction: the file is a consistent picture even if the background writes meanwhile.
  await db.transaction('r', names.map((name) => tableOf(db, name)), async () => {
    for (const name of names) tables[name] = await tableOf(db, name).toArray();
  });
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    dbVersion: CURRENT_DB_VERSION,
    exportedAt: new Date(now).toISOString(),
    app: VERSION,
    settings: includeApiKey ? settings : { ...settings, endpoint: { ...settings.endpoint, apiKey: '' } },
    tables,
  };
}

/** The document as the text of a `.json` file. */
export function backupToJson(document: BackupDocument): string {
  return `${JSON.stringify(document, null, 1)}\n`;
}

export function backupFileName(now: number = Date.now()): string {
  return `zhongcao-backup-${new Date(now).toISOString().slice(0, 10)}.json`;
}

export interface BackupError {
  /** The table the error is in; `file` for the envelope, `settings` for the settings. */
  table: BackupTable | 'file' | 'settings';
  /** Position of the record in its table (-1 when not about one record). */
  index: number;
  /** The record's primary key, when readable. */
  id?: string;
  path: string;
  message: string;
}

export type CheckedBackup = {
  ok: true;
  settings: Settings;
  tables: Partial<Record<BackupTable, unknown[]>>;
  counts: Partial<Record<BackupTable, number>>;
  exportedAt: string;
};

export type BackupCheck = CheckedBackup | { ok: false; errors: BackupError[]; more: number };

/** Errors past this many are counted, not listed: a wholly wrong file would list thousands. */
export const MAX_LISTED_ERRORS = 100;

let messagesLoaded = false;
function loadReadableMessages(): void {
  // zod/mini has no messages by default; the user reads these, so load the English ones once.
  if (messagesLoaded) return;
  z.config(z.locales.en());
  messagesLoaded = true;
}

/** Checks a backup file without touching any database: every record of every table. */
export function checkBackup(text: string): BackupCheck {
  loadReadableMessages();
  const errors: BackupError[] = [];
  let more = 0;
  const report = (error: BackupError) => {
    if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
    else more++;
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ table: 'file', index: -1, path: '', message: `not JSON: ${(error as Error).message}` }], more };
  }
  const header = BackupHeaderSchema.safeParse(json);
  if (!header.success) {
    for (const issue of header.error.issues) report({ table: 'file', index: -1, path: issue.path.map(String).join('.'), message: issue.message });
    return { ok: false, errors, more };
  }
  const { version, dbVersion, settings: rawSettings, tables: rawTables, exportedAt } = header.data;
  if (version > BACKUP_VERSION || dbVersion > CURRENT_DB_VERSION) {
    return {
      ok: false,
      errors: [{ table: 'file', index: -1, path: 'version', message: 'this file was made by a newer version of Zhongcao: update the extension first' }],
      more,
    };
  }
  // Files from older database versions are read as they are: when a version changes a record's
  // shape, its migration belongs here, next to the record schemas that check the result.
  const settings = SettingsSchema.safeParse(rawSettings);
  if (!settings.success) {
    for (const issue of settings.error.issues) report({ table: 'settings', index: -1, path: issue.path.map(String).join('.'), message: issue.message });
  }
  for (const name of Object.keys(rawTables)) {
    if (!(name in BACKUP_TABLES)) report({ table: 'file', index: -1, path: `tables.${name}`, message: `unknown table "${name}"` });
  }
  const tables: Partial<Record<BackupTable, unknown[]>> = {};
  const counts: Partial<Record<BackupTable, number>> = {};
  for (const name of BACKUP_TABLE_NAMES) {
    const records = rawTables[name];
    if (!records) {
      if (!OPTIONAL_TABLES.includes(name)) report({ table: 'file', index: -1, path: `tables.${name}`, message: `the table "${name}" is missing` });
      continue;
    }
    const { record: schema, keyOf } = BACKUP_TABLES[name];
    const seen = new Map<string, number>();
    const parsed: unknown[] = [];
    records.forEach((raw, index) => {
      const result = schema.safeParse(raw);
      if (!result.success) {
        const id = readableKey(raw, keyOf);
        for (const issue of result.error.issues) {
          report({ table: name, index, ...(id !== undefined ? { id } : {}), path: issue.path.map(String).join('.'), message: issue.message });
        }
        return;
      }
      const id = (keyOf as (record: unknown) => string)(result.data);
      if (name === 'meta') {
        const { value } = result.data as { value: unknown };
        const valueSchema = META_VALUES[id];
        if (!valueSchema) {
          report({ table: name, index, id, path: 'key', message: `unknown meta record "${id.slice(0, 100)}"` });
          return;
        }
        const checked = valueSchema.safeParse(value);
        if (!checked.success) {
          for (const issue of checked.error.issues) report({ table: name, index, id, path: ['value', ...issue.path].map(String).join('.'), message: issue.message });
          return;
        }
      }
      const first = seen.get(id);
      if (first !== undefined) {
        report({ table: name, index, id, path: '', message: `duplicate key: record ${first} has the same key` });
        return;
      }
      seen.set(id, index);
      parsed.push(result.data);
    });
    tables[name] = parsed;
    counts[name] = parsed.length;
  }
  if (errors.length > 0 || !settings.success) return { ok: false, errors, more };
  return { ok: true, settings: settings.data, tables, counts, exportedAt };
}

function readableKey(raw: unknown, keyOf: (record: never) => string): string | undefined {
  try {
    const key = (keyOf as (record: unknown) => string)(raw);
    return typeof key === 'string' && !key.includes('undefined') ? key : undefined;
  } catch {
    return undefined;
  }
}

export type RestoreResult =
  | { ok: true; settings: Settings; counts: Partial<Record<BackupTable, number>> }
  | { ok: false; errors: BackupError[]; more: number };

export interface RestoreOptions {
  /**
   * Saves the restored settings (they live in `storage.local`, outside IndexedDB). Called only after
   * the database transaction committed; the settings were checked with everything else before it.
   */
  saveSettings?: (settings: Settings) => Promise<unknown>;
}

/**
 * Replaces the database's contents with a backup's. Every table in the file is cleared and refilled
 * in one transaction; a table the file may leave out (the translation cache) is kept as it is.
 */
export async function restoreEverything(text: string, db: ZhongcaoDb, { saveSettings }: RestoreOptions = {}): Promise<RestoreResult> {
  const checked = checkBackup(text);
  if (!checked.ok) return checked;
  return restoreChecked(checked, db, { ...(saveSettings ? { saveSettings } : {}) });
}

/**
 * Settings to save from a backup: a file without an API key (the default export) keeps the key
 * already stored for the same endpoint, so restoring on the same profile does not lose it.
 */
export function mergeRestoredSettings(restored: Settings, current: Settings): Settings {
  const { endpoint } = restored;
  const sameEndpoint = endpoint.kind === current.endpoint.kind && endpoint.url === current.endpoint.url;
  return endpoint.apiKey || !sameEndpoint ? restored : { ...restored, endpoint: { ...endpoint, apiKey: current.endpoint.apiKey } };
}

/** The write half of `restoreEverything`, for a UI that checks the file first and asks before replacing. */
export async function restoreChecked(checked: CheckedBackup, db: ZhongcaoDb, { saveSettings }: RestoreOptions = {}): Promise<RestoreResult> {
  const names = BACKUP_TABLE_NAMES.filter((name) => checked.tables[name] !== undefined);
  try {
    await db.transaction('rw', names.map((name) => tableOf(db, name)), async () => {
      for (const name of names) {
        const table = tableOf(db, name);
        await table.clear();
        // bulkAdd, not bulkPut: a key collision the checks missed aborts the whole restore.
        await table.bulkAdd(checked.tables[name]!);
      }
    });
  } catch (error) {
    return {
      ok: false,
      errors: [{ table: 'file', index: -1, path: '', message: `nothing was changed: the database refused the data (${(error as Error).message})` }],
      more: 0,
    };
  }
  await saveSettings?.(checked.settings);
  return { ok: true, settings: checked.settings, counts: checked.counts };
}

/**
 * Empties every table in one transaction. Settings are the caller's to reset; bundled rate cards
 * are the caller's to seed again, so quotes keep working.
 */
export async function deleteEverything(db: ZhongcaoDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
}

/** How many records each table holds, for the options page. */
export async function countRecords(db: ZhongcaoDb): Promise<Record<BackupTable, number>> {
  const counts = {} as Record<BackupTable, number>;
  await Promise.all(BACKUP_TABLE_NAMES.map(async (name) => (counts[name] = await tableOf(db, name).count())));
  return counts;
}
