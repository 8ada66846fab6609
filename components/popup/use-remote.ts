import { useEffect, useState } from 'preact/hooks';

export type Remote<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: Error };

/**
 * An answer from the background as Preact state, asked again whenever `deps` change (the caller
 * lists `dataVersion` among them to follow data changed elsewhere). While a new answer is on its
 * way the previous one stays on screen, so a refresh never flashes "loading"; an answer to an older
 * question that arrives late is dropped.
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[]): Remote<T> {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setState({ status: 'ready', value }),
      (error: unknown) => current && setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
    // The caller lists what the question depends on, as with useEffect.
  }, deps);
  return state;
}
