import type { Connector } from '../messaging/connector';
import type { MessageType, NoteReadAnswer, RequestOf, ResponseOf } from '../messaging/protocol';
import type { Mention, Note } from '../messaging/schemas';
import type { BlockTranslation } from '../translate/pipeline';
import { pageSettingsFrom, type PageSettings } from '../translate/page-settings';
import { SETTINGS_DEFAULTS } from '../settings/defaults';
import { noteFields, noteTexts } from '../mentions/note-fields';

/**
 * A rehearsal note. The first note a page opens used to run all of its code for the
 * first time: the engine had compiled it, but had seen none of it run, and the browser had made
 * none of the DOM objects it touches in our world. That made the first note cost twice what the
 * next one does. While the page is idle, the content script opens this note first: our own text,
 * laid out as `XHS` expects a note, answered by a stand-in for the background (`rehearsalAnswer`).
 * It lives in a document of its own, never shown (so, unlike a detached element, it counts as
 * connected, as a note in the page does). Nothing of it reaches the page or the background.
 */

export const REHEARSAL_NOTE_ID = '000000000000000000000000';
export const REHEARSAL_URL = `https://www.xiaohongshu.com/explore/${REHEARSAL_NOTE_ID}`;

/**
 * Our own text, in the shapes a note has (a hashtag, a comment with a reply, a comment loading
 * later), saying each kind of thing detection finds: products, a brand, a price, a shop, a hint.
 */
const TITLE = '卫衣试穿 hoodie';
const CAPTION = '这件卫衣很舒服，某宝 99 元，链接在评论区。';
const TAG = '#穿搭';
const COMMENTS = ['求卫衣链接', '在评论里'];
const LATE_COMMENT = '优衣库的卫衣';

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
  /** The note's `#noteContainer`, in the rehearsal's own document. */
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
 * The mentions the background finds, in the words above, made as it makes them (the same fields,
 * in the same order: the page's code then meets objects of the shapes it meets in real notes).
 */
const FOUND: Array<[word: string, mention: (at: Pick<Mention, 'field' | 'start' | 'end' | 'text'>) => Mention]> = [
  ['优衣库', (at) => ({ ...at, kind: 'brand', confidence: 0.95, brand: 'uniqlo', en: 'Uniqlo', query: '优衣库' })],
  ['卫衣', (at) => ({ ...at, kind: 'product', confidence: 0.9, category: 'hoodie', en: 'hoodie', query: '卫衣' })],
  ['某宝', (at) => ({ ...at, kind: 'platform', platform: 'taobao', confidence: 0.6 })],
  ['99 元', (at) => ({ ...at, kind: 'price', priceCny: 99, confidence: 0.85 })],
  ['链接在评论区', (at) => ({ ...at, kind: 'whereToBuy', confidence: 0.8 })],
];

/**
 * What the background would answer for the rehearsal note: its mentions, and the translation
 * helpers of `texts` (the texts not answered before), all as they arrive from a message (parsed
 * from JSON).
 */
export function rehearsalAnswer(note: Note, texts: string[]): NoteReadAnswer {
  const mentions: Mention[] = [];
  for (const [field, text] of noteFields(note)) {
    for (const [word, mention] of FOUND) {
      const start = text.indexOf(word);
      if (start >= 0) mentions.push(mention({ field, start, end: start + word.length, text: word }));
    }
  }
  const gloss = (text: string): BlockTranslation => ({ id: text, source: 'zh', errors: [], status: 'glossed', gloss: `(${text.length})`, providers: ['glossary'], fromCache: false });
  const answer: NoteReadAnswer = {
    mentions,
    settings: SETTINGS,
    glosses: texts.map((text) => [text, gloss(text).gloss!]),
    languages: [],
    translations: texts.map((text) => [text, gloss(text)]),
    // What most browsers with Chrome's Translator say before a download: the bar offers one (the
    // rehearsal's bar is not shown), and Chrome is not asked.
    onDevice: [[`zh>${SETTINGS.translationTarget}`, 'downloadable']],
  };
  return JSON.parse(JSON.stringify(answer)) as NoteReadAnswer;
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
      const fresh = noteTexts(note).filter((text) => text.trim() !== '' && !answered.has(text));
      for (const text of fresh) answered.add(text);
      return Promise.resolve(rehearsalAnswer(note, fresh) as ResponseOf<K>);
    },
  };
}
