/**
 * The one gate for URLs that reach an `href` or a `src`. Listing URLs and images come from pages,
 * rate cards and backup files, all of which an attacker can write: a `javascript:` link, a
 * `data:` page or an `http:` tracking pixel must never be rendered. Only absolute `https:` URLs
 * pass, re-serialised by the URL parser (so what is rendered is what was checked).
 */
export function httpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 4000) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) return undefined;
  return url.href;
}
