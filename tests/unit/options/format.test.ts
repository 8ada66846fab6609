import { describe, expect, it } from 'vitest';
import { ageInDays, formatBytes, freshness, originPatternOfUrl } from '../../../components/options/format';

const TODAY = Date.UTC(2026, 10, 26, 12);

describe('freshness of dated figures (90 days, relative to today)', () => {
  it.each([
    ['2026-11-20', { kind: 'fresh' }],
    ['2026-08-28', { kind: 'fresh' }],
    ['2026-08-27', { kind: 'stale', days: 91 }],
    ['2026-09', { kind: 'fresh' }],
    ['2026-08', { kind: 'stale', days: 117 }],
    ['2024-01-05', { kind: 'stale', days: 1056 }],
    ['undated', { kind: 'undated' }],
    ['soon', { kind: 'undated' }],
  ])('%s → %o', (asOf, expected) => {
    expect(freshness(asOf, TODAY)).toEqual(expected);
  });

  it('counts whole days', () => {
    expect(ageInDays('2026-11-26', TODAY)).toBe(0);
    expect(ageInDays('2026-11-25', TODAY)).toBe(1);
  });
});

describe('display helpers', () => {
  it.each([
    [512, 'en', '512 byte'],
    [3 * 1024 * 1024, 'en', '3 MB'],
    [1.5 * 1024 ** 3, 'en', '1.5 GB'],
  ] as const)('%d bytes in %s → %s', (bytes, language, expected) => {
    expect(formatBytes(bytes, language)).toBe(expected);
  });

  it.each([
    ['https://api.frankfurter.app/latest?from=CNY', 'https://api.frankfurter.app/*'],
    ['http://127.0.0.1:5000/translate', 'http://127.0.0.1/*'],
    ['  https://rates.example  ', 'https://rates.example/*'],
    ['ftp://rates.example', undefined],
    ['not a url', undefined],
  ])('%s → %s', (url, pattern) => {
    expect(originPatternOfUrl(url)).toBe(pattern);
  });
});
