import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Connector } from '../../lib/messaging/connector';
import type { Mention, Note } from '../../lib/messaging/schemas';
import type { RequestOf, ResponseOf } from '../../lib/messaging/protocol';
import { whenIdle } from '../../lib/dom/idle';
import { observe } from '../../lib/dom/observe';
import { timeout } from '../../lib/dom/timeout';
import { findInitialStateScript, noteFromState, parseInitialState } from '../../lib/xhs/initial-state';
import { NOTE_LIMITS } from '../../lib/xhs/limits';
import type { FieldReport } from '../../lib/messaging/field-list';
import { readAddedComments, readNote, type ReadNote } from '../../lib/xhs/read';
import { REHEARSAL_NOTE_ID, REHEARSAL_URL, rehearsalBackground, rehearsalNote } from '../../lib/xhs/rehearsal';
import { routeOf } from '../../lib/xhs/route';
import { XHS } from '../../lib/xhs/selectors';
import type { BlockTranslation } from '../../lib/translate/pipeline';
import type { PageSettings } from '../../lib/translate/page-settings';
import type { TranslatorAvailability } from '../../lib/translate/on-device';


/** What a feature gets for one open note; `signal` aborts when the note closes or the route changes. */
export interface NoteSession {
  ctx: ContentScriptContext;
  connector: Connector;
  container: Element;
  signal: AbortSignal;
  /**
   * The latest reading of the note and its mentions; updated when comments load. `glosses` (the
   * glossary's lines, keyed by the text glossed) and `languages` (of Latin-script texts) came from
   * the background with the mentions.
   */
  current(): {
    read: ReadNote;
    mentions: Mention[];
    glosses?: ReadonlyMap<string, string>;
    languages?: ReadonlyMap<string, string>;
    /** The background's first translation pass of each text (cache, then glossary), keyed by text. */
    translations?: ReadonlyMap<string, BlockTranslation>;
    /** The translation settings as the background read them for this reply. */
    settings?: PageSettings;
    /** The on-device Translator's recent answers per pair (`zh>en`), as other pages reported them. */
    onDevice?: ReadonlyMap<string, TranslatorAvailability>;
  };
  /** Called after each (re)reading, in the task the background's answer arrived in. */
  onRead(listener: () => void): void;
  /** Reads the note again now (after a feature changed the DOM, say) and makes that the current reading. */
  reread(): ReadNote;
  /**
   * The idle-time rehearsal note (lib/xhs/rehearsal.ts): not in the page, answered by a stand-in
   * for the background. Features keep nothing of it for the page's real notes.
   */
  rehearsal?: boolean;
}

/** A feature that runs on every open note: marks, translations… */
export type NoteFeature = (session: NoteSession) => void;

/** How long to wait for the note to render before saying the layout was not recognised. */
const RENDER_TIMEOUT_MS = 5000;
/** Comments arrive in bursts: they are read once the burst has settled this long. */
const COMMENTS_SETTLE_MS = 150;
/** The rehearsal ends by then whatever happened (it normally takes three tasks). */
const REHEARSAL_TIMEOUT_MS = 3000;

/**
 * Runs the note features for the current route, and again after every in-app navigation. Each run
 * gets an AbortSignal, aborted when the route changes, so nothing leaks from one note to the next.
 */
