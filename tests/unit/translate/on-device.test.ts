import { describe, expect, it, vi } from 'vitest';
import {
  createOnDeviceProvider,
  type TranslatorApi,
  type TranslatorAvailability,
  type TranslatorDownloadMonitor,
} from '../../../lib/translate/on-device';
import { TranslationError } from '../../../lib/translate/provider';

/** A fake of Chrome's `Translator` global: a fixed availability and a controllable create(). */
function fakeTranslator(
  state: TranslatorAvailability,
  { create }: { create?: TranslatorApi['create'] } = {},
): TranslatorApi & { created: number } {
  const api = {
    created: 0,
    availability: vi.fn(async () => state),
    create:
      create ??
      (async () => {
        api.created++;
        return { translate: async (text: string) => `EN(${text})` };
      }),
  };
  return api;
}

const never = () => new Promise<never>(() => undefined);
const signal = () => new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<TranslationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TranslationError);
  return error as TranslationError;
}

describe('on-device provider', () => {
  it.each([
    ['available', undefined],
    ['downloadable', 'needs-user-action'],
    ['downloading', 'needs-user-action'],
    ['unavailable', 'unavailable'],
  ] as const)('translates only when the model is %s', async (state, code) => {
    const provider = createOnDeviceProvider({ translatorApi: fakeTranslator(state) });
    expect(await provider.availability('zh', 'en')).toBe(state);
    const result = provider.translate(['你好', '卫衣'], 'zh', 'en', signal());
    if (code) expect((await failure(result)).code).toBe(code);
    else expect(await result).toEqual(['EN(你好)', 'EN(卫衣)']);
  });

  it('says unavailable where the API does not exist (Firefox, the service worker)', async () => {
    const provider = createOnDeviceProvider({ translatorApi: undefined });
    expect(await provider.availability('zh', 'en')).toBe('unavailable');
    expect((await failure(provider.translate(['你好'], 'zh', 'en', signal()))).code).toBe('unavailable');
  });

  it('reuses one translator per language pair', async () => {
    const api = fakeTranslator('available');
    const provider = createOnDeviceProvider({ translatorApi: api });
    await provider.translate(['一'], 'zh', 'en', signal());
    await provider.translate(['二'], 'zh', 'en', signal());
    expect(api.created).toBe(1);
  });

  it('times out when create() never finishes, and tries again next time', async () => {
    const create = vi.fn(never);
    const provider = createOnDeviceProvider({ translatorApi: fakeTranslator('available', { create }), createTimeoutMs: 20 });
    const error = await failure(provider.translate(['你好'], 'zh', 'en', signal()));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/took longer than 20 ms/);
    await failure(provider.translate(['你好'], 'zh', 'en', signal()));
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('times out when translate() hangs', async () => {
    const api = fakeTranslator('available', { create: async () => ({ translate: never }) });
    const provider = createOnDeviceProvider({ translatorApi: api, translateTimeoutMs: 20 });
    expect((await failure(provider.translate(['你好'], 'zh', 'en', signal()))).code).toBe('timeout');
  });

  it('stops at once when the caller aborts', async () => {
    const api = fakeTranslator('available', { create: async () => ({ translate: never }) });
    const provider = createOnDeviceProvider({ translatorApi: api });
    const controller = new AbortController();
    const pending = provider.translate(['你好'], 'zh', 'en', controller.signal);
    setTimeout(() => controller.abort(), 5);
    expect((await failure(pending)).code).toBe('aborted');
  });

  it('reports download progress, then translates with the downloaded model', async () => {
    let monitorListener: ((event: { loaded: number }) => void) | undefined;
    let finish: () => void = () => undefined;
    let state: TranslatorAvailability = 'downloadable';
    const api: TranslatorApi = {
      availability: async () => state,
      create: ({ monitor }) => {
        monitor?.({
          addEventListener: (_type, listener) => {
            monitorListener = listener;
          },
        } satisfies TranslatorDownloadMonitor);
        return new Promise((resolve) => {
          finish = () => {
            state = 'available';
            resolve({ translate: async (text) => `EN(${text})` });
          };
        });
      },
    };
    const provider = createOnDeviceProvider({ translatorApi: api });
    const progress: number[] = [];
    const download = provider.download('zh', 'en', { onProgress: (fraction) => progress.push(fraction) });
    monitorListener!({ loaded: 0 });
    monitorListener!({ loaded: 0.5 });
    monitorListener!({ loaded: 1 });
    finish();
    await download;
    expect(progress).toEqual([0, 0.5, 1]);
    expect(await provider.translate(['你好'], 'zh', 'en', signal())).toEqual(['EN(你好)']);
  });

  it('gives up a download that makes no progress (create() never finishes here)', async () => {
    const provider = createOnDeviceProvider({ translatorApi: fakeTranslator('downloadable', { create: never }), downloadStallTimeoutMs: 20 });
    const error = await failure(provider.download('zh', 'en'));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/stopped downloading/);
  });

  it('cancels a download on abort', async () => {
    const provider = createOnDeviceProvider({ translatorApi: fakeTranslator('downloadable', { create: never }) });
    const controller = new AbortController();
    const pending = provider.download('zh', 'en', { signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).code).toBe('aborted');
  });

  it('does not try with an unknown source language', async () => {
    const provider = createOnDeviceProvider({ translatorApi: fakeTranslator('available') });
    expect((await failure(provider.translate(['hola'], 'auto', 'en', signal()))).code).toBe('unavailable');
  });
});
