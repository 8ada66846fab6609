/**
 * Only mentions at or above this confidence are marked in the page. Its own module so the content
 * script can read it without bundling the detector and its lexicon (detection runs in the background).
 */
export const MARK_THRESHOLD = 0.5;
