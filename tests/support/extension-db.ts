import type { Page } from 'puppeteer-core';

/**
 * Reads the extension's own IndexedDB from one of its pages (the browser's real IndexedDB, not a
 * fake), with the raw API so tests see exactly what is stored.
 */
export async function readStore<T = unknown>(extensionPage: Page, store: string): Promise<T[]> {
  await extensionPage.evaluate('globalThis.__name ??= (fn) => fn');
  return extensionPage.evaluate(async (name: string) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhongcao');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains(name)) return [];
      return await new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(name, 'readonly').objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, store) as Promise<T[]>;
}
