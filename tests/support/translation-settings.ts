import { openPage, type ExtensionBrowser } from './chromium';

/**
 * Writes the settings as the settings store does and starts the translation side afresh: the
 * day's usage is forgotten and the translation cache emptied. Runs in an extension page, the only
 * place that can reach the extension's storage and IndexedDB.
 */
export async function setTranslationSettings(ext: ExtensionBrowser, settings: Record<string, unknown>): Promise<void> {
  const page = await openPage(ext, ext.pageUrl('options.html'));
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  await page.evaluate(async (value: Record<string, unknown>) => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void>; remove(key: string): Promise<void> } } } }).chrome;
    // storage.local says whether an endpoint is set up; the background moves the endpoint's URL
    // and key into its own store on first read.
    const endpoint = value.endpoint as { url?: string; apiKey?: string } | undefined;
    await api.storage.local.remove('translationUsage');
    await api.storage.local.set({ settings: { ...value, endpointConfigured: Boolean(endpoint?.url || endpoint?.apiKey) } });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('zhongcao');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    if (db.objectStoreNames.contains('translations')) {
      await new Promise((resolve, reject) => {
        const request = db.transaction('translations', 'readwrite').objectStore('translations').clear();
        request.onsuccess = resolve;
        request.onerror = () => reject(request.error);
      });
    }
    db.close();
  }, settings);
  await page.close();
}
