/**
 * Every Xiaohongshu / RedNote selector, in one place. Dated guesses from the 2026 web app (see
 * shared reference xiaohongshu.md); the fixture pages in tests/fixtures/pages/xiaohongshu/ must
 * match them, and a unit test checks that they do.
 */
export const XHS = {
  /** The note, as a full page or inside the modal over the feed (2026). */
  noteRoot: '#noteContainer',
  /** The modal wrapper over the feed; closed with `.close-circle`. */
  modalMask: '.note-detail-mask',
  title: '#detail-title',
  /** Caption: plain spans interleaved with hashtag links and sticker images. */
  desc: '#detail-desc .note-text',
  hashtag: '#detail-desc a.tag',
  date: '.bottom-container .date',
  images: '.note-slider .swiper-slide:not(.swiper-slide-duplicate) img, img[class*="note-slider-img"]',
  author: '.author-container .info .username, .author-wrapper .name, a[href*="/user/profile/"]',
  comments: '.comments-container',
  parentComment: '.parent-comment',
  /** A top-level comment: the first `.comment-item` of a `.parent-comment`. */
  comment: '.comment-item[id^="comment-"]',
  reply: '.comment-item-sub',
  commentAuthor: '.author .name',
  commentText: '.content .note-text',
  /** Feed and search cards (search suggestions excluded). */
  feedCard: 'section.note-item:not(.query-note-item)',
  cardTitle: 'a.title',
  cardLink: 'a.cover, a.title',
  cardAuthor: 'a.author .name',
} as const;

/** The inline script that sets the page's own state on full page loads. */
export const INITIAL_STATE_PREFIX = 'window.__INITIAL_STATE__=';
