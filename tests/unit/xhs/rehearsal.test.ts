import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createFakeConnector } from '../../../lib/messaging/fake-connector';
import { readAddedComments, readNote } from '../../../lib/xhs/read';
import { noteTexts } from '../../../lib/mentions/note-fields';
import { REHEARSAL_NOTE_ID, REHEARSAL_URL, rehearsalAnswer, rehearsalNote } from '../../../lib/xhs/rehearsal';
import { marksFeature } from '../../../entrypoints/xiaohongshu.content/marks';
import { startNoteFeatures, type NoteFeature, type NoteSession } from '../../../entrypoints/xiaohongshu.content/note';
import { translateFeature } from '../../../entrypoints/xiaohongshu.content/translate';

describe('the rehearsal note', () => {
  it('reads as a note with a caption, a hashtag, a comment with a reply, and a comment loading later', () => {
    const note = rehearsalNote(document);
    expect(document.contains(note.container)).toBe(false);
    // Connected in a document of its own, as a note in the page is.
    expect(note.container.isConnected).toBe(true);
    const read = readNote(note.container, REHEARSAL_URL, REHEARSAL_NOTE_ID)!;
    expect(read.note.title).toContain('卫衣');
    expect(read.note.desc).toContain('卫衣');
    expect(read.note.tags).toEqual(['#穿搭']);
    expect(read.note.comments).toHaveLength(1);
    expect(read.note.comments[0]!.replies).toHaveLength(1);
    note.addComment();
    const added = readAddedComments(note.container, read)!;
    expect(added.from).toBe(1);
    expect(added.comments.map((comment) => comment.text)).toEqual(['优衣库的卫衣']);
  });

  it('gets a mention of each kind its text says, and a gloss of each new text', () => {
    const read = readNote(rehearsalNote(document).container, REHEARSAL_URL, REHEARSAL_NOTE_ID)!;
    const texts = noteTexts(read.note);
    const answer = rehearsalAnswer(read.note, texts);
    expect(answer.mentions.map((m) => `${m.field}:${m.kind}:${read.sources.get(m.field)!.text.slice(m.start, m.end)}`)).toEqual([
      'title:product:卫衣',
      'desc:product:卫衣',
      'desc:platform:某宝',
      'desc:price:99 元',
      'desc:whereToBuy:链接在评论区',
      'comments.0:product:卫衣',
    ]);
    expect(answer.translations!.map(([text]) => text)).toEqual(texts);
    expect(rehearsalAnswer(read.note, []).translations).toEqual([]);
  });
});

describe('rehearsing while the page is idle', () => {
  const idle = globalThis.requestIdleCallback;
  beforeEach(() => {
    // The page goes idle at once.
    globalThis.requestIdleCallback = ((callback: () => void) => setTimeout(callback, 0)) as unknown as typeof requestIdleCallback;
  });
  afterEach(() => {
    globalThis.requestIdleCallback = idle;
    document.body.replaceChildren();
    delete document.documentElement.dataset.zcNote;
    delete document.documentElement.dataset.zcNoteStatus;
  });

  const fakeCtx = () =>
    ({
      isInvalid: false,
      setTimeout: (handler: () => void, ms: number) => setTimeout(handler, ms),
      addEventListener: (target: EventTarget, type: string, handler: EventListener) => target.addEventListener(type, handler),
      onInvalidated: () => () => undefined,
    }) as unknown as ContentScriptContext;

  it('opens the rehearsal note with the real features, then leaves nothing behind and sends nothing', async () => {
    const connector = createFakeConnector({ 'note:update': () => ({ stored: true }) });
    const seen: Array<{ session: NoteSession; marks: number[]; translations?: number }> = [];
    // First of the features: what the note shows as it closes, before the others clean up.
    const atClose: NoteFeature = (session) => {
      const entry = { session, marks: [] as number[], translations: undefined as number | undefined };
      seen.push(entry);
      session.signal.addEventListener('abort', () => (entry.translations = session.container.querySelectorAll('[data-zc-translation]').length));
    };
    // Last of the features: the marks after each reading.
    const afterRead: NoteFeature = (session) => {
      session.onRead(() => seen.at(-1)!.marks.push(session.container.querySelectorAll('[data-zc-mention]').length));
    };
    startNoteFeatures(fakeCtx(), connector, { features: [atClose, marksFeature(0.5), translateFeature({ translatorApi: undefined }), afterRead] });
    await vi.waitFor(() => expect(seen[0]?.session.signal.aborted).toBe(true), { timeout: 4000 });

    expect(seen).toHaveLength(1);
    const [{ session, marks, translations }] = seen as [(typeof seen)[number]];
    expect(session.rehearsal).toBe(true);
    // Marked and translated as a note is: products and brands (卫衣 three times, then 优衣库 and 卫衣
    // in the late comment); five texts by the end.
    expect(marks).toEqual([3, 5]);
    expect(translations).toBe(5);
    // Closed like any note: nothing of ours is left in it.
    expect(session.container.querySelectorAll('[data-zc-mention], [data-zc-translation], [data-zc-ui]')).toHaveLength(0);
    // Neither the page nor the background heard of it (the page here is not a note: one update says so).
    expect(connector.calls.map((call) => call.type)).toEqual(['note:update']);
    expect(document.documentElement.dataset.zcNote).toBeUndefined();
    expect(document.documentElement.dataset.zcNoteStatus).toBeUndefined();
    expect(document.body.childElementCount).toBe(0);
  });
});
