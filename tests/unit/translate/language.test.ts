import { describe, expect, it } from 'vitest';
import { detectLatinLanguage } from '../../../lib/translate/franc-detector';
import { detectByScript, detectLanguage, needsTranslation, type LatinDetector } from '../../../lib/translate/language';

describe('detectByScript', () => {
  it.each([
    ['这件卫衣真的绝绝子', { kind: 'language', language: 'zh' }],
    ['Nike卫衣yyds', { kind: 'language', language: 'zh' }],
    ['我の日常穿搭', { kind: 'language', language: 'zh' }],
    ['今日のコーデはこれです', { kind: 'language', language: 'ja' }],
    ['東京で買ったバッグ', { kind: 'language', language: 'ja' }],
    ['이 후드티 너무 예뻐요', { kind: 'language', language: 'ko' }],
    ['Очень красивая кофта', { kind: 'language', language: 'ru' }],
    ['love this 卫衣 so much, the colour is perfect', { kind: 'latin' }],
    ['So cute', { kind: 'latin' }],
    // franc-min takes this for Portuguese; Vietnamese letters settle it first.
    ['Cái áo này đẹp quá, mua ở đâu vậy bạn', { kind: 'language', language: 'vi' }],
    ['Ação rápida', { kind: 'latin' }],
    ['yyds', { kind: 'latin' }],
    ['😍😍😍 123 !!!', { kind: 'no-letters' }],
    ['', { kind: 'no-letters' }],
  ])('%s', (text, verdict) => {
    expect(detectByScript(text)).toEqual(verdict);
  });
});

describe('detectLatinLanguage (franc, restricted)', () => {
  it.each([
    ['So cute', 'en'],
    ['Where can I buy this hoodie?', 'en'],
    ['This hoodie is amazing, would buy again', 'en'],
    ["C'est vraiment très joli, j'adore la couleur de ce pull", 'fr'],
    ['Das ist wirklich sehr schön und gar nicht teuer', 'de'],
    ['Me encanta este color, es muy bonito y barato', 'es'],
    ['Muito bonito, adorei a cor deste casaco', 'pt'],
  ])('%s → %s', async (text, language) => {
    expect(await detectLatinLanguage(text)).toBe(language);
  });
});

describe('detectLanguage and needsTranslation', () => {
  const detectLatin: LatinDetector = async (text) => (text.startsWith('Bonjour') ? 'fr' : 'en');

  it('asks the Latin detector only for Latin text', async () => {
    const calls: string[] = [];
    const spy: LatinDetector = async (text) => {
      calls.push(text);
      return 'en';
    };
    expect(await detectLanguage('这件卫衣', spy)).toBe('zh');
    expect(await detectLanguage('nice hoodie', spy)).toBe('en');
    expect(calls).toEqual(['nice hoodie']);
  });

  it.each([
    ['这件卫衣真的好看', 'en', detectLatin, true],
    ['这件卫衣真的好看', 'zh', detectLatin, false],
    ['这件卫衣真的好看', 'zh-CN', detectLatin, false],
    ['nice hoodie', 'en', detectLatin, false],
    ['Bonjour, très joli', 'en', detectLatin, true],
    ['😍😍', 'en', detectLatin, false],
    // Without a detector, Latin text is left alone for a Latin-script reader, translated for others.
    ['nice hoodie', 'en', undefined, false],
    ['nice hoodie', 'zh', undefined, true],
  ])('%s → %s: %s', async (text, target, detector, expected) => {
    expect(await needsTranslation(text, target, detector)).toBe(expected);
  });
});

describe('bundle guard', () => {
  it('only franc-detector.ts imports franc: the content-script modules stay small', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const directory = join(process.cwd(), 'lib/translate');
    const importers = readdirSync(directory)
      .filter((name) => name.endsWith('.ts'))
      .filter((name) => /from 'franc-min'|franc-detector'/.test(readFileSync(join(directory, name), 'utf8')));
    expect(importers).toEqual(['franc-detector.ts']);
  });
});
