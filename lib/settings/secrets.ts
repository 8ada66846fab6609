/**
 * The translation endpoint's URL, API key and model, and the last error each remote provider met,
 * kept in an IndexedDB database of the extension's own origin. `storage.local` is readable by
 * content scripts, which run inside the pages we read (and Firefox has no way to close it to
 * them); IndexedDB belongs to an origin, so only the background and extension pages can open
 * this one. Plain IndexedDB, not Dexie: a two-key store needs no schema versions.
 */

const DB_NAME = 'zhongcao-secrets';
const STORE = 'secrets';

export interface EndpointSecrets {
  url: string;
  apiKey: string;
  model: string;
}

/** What went wrong with a remote provider, in full: shown in Options, never sent to a page. */
export interface ProviderErrorDetail {
  provider: string;
  code: string;
  message: string;
  at: number;
}

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => {
      const db = request.result;
      // Another context deleting the database (a test, "delete everything") must not leave a dead handle.
      db.onversionchange = () => {
        db.close();
        opening = undefined;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('Could not open the extension’s secrets store.'));
  });
  opening.catch(() => (opening = undefined));
  return opening;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result as T);
    transaction.onerror = () => reject(transaction.error ?? request.error ?? new Error('The secrets store failed.'));
    transaction.onabort = () => reject(transaction.error ?? new Error('The secrets store write was aborted.'));
  });
}

const isString = (value: unknown): value is string => typeof value === 'string';

export async function loadEndpointSecrets(): Promise<EndpointSecrets> {
  const stored = await run<unknown>('readonly', (store) => store.get('endpoint'));
  const { url, apiKey, model } = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  return { url: isString(url) ? url : '', apiKey: isString(apiKey) ? apiKey : '', model: isString(model) ? model : '' };
}

export async function saveEndpointSecrets({ url, apiKey, model }: EndpointSecrets): Promise<void> {
  await run('readwrite', (store) => store.put({ url, apiKey, model }, 'endpoint'));
}

export async function loadProviderErrors(): Promise<ProviderErrorDetail[]> {
  const stored = await run<unknown>('readonly', (store) => store.get('errors'));
  return Array.isArray(stored) ? (stored as ProviderErrorDetail[]).filter((entry) => entry && isString(entry.provider) && isString(entry.message)) : [];
}

/** Keeps the newest error per provider; `undefined` clears the provider's (it just worked). */
export async function recordProviderError(provider: string, detail: Omit<ProviderErrorDetail, 'provider'> | undefined): Promise<void> {
  const others = (await loadProviderErrors()).filter((entry) => entry.provider !== provider);
  const next = detail ? [...others, { provider, ...detail, message: detail.message.slice(0, 500) }] : others;
  await run('readwrite', (store) => store.put(next, 'errors'));
}
