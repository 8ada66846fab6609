import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export type Live<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: Error };

/**
 * A Dexie `liveQuery` as Preact state: the query runs again whenever a table it read changes, in
 * this page or in another context of the extension (the background storing listings a Taobao tab
 * captured), so the popup never needs reopening.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): Live<T> {
  const [state, setState] = useState<Live<T>>({ status: 'loading' });
  useEffect(() => {
    setState({ status: 'loading' });
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ status: 'ready', value }),
      error: (error: unknown) => setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    });
    return () => subscription.unsubscribe();
    // The caller lists what the query depends on, as with useEffect.
  }, deps);
  return state;
}
