import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZhongcaoDb } from '../../../lib/db/index';
import { createDexieTranslationCache } from '../../../lib/translate/cache';
import { createGlossary } from '../../../lib/translate/glossary';
import { providersInUserOrder, translateBlocks, untranslatedReason, type PipelineOptions } from '../../../lib/translate/pipeline';
import { TranslationError, createRemoteProvider, type TranslationProvider } from '../../../lib/translate/provider';

const glossary = createGlossary({ findPrices: () => [] });

/** A stand-in English translation: distinct per text, with no Chinese left in it. */
const en = (text: string) => `EN[${[...text].map((char) => (/\p{Script=Han}/u.test(char) ? char.codePointAt(0)!.toString(16) : char)).join('')}]`;

/** A provider that answers `en(text)` for each text, or does what `behave` says. */
function fakeProvider(id: string, behave?: (texts: string[]) => Promise<string[]> | string[]) {
  const calls: string[][] = [];
  const provider: TranslationProvider = {
    id,
    async translate(texts) {
      calls.push(texts);
      return behave ? behave(texts) : texts.map(en);
    },
  };
  return { provider, calls };
}

const options = (providers: TranslationProvider[], extra: Partial<PipelineOptions> = {}): PipelineOptions => ({
  target: 'en',
  providers,
  glossary,
  detectLatin: async () => 'en',
  ...extra,
});

let db: ZhongcaoDb | undefined;
afterEach(async () => {
  await db?.delete();
});

describe('translateBlocks', () => {
  it('translates foreign blocks and skips the reader’s own language and emoji', async () => {
    const { provider, calls } = fakeProvider('endpoint:libretranslate');
    const results = await translateBlocks(
      [
        { id: 'caption', text: '种草这件卫衣' },
        { id: 'c1', text: 'so cute' },
        { id: 'c2', text: '😍😍' },
      ],
      options([provider]),
    );
    expect(results.map((result) => [result.id, result.status, result.translation])).toEqual([
      ['caption', 'translated', en('种草这件卫衣')],
      ['c1', 'same-language', undefined],
      ['c2', 'same-language', undefined],
    ]);
    expect(results[0]).toMatchObject({ source: 'zh', providers: ['endpoint:libretranslate'], fromCache: false, errors: [] });
    expect(calls).toEqual([['种草这件卫衣']]);
  });

  it('sends a long caption in pieces and keeps its line breaks', async () => {
    const { provider, calls } = fakeProvider('p');
    const caption = '第一句很长。第二句很长。第三句很长。\n\n第二段。';
    const [result] = await translateBlocks([{ id: 'caption', text: caption }], options([provider], { pieceChars: 8 }));
    expect(calls.flat()).toEqual(['第一句很长。', '第二句很长。', '第三句很长。', '第二段。']);
    expect(result!.translation).toBe(`${en('第一句很长。')} ${en('第二句很长。')} ${en('第三句很长。')}\n\n${en('第二段。')}`);
  });

  it('batches many comments within the count and character limits', async () => {
    const { provider, calls } = fakeProvider('p');
    const comments = Array.from({ length: 7 }, (_, index) => ({ id: `c${index}`, text: `评论第${index}条` }));
    await translateBlocks(comments, options([provider], { batchLimits: { maxItems: 3, maxChars: 1000 } }));
    expect(calls.map((batch) => batch.length)).toEqual([3, 3, 1]);
  });

  it('sends a text repeated across comments once', async () => {
    const { provider, calls } = fakeProvider('p');
    const results = await translateBlocks(
      ['求链接', '求链接', '好看'].map((text, index) => ({ id: `c${index}`, text })),
      options([provider]),
    );
    expect(calls).toEqual([['求链接', '好看']]);
    expect(results.map((result) => result.translation)).toEqual([en('求链接'), en('求链接'), en('好看')]);
  });

  it('takes the failure a remote provider reports as its own', async () => {
    const remote = createRemoteProvider('endpoint:deepl', async () => ({
      failure: { provider: 'endpoint:deepl', code: 'http', message: 'api-free.deepl.com answered 456.' },
    }));
    const [result] = await translateBlocks([{ id: 'a', text: '今天天气很好' }], options([remote]));
    expect(result!.errors).toEqual([{ provider: 'endpoint:deepl', code: 'http', message: 'api-free.deepl.com answered 456.' }]);
  });

  it.each([
    ['an error', () => Promise.reject(new TranslationError('http', 'first', 'first answered 500.')), 'http', 'first answered 500.'],
    ['a timeout', () => new Promise<string[]>(() => undefined), 'timeout', 'Translation by first took longer than 30 ms.'],
    ['an untranslated echo', (texts: string[]) => texts, 'bad-response', 'first returned the text untranslated.'],
    ['an empty reply', (texts: string[]) => texts.map(() => ''), 'bad-response', 'first returned an empty translation.'],
    ['the wrong count', () => ['only one'], 'bad-response', 'first returned 1 translations for 2 texts.'],
    ['a plain exception', () => Promise.reject(new Error('boom')), 'unavailable', 'first failed to translate.'],
  ])('falls back to the next provider after %s, keeping the error', async (_name, behave, code, message) => {
    const first = fakeProvider('first', behave);
    const second = fakeProvider('second');
    const results = await translateBlocks(
      [
        { id: 'a', text: '这件卫衣很好看' },
        { id: 'b', text: '链接在哪里呀' },
      ],
      options([first.provider, second.provider], { requestTimeoutMs: 30 }),
    );
    for (const result of results) {
      expect(result.status).toBe('translated');
      expect(result.providers).toEqual(['second']);
      expect(result.errors).toEqual([{ provider: 'first', code, message }]);
    }
  });

  it('rejects a reply still in Chinese but accepts a few brand names kept', () => {
    expect(untranslatedReason('这件卫衣很好看', '这件卫衣很好看啊', 'zh', 'en')).toMatch(/untranslated|original language/);
    expect(untranslatedReason('优衣库的卫衣很好看', 'The 优衣库 hoodie looks great', 'zh', 'en')).toBeUndefined();
  });

  it('ends with the glossary when every machine provider fails', async () => {
    const failing = fakeProvider('on-device', () => Promise.reject(new TranslationError('needs-user-action', 'on-device', 'Download needed.')));
    const [result] = await translateBlocks([{ id: 'a', text: '平替，闭眼入' }], options([failing.provider]));
    expect(result).toMatchObject({
      status: 'glossed',
      gloss: '平替 (cheaper alternative) · 闭眼入 (buy without hesitation)',
      providers: ['glossary'],
      errors: [{ provider: 'on-device', code: 'needs-user-action', message: 'Download needed.' }],
    });
    expect(result!.translation).toBeUndefined();
  });

  it('stops asking a provider that needs the user within one run', async () => {
    const failing = fakeProvider('on-device', () => Promise.reject(new TranslationError('needs-user-action', 'on-device', 'Download needed.')));
    const comments = Array.from({ length: 5 }, (_, index) => ({ id: `c${index}`, text: `评论第${index}条` }));
    await translateBlocks(comments, options([failing.provider], { batchLimits: { maxItems: 1, maxChars: 1000 } }));
    expect(failing.calls).toHaveLength(1);
  });

  it('glosses only the pieces no provider translated', async () => {
    const picky = fakeProvider('p', (texts) => texts.map((text) => (text.includes('平替') ? '' : en(text))));
    const [result] = await translateBlocks([{ id: 'a', text: '今天天气很好。\n平替好物！' }], options([picky.provider], { pieceChars: 8 }));
    expect(result).toMatchObject({ status: 'partly-translated', translation: en('今天天气很好。'), gloss: '平替 (cheaper alternative) · 好物 (great find)' });
    expect(result!.providers).toEqual(['p', 'glossary']);
  });

  it('says untranslated when nothing at all could be done', async () => {
    const [result] = await translateBlocks([{ id: 'a', text: '今天天气很好' }], options([]));
    expect(result).toMatchObject({ status: 'untranslated', providers: [], errors: [] });
  });

  it('rethrows when the caller aborts (the note was closed)', async () => {
    const controller = new AbortController();
    const hanging = fakeProvider('p', () => new Promise<string[]>(() => undefined));
    const run = translateBlocks([{ id: 'a', text: '今天天气很好' }], options([hanging.provider], { signal: controller.signal }));
    controller.abort();
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
  });

  it('asks the Latin detector once per Latin block', async () => {
    const detectLatin = vi.fn(async () => 'fr');
    const { provider } = fakeProvider('p');
    const [result] = await translateBlocks([{ id: 'a', text: 'Trop mignon ce pull' }], options([provider], { detectLatin }));
    expect(detectLatin).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ source: 'fr', translation: en('Trop mignon ce pull') });
  });
});

