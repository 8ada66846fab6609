import { browser } from 'wxt/browser';
import { setLandedBundleLoader, type LandedFiles } from './bundled-data';

/** The packaged asset wxt.config.ts writes from lib/landed/data/*.json at build time. */
export const LANDED_ASSET = '/data/landed.json';

setLandedBundleLoader(async () => {
  // A generated asset, so it is not among WXT's typed public paths.
  const response = await fetch((browser.runtime.getURL as (path: string) => string)(LANDED_ASSET));
  if (!response.ok) throw new Error(`Could not load the bundled rate cards (${response.status})`);
  return (await response.json()) as LandedFiles;
});
