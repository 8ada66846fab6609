import { fieldReport, type FieldReport } from '../messaging/field-list';
import type { Note, NoteComment } from '../messaging/schemas';
import { NOTE_LIMITS } from './limits';
import { XHS, XHS_FIELDS, all, first, selectorList } from './selectors';

/**
 * Reads a note from the rendered page. Page text is untrusted: it is only ever read as text here,
 * and every string is capped so a hostile page cannot flood the messages built from it.
 */

/** A field's text and the text nodes it came from, so offsets in the text map back to the DOM. */
export interface TextSource {
  text: string;
  segments: Array<{ node: Text; start: number }>;
  /** The element the text was read from (the title, the caption, a comment's text). */
  element?: Element;
}

/**
 * Elements Zhongcao inserted (translations, cards, the bar: `[data-zc-translation], [data-zc-ui]`):
 * never read back as page text. Two attribute checks cost less than matching a selector on every
 * element of the note.
 */
const isOurs = (element: Element) => element.hasAttribute('data-zc-translation') || element.hasAttribute('data-zc-ui');

export function readTextSource(element: Element, maxLength = 50_000): TextSource {
  let text = '';
  const segments: TextSource['segments'] = [];
  // A loop over the tree, not recursion: a page can nest its elements 10,000 deep.
  let node: Node | null = element.firstChild;
  while (node && text.length < maxLength) {
    let descend = false;
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (data) {
        segments.push({ node: node as Text, start: text.length });
        text += data;
      }
    } else if (node.nodeType === 1) {
      const el = node as Element;
      const tag = el.tagName;
      if (isOurs(el)) {
        // never read back our own insertions
      } else if (tag === 'BR') text += '\n';
      else if (tag === 'IMG') text += el.getAttribute('alt') ?? '';
      else if (tag !== 'SCRIPT' && tag !== 'STYLE' && tag !== 'TEMPLATE') descend = el.firstChild !== null;
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    // Next sibling, else the nearest ancestor's next sibling, stopping at the element read.
    while (node && node !== element && !node.nextSibling) node = node.parentNode;
    node = !node || node === element ? null : node.nextSibling;
  }
  if (text.length > maxLength) text = text.slice(0, maxLength);
  return { text, segments, element };
}

const cap = (value: string | null | undefined, max: number) => (value ?? '').trim().slice(0, max);

export interface ReadNote {
  note: Note;
  /** Where each field's text came from: `title`, `desc`, `tags.N`, `comments.N`, `comments.N.replies.M`. */
  sources: Map<string, TextSource>;
  /** Which fields were found and which were looked for in vain. */
  fields: FieldReport;
  /** Set when the note was larger than the caps: how many comments (replies included) were read. */
  capped?: { comments: number };
}

/** A comment thread as rendered: its top comment and the replies shown under it. */
interface Thread {
  head: Element;
  replies: Element[];
}

const list = (key: keyof typeof XHS_FIELDS) => selectorList(XHS_FIELDS[key]);

/**
 * The threads under `root`, in page order. In 2024–2025 a reply carried `.comment-item-sub`; in
 * 2026 it is a plain `.comment-item` inside the thread's `.reply-container .list-container`. Both
 * are read: a reply is any comment item of the thread that is not its head and either has the reply
 * class or sits in a reply list. Without `.parent-comment` wrappers, each comment item outside a
 * reply list starts a thread and the reply lists that follow it belong to it.
 */
function threadsOf(root: Element): Thread[] {
  const item = list('commentItem');
  const replyList = list('replyList');
  const replyClass = list('replyClass');
  const isReply = (el: Element) => el.matches(replyClass) || el.closest(replyList) !== null;
  const threads: Thread[] = [];
  const wrappers = all(root, XHS_FIELDS.thread);
  if (wrappers.length > 0) {
    for (const wrapper of wrappers) {
      const items = [...wrapper.querySelectorAll(item)];
      // A thread's own reply list only: a reply list of another thread nested in it is not ours.
      const head = items.find((el) => !(el.matches(replyClass) || (el.closest(replyList) !== null && wrapper.contains(el.closest(replyList)))));
      if (!head) continue;
      threads.push({ head, replies: items.filter((el) => el !== head && !head.contains(el) && isReply(el)) });
    }
    return threads;
  }
  for (const el of root.querySelectorAll(item)) {
    if (!isReply(el)) threads.push({ head: el, replies: [] });
    else threads.at(-1)?.replies.push(el);
  }
  return threads;
}