describe('translateBlocks with the cache', () => {
  it('reopening the same note calls no provider', async () => {
    db = new ZhongcaoDb(`pipeline-cache-${Math.random()}`);
    const cache = createDexieTranslationCache(db.translations);
    const onDevice = fakeProvider('on-device', () => Promise.reject(new TranslationError('unavailable', 'on-device', 'No model.')));
    const endpoint = fakeProvider('endpoint:libretranslate');
    const note = [
      { id: 'caption', text: '种草这件卫衣。\n真的很好看！' },
      { id: 'c1', text: '求链接' },
    ];
    const first = await translateBlocks(note, options([onDevice.provider, endpoint.provider], { cache, pieceChars: 8 }));
    const callsAfterFirst = [onDevice.calls.length, endpoint.calls.length];
    const second = await translateBlocks(note, options([onDevice.provider, endpoint.provider], { cache, pieceChars: 8 }));
    expect([onDevice.calls.length, endpoint.calls.length]).toEqual(callsAfterFirst);
    expect(second.map((result) => result.translation)).toEqual(first.map((result) => result.translation));
    expect(second.every((result) => result.fromCache && result.errors.length === 0)).toBe(true);
    expect(second[0]!.providers).toEqual(['endpoint:libretranslate']);
  });

  it('still translates when the cache is broken', async () => {
    const brokenStore = { lookup: async (requests: unknown[]) => requests.map(() => undefined), store: () => Promise.reject(new Error('quota')) };
    const { provider } = fakeProvider('p');
    const [result] = await translateBlocks([{ id: 'a', text: '今天天气很好' }], options([provider], { cache: brokenStore }));
    expect(result!.translation).toBe(en('今天天气很好'));
  });
});

describe('providersInUserOrder', () => {
  const onDevice = fakeProvider('on-device').provider;
  const endpoint = fakeProvider('endpoint:deepl').provider;
  it.each([
    [['on-device', 'endpoint', 'glossary'], { 'on-device': onDevice, endpoint }, ['on-device', 'endpoint:deepl']],
    [['endpoint', 'on-device'], { 'on-device': onDevice, endpoint }, ['endpoint:deepl', 'on-device']],
    [['on-device', 'endpoint', 'glossary'], { 'on-device': onDevice }, ['on-device']],
    [['glossary'], { 'on-device': onDevice, endpoint }, []],
  ] as const)('%j', (order, available, ids) => {
    expect(providersInUserOrder(order, available).map((provider) => provider.id)).toEqual(ids);
  });
});
