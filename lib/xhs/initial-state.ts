import type { Note, NoteComment } from '../messaging/schemas';
import { JsLiteralError, parseJsLiteral } from './js-literal';
import { INITIAL_STATE_ASSIGNMENT } from './selectors';
import { NOTE_LIMITS } from './limits';

/**
 * The note from the page's own `window.__INITIAL_STATE__`, which an inline script sets on full page
 * loads: the fallback when the DOM does not hold the note (yet). We read the script's text with a
 * parser that runs nothing (./js-literal.ts) and check the shape of what it gives: the page, or
 * anything injected into it, could forge it. The background validates the note again with
 * `NoteSchema`, the trust boundary; this keeps only the shapes and limits read here.
 *
 * Shapes seen in public scrapers and their test samples (tests/fixtures/real/xiaohongshu/PROVENANCE.md):
 * - desktop, 2023–2026: `note.noteDetailMap[<id>].note`, comments in `….comments.list[]` with
 *   `subComments`; since late summer 2026 other stores hold `new Map([])`, `new Set([])`, bare
 *   `undefined` and `[undefined]`. When the id is not a key, the map's last entry is the note
 *   (XHS-Downloader reads `noteDetailMap[-1]`).
 * - phone: `noteData.data.noteData`, comments in `noteData.data.commentData.comments`.
 * - older desktop: `note.note`.
 */

/**
 * The shapes read here, checked by hand: a content script that loads a schema library builds it
 * at every page's start-up and keeps it in the page's heap (zod was most of this script's heap).
 * Each check says whether a value has the shape; fields are then read from the value itself.
 * What they accept is what a zod object of the same fields accepted (tests/unit/xhs).
 */
type Check<T> = (value: unknown) => value is T;
const text = (max: number): Check<string> => (value): value is string => typeof value === 'string' && value.length <= max;
const optional = <T>(check: Check<T>): Check<T | undefined> => (value): value is T | undefined => value === undefined || check(value);
const arrayOf = <T>(check: Check<T>, max: number): Check<T[]> => (value): value is T[] => Array.isArray(value) && value.length <= max && value.every((item) => check(item));
const anything = (value: unknown): value is unknown => (void value, true);
/** An object (not null, not an array) whose named fields pass their checks; other fields are ignored. */
function object<T>(fields: { [K in keyof T]-?: Check<T[K]> }): Check<T> {
  const entries = Object.entries(fields) as Array<[string, Check<unknown>]>;
  return (value): value is T =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && entries.every(([key, check]) => check((value as Record<string, unknown>)[key]));
}

interface UserState {
  nickname?: string | undefined;
  nickName?: string | undefined;
}
interface ImageState {
  urlDefault?: string | undefined;
  url?: string | undefined;
  infoList?: Array<{ url?: string | undefined }> | undefined;
}
interface NoteState {
  noteId?: string | undefined;
  id?: string | undefined;
  title?: string | undefined;
  desc?: string | undefined;
  tagList?: Array<{ name?: string | undefined }> | undefined;
  user?: UserState | undefined;
  imageList?: Array<ImageState | undefined> | undefined;
}
interface CommentState {
  id: string;
  content: string;
  userInfo?: UserState | undefined;
  user?: UserState | undefined;
  subComments?: unknown[] | undefined;
}

const isUser = object<UserState>({ nickname: optional(text(200)), nickName: optional(text(200)) });
const isImage = object<ImageState>({
  urlDefault: optional(text(4000)),
  url: optional(text(4000)),
  infoList: optional(arrayOf(object<{ url?: string | undefined }>({ url: optional(text(4000)) }), 20)),
});
const isNoteState = object<NoteState>({
  noteId: optional(text(64)),
  id: optional(text(64)),
  title: optional(text(2000)),
  desc: optional(text(50_000)),
  tagList: optional(arrayOf(object<{ name?: string | undefined }>({ name: optional(text(200)) }), 200)),
  user: optional(isUser),
  imageList: optional(arrayOf(optional(isImage), 100)),
});
const isCommentState = object<CommentState>({
  id: text(100),
  content: text(20_000),
  userInfo: optional(isUser),
  user: optional(isUser),
  subComments: optional(arrayOf(anything, 500)),
});

