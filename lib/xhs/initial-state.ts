import { z } from 'zod/mini';
import type { Note, NoteComment } from '../messaging/schemas';
import { JsLiteralError, parseJsLiteral } from './js-literal';
import { INITIAL_STATE_ASSIGNMENT } from './selectors';
import { NOTE_LIMITS } from './limits';

/**
 * The note from the page's own `window.__INITIAL_STATE__`, which an inline script sets on full page
 * loads: the fallback when the DOM does not hold the note (yet). We read the script's text with a
 * parser that runs nothing (./js-literal.ts) and validate what it gives with zod: the page, or
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

const text = (max: number) => z.string().check(z.maxLength(max));
const user = z.object({ nickname: z.optional(text(200)), nickName: z.optional(text(200)) });
const image = z.object({
  urlDefault: z.optional(text(4000)),
  url: z.optional(text(4000)),
  infoList: z.optional(z.array(z.object({ url: z.optional(text(4000)) })).check(z.maxLength(20))),
});
const NoteStateSchema = z.object({
  noteId: z.optional(text(64)),
  id: z.optional(text(64)),
  title: z.optional(text(2000)),
  desc: z.optional(text(50_000)),
  tagList: z.optional(z.array(z.object({ name: z.optional(text(200)) })).check(z.maxLength(200))),
  user: z.optional(user),
  imageList: z.optional(z.array(z.optional(image)).check(z.maxLength(100))),
});
const CommentStateSchema = z.object({
  id: text(100),
  content: text(20_000),
  userInfo: z.optional(user),
  user: z.optional(user),
  subComments: z.optional(z.array(z.unknown()).check(z.maxLength(500))),
});
type NoteState = z.infer<typeof NoteStateSchema>;
type CommentState = z.infer<typeof CommentStateSchema>;

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

const nameOf = (c: { userInfo?: z.infer<typeof user>; user?: z.infer<typeof user> }) =>
  c.userInfo?.nickname ?? c.userInfo?.nickName ?? c.user?.nickname ?? c.user?.nickName ?? '';

/** Comments one by one: a malformed comment is dropped alone, not the note with it. */
function readComments(raw: unknown): NoteComment[] {
  if (!Array.isArray(raw)) return [];
  const comments: NoteComment[] = [];
  for (const item of raw.slice(0, NOTE_LIMITS.comments)) {
    const parsed = CommentStateSchema.safeParse(item);
    if (!parsed.success) continue;
    const c: CommentState = parsed.data;
    const replies: NoteComment['replies'] = [];
    for (const sub of c.subComments ?? []) {
      const reply = CommentStateSchema.safeParse(sub);
      if (reply.success) replies.push({ id: reply.data.id, author: nameOf(reply.data), text: reply.data.content });
    }
    comments.push({ id: c.id, author: nameOf(c), text: c.content, replies });
  }
  return comments;
}

const imageUrl = (img: z.infer<typeof image> | undefined) => img?.urlDefault || img?.url || img?.infoList?.find((info) => info.url)?.url || '';

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
  const parsed = NoteStateSchema.safeParse(found.note);
  if (!parsed.success) return null;
  const note: NoteState = parsed.data;
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
