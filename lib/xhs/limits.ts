/**
 * How much of one note is read and sent to the background. A note is page-controlled: 2,000
 * comments of 🍑 or share codes once kept the service worker busy for ~20 s at 434 MB, and a note
 * near 10 MB filled `storage.session` so that other tabs could not store theirs. Past these caps
 * the reader stops and the page says "first N comments" (the user can still read the rest).
 * Real notes sit far below them: a popular note loads 10–20 comments per scroll.
 */
export const NOTE_LIMITS = {
  /** Comments and replies together, in page order. */
  comments: 400,
  /** Replies under one comment. */
  repliesPerComment: 50,
  /** Characters of title, caption, tags and comments together. */
  totalChars: 150_000,
  /** Characters of one comment or reply. */
  commentChars: 5_000,
  /** Mentions kept per note (stored per tab and sent back to the page). */
  mentions: 1_000,
  /** The inline state script is not parsed past this length. */
  stateScriptChars: 5_000_000,
  /** Largest message a content script sends; Chromium refuses messages of 64 MiB, and ours stay small. */
  messageBytes: 4_000_000,
} as const;