/** A number the page shows (`共 12 条评论`, `1.2万`), 0 when it shows none. */
function shownCount(el: Element | null): number {
  const match = /(\d+(?:\.\d+)?)(万)?/.exec(el?.textContent ?? '');
  return match ? Number(match[1]) * (match[2] ? 10_000 : 1) : 0;
}

/**
 * Reads the note under `root` (the `#noteContainer`), or null when the layout is not recognised
 * (no title and no caption found). Reads at most NOTE_LIMITS of comments and characters.
 */
export function readNote(root: Element, url: string, noteId: string): ReadNote | null {
  const sources = new Map<string, TextSource>();
  const titleEl = first(root, XHS_FIELDS.title);
  const descEl = first(root, XHS_FIELDS.desc);
  if (!titleEl && !descEl) return null;
  const budget = { chars: NOTE_LIMITS.totalChars, comments: NOTE_LIMITS.comments };
  const title = titleEl ? readTextSource(titleEl, 2000) : { text: '', segments: [] };
  const desc = descEl ? readTextSource(descEl, Math.min(50_000, budget.chars)) : { text: '', segments: [] };
  budget.chars -= title.text.length + desc.text.length;
  sources.set('title', title);
  sources.set('desc', desc);

  const tags: string[] = [];
  for (const tag of all(root, XHS_FIELDS.hashtag)) {
    if (tags.length >= 200) break;
    const source = readTextSource(tag, 200);
    sources.set(`tags.${tags.length}`, source);
    tags.push(source.text);
  }

  const threads = threadsOf(root);
  const { comments, capped } = readThreads(threads, 0, sources, budget);

  const images: string[] = [];
  for (const img of all(root, XHS_FIELDS.images)) {
    // The slider's copies of its first and last slide, whichever selector found them.
    if (img.closest('.swiper-slide-duplicate')) continue;
    const src = img.getAttribute('src') || img.getAttribute('data-src');
    if (src && !images.includes(src) && images.length < 100) images.push(src.slice(0, 4000));
  }

  const modal = root.closest(XHS.modalMask) !== null;
  const replies = comments.reduce((n, c) => n + c.replies.length, 0);
  const pageShowsReplies = threads.some((t) => t.head.parentElement?.querySelector('.show-more') || shownCount(t.head.querySelector('.reply .count')) > 0);
  const pageShowsComments = shownCount(root.querySelector('.comments-container .total, .comments-el .total')) > 0 || threads.length > 0;
  const fields: Record<string, boolean> = { title: title.text.trim() !== '', caption: desc.text.trim() !== '' };
  const author = cap(first(root, XHS_FIELDS.author)?.textContent, 200);
  fields.author = author !== '';
  if (images.length > 0 || !root.querySelector('video')) fields.images = images.length > 0;
  if (comments.length > 0 || pageShowsComments) fields.comments = comments.length > 0;
  if (replies > 0 || pageShowsReplies) fields.replies = replies > 0;
  return {
    note: {
      id: noteId,
      url: url.slice(0, 4000),
      title: title.text,
      desc: desc.text,
      tags,
      author,
      images,
      comments,
      layout: modal ? 'modal' : 'page',
      source: 'dom',
    },
    sources,
    fields: fieldReport(fields, modal ? 'modal' : 'page'),
    ...(capped ? { capped: { comments: NOTE_LIMITS.comments - budget.comments } } : {}),
  };
}

/** Reads threads into comments from index `from` on, within the budget; says whether it ran out. */
function readThreads(threads: Thread[], from: number, sources: Map<string, TextSource>, budget: { chars: number; comments: number }) {
  const comments: NoteComment[] = [];
  let capped = false;
  for (const thread of threads) {
    if (budget.comments <= 0 || budget.chars <= 0) {
      capped = true;
      break;
    }
    const index = from + comments.length;
    const comment = readComment(thread.head, `comments.${index}`, sources, budget);
    const replies: NoteComment['replies'] = [];
    for (const reply of thread.replies) {
      if (replies.length >= NOTE_LIMITS.repliesPerComment || budget.comments <= 0 || budget.chars <= 0) {
        capped = true;
        break;
      }
      replies.push(readComment(reply, `comments.${index}.replies.${replies.length}`, sources, budget));
    }
    comments.push({ ...comment, replies });
  }
  return { comments, capped };
}

