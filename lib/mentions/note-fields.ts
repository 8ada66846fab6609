import type { Note } from '../messaging/schemas';

/**
 * A note's texts by field, shared by detection (background), the translation helpers (background)
 * and the content script's rehearsal note. Types only from the schemas: no zod in content scripts.
 */

/** What detection reads of a note: every part optional, comments as text or as read from a page. */
export interface NoteText {
  title?: string;
  desc?: string;
  tags?: string[];
  comments?: Array<string | { text: string; replies?: Array<{ text: string }> }>;
}

/** Each field's name (`title`, `desc`, `tags.N`, `comments.N`, `comments.N.replies.M`) and text. */
export function noteFields(note: NoteText): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  if (note.title) fields.push(['title', note.title]);
  if (note.desc) fields.push(['desc', note.desc]);
  note.tags?.forEach((tag, index) => fields.push([`tags.${index}`, tag]));
  note.comments?.forEach((comment, index) => {
    if (typeof comment === 'string') {
      fields.push([`comments.${index}`, comment]);
      return;
    }
    fields.push([`comments.${index}`, comment.text]);
    comment.replies?.forEach((reply, replyIndex) => fields.push([`comments.${index}.replies.${replyIndex}`, reply.text]));
  });
  return fields;
}

/** Title, caption, comments and replies: the texts the page translates (empty ones included). */
export function noteTexts(note: Pick<Note, 'title' | 'desc' | 'comments'>): string[] {
  return [note.title, note.desc, ...note.comments.flatMap((comment) => [comment.text, ...comment.replies.map((reply) => reply.text)])];
}
