/** What a Xiaohongshu URL shows, from the URL alone. */
export type XhsRoute = { kind: 'note'; noteId: string } | { kind: 'feed' } | { kind: 'search'; keyword: string } | { kind: 'other' };

const NOTE_PATH = /^\/(?:explore|discovery\/item|search_result|user\/profile\/[0-9a-zA-Z]+)\/([0-9a-f]{24})(?:\/|$)/;

export function routeOf(url: string): XhsRoute {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'other' };
  }
  const note = NOTE_PATH.exec(parsed.pathname);
  if (note?.[1]) return { kind: 'note', noteId: note[1] };
  if (parsed.pathname === '/' || parsed.pathname === '/explore') return { kind: 'feed' };
  if (parsed.pathname === '/search_result') return { kind: 'search', keyword: parsed.searchParams.get('keyword') ?? '' };
  return { kind: 'other' };
}
