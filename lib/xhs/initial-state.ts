import { z } from 'zod/mini';
import type { Note } from '../messaging/schemas';
import { INITIAL_STATE_PREFIX } from './selectors';

/**
 * Fallback when the DOM cannot be read: the page's own `window.__INITIAL_STATE__`, which an inline
 * script sets on full page loads. We read the script's text (no page code runs in our world) and
 * validate it as untrusted input: the page, or anything injected into it, could forge it.
 */

/**
 * The schema is built on first use: building zod schemas costs milliseconds, and this fallback
 * runs only when the DOM could not be read, so the content script should not pay for it on load.
 */
let stateSchema: ReturnType<typeof buildStateSchema> | undefined;

function buildStateSchema() {
  const str = (max: number) => z.string().check(z.maxLength(max));
  const NoteStateSchema = z.object({
    noteId: str(64),
    title: z.optional(str(2000)),
    desc: z.optional(str(50_000)),
    tagList: z.optional(z.array(z.object({ name: str(200) })).check(z.maxLength(200))),
    user: z.optional(z.object({ nickname: z.optional(str(200)) })),
    imageList: z.optional(z.array(z.object({ urlDefault: z.optional(str(4000)) })).check(z.maxLength(100))),
  });
  const CommentStateSchema = z.object({
    id: str(100),
    content: str(20_000),
    userInfo: z.optional(z.object({ nickname: z.optional(str(200)) })),
    subComments: z.optional(
      z.array(z.object({ id: str(100), content: str(20_000), userInfo: z.optional(z.object({ nickname: z.optional(str(200)) })) })).check(z.maxLength(500)),
    ),
  });
  return z.object({
    note: z.object({
      noteDetailMap: z.record(
        z.string(),
        z.object({
          note: z.optional(NoteStateSchema),
          comments: z.optional(z.object({ list: z.optional(z.array(CommentStateSchema).check(z.maxLength(2000))) })),
        }),
      ),
    }),
  });
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
  stateSchema ??= buildStateSchema();
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) return null;
  const entry = parsed.data.note.noteDetailMap[noteId];
  const note = entry?.note;
  if (!note || note.noteId !== noteId) return null;
  const desc = note.desc ?? '';
  return {
    id: noteId,
    url: url.slice(0, 4000),
    title: note.title ?? '',
    desc,
    tags: note.tagList?.map((t) => t.name) ?? [...desc.matchAll(DESC_HASHTAG)].map((m) => m[1]!),
    author: note.user?.nickname ?? '',
    images: note.imageList?.flatMap((i) => (i.urlDefault ? [i.urlDefault] : [])) ?? [],
    comments: (entry.comments?.list ?? []).map((c) => ({
      id: c.id,
      author: c.userInfo?.nickname ?? '',
      text: c.content,
      replies: (c.subComments ?? []).map((r) => ({ id: r.id, author: r.userInfo?.nickname ?? '', text: r.content })),
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