export function startNoteFeatures(
  ctx: ContentScriptContext,
  connector: Connector,
  { features }: { features: NoteFeature[] },
): void {
  let controller: AbortController | undefined;
  const usedContainers = new WeakSet<Element>();
  const root = document.documentElement;
  const report = (state: RequestOf<'note:update'>) =>
    void connector.send('note:update', state).catch((error: unknown) => console.debug('[zhongcao] note:update failed', error));
  /**
   * The background detects the mentions: the lexicon is too big to load into every page. Null when
   * the message could not be sent or answered; the page then never says the note was read.
   */
  const detect = async (note: Note, via = connector, extra: Omit<RequestOf<'note:read'>, 'note'> = {}): Promise<ResponseOf<'note:read'> | null> => {
    const fitted = fitMessage(note);
    if (!fitted) return null;
    const capped = fitted.capped ?? extra.capped;
    try {
      return await via.send('note:read', { ...extra, note: fitted.note, ...(capped ? { capped } : {}) });
    } catch (error) {
      console.debug('[zhongcao] note:read failed', error);
      return null;
    }
  };

  const run = (url: string) => {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const route = routeOf(url);
    delete root.dataset.zcNote;
    delete root.dataset.zcNoteStatus;
    if (route.kind !== 'note') {
      report({ status: 'not-note', url, updatedAt: Date.now() });
      return;
    }
    let found = false;
    let fromState = false;
    report({ status: 'reading', url, updatedAt: Date.now() });
    /**
     * The page's own state, read at once when the DOM does not hold the note yet: a server-rendered
     * page whose app renders late still shows its note. The DOM reading replaces it when it comes.
     */
    const readState = () => {
      const script = findInitialStateScript(document);
      const read = script ? noteFromState(parseInitialState(script), route.noteId, url) : null;
      if (!read) return false;
      fromState = true;
      root.dataset.zcNote = read.note.id;
      void detect(read.note, connector, { fields: stateFields(read.note, read.shape) }).then((reply) => {
        if (!found && !signal.aborted) root.dataset.zcNoteStatus = reply ? 'initial-state' : 'failed';
      });
      return true;
    };
    // Watching the whole document is only needed until the note appears.
    const waiting = new AbortController();
    signal.addEventListener('abort', () => waiting.abort(), { once: true });
    observe(
      XHS.noteRoot,
      (container) => {
        // A container left over from the previous note is not this note.
        if (found || usedContainers.has(container)) return;
        found = true;
        usedContainers.add(container);
        waiting.abort();
        startSession(container, route.noteId, url, signal);
      },
      { signal: waiting.signal },
    );
    if (!found) readState();
    // The note's own timeout, not `ctx.setTimeout` (lib/dom/timeout.ts says why).
    timeout(() => {
      if (found || fromState || signal.aborted) return;
      // Neither the DOM nor the state gave us the note (the state may have come late): try again, then give up.
      if (readState()) return;
      root.dataset.zcNoteStatus = 'unrecognised';
      console.info('[zhongcao] This Xiaohongshu page layout was not recognised; nothing was changed.');
      report({
        status: 'unrecognised',
        url,
        reason: 'The note was not found on this page (the site layout may have changed).',
        fields: { found: [], missing: ['note'], layout: 'unknown' },
        updatedAt: Date.now(),
      });
    }, RENDER_TIMEOUT_MS, signal);
  };

  /** A real note was opened: no rehearsal is needed any more. */
  let opened = false;
  const startSession = (container: Element, noteId: string, url: string, signal: AbortSignal, rehearsal?: Connector) => {
    if (!rehearsal) opened = true;
    // The page's own attributes say which note is open; the rehearsal's note is not in the page.
    const setStatus = (status: string) => {
      if (!rehearsal) root.dataset.zcNoteStatus = status;
    };
    const via = rehearsal ?? connector;
    const listeners: Array<() => void> = [];
    let state: ReturnType<NoteSession['current']> | null = null;
    // The note as the background last detected it: comments that loaded while it answered are in
    // the state's reading but not in this.
    let sent: Note | undefined;
    let generation = 0;
    const refresh = async () => {
      if (signal.aborted) return;
      const mine = ++generation;
      // Our marks only wrap the page's own text nodes, so the text read through them is the page's.
      const read = readNote(container, url, noteId);
      if (!read) {
        setStatus('unrecognised');
        if (rehearsal) return;
        report({ status: 'unrecognised', url, reason: 'The note has no title or caption where Zhongcao expects them.', updatedAt: Date.now() });
        return;
      }
      if (!rehearsal) root.dataset.zcNote = noteId;
      const changes = watchChanges(container);
      const reply = await detect(read.note, via, { fields: read.fields, ...(read.capped ? { capped: read.capped } : {}) });
      const changed = changes.stop();
      // A newer reading (comments arrived meanwhile) or a closed note makes this one moot.
      if (signal.aborted || mine !== generation) return;
      // When anything changed, read again (through our marks: they only wrap the page's own text
      // nodes), so offsets match the text nodes the features are about to touch.
      const fresh = changed ? readNote(container, url, noteId) ?? read : read;
      sent = reply ? read.note : undefined;
      const translations = new Map(reply?.translations ?? []);
      state = {
        read: fresh,
        mentions: fresh.note.desc === read.note.desc && fresh.note.title === read.note.title ? reply?.mentions ?? [] : [],
        // Keyed by text: a gloss of text that changed meanwhile is simply never asked for.
        glosses: sharedGlosses(reply?.glosses, translations),
        languages: new Map(reply?.languages ?? []),
        translations,
        settings: reply?.settings,
        onDevice: new Map(reply?.onDevice ?? []),
      };
      // A note the background never got is not "read": the popup would show nothing for it.
      setStatus(reply ? 'read' : 'failed');
      for (const listener of listeners) listener();
    };
    /**
     * Comments that loaded since the last reading: only they are read and sent (`note:comments`).
     * Anything else that changed, before or while the background answers, or a background that
     * holds another reading of the note, means reading the whole note again.
     */
    const addComments = async () => {
      if (signal.aborted) return;
      const previous = state;
      const added = previous && sent ? readAddedComments(container, { ...previous.read, note: sent }) : null;
      if (!previous || !added) return refresh();
      if (added.comments.length === 0) return;
      const mine = ++generation;
      const changes = watchChanges(container);
      const message = { noteId, from: added.from, comments: added.comments, fields: added.read.fields, ...(added.read.capped ? { capped: added.read.capped } : {}) };
      const reply = messageFits(message) ? await via.send('note:comments', message).catch(() => null) : null;
      const changed = changes.stop();
      if (signal.aborted || mine !== generation) return;
      if (!reply || changed) return refresh();
      // The translation helpers came for the new texts only: add them to those of the others.
      const merged = <V>(before: ReadonlyMap<string, V> | undefined, after: Array<[string, V]> | undefined) => new Map([...(before ?? []), ...(after ?? [])]);
      sent = added.read.note;
      const translations = merged(previous.translations, reply.translations);
      state = {
        read: added.read,
        mentions: reply.mentions,
        glosses: merged(previous.glosses, [...sharedGlosses(reply.glosses, translations)]),
        languages: merged(previous.languages, reply.languages),
        translations,
        settings: reply.settings ?? previous.settings,
        onDevice: merged(previous.onDevice, reply.onDevice),
      };
      for (const listener of listeners) listener();
    };
    const session: NoteSession = {
      ctx,
      connector: via,
      container,
      signal,
      rehearsal: rehearsal !== undefined,
      current: () => state!,
      onRead: (listener) => listeners.push(listener),
      reread() {
        const again = readNote(container, url, noteId);
        if (again && state) state = { ...state, read: again };
        return state!.read;
      },
    };
    for (const feature of features) feature(session);
    void refresh();
    // Comments arrive lazily: read them, once per burst, when new ones appear.
    let pending = false;
    let initial = true;
    observe(
      XHS.comment,
      () => {
        if (initial || pending) return;
        pending = true;
        timeout(
          () => {
            pending = false;
            void addComments();
          },
          // The rehearsal's comment comes alone: it need not wait for others, nor hold the page.
          rehearsal ? 0 : COMMENTS_SETTLE_MS,
          signal,
        );
      },
      { signal, root: container },
    );
    initial = false;
    return session;
  };

  /** Opens the rehearsal note (lib/xhs/rehearsal.ts) and closes it once its comments were read. */
  const rehearse = () => {
    if (opened || ctx.isInvalid) return;
    const note = rehearsalNote(document);
    const done = new AbortController();
    let reads = 0;
    const session = startSession(note.container, REHEARSAL_NOTE_ID, REHEARSAL_URL, done.signal, rehearsalBackground());
    const end = ctx.setTimeout(() => done.abort(), REHEARSAL_TIMEOUT_MS);
    session.onRead(() => {
      reads++;
      // The comments load after the note, as on the site; the second reading is theirs.
      if (reads === 1) note.addComment();
      else {
        clearTimeout(end);
        // Translations are shown a few promise turns after the reading: let them finish first.
        ctx.setTimeout(() => done.abort(), 0);
      }
    });
  };

  run(location.href);
  // The event fires from the Navigation API before `location` is updated: use its newUrl.
  ctx.addEventListener(window, 'wxt:locationchange', (event) => run(event.newUrl.href));
  ctx.onInvalidated(() => controller?.abort());
  whenIdle(rehearse);
}

