import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSIONS, ZhongcaoDb } from '../../../lib/db';

/**
 * Every schema version stays in SCHEMA_VERSIONS. For each earlier version, a database created at
 * that version and filled with records is opened with the current code: every record must survive.
 */

/** A record that fits a table's primary key spec (`id`, `++id`, `[listingId+day]`, `key`…). */
function recordFor(table: string, primaryKey: string, n: number): Record<string, unknown> {
  const record: Record<string, unknown> = { table, n, note: `seeded ${table} ${n}` };
  if (primaryKey.startsWith('++')) return record;
  const parts = primaryKey.replace(/^&/, '').replace(/^\[|\]$/g, '').split('+');
  for (const part of parts) record[part] = `${table}-${part}-${n}`;
  return record;
}

async function seedAt(name: string, version: { version: number; stores: Record<string, string> }) {
  const old = new Dexie(name);
  old.version(version.version).stores(version.stores);
  await old.open();
  const seeded: Record<string, Array<Record<string, unknown>>> = {};
  for (const [table, spec] of Object.entries(version.stores)) {
    const primaryKey = spec.split(',')[0]!.trim();
    seeded[table] = [0, 1, 2].map((n) => recordFor(table, primaryKey, n));
    await old.table(table).bulkAdd(seeded[table]);
  }
  old.close();
  return seeded;
}

describe('database upgrades', () => {
  const earlier = SCHEMA_VERSIONS.slice(0, -1);

  it.each(earlier.map((v) => [v.version, v] as const))('keeps every record when upgrading from version %i', async (_n, version) => {
    const name = `upgrade-${version.version}-${Math.random()}`;
    const seeded = await seedAt(name, version);
    const db = new ZhongcaoDb(name);
    await db.open();
    for (const [table, records] of Object.entries(seeded)) {
      const rows = await db.table(table).toArray();
      for (const record of records) expect(rows, `${table} after upgrade`).toContainEqual(expect.objectContaining({ note: record.note }));
    }
    db.close();
  });

  it('opens a database of the current version with its records intact', async () => {
    const name = `current-${Math.random()}`;
    const seeded = await seedAt(name, SCHEMA_VERSIONS.at(-1)!);
    const db = new ZhongcaoDb(name);
    await db.open();
    for (const [table, records] of Object.entries(seeded)) expect(await db.table(table).count(), table).toBe(records.length);
    db.close();
  });
});
