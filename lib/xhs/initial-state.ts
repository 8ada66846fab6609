import type { Note } from '../messaging/schemas';
import { INITIAL_STATE_PREFIX } from './selectors';

/**
 * Fallback when the DOM cannot be read: the page's own `window.__INITIAL_STATE__`, which an inline
 * script sets on full page loads. We read the script's text (no page code runs in our world) and
 * validate it as untrusted input: the page, or anything injected into it, could forge it.
 *
 * The checks are written by hand rather than with zod: zod would be the largest part of the content
 * script, loaded and compiled on every Xiaohongshu page (the budget) for a fallback that
 * rarely runs. The note built here crosses into the background, which validates it with zod again
 * (`NoteSchema`): that is the trust boundary; this only keeps the shapes and limits it read.
 */

/** Thrown by the checks below when the state does not have the expected shape. */
class NotTheExpectedShape extends Error {}

function fail(): never {
  throw new NotTheExpectedShape();
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : fail();
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' && value.length <= max ? value : fail();
}

function optional<T>(value: unknown, check: (value: unknown) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

function list<T>(value: unknown, max: number, check: (value: unknown) => T): T[] {
  return Array.isArray(value) && value.length <= max ? value.map(check) : fail();
}

const nickname = (value: unknown) => optional(record(value).nickname, (name) => text(name, 200));

function noteState(value: unknown) {
  const note = record(value);
  return {
    noteId: text(note.noteId, 64),
    title: optional(note.title, (v) => text(v, 2000)),
    desc: optional(note.desc, (v) => text(v, 50_000)),
    tagList: optional(note.tagList, (v) => list(v, 200, (tag) => text(record(tag).name, 200))),
    nickname: optional(note.user, nickname),
    images: optional(note.imageList, (v) => list(v, 100, (image) => optional(record(image).urlDefault, (url) => text(url, 4000)))),
  };
}

function commentState(value: unknown) {
  const comment = record(value);
  return {
    id: text(comment.id, 100),
    content: text(comment.content, 20_000),
    nickname: optional(comment.userInfo, nickname),
  };
}

/** The entry of one note in the state: the note and its comments, checked; the rest is never read. */
function noteEntry(raw: unknown, noteId: string) {
  const map = record(record(record(raw).note).noteDetailMap);
  if (!Object.hasOwn(map, noteId)) return undefined;
  const entry = record(map[noteId]);
  const comments = optional(entry.comments, (v) => optional(record(v).list, (l) => list(l, 2000, (item) => ({
    ...commentState(item),
    replies: optional(record(item).subComments, (r) => list(r, 500, commentState)) ?? [],
  }))));
  return { note: optional(entry.note, noteState), comments: comments ?? [] };
}

/** Hashtags and stickers as they appear in `desc`: `#好物分享[话题]#`, `[种草R]`. */
const DESC_HASHTAG = /#([^#\n[\]]{1,50})\[话题\]#/g;

/**
 * Parses the inline state script's text and returns the note with this id, or null. The raw
 * script holds bare `undefined` values, which JSON does not allow.
 */
export function noteFromInitialState(scriptText: string, noteId: string, url: string): Note | null {
  const start = scriptText.indexOf(INITIAL_STATE_PREFIX);
  if (start < 0 || scriptText.length > 5_000_000) return null;
  const json = scriptText.slice(start + INITIAL_STATE_PREFIX.length).trim().replace(/;\s*$/, '').replace(/:undefined([,}\]])/g, ':null$1');
  let raw: unknown;
  try {
    raw = JSON.parse(json, (_key, value) => (value === null ? undefined : value));
  } catch {
    return null;
  }
  let entry: ReturnType<typeof noteEntry>;
  try {
    entry = noteEntry(raw, noteId);
  } catch (error) {
    if (error instanceof NotTheExpectedShape) return null;
    throw error;
  }
  const note = entry?.note;
  if (!entry || !note || note.noteId !== noteId) return null;
  const desc = note.desc ?? '';
  return {
    id: noteId,
    url: url.slice(0, 4000),
    title: note.title ?? '',
    desc,
    tags: note.tagList ?? [...desc.matchAll(DESC_HASHTAG)].map((m) => m[1]!),
    author: note.nickname ?? '',
    images: note.images?.flatMap((image) => (image ? [image] : [])) ?? [],
    comments: entry.comments.map((c) => ({
      id: c.id,
      author: c.nickname ?? '',
      text: c.content,
      replies: c.replies.map((r) => ({ id: r.id, author: r.nickname ?? '', text: r.content })),
    })),
    layout: 'page',
    source: 'initial-state',
  };
}

/** The inline state script of the document, if there is one. */
export function findInitialStateScript(doc: Document): string | null {
  for (const script of doc.querySelectorAll('script:not([src])')) {
    const text = script.textContent ?? '';
    if (text.includes(INITIAL_STATE_PREFIX)) return text;
  }
  return null;
}
