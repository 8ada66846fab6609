import { describe, expect, it } from 'vitest';
import { httpsUrl } from '../../../lib/dom/safe-url';

describe('httpsUrl', () => {
  it('lets absolute https URLs through, re-serialised', () => {
    expect(httpsUrl('https://item.taobao.com/item.htm?id=1')).toBe('https://item.taobao.com/item.htm?id=1');
    expect(httpsUrl(' https://IMG.alicdn.com/a b.jpg ')).toBe('https://img.alicdn.com/a%20b.jpg');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://tracker.example/pixel.gif',
    '//evil.example/x',
    '/relative',
    'https://user:pass@evil.example/',
    'vbscript:x',
    '',
  ])('refuses %j', (value) => {
    expect(httpsUrl(value)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    expect(httpsUrl(undefined)).toBeUndefined();
    expect(httpsUrl(42)).toBeUndefined();
    expect(httpsUrl({ toString: () => 'https://x.example/' })).toBeUndefined();
  });
});