/**
 * The comments that loaded since `previous` was read, added to it (only they are read and
 * sent again). Null when anything else changed: a comment read before is gone or moved, has other
 * replies now, or the title or caption was rendered again. The caller then reads the whole note.
 */
export function readAddedComments(root: Element, previous: ReadNote): { read: ReadNote; from: number; comments: NoteComment[] } | null {
  for (const field of ['title', 'desc']) {
    const element = previous.sources.get(field)?.element;
    if (element && !element.isConnected) return null;
  }
  const from = previous.note.comments.length;
  const threads = threadsOf(root);
  if (threads.length < from) return null;
  for (let index = 0; index < from; index++) {
    // The same comment, with the same replies, at the same place (a comment without text is
    // known by its id).
    const thread = threads[index]!;
    const known = previous.note.comments[index]!;
    const before = previous.sources.get(`comments.${index}`)?.element;
    const same = before ? before.isConnected && thread.head.contains(before) : known.text === '' && known.id === commentId(thread.head);
    const replies = Math.min(thread.replies.length, NOTE_LIMITS.repliesPerComment);
    if (!same || replies !== known.replies.length) return null;
  }
  // What the earlier reading spent of the caps.
  const spent = previous.note.comments.reduce(
    (acc, c) => ({ comments: acc.comments + 1 + c.replies.length, chars: acc.chars + c.text.length + c.replies.reduce((n, r) => n + r.text.length, 0) }),
    { comments: 0, chars: previous.note.title.length + previous.note.desc.length },
  );
  const budget = { chars: NOTE_LIMITS.totalChars - spent.chars, comments: NOTE_LIMITS.comments - spent.comments };
  const sources = new Map(previous.sources);
  const { comments, capped } = readThreads(threads.slice(from), from, sources, budget);
  const note = { ...previous.note, comments: [...previous.note.comments, ...comments] };
  const replies = note.comments.reduce((n, c) => n + c.replies.length, 0);
  const found = new Set(previous.fields.found);
  if (note.comments.length > 0) found.add('comments');
  if (replies > 0) found.add('replies');
  const fields: FieldReport = { ...previous.fields, found: [...found], missing: previous.fields.missing.filter((f) => !found.has(f)) };
  const read: ReadNote = { note, sources, fields, ...(capped || previous.capped ? { capped: { comments: NOTE_LIMITS.comments - budget.comments } } : {}) };
  return { read, from, comments };
}

const commentId = (item: Element) => cap(item.id.replace(/^comment-/, ''), 100);

function readComment(item: Element, field: string, sources: Map<string, TextSource>, budget: { chars: number; comments: number }) {
  const textEl = first(item, XHS_FIELDS.commentText);
  // A reply's text is inside its own item only: never the first text of a reply nested deeper.
  const own = textEl && textEl.closest(list('commentItem')) === item ? textEl : null;
  const source = own ? readTextSource(own, Math.max(0, Math.min(NOTE_LIMITS.commentChars, budget.chars))) : { text: '', segments: [] };
  budget.chars -= source.text.length;
  budget.comments -= 1;
  sources.set(field, source);
  return {
    id: commentId(item),
    author: cap(first(item, XHS_FIELDS.commentAuthor)?.textContent, 200),
    text: source.text,
  };
}

export interface FeedCard {
  noteId: string;
  title: string;
  author: string;
  url: string;
}

/** Titles of feed and search cards (search suggestions are skipped). */
export function readFeedCards(root: ParentNode): FeedCard[] {
  const cards: FeedCard[] = [];
  for (const card of all(root, XHS_FIELDS.feedCard)) {
    const link = first(card, XHS_FIELDS.cardLink);
    const href = link?.getAttribute('href') ?? '';
    const noteId = /\/([0-9a-f]{24})(?:[/?#]|$)/.exec(href)?.[1];
    if (!noteId) continue;
    cards.push({
      noteId,
      title: cap(first(card, XHS_FIELDS.cardTitle)?.textContent, 500),
      author: cap(first(card, XHS_FIELDS.cardAuthor)?.textContent, 200),
      url: href.slice(0, 4000),
    });
  }
  return cards;
}