/** Whichever path holds a value, walked through plain objects only. */
function at(value: unknown, ...path: string[]): unknown {
  let here = value;
  for (const key of path) {
    if (typeof here !== 'object' || here === null || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The note's entry and which shape held it. */
function locate(state: unknown, noteId: string): { note: unknown; comments: unknown; shape: string } | null {
  const map = at(state, 'note', 'noteDetailMap');
  if (isRecord(map)) {
    if (Object.hasOwn(map, noteId)) {
      return { note: at(map[noteId], 'note'), comments: at(map[noteId], 'comments', 'list'), shape: 'state:noteDetailMap' };
    }
    // Keys are not always the note id (a share link's id, a placeholder): the last entry is the open note.
    const keys = Object.keys(map);
    const last = keys.length > 0 ? map[keys[keys.length - 1]!] : undefined;
    if (isRecord(last) && at(last, 'note') !== undefined) {
      return { note: at(last, 'note'), comments: at(last, 'comments', 'list'), shape: 'state:noteDetailMap-last' };
    }
  }
  const phone = at(state, 'noteData', 'data', 'noteData');
  if (isRecord(phone)) {
    const commentData = at(state, 'noteData', 'data', 'commentData');
    return { note: phone, comments: at(commentData, 'comments') ?? at(commentData, 'list'), shape: 'state:noteData' };
  }
  const older = at(state, 'note', 'note');
  if (isRecord(older)) return { note: older, comments: at(state, 'note', 'comments', 'list') ?? at(state, 'note', 'comments'), shape: 'state:note.note' };
  return null;
}

/** Hashtags and stickers as they appear in `desc`: `#好物分享[话题]#`, `[种草R]`. */
const DESC_HASHTAG = /#([^#\n[\]]{1,50})\[话题\]#/g;

const nameOf = (c: { userInfo?: UserState | undefined; user?: UserState | undefined }) =>
  c.userInfo?.nickname ?? c.userInfo?.nickName ?? c.user?.nickname ?? c.user?.nickName ?? '';

/** Comments one by one: a malformed comment is dropped alone, not the note with it. */
function readComments(raw: unknown): NoteComment[] {
  if (!Array.isArray(raw)) return [];
  const comments: NoteComment[] = [];
  for (const item of raw.slice(0, NOTE_LIMITS.comments)) {
    if (!isCommentState(item)) continue;
    const c: CommentState = item;
    const replies: NoteComment['replies'] = [];
    for (const sub of c.subComments ?? []) {
      if (isCommentState(sub)) replies.push({ id: sub.id, author: nameOf(sub), text: sub.content });
    }
    comments.push({ id: c.id, author: nameOf(c), text: c.content, replies });
  }
  return comments;
}

const imageUrl = (img: ImageState | undefined) => img?.urlDefault || img?.url || img?.infoList?.find((info) => info.url)?.url || '';

export interface StateNote {
  note: Note;
  /** Which shape of the state held the note (`state:noteDetailMap`, `state:noteData`…). */
  shape: string;
}

/** Parses the state object's text (what follows `window.__INITIAL_STATE__=`) without running it. */
export function parseInitialState(scriptText: string): unknown {
  const match = INITIAL_STATE_ASSIGNMENT.exec(scriptText);
  if (!match || scriptText.length > NOTE_LIMITS.stateScriptChars) return undefined;
  try {
    return parseJsLiteral(scriptText, match.index + match[0].length, { maxDepth: 64 }).value;
  } catch (error) {
    if (error instanceof JsLiteralError) return undefined;
    throw error;
  }
}

/** The note with this id from a parsed state, or null when no known shape holds a valid note. */
export function noteFromState(state: unknown, noteId: string, url: string): StateNote | null {
  const found = locate(state, noteId);
  if (!found) return null;
  if (!isNoteState(found.note)) return null;
  const note: NoteState = found.note;
  const id = note.noteId ?? note.id;
  // A note that names another id is another note (a stale entry, a forged one).
  if (id !== undefined && id !== noteId) return null;
  const desc = note.desc ?? '';
  const images: string[] = [];
  for (const img of note.imageList ?? []) {
    const src = imageUrl(img);
    if (src && !images.includes(src)) images.push(src);
  }
  return {
    shape: found.shape,
    note: {
      id: noteId,
      url: url.slice(0, 4000),
      title: note.title ?? '',
      desc,
      tags: note.tagList ? note.tagList.flatMap((tag) => (tag.name ? [tag.name] : [])) : [...desc.matchAll(DESC_HASHTAG)].map((m) => m[1]!),
      author: note.user?.nickname ?? note.user?.nickName ?? '',
      images,
      comments: readComments(found.comments),
      layout: 'page',
      source: 'initial-state',
    },
  };
}

/** Parses the inline state script's text and returns the note with this id, or null. */
export function noteFromInitialState(scriptText: string, noteId: string, url: string): Note | null {
  return noteFromState(parseInitialState(scriptText), noteId, url)?.note ?? null;
}

/** The inline state script of the document, if there is one (the last: scrapers agree it wins). */
export function findInitialStateScript(doc: Document): string | null {
  let found: string | null = null;
  for (const script of doc.querySelectorAll('script:not([src])')) {
    const text = script.textContent ?? '';
    if (INITIAL_STATE_ASSIGNMENT.test(text)) found = text;
  }
  return found;
}
