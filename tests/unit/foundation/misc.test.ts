import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { siteOf } from '../../../lib/platform/hosts';
import { resolveTargetTab } from '../../../lib/popup/target';
import { VERSION } from '../../../lib/platform/version';
import { SCHEMA_VERSIONS, ZhongcaoDb } from '../../../lib/db';

describe('siteOf', () => {
  it.each([
    ['https://www.xiaohongshu.com/explore/abc', 'xiaohongshu'],
    ['http://www.rednote.com/', 'xiaohongshu'],
    ['https://s.taobao.com/search?q=1', 'taobao'],
    ['https://detail.tmall.hk/item.htm?id=1', 'taobao'],
    ['https://xiaohongshu.com/', null],
    ['https://evil.example/?www.xiaohongshu.com', null],
    ['not a url', null],
    [undefined, null],
  ])('%s → %s', (url, site) => expect(siteOf(url)).toBe(site));
});

describe('resolveTargetTab', () => {
  const active = async () => ({ id: 42 });
  it.each([
    ['?tabId=5', 5],
    ['', 42],
    ['?tabId=abc', null],
    ['?tabId=-3', null],
  ])('%s → %s', async (search, expected) => expect(await resolveTargetTab(search, active)).toBe(expected));
  it('gives null when there is no active tab', async () => {
    expect(await resolveTargetTab('', async () => undefined)).toBeNull();
  });
});

describe('version', () => {
  it('matches package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});

describe('database', () => {
  it('lists schema versions in ascending order, none repeated', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('opens on fake IndexedDB with every table', async () => {
    const db = new ZhongcaoDb(`test-${Math.random()}`);
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA_VERSIONS.at(-1)!.stores).sort());
    db.close();
  });
});
