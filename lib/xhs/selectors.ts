/**
 * Every Xiaohongshu / RedNote selector, as data: for each field, the selectors to try in order,
 * first match wins. Each is a dated guess from public scrapers (see shared reference
 * xiaohongshu.md and tests/fixtures/real/xiaohongshu/PROVENANCE.md, which names the sources of
 * each layout); the corpus pages there must be read by them, and the e2e and unit tests check that.
 *
 * A `{ prefix }` entry matches a hashed class name by its stable part (`title--` matches
 * `title--x7f3a`) wherever it stands in the class list.
 */
export type FieldSelector = string | { prefix: string; within?: string };

export const XHS_FIELDS = {
  /** The note, as a full page or inside the modal over the feed. */
  noteRoot: ['#noteContainer', '.note-container[note-id]', '.note-detail-mask .note-container'],
  title: ['#detail-title', '.note-content .title', { prefix: 'title--', within: '.note-content' }],
  /** Caption: plain spans interleaved with hashtag links and sticker images. */
  desc: ['#detail-desc .note-text', '#detail-desc', '.note-content .desc .note-text', '.note-content .desc'],
  hashtag: ['#detail-desc a.tag', '.note-content .desc a.tag', 'a.tag[href*="search_result"]'],
  /**
   * Images of the note, every one that matches (not only the first list): the 2026 app renders
   * `.media-container` with `.img-container`s; the older slider used swiper (its duplicates of the
   * first and last slide skipped).
   */
  images: [
    '.media-container .img-container img',
    '.media-container img',
    '.img-container img',
    '.note-slider .swiper-slide:not(.swiper-slide-duplicate) img',
    '.swiper-slide:not(.swiper-slide-duplicate) img',
    'img[class*="note-slider-img"]',
  ],
  author: ['.author-container .info .username', '.author-wrapper .username', '.author-wrapper .name', '.author-container a[href*="/user/profile/"]', 'a[href*="/user/profile/"]'],
  /** One comment thread: the top comment and, in its `.reply-container`, the replies. */
  thread: ['.parent-comment'],
  /** A comment or a reply. */
  commentItem: ['.comment-item'],
  /** The replies' list inside a thread (2024–2026). */
  replyList: ['.reply-container'],
  /** A reply by its own class (up to 2025; in 2026 replies are plain `.comment-item`s in `.reply-container`). */
  replyClass: ['.comment-item-sub'],
  commentAuthor: ['.author .name', '.author-wrapper .name', '.author a', '.name'],
  commentText: ['.content .note-text', '.note-text', '.content'],
  /** Feed and search cards (search suggestions excluded). */
  feedCard: ['section.note-item:not(.query-note-item)'],
  cardTitle: ['a.title', '.footer .title'],
  cardLink: ['a.cover', 'a.title', 'a[href*="/explore/"]'],
  cardAuthor: ['a.author .name', '.author .name'],
  /** The modal wrapper over the feed; closed with `.close-circle`. */
  modalMask: ['.note-detail-mask'],
} as const satisfies Record<string, readonly FieldSelector[]>;

/** One CSS selector list for a field's candidates (for `closest`, `matches` and observers). */
export function selectorList(candidates: readonly FieldSelector[]): string {
  return candidates.map(toCss).join(', ');
}

function toCss(candidate: FieldSelector): string {
  if (typeof candidate === 'string') return candidate;
  const within = candidate.within ? `${candidate.within} ` : '';
  const p = candidate.prefix.replace(/["\\]/g, '\\$&');
  return `${within}[class^="${p}"], ${within}[class*=" ${p}"]`;
}

/** The first element any candidate finds, trying them in order. */
export function first(root: ParentNode, candidates: readonly FieldSelector[]): Element | null {
  for (const candidate of candidates) {
    const found = root.querySelector(toCss(candidate));
    if (found) return found;
  }
  return null;
}

/** Every element the first fruitful candidate finds. */
export function all(root: ParentNode, candidates: readonly FieldSelector[]): Element[] {
  for (const candidate of candidates) {
    const found = root.querySelectorAll(toCss(candidate));
    if (found.length > 0) return [...found];
  }
  return [];
}

/** Single selectors kept for the code that observes or styles one thing. */
export const XHS = {
  noteRoot: selectorList(XHS_FIELDS.noteRoot),
  modalMask: '.note-detail-mask',
  comment: '.comment-item',
  feedCard: selectorList(XHS_FIELDS.feedCard),
} as const;

/** The inline script that sets the page's own state on full page loads (`=` with or without spaces). */
export const INITIAL_STATE_ASSIGNMENT = /window\.__INITIAL_STATE__\s*=\s*/;
