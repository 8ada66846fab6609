import { describe, expect, it } from 'vitest';
import { OPTIONS_STRINGS } from '../../../components/options/strings';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('options strings', () => {
  it.each(Object.keys(OPTIONS_STRINGS.en) as Array<keyof (typeof OPTIONS_STRINGS)['en']>)('%s has both languages with the same placeholders', (key) => {
    const en = OPTIONS_STRINGS.en[key];
    const zh = OPTIONS_STRINGS['zh-CN'][key];
    expect(en.trim()).not.toBe('');
    expect(zh.trim()).not.toBe('');
    expect(placeholders(zh)).toEqual(placeholders(en));
  });
});
