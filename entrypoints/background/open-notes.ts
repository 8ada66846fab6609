import type { Note } from '../../lib/messaging/schemas';

/**
 * The last note read in each tab, kept in the worker's memory so comments that load later can be
 * detected with the rest of the note. Not in `storage.session`: that holds only a digest, since one
 * large note there once broke note reading in every other tab. When the worker was stopped this is
 * empty and the page sends the whole note again (`note:comments` fails, the page sends `note:read`).
 * At most a few tabs are kept, the least recently read dropped first.
 */
const MAX_TABS = 8;
const notes = new Map<number, Note>();

export const openNotes = {
  get: (tabId: number) => notes.get(tabId),
  set(tabId: number, note: Note) {
    notes.delete(tabId);
    notes.set(tabId, note);
    for (const oldest of notes.keys()) {
      if (notes.size <= MAX_TABS) break;
      notes.delete(oldest);
    }
  },
  delete: (tabId: number) => notes.delete(tabId),
};
