import type { Connector } from '../messaging/connector';
import type { MessageType, NoteReadAnswer, RequestOf, ResponseOf } from '../messaging/protocol';
import type { Mention, Note } from '../messaging/schemas';
import type { BlockTranslation } from '../translate/pipeline';
import { pageSettingsFrom, type PageSettings } from '../translate/page-settings';
import { SETTINGS_DEFAULTS } from '../settings-defaults';

/**
 * A rehearsal note (issue 8). The first note a page opens used to run all of its code for the
 * first time: the engine had compiled it, but had seen none of it run, and the browser had made
 * none of the DOM objects it touches in our world. That made the first note cost twice what the
 * next one does. While the page is idle, the content script opens this note instead: a detached
 * element, never in the page, holding our own text, laid out as `XHS` expects a note, answered by a
 * stand-in for the background (`rehearsalAnswer`). It lives in a document of its own, never shown
 * (so, unlike a detached element, it counts as connected, as a note in the page does). Nothing of it
 * reaches the page or the background.
 */

export const REHEARSAL_NOTE_ID = '000000000000000000000000';
export const REHEARSAL_URL = `https://www.xiaohongshu.com/explore/${REHEARSAL_NOTE_ID}`;

/** Our own text, in the shapes a note has: product words to mark, a hashtag, a comment and a reply. */
const TITLE = '卫衣试穿 hoodie';
const CAPTION = '这件卫衣很舒服，价格 99 元。';
const TAG = '#穿搭';
const COMMENTS = ['求卫衣链接', '在评论里'];
const LATE_COMMENT = '颜色好看';

function element(doc: Document, tag: string, attributes: Record<string, string>, ...children: Array<Node | string>): HTMLElement {
  const created = doc.createElement(tag);
  for (const name in attributes) created.setAttribute(name, attributes[name]!);
  created.append(...children);
  return created;
}

function comment(doc: Document, id: string, text: string, reply: boolean): HTMLElement {
  return element(
    doc,
    'div',
    { class: reply ? 'comment-item comment-item-sub' : 'comment-item', id: `comment-${id}` },
    element(doc, 'div', { class: 'author' }, element(doc, 'a', { class: 'name' }, 'zhongcao')),
    element(doc, 'div', { class: 'content' }, element(doc, 'span', { class: 'note-text' }, element(doc, 'span', {}, text))),
  );
}

export interface RehearsalNote {
  /** The note's `#noteContainer`, detached. */
  container: HTMLElement;
  /** Adds a comment, as the site does when comments load after the note. */
  addComment(): void;
}

/** Builds the rehearsal note in a new inert document made from `page` (never in `page` itself). */
export function rehearsalNote(page: Document): RehearsalNote {
  const doc = page.implementation.createHTMLDocument('');
  const list = element(
    doc,
    'div',
    { class: 'list-container' },
    element(doc, 'div', { class: 'parent-comment' }, comment(doc, 'r1', COMMENTS[0]!, false), element(doc, 'div', { class: 'reply-container' }, comment(doc, 'r2', COMMENTS[1]!, true))),
  );
  const container = element(
    doc,
    'div',
    { id: 'noteContainer' },
    element(doc, 'div', { id: 'detail-title', class: 'title' }, TITLE),
    element(
      doc,
      'div',
      { id: 'detail-desc', class: 'desc' },
      element(doc, 'span', { class: 'note-text' }, element(doc, 'span', {}, CAPTION), element(doc, 'a', { class: 'tag' }, TAG)),
    ),
    element(doc, 'div', { class: 'comments-container' }, list),
  );
  doc.body.append(container);
  return {
    container,
    addComment: () => list.append(element(doc, 'div', { class: 'parent-comment' }, comment(doc, 'r3', LATE_COMMENT, false))),
  };
}

/**
 * The default settings. With the on-device model reported missing and no endpoint set up (the
 * stand-in answers do not depend on the user's settings), no machine provider runs.
 */
const SETTINGS: PageSettings = pageSettingsFrom(SETTINGS_DEFAULTS);

/**
 * What the background would answer for the rehearsal note: a mention of 卫衣 wherever it is, and a
 * gloss of every text, as the first translation pass sends them. `texts` are the new texts only
 * (`note:comments` answers those).
 */
export function rehearsalAnswer(note: Note, texts: string[]): NoteReadAnswer {
  const mentions: Mention[] = [];
  const fields: Array<[string, string]> = [
    ['title', note.title],
    ['desc', note.desc],
    ...note.comments.flatMap((c, i): Array<[string, string]> => [[`comments.${i}`, c.text], ...c.replies.map((r, j): [string, string] => [`comments.${i}.replies.${j}`, r.text])]),
  ];
  for (const [field, text] of fields) {
    const start = text.indexOf('卫衣');
    if (start >= 0) mentions.push({ field, start, end: start + 2, text: '卫衣', kind: 'product', category: 'hoodie', en: 'hoodie', query: '卫衣', confidence: 1 });
  }
  const gloss = (text: string): BlockTranslation => ({ id: '', source: 'zh', status: 'glossed', gloss: `(${text.length})`, providers: ['glossary'], fromCache: false, errors: [] });
  return {
    mentions,
    glosses: texts.map((text) => [text, gloss(text).gloss!]),
    languages: [],
    translations: texts.map((text) => [text, gloss(text)]),
    settings: SETTINGS,
    // No on-device model: the page does not ask Chrome about one for the rehearsal.
    onDevice: [
      [`zh>${SETTINGS.translationTarget}`, 'unavailable'],
    ],
  };
}

/**
 * The stand-in for the background: answers `note:read` and `note:comments` as `rehearsalAnswer`
 * says (translation helpers for texts it has not answered before), and refuses anything else.
 */
export function rehearsalBackground(): Connector {
  const answered = new Set<string>();
  let note: Note | undefined;
  return {
    send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
      if (type === 'note:read') note = (payload as RequestOf<'note:read'>).note;
      else if (type === 'note:comments' && note) note = { ...note, comments: [...note.comments, ...(payload as RequestOf<'note:comments'>).comments] };
      else return Promise.reject(new Error(`The rehearsal does not answer "${type}"`));
      const fresh = noteTexts(note).filter((text) => !answered.has(text));
      for (const text of fresh) answered.add(text);
      return Promise.resolve(rehearsalAnswer(note, fresh) as ResponseOf<K>);
    },
  };
}

/** Every text of a note the translation feature translates (title, caption, comments, replies). */
export function noteTexts(note: Pick<Note, 'title' | 'desc' | 'comments'>): string[] {
  return [note.title, note.desc, ...note.comments.flatMap((c) => [c.text, ...c.replies.map((r) => r.text)])].filter((text) => text.trim() !== '');
}