/**
 * Whatever changes in the note while the background answers (comments, our own additions):
 * `stop` says whether anything did, records still queued included.
 */
function watchChanges(container: Element): { stop(): boolean } {
  let changed = false;
  const changes = new MutationObserver(() => (changed = true));
  changes.observe(container, { childList: true, subtree: true, characterData: true });
  return {
    stop() {
      if (changes.takeRecords().length > 0) changed = true;
      changes.disconnect();
      return changed;
    },
  };
}

/**
 * The glossary's lines, each the same string as its text's first-pass reading when they are
 * equal. A message arrives as fresh copies of its strings, and the two fields carry the same
 * reading of every text: a few kilobytes per note, held while it is open.
 */
function sharedGlosses(glosses: Array<[string, string]> | undefined, translations: ReadonlyMap<string, BlockTranslation>): Map<string, string> {
  const shared = new Map<string, string>();
  for (const [text, line] of glosses ?? []) {
    const reading = translations.get(text)?.gloss;
    shared.set(text, reading === line ? reading : line);
  }
  return shared;
}

/** What a note read from the page's state holds, for the popup. */
function stateFields(note: Note, shape: string): FieldReport {
  const replies = note.comments.some((c) => c.replies.length > 0);
  const fields: Array<[string, boolean]> = [
    ['title', note.title !== ''],
    ['caption', note.desc !== ''],
    ['author', note.author !== ''],
    ['images', note.images.length > 0],
    ['comments', note.comments.length > 0],
    ['replies', replies],
  ];
  // Comments and replies the state does not carry are not missing from a layout: they load later.
  return { found: fields.filter(([, ok]) => ok).map(([name]) => name), missing: fields.filter(([name, ok]) => !ok && name !== 'comments' && name !== 'replies').map(([name]) => name), layout: shape };
}

/** UTF-8 bytes of a value as JSON, counted without building a second copy when it is clearly small. */
function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  // Three bytes per UTF-16 unit at most: below the limit that way, no need to count exactly.
  if (json.length * 3 <= NOTE_LIMITS.messageBytes) return json.length;
  return new TextEncoder().encode(json).length;
}

function messageFits(value: unknown): boolean {
  return jsonBytes(value) <= NOTE_LIMITS.messageBytes;
}

/**
 * The note as it can be sent: checked against the message size limit before sending, with comments
 * dropped from the end until it fits (then `capped` says how many were kept). Null when even the
 * note without comments is too large (the reader's caps make that unlikely).
 */
function fitMessage(note: Note): { note: Note; capped?: { comments: number } } | null {
  if (messageFits({ note })) return { note };
  let comments = note.comments;
  while (comments.length > 0) {
    comments = comments.slice(0, Math.floor(comments.length / 2));
    const smaller = { ...note, comments };
    if (messageFits({ note: smaller })) return { note: smaller, capped: { comments: comments.reduce((n, c) => n + 1 + c.replies.length, 0) } };
  }
  return null;
}
