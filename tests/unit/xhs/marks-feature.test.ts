import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createFakeConnector } from '../../../lib/messaging/fake-connector';
import type { Mention } from '../../../lib/messaging/schemas';
import { readNote } from '../../../lib/xhs/read';
import { marksFeature } from '../../../entrypoints/xiaohongshu.content/marks';
import type { NoteSession } from '../../../entrypoints/xiaohongshu.content/note';

const NOTE = '6745a1b2000000001e01c3d4';
const URL = `https://www.xiaohongshu.com/explore/${NOTE}`;
const FIXTURE = readFileSync(`tests/fixtures/pages/xiaohongshu/note-${NOTE}.html`, 'utf8');

let container: Element;
beforeEach(() => {
  const doc = new DOMParser().parseFromString(FIXTURE, 'text/html');
  document.body.replaceChildren(document.importNode(doc.querySelector('#noteContainer')!, true));
  container = document.querySelector('#noteContainer')!;
});

/** A mention of `word` in a field's text as read from the page. */
function mentionOf(field: string, word: string, kind: Mention['kind'] = 'product'): Mention {
  const text = readNote(container, URL, NOTE)!.sources.get(field)!.text;
  const start = text.indexOf(word);
  if (start < 0) throw new Error(`${word} is not in ${field}`);
  return { field, start, end: start + word.length, text: word, kind, confidence: 0.9 };
}

/** What note.ts does for the feature: a session whose reading is taken through the marks. */
function open() {
  const listeners: Array<() => void> = [];
  let state: ReturnType<NoteSession['current']> | undefined;
  const ctx = { addEventListener: (target: EventTarget, type: string, handler: EventListener) => target.addEventListener(type, handler) };
  marksFeature(0.5)({
    ctx: ctx as unknown as ContentScriptContext,
    connector: createFakeConnector({}),
    container,
    signal: new AbortController().signal,
    current: () => state!,
    onRead: (listener) => listeners.push(listener),
    reread: () => (state = { ...state!, read: readNote(container, URL, NOTE)! }).read,
  });
  return (mentions: Mention[]) => {
    state = { read: readNote(container, URL, NOTE)!, mentions };
    for (const listener of listeners) listener();
  };
}

const marks = () => [...container.querySelectorAll('[data-zc-mention]')].map((el) => `${el.getAttribute('data-zc-mention')}:${el.textContent}`);

describe('marks as the note is read again', () => {
  it('adds the marks of new comments and leaves the ones shown alone', () => {
    const read = open();
    read([mentionOf('desc', '刺绣卫衣')]);
    const captionMark = container.querySelector('#detail-desc [data-zc-mention]');
    expect(marks()).toEqual(['product:刺绣卫衣']);
    read([mentionOf('desc', '刺绣卫衣'), mentionOf('comments.1', '优衣库', 'brand'), mentionOf('comments.1', '卫衣')]);
    expect(marks()).toEqual(['product:刺绣卫衣', 'brand:优衣库', 'product:卫衣']);
    expect(container.querySelector('#detail-desc [data-zc-mention]')).toBe(captionMark);
  });

  it('starts over from the page text when a shown mark moves or goes', () => {
    const read = open();
    const caption = container.querySelector('#detail-desc .note-text')!.textContent;
    read([mentionOf('desc', '刺绣卫衣'), mentionOf('title', '刺绣卫衣')]);
    // The background now sees the caption's product as the shorter 卫衣, and no title product.
    read([mentionOf('desc', '卫衣')]);
    expect(marks()).toEqual(['product:卫衣']);
    expect(container.querySelectorAll('[data-zc-mention] [data-zc-mention]')).toHaveLength(0);
    expect(container.querySelector('#detail-desc .note-text')!.textContent).toBe(caption);
    expect(container.querySelector('#detail-title [data-zc-mention]')).toBeNull();
  });

  it('marks again what the page re-rendered away', () => {
    const read = open();
    read([mentionOf('desc', '刺绣卫衣')]);
    // The app re-renders the caption: our spans are gone, the text is back as the page's own.
    const text = container.querySelector('#detail-desc .note-text span')!;
    text.replaceChildren(text.textContent!);
    expect(marks()).toEqual([]);
    read([mentionOf('desc', '刺绣卫衣')]);
    expect(marks()).toEqual(['product:刺绣卫衣']);
  });
});
