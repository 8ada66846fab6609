import { AUTO_SOURCE, TranslationError, withDeadline, type LanguageCode, type TranslationProvider } from './provider';

/**
 * Chrome's built-in on-device Translator (Chrome 138+, window contexts only: call this from the
 * content script or an extension page, never from the service worker). The `Translator` global is
 * passed in, so tests hand a fake and Firefox simply passes `undefined`.
 * https://developer.chrome.com/docs/ai/translator-api
 */

export type TranslatorAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

export interface TranslatorLanguagePair {
  sourceLanguage: string;
  targetLanguage: string;
}

export interface TranslatorDownloadMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: { loaded: number }) => void): void;
}

export interface TranslatorInstance {
  translate(text: string, options?: { signal?: AbortSignal }): Promise<string>;
  destroy?(): void;
}

/** The part of Chrome's `Translator` global we use. */
export interface TranslatorApi {
  availability(pair: TranslatorLanguagePair): Promise<TranslatorAvailability>;
  create(
    options: TranslatorLanguagePair & { monitor?(monitor: TranslatorDownloadMonitor): void; signal?: AbortSignal },
  ): Promise<TranslatorInstance>;
}

export interface OnDeviceOptions {
  /** `globalThis.Translator` in a window context; `undefined` where the API does not exist. */
  translatorApi: TranslatorApi | undefined;
  /** How long `create()` may take for an installed model (it hangs when no model can be fetched). */
  createTimeoutMs?: number;
  /** How long one batch of texts may take. */
  translateTimeoutMs?: number;
  /** A download is given up when no progress arrives for this long. */
  downloadStallTimeoutMs?: number;
}

export interface OnDeviceProvider extends TranslationProvider {
  readonly id: 'on-device';
  /** The model state for a pair, so the UI can offer "Download on-device translation". */
  availability(from: LanguageCode, to: LanguageCode): Promise<TranslatorAvailability>;
  /**
   * Downloads the language pack. Chrome allows this only during a user gesture: call it from the
   * click handler of the download button, before any other `await`. `onProgress` gets 0…1.
   */
  download(
    from: LanguageCode,
    to: LanguageCode,
    options?: { onProgress?: (fraction: number) => void; signal?: AbortSignal },
  ): Promise<void>;
}

const ID = 'on-device';

export function createOnDeviceProvider({
  translatorApi,
  createTimeoutMs = 10_000,
  translateTimeoutMs = 30_000,
  downloadStallTimeoutMs = 60_000,
}: OnDeviceOptions): OnDeviceProvider {
  // One translator per language pair for the life of the page; creating one loads a model.
  const translators = new Map<string, Promise<TranslatorInstance>>();
  const pairKey = (from: LanguageCode, to: LanguageCode) => `${from}>${to}`;

  async function availability(from: LanguageCode, to: LanguageCode): Promise<TranslatorAvailability> {
    if (!translatorApi) return 'unavailable';
    try {
      return await withDeadline(() => translatorApi.availability({ sourceLanguage: from, targetLanguage: to }), {
        provider: ID,
        timeoutMs: createTimeoutMs,
        what: 'Checking on-device translation',
      });
    } catch {
      return 'unavailable';
    }
  }

  function translatorFor(from: LanguageCode, to: LanguageCode, signal: AbortSignal): Promise<TranslatorInstance> {
    const key = pairKey(from, to);
    let translator = translators.get(key);
    if (!translator) {
      translator = withDeadline(
        (deadline) => translatorApi!.create({ sourceLanguage: from, targetLanguage: to, signal: deadline }),
        { provider: ID, timeoutMs: createTimeoutMs, signal, what: 'Starting on-device translation' },
      );
      // A failed start is not remembered: the next note tries again.
      translator.catch(() => translators.delete(key));
      translators.set(key, translator);
    }
    return translator;
  }

  async function translate(texts: string[], from: LanguageCode, to: LanguageCode, signal: AbortSignal) {
    if (from === AUTO_SOURCE) {
      throw new TranslationError('unavailable', ID, 'On-device translation needs to know the language of the text.');
    }
    const state = await availability(from, to);
    if (state === 'unavailable') {
      throw new TranslationError('unavailable', ID, `This browser cannot translate ${from} → ${to} on-device.`);
    }
    if (state !== 'available') {
      throw new TranslationError(
        'needs-user-action',
        ID,
        state === 'downloading'
          ? `The on-device ${from} → ${to} language pack is still downloading.`
          : `On-device ${from} → ${to} translation needs a one-time download: use "Download on-device translation".`,
      );
    }
    const translator = await translatorFor(from, to, signal);
    return withDeadline(
      async (deadline) => {
        const translations: string[] = [];
        // One at a time: the model runs on this machine and parallel calls only queue inside it.
        for (const text of texts) translations.push(await translator.translate(text, { signal: deadline }));
        return translations;
      },
      { provider: ID, timeoutMs: translateTimeoutMs, signal, what: 'On-device translation' },
    );
  }

  async function download(
    from: LanguageCode,
    to: LanguageCode,
    { onProgress, signal }: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
  ): Promise<void> {
    if (!translatorApi) {
      throw new TranslationError('unavailable', ID, 'This browser has no on-device translation.');
    }
    // Starting create() synchronously keeps it inside the user gesture that called download().
    const stall = new AbortController();
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    const created = translatorApi.create({
      sourceLanguage: from,
      targetLanguage: to,
      signal: stall.signal,
      monitor(monitor) {
        monitor.addEventListener('downloadprogress', (event) => {
          armStallTimer();
          onProgress?.(Math.min(1, Math.max(0, event.loaded)));
        });
      },
    });
    const finished = new Promise<TranslatorInstance>((resolve, reject) => {
      const onAbort = () => {
        reject(new TranslationError('aborted', ID, 'The download was cancelled.'));
        stall.abort();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      stall.signal.addEventListener('abort', () => {
        reject(
          new TranslationError(
            'timeout',
            ID,
            `The on-device language pack stopped downloading (no progress for ${Math.round(downloadStallTimeoutMs / 1000)} s).`,
          ),
        );
      });
      created.then(resolve, (error: unknown) =>
        reject(new TranslationError('unavailable', ID, 'The on-device language pack could not be downloaded.', { cause: error })),
      );
    }).finally(() => clearTimeout(stallTimer));
    armStallTimer();
    function armStallTimer() {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => stall.abort(), downloadStallTimeoutMs);
    }
    const translator = await finished;
    translators.set(pairKey(from, to), Promise.resolve(translator));
  }

  return { id: ID, translate, availability, download };
}
