/** Hosts the content scripts run on: the only hosts the extension holds permissions for. */
export const CONTENT_HOSTS = {
  xiaohongshu: ['www.xiaohongshu.com', 'www.rednote.com'],
  // error.item.taobao.com: where item.taobao.com sends a visitor to an item that was taken down.
  taobao: ['s.taobao.com', 'item.taobao.com', 'detail.tmall.com', 'detail.tmall.hk', 'error.item.taobao.com'],
} as const;

export type Site = keyof typeof CONTENT_HOSTS;

export function matchPatterns(site: Site): string[] {
  return CONTENT_HOSTS[site].map((host) => `*://${host}/*`);
}

/** Which of our sites a URL belongs to, or null when it is none of them. */
export function siteOf(url: string | undefined): Site | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  for (const site of Object.keys(CONTENT_HOSTS) as Site[]) {
    if ((CONTENT_HOSTS[site] as readonly string[]).includes(host)) return site;
  }
  return null;
}
