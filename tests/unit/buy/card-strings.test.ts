import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n';
import { brandDisplayName, cardStrings } from '../../../entrypoints/xiaohongshu.content/card-strings';

describe('the hover card’s words', () => {
  it.each([
    ['uniqlo', 'Uniqlo'],
    ['the-north-face', 'The North Face'],
    ['li-ning', 'Li Ning'],
    ['lg', 'LG'],
    ['3m', '3M'],
  ])('brand id %s reads as %s', (id, name) => {
    expect(brandDisplayName(id)).toBe(name);
  });

  it('says "Search 刺绣卫衣 on Taobao" in English and the same in Chinese, never "搜 …"', () => {
    expect(translator(cardStrings, 'en')('searchOn', { query: '刺绣卫衣' })).toBe('Search 刺绣卫衣 on Taobao');
    expect(translator(cardStrings, 'zh-CN')('searchOn', { query: '刺绣卫衣' })).toBe('在淘宝搜索「刺绣卫衣」');
  });

  it('has every string in both languages', () => {
    expect(Object.keys(cardStrings['zh-CN']).sort()).toEqual(Object.keys(cardStrings.en).sort());
  });
});
