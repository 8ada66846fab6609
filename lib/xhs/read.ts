import type { Note, NoteComment } from '../messaging/schemas';
import { XHS } from './selectors';

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
  const walk = (node: Node) => {
    for (let child = node.firstChild; child && text.length < maxLength; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const data = (child as Text).data;
        if (!data) continue;
        segments.push({ node: child as Text, start: text.length });
        text += data;
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (isOurs(el)) continue;
        const tag = el.tagName;
        if (tag === 'BR') text += '\n';
        else if (tag === 'IMG') text += el.getAttribute('alt') ?? '';
        else if (tag !== 'SCRIPT' && tag !== 'STYLE' && tag !== 'TEMPLATE') walk(el);
      }
    }
  };
  walk(element);
  if (text.length > maxLength) text = text.slice(0, maxLength);
  return { text, segments, element };
}

const cap = (value: string | null | undefined, max: number) => (value ?? '').trim().slice(0, max);

export interface ReadNote {
  note: Note;
  /** Where each field's text came from: `title`, `desc`, `tags.N`, `comments.N`, `comments.N.replies.M`. */
  sources: Map<string, TextSource>;
}

/**
 * Reads the note under `root` (the `#noteContainer`), or null when the layout is not recognised
 * (no title and no caption found).
 */
export function readNote(root: Element, url: string, noteId: string): ReadNote | null {
  const sources = new Map<string, TextSource>();
  const titleEl = root.querySelector(XHS.title);
  const descEl = root.querySelector(XHS.desc);
  if (!titleEl && !descEl) return null;
  const title = titleEl ? readTextSource(titleEl, 2000) : { text: '', segments: [] };
  const desc = descEl ? readTextSource(descEl) : { text: '', segments: [] };
  sources.set('title', title);
  sources.set('desc', desc);

  const tags: string[] = [];
  for (const tag of root.querySelectorAll(XHS.hashtag)) {
    if (tags.length >= 200) break;
    const source = readTextSource(tag, 200);
    sources.set(`tags.${tags.length}`, source);
    tags.push(source.text);
  }

  const comments: NoteComment[] = [];
  for (const parent of root.querySelectorAll(XHS.parentComment)) {
    if (comments.length >= 2000) break;
    const item = parent.querySelector(`${XHS.comment}:not(${XHS.reply})`);
    if (!item) continue;
    const index = comments.length;
    const comment = readComment(item, `comments.${index}`, sources);
    const replies: NoteComment['replies'] = [];
    for (const reply of parent.querySelectorAll(XHS.reply)) {
      if (replies.length >= 500) break;
      replies.push(readComment(reply, `comments.${index}.replies.${replies.length}`, sources));
    }
    comments.push({ ...comment, replies });
  }

  const images: string[] = [];
  for (const img of root.querySelectorAll(XHS.images)) {
    const src = img.getAttribute('src');
    if (src && !images.includes(src) && images.length < 100) images.push(src.slice(0, 4000));
  }

  const modal = root.closest(XHS.modalMask) !== null;
  return {
    note: {
      id: noteId,
      url: url.slice(0, 4000),
      title: title.text,
      desc: desc.text,
      tags,
      author: cap(root.querySelector(XHS.author)?.textContent, 200),
      images,
      comments,
      layout: modal ? 'modal' : 'page',
      source: 'dom',
    },
    sources,
  };
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
  const sources = new Map(previous.sources);
  const comments: NoteComment[] = [];
  let index = 0;
  for (const parent of root.querySelectorAll(XHS.parentComment)) {
    if (index >= 2000) break;
    const item = parent.querySelector(`${XHS.comment}:not(${XHS.reply})`);
    if (!item) continue;
    const replyItems = parent.querySelectorAll(XHS.reply);
    if (index < from) {
      // The same comment, with the same replies, at the same place (a comment without text is
      // known by its id).
      const known = previous.note.comments[index]!;
      const before = previous.sources.get(`comments.${index}`)?.element;
      const same = before ? before.isConnected && item.contains(before) : known.text === '' && known.id === commentId(item);
      if (!same || replyItems.length !== known.replies.length) return null;
    } else {
      const comment = readComment(item, `comments.${index}`, sources);
      const replies: NoteComment['replies'] = [];
      for (const reply of replyItems) {
        if (replies.length >= 500) break;
        replies.push(readComment(reply, `comments.${index}.replies.${replies.length}`, sources));
      }
      comments.push({ ...comment, replies });
    }
    index++;
  }
  if (index < from) return null;
  return { read: { note: { ...previous.note, comments: [...previous.note.comments, ...comments] }, sources }, from, comments };
}

const commentId = (item: Element) => cap(item.id.replace(/^comment-/, ''), 100);

function readComment(item: Element, field: string, sources: Map<string, TextSource>) {
  const textEl = item.querySelector(XHS.commentText);
  const source = textEl ? readTextSource(textEl, 20_000) : { text: '', segments: [] };
  sources.set(field, source);
  return {
    id: commentId(item),
    author: cap(item.querySelector(XHS.commentAuthor)?.textContent, 200),
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
  for (const card of root.querySelectorAll(XHS.feedCard)) {
    const link = card.querySelector<HTMLAnchorElement>(XHS.cardLink);
    const href = link?.getAttribute('href') ?? '';
    const noteId = /\/([0-9a-f]{24})(?:[/?#]|$)/.exec(href)?.[1];
    if (!noteId) continue;
    cards.push({
      noteId,
      title: cap(card.querySelector(XHS.cardTitle)?.textContent, 500),
      author: cap(card.querySelector(XHS.cardAuthor)?.textContent, 200),
      url: href.slice(0, 4000),
    });
  }
  return cards;
}
