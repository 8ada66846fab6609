/**
 * What every translation provider shares: one interface, one error type, one deadline helper.
 * Pure TypeScript: the browser APIs a provider needs (Translator, fetch) are handed to it.
 */

/** A BCP 47 primary language subtag (`zh`, `en`, `ja`…), or `und` when it cannot be told. */
export type LanguageCode = string;

/** The source language passed to providers when it is unknown; endpoints then detect it themselves. */
export const AUTO_SOURCE = 'auto';

export interface TranslationProvider {
  /** Shown to the user ("translated by …") and part of the cache key. */
  readonly id: string;
  /** One translation per text, in the same order; rejects with a `TranslationError`. */
  translate(texts: string[], from: LanguageCode, to: LanguageCode, signal: AbortSignal): Promise<string[]>;
}

export type TranslationErrorCode =
  /** The provider cannot translate this pair here (no model, no API, not configured). */
  | 'unavailable'
  /** The provider needs the user to act first (download a language pack, grant a permission). */
  | 'needs-user-action'
  | 'timeout'
  | 'aborted'
  /** The request did not reach the server or the server refused it (non-2xx). */
  | 'network'
  | 'http'
  /** The reply was not the expected JSON shape, had the wrong count, or was empty or untranslated. */
  | 'bad-response'
  /** The user's character budget for this note or for today is spent. */
  | 'over-budget';

/** A failure the UI can show as is: `message` is written for the user, `cause` keeps the details. */
export class TranslationError extends Error {
  override readonly name = 'TranslationError';

  constructor(
    readonly code: TranslationErrorCode,
    readonly provider: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A failure as plain data: what the UI shows, and what crosses a message boundary. */
export interface ProviderFailure {
  provider: string;
  code: TranslationErrorCode;
  message: string;
}

export function toProviderFailure(error: TranslationError): ProviderFailure {
  return { provider: error.provider, code: error.code, message: error.message };
}

/**
 * A provider that runs elsewhere — the endpoint in the background, reached by a message — seen from
 * the content script as a local one: `call` resolves translations or the failure the other side met.
 */
export function createRemoteProvider(
  id: string,
  call: (texts: string[], from: LanguageCode, to: LanguageCode) => Promise<{ translations: string[] } | { failure: ProviderFailure }>,
): TranslationProvider {
  return {
    id,
    async translate(texts, from, to) {
      const reply = await call(texts, from, to);
      if ('failure' in reply) throw new TranslationError(reply.failure.code, reply.failure.provider, reply.failure.message);
      return reply.translations;
    },
  };
}

/**
 * Runs `work` with its own AbortSignal and settles within `timeoutMs` or when `signal` aborts,
 * whichever comes first, even if `work` ignores its signal: Chrome's `Translator.create()` can
 * wait forever for a model that never downloads, and a page must never wait with it.
 */
export function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  { provider, timeoutMs, signal, what }: { provider: string; timeoutMs: number; signal?: AbortSignal; what: string },
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const fail = (error: TranslationError) => {
      cleanup();
      controller.abort(error);
      reject(error);
    };
    const onAbort = () => fail(new TranslationError('aborted', provider, `${what} was cancelled.`));
    const timer = setTimeout(
      () => fail(new TranslationError('timeout', provider, `${what} took longer than ${formatSeconds(timeoutMs)}.`)),
      timeoutMs,
    );
    function cleanup() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    work(controller.signal).then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** Wraps anything thrown into a `TranslationError`, keeping one that already is. */
export function asTranslationError(error: unknown, provider: string, fallbackMessage: string): TranslationError {
  if (error instanceof TranslationError) return error;
  return new TranslationError('unavailable', provider, fallbackMessage, { cause: error });
}
