import type { Connector } from '../../lib/messaging/connector';
import type { TranslationCache } from '../../lib/translate/cache';
import type { LatinDetector } from '../../lib/translate/language';
import { createOnDeviceProvider, type OnDeviceOptions, type OnDeviceProvider, type TranslatorApi, type TranslatorAvailability } from '../../lib/translate/on-device';
import { WEB_PROVIDER_IDS } from '../../lib/translate/page-settings';
import { providersInUserOrder, rememberingGlossary, translateBlocks, type BlockTranslation } from '../../lib/translate/pipeline';
import { createRemoteProvider, type LanguageCode, type ProviderFailure, type TranslationProvider } from '../../lib/translate/provider';
import type { ReadNote } from '../../lib/xhs/read';
import { XHS_FIELDS, first, selectorList } from '../../lib/xhs/selectors';
import { whenIdle } from '../../lib/dom/idle';
import type { NoteFeature, NoteSession } from './note';
import { listenForSettings, loadPageSettings, watchPageSettings, type PageSettings } from './settings';
import { createTranslateBar, prepareTranslateBar, type TranslateBar } from './translate-bar';
import { readingLine } from './reading-view';
import { providerName, translateText, type TranslateStringKey, type TranslateText } from './translate-strings';

/**
 * Translates the title, caption, comments and replies of the open note, each shown right
 * under its original and never replacing it. The glossary answers at once; the machine providers
 * (on-device, then the user's endpoint, in the user's order) replace it when they succeed, and a
 * failing one leaves a short line in the note's translation bar. Runs in the page: franc, the
 * endpoint, the cache and the exchange rate are asked of the background by message.
 */

/** On every element we insert; its value is the provider whose text it shows. */
export const TRANSLATION_ATTRIBUTE = 'data-zc-translation';

export interface TranslateFeatureOptions {
  /** Chrome's `Translator`; defaults to the page's global (absent in Firefox and older Chrome). */
  translatorApi?: TranslatorApi;
  onDeviceTimeouts?: Pick<OnDeviceOptions, 'createTimeoutMs' | 'translateTimeoutMs' | 'downloadStallTimeoutMs'>;
}

export function translateFeature(options: TranslateFeatureOptions = {}): NoteFeature {
  // One per page, shared by the notes opened in it: a downloaded model, the rate, franc's answers.
  let shared: SharedProviders | undefined;
  // What every note needs and no note decides, done while the page is idle after loading rather
  // than as the first note opens.
  whenIdle(() => {
    listenForSettings();
    prepareTranslateBar();
  });
  return (session) => {
    // The rehearsal's stand-in connector must not become the page's, nor its answers the page's.
    if (session.rehearsal) return translateNote(session, createSharedProviders(session.connector, options));
    shared ??= createSharedProviders(session.connector, options);
    translateNote(session, shared);
  };
}

// ── Providers, as seen from the page ─────────────────────────────────────────────────────────────

interface SharedProviders {
  /** Whether this browser has Chrome's Translator at all. */
  hasOnDevice: boolean;
  /** The on-device provider, made on first use (most pages never need it: see `usableOnDevice`). */
  onDevice(): OnDeviceProvider | undefined;
  /** The on-device model's state for a pair, asked once per page (`unavailable` on error). */
  availability(from: LanguageCode, to: LanguageCode): Promise<TranslatorAvailability>;
  /** The same when it is known already (no promise turn for what is known). */
  knownAvailability(from: LanguageCode, to: LanguageCode): TranslatorAvailability | undefined;
  /** Answers the background passed on from other pages (`zh>en` → state). */
  knowAvailability(known: ReadonlyMap<string, TranslatorAvailability>): void;
  /** Forget the answers: a model was just downloaded. */
  forgetAvailability(): void;
  glossary: TranslationProvider;
  detectLatin: LatinDetector & { know(languages: ReadonlyMap<string, LanguageCode>): void };
  cache: TranslationCache;
  /** A provider the background runs (the endpoint, a web service): the page only learns the result. */
  remote(service: RemoteService, id: string): TranslationProvider;
}

type RemoteService = 'endpoint' | 'google-web' | 'microsoft-web';

function createSharedProviders(connector: Connector, { translatorApi, onDeviceTimeouts }: TranslateFeatureOptions = {}): SharedProviders {
  const translator = translatorApi ?? (globalThis as { Translator?: TranslatorApi }).Translator;
  let made: OnDeviceProvider | undefined;
  const onDevice = () => (translator ? (made ??= createOnDeviceProvider({ translatorApi: translator, ...onDeviceTimeouts })) : undefined);
  const states = new Map<string, Promise<TranslatorAvailability>>();
  const settled = new Map<string, TranslatorAvailability>();
  return {
    hasOnDevice: translator !== undefined,
    onDevice,
    availability(from, to) {
      const key = `${from}>${to}`;
      let state = states.get(key);
      if (!state) {
        const provider = onDevice();
        state = provider ? provider.availability(from, to).catch((): TranslatorAvailability => 'unavailable') : Promise.resolve('unavailable');
        states.set(key, state);
        const asked = state;
        void asked.then((answer) => states.get(key) === asked && settled.set(key, answer));
        // Other pages get the answer with their note instead of asking Chrome again.
        if (provider) void state.then((answer) => connector.send('translate:on-device-state', { pair: key, state: answer })).catch(() => undefined);
      }
      return state;
    },
    knownAvailability: (from, to) => settled.get(`${from}>${to}`),
    knowAvailability(known) {
      if (!translator) return;
      for (const [pair, state] of known) {
        if (states.has(pair)) continue;
        states.set(pair, Promise.resolve(state));
        settled.set(pair, state);
      }
    },
    forgetAvailability: () => {
      states.clear();
      settled.clear();
    },
    glossary: backgroundGlossary(connector),
    detectLatin: batchedLatinDetector(connector),
    cache: messageCache(connector),
    remote: (service, id) => createRemoteProvider(id, (texts, from, to) => connector.send('translate:endpoint', { texts, from, to, service })),
  };
}

/**
 * The glossary runs in the background (its data would take this script over its size budget). It
 * must always answer: when the background cannot, it answers "nothing known" rather than failing.
 */
function backgroundGlossary(connector: Connector): TranslationProvider {
  return {
    id: 'glossary',
    async translate(texts) {
      const lines: string[] = [];
      for (let start = 0; start < texts.length; start += MAX_GLOSS_BATCH) {
        const slice = texts.slice(start, start + MAX_GLOSS_BATCH);
        const reply = slice.some(Boolean)
          ? await connector.send('translate:gloss', { texts: slice.map((text) => text.slice(0, MAX_GLOSS_CHARS)) }).catch(() => null)
          : null;
        lines.push(...slice.map((_, index) => reply?.lines[index] ?? ''));
      }
      return lines;
    },
  };
}
const MAX_GLOSS_BATCH = 500;
const MAX_GLOSS_CHARS = 20_000;

/** The pipeline asks about each block on its own; this sends the Latin ones of a tick as one message. */
function batchedLatinDetector(connector: Connector): SharedProviders['detectLatin'] {
  const answers = new Map<string, Promise<LanguageCode>>();
  let queue: Array<{ text: string; resolve: (language: LanguageCode) => void }> = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    connector.send('translate:detect-latin', { texts: batch.map((item) => item.text.slice(0, 2000)) }).then(
      ({ languages }) => batch.forEach((item, index) => item.resolve(languages[index] ?? 'und')),
      () =>
        batch.forEach((item) => {
          answers.delete(item.text);
          item.resolve('und');
        }),
    );
  };
  const detect = (text: string) => {
    let answer = answers.get(text);
    if (!answer) {
      answer = new Promise<LanguageCode>((resolve) => {
        if (queue.length === 0) queueMicrotask(flush);
        queue.push({ text, resolve });
        if (queue.length === MAX_DETECT_BATCH) flush();
      });
      answers.set(text, answer);
    }
    return answer;
  };
  /** Answers the background sent with the note: these texts need no message. */
  const know = (languages: ReadonlyMap<string, LanguageCode>) => {
    for (const [text, language] of languages) if (!answers.has(text)) answers.set(text, Promise.resolve(language));
  };
  return Object.assign(detect, { know });
}
const MAX_DETECT_BATCH = 500;

/** The background's Dexie cache; a cache that cannot be reached is a miss, never an error. */
function messageCache(connector: Connector): TranslationCache {
  return {
    async lookup(requests) {
      const found: Array<string | undefined> = [];
      for (let start = 0; start < requests.length; start += MAX_CACHE_BATCH) {
        const slice = requests.slice(start, start + MAX_CACHE_BATCH);
        const reply = await connector.send('translate:cache-lookup', { requests: slice }).catch(() => null);
        found.push(...slice.map((_, index) => reply?.translations[index] ?? undefined));
      }
      return found;
    },
    async store(entries) {
      for (let start = 0; start < entries.length; start += MAX_CACHE_BATCH) {
        await connector.send('translate:cache-store', { entries: entries.slice(start, start + MAX_CACHE_BATCH) }).catch(() => undefined);
      }
    },
  };
}
const MAX_CACHE_BATCH = 500;

// ── One note ─────────────────────────────────────────────────────────────────────────────────────

/** What was done for one original: its text when translated, the result and the element shown. */
interface Shown {
  field: string;
  text: string;
  result?: BlockTranslation;
  element?: HTMLElement;
  /** Translate again at the next update (settings changed, a model arrived). */
  stale: boolean;
}

function translateNote(session: NoteSession, providers: SharedProviders): void {
  const { container, signal } = session;
  // Keyed by the original's element: a re-read when comments load finds the same elements and
  // leaves their translations alone; only new or changed texts are translated.
  const shown = new Map<Element, Shown>();
  const failures = new Map<string, string>();
  let settings: PageSettings | undefined;
  let hidden = false;
  // Bumped whenever earlier results must not be shown any more.
  let generation = 0;
  let running = 0;
  let downloadOffer: { from: LanguageCode; to: LanguageCode } | undefined;
  let bar: TranslateBar | undefined;
  // Remote providers cost the user money or quota: past the first screenful, comments wait for a click.
  let allComments = false;
  let heldBack = 0;
  const text = (key: TranslateStringKey, values?: Record<string, string | number>) => translateText(settings?.uiLanguage ?? 'en')(key, values);

  const theBar = () =>
    (bar ??= createTranslateBar({
      onToggle(value) {
        hidden = value;
        for (const entry of shown.values()) if (entry.element) entry.element.hidden = hidden;
      },
      onDownload: downloadOnDevice,
      onMore() {
        allComments = true;
        heldBack = 0;
        for (const entry of shown.values()) if (!inFirstScreen(entry.field)) entry.stale = true;
        update();
      },
      text,
    }));

  const update = () => {
    refresh().catch((error: unknown) => {
      // Never into the page: a translation that fails leaves the note as it was.
      if (!signal.aborted) console.debug('[zhongcao] translation failed', error);
    });
  };

  const unwatch = watchPageSettings((next) => {
    const before = settings;
    settings = next;
    if (before && translationInputs(before) !== translationInputs(next)) retranslateAll();
    else update();
  });
  // The settings come with the note's first reading; storage is read only when they did not.
  let loading: Promise<void> | undefined;
  const storedSettings = async () => {
    loading ??= loadPageSettings().then((loaded) => void (settings ??= loaded), () => undefined);
    await loading;
    return settings;
  };
  session.onRead(update);
  signal.addEventListener(
    'abort',
    () => {
      unwatch();
      removeAll();
    },
    { once: true },
  );

  function removeAll() {
    generation++;
    for (const entry of shown.values()) entry.element?.remove();
    shown.clear();
    failures.clear();
    downloadOffer = undefined;
    heldBack = 0;
    bar?.remove();
    bar = undefined;
  }

  function retranslateAll() {
    generation++;
    failures.clear();
    downloadOffer = undefined;
    for (const entry of shown.values()) entry.stale = true;
    update();
  }

  async function refresh() {
    if (signal.aborted) return;
    const current = currentState(session);
    if (!current) return;
    settings ??= current.settings;
    const chosen = settings ?? (await storedSettings());
    if (!chosen || signal.aborted) return;
    if (!chosen.translationEnabled) return removeAll();
    const { read } = current;
    if (current.languages) providers.detectLatin.know(current.languages);
    if (current.onDevice) providers.knowAvailability(current.onDevice);
    const blocks = blocksOf(read);
    const present = new Set(blocks.map((block) => block.anchor));
    for (const [anchor, entry] of shown) {
      if (present.has(anchor)) continue;
      entry.element?.remove();
      shown.delete(anchor);
    }
    const pending: Array<{ anchor: Element; entry: Shown }> = [];
    for (const { anchor, field, text } of blocks) {
      const entry = shown.get(anchor);
      if (entry && entry.text === text && !entry.stale) {
        // The page may have re-rendered around our element: put it back, without translating again.
        if (entry.element && !entry.element.isConnected) render(anchor, entry);
        continue;
      }
      const next: Shown = { field, text, stale: false, element: entry?.element };
      shown.set(anchor, next);
      pending.push({ anchor, entry: next });
    }
    if (pending.length === 0) return;

    const run = generation;
    const target = chosen.translationTarget;
    const blocksToTranslate = pending.map(({ entry }) => ({ id: entry.field, text: entry.text }));
    const isCurrent = () => run === generation && !signal.aborted;
    const show = (results: BlockTranslation[]) => {
      pending.forEach(({ anchor, entry }, index) => {
        // A newer reading may have replaced this entry meanwhile.
        if (shown.get(anchor) !== entry) return;
        const result = results[index];
        // The machine pass often changes nothing (no model, no endpoint): leave those elements be.
        if (entry.result && result && sameText(entry.result, result)) {
          entry.result = result;
          return;
        }
        entry.result = result;
        render(anchor, entry);
      });
      placeBar();
    };

    // The first pass (cache, then glossary) came with the note when the background did it for
    // these settings; otherwise the glossary here. Either way the reader sees something at once.
    const options = { target, glossary: rememberingGlossary(providers.glossary, new Map(current.glosses)), detectLatin: providers.detectLatin, signal };
    const prefilled =
      current.settings && (current.settings === chosen || translationInputs(current.settings) === translationInputs(chosen)) ? current.translations : undefined;
    const early = blocksToTranslate.map((block) => prefilled?.get(block.text));
    const first = early.every((result) => result !== undefined)
      ? early.map((result, index) => ({ ...result!, id: blocksToTranslate[index]!.id }))
      : await translateBlocks(blocksToTranslate, { ...options, providers: [] });
    if (!isCurrent()) return;
    show(first);

    // Machine translation, in the page, only for what the first pass did not fully translate.
    const unfinished = first.filter((result) => result.status !== 'same-language' && result.status !== 'translated');
    if (unfinished.length === 0) return;
    const languages = first.map((result) => result.source);
    const usable = usableOnDevice(
      chosen,
      unfinished.map((result) => result.source),
      target,
    );
    const useOnDevice = typeof usable === 'boolean' ? usable : await usable;
    const machine = providersInUserOrder(chosen.translationProviders, {
      'on-device': useOnDevice ? providers.onDevice() : undefined,
      endpoint: chosen.endpoint.configured ? providers.remote('endpoint', chosen.endpoint.provider) : undefined,
      'google-web': providers.remote('google-web', WEB_PROVIDER_IDS['google-web']),
      'microsoft-web': providers.remote('microsoft-web', WEB_PROVIDER_IDS['microsoft-web']),
    });
    if (!isCurrent()) return;
    if (machine.length === 0) {
      // Nothing to run, but perhaps a model to offer.
      if (downloadOffer) noteFailures([], target);
      return;
    }
    const remote = machine.some((provider) => provider.id !== 'on-device');
    const now = pending.map(({ entry }, index) => first[index]!.status !== 'same-language' && first[index]!.status !== 'translated' && (!remote || allComments || inFirstScreen(entry.field)));
    heldBack = remote && !allComments ? countHeldBack() : 0;
    if (!now.includes(true)) {
      noteFailures([], target);
      return;
    }
    running++;
    bar?.setBusy(true);
    try {
      const translated = await translateBlocks(
        blocksToTranslate.filter((_, index) => now[index]),
        { ...options, languages: languages.filter((_, index) => now[index]), providers: machine, cache: providers.cache },
      );
      if (!isCurrent()) return;
      let next = 0;
      const merged = first.map((result, index) => (now[index] ? translated[next++]! : result));
      show(merged);
      heldBack = remote && !allComments ? countHeldBack() : 0;
      noteFailures(translated, target);
    } finally {
      running--;
      bar?.setBusy(running > 0);
    }
  }

  /**
   * Whether on-device translation is worth a pass. Not when Chrome has no model ready for the
   * languages at hand: with none at all (the usual case, and not an error to show), or with one to
   * download (offered in the bar: only a click may start it). Asked once per pair and page, or
   * answered by what other pages reported: then without waiting for a promise.
   */
  function usableOnDevice(chosen: PageSettings, sources: LanguageCode[], target: LanguageCode): boolean | Promise<boolean> {
    if (!providers.hasOnDevice || !chosen.translationProviders.includes('on-device')) return false;
    // An unknown language: let the provider itself say what it can do.
    if (sources.includes('und')) return true;
    const pairs = [...new Set(sources)];
    const decide = (states: Array<TranslatorAvailability | undefined>) => {
      if (states.includes('available')) return true;
      const downloadable = pairs.find((_, index) => states[index] === 'downloadable' || states[index] === 'downloading');
      if (downloadable) downloadOffer ??= { from: downloadable, to: target };
      return false;
    };
    const known = pairs.map((from) => providers.knownAvailability(from, target));
    if (known.every((state) => state !== undefined)) return decide(known);
    return Promise.all(pairs.map((from) => providers.availability(from, target))).then(decide);
  }

  function render(anchor: Element, entry: Shown) {
    const result = entry.result;
    if (!result || (!result.translation && !result.gloss)) {
      entry.element?.remove();
      entry.element = undefined;
      return;
    }
    const element = (entry.element ??= document.createElement('div'));
    fillTranslation(element, entry.field, result, settings?.translationTarget ?? 'en', text);
    element.hidden = hidden;
    if (anchor.nextElementSibling !== element) anchor.after(element);
  }

  /** Comments past the first screenful without a machine translation yet. */
  function countHeldBack(): number {
    let count = 0;
    for (const entry of shown.values()) {
      if (inFirstScreen(entry.field)) continue;
      const status = entry.result?.status;
      if (status !== 'translated' && status !== 'same-language') count++;
    }
    return count;
  }

  function placeBar() {
    // The bar is one per page, its sheet made for the page's document: it stays out of the rehearsal's.
    if (session.rehearsal) return;
    if (![...shown.values()].some((entry) => entry.element) && failures.size === 0 && !downloadOffer && heldBack === 0) {
      bar?.remove();
      bar = undefined;
      return;
    }
    const title = first(container, XHS_FIELDS.title);
    const titleTranslation = title ? shown.get(title)?.element : undefined;
    theBar().place(titleTranslation ?? title, first(container, XHS_FIELDS.desc)?.parentElement ?? null);
  }

  function noteFailures(results: BlockTranslation[], target: LanguageCode) {
    for (const result of results) {
      for (const failure of result.errors) {
        if (failure.provider === 'on-device' && failure.code === 'needs-user-action' && result.source !== 'und') {
          downloadOffer ??= { from: result.source, to: target };
          continue;
        }
        // No on-device model for this browser or pair is the normal case, not an error to show.
        if ((failure.provider === 'on-device' && failure.code === 'unavailable') || failure.code === 'aborted') continue;
        failures.set(`${failure.provider}\u0000${failure.code}`, failureLine(failure, result, text));
      }
    }
    placeBar();
    bar?.setErrors([...failures.values()]);
    bar?.offerDownload(downloadOffer ? text('download') : null);
    bar?.offerMore(heldBack);
  }

  function downloadOnDevice() {
    const offer = downloadOffer;
    const onDevice = providers.onDevice();
    if (!offer || !onDevice) return;
    bar?.setDownloadStatus(text('downloading'));
    // Called in the click's user gesture, before any await: Chrome requires it for a download.
    onDevice
      .download(offer.from, offer.to, {
        signal,
        onProgress: (fraction) => bar?.setDownloadStatus(text('downloadingPercent', { percent: Math.round(fraction * 100) })),
      })
      .then(
        () => {
          providers.forgetAvailability();
          bar?.setDownloadStatus('');
          bar?.offerDownload(null);
          retranslateAll();
        },
        (error: unknown) => {
          if (signal.aborted) return;
          bar?.setDownloadStatus(text('downloadFailed', { reason: error instanceof Error ? error.message : String(error) }));
          bar?.offerDownload(text('downloadAgain'));
        },
      );
  }
}


/** Whether two results show the same thing, the block's own error marker included. */
function sameText(a: BlockTranslation, b: BlockTranslation): boolean {
  const errors = (result: BlockTranslation) => result.errors.map((failure) => `${failure.provider}:${failure.code}`).join();
  return a.translation === b.translation && a.gloss === b.gloss && a.fromCache === b.fromCache && a.providers.join() === b.providers.join() && errors(a) === errors(b);
}

/** A reading may be missing when the note was not recognised: nothing to translate then. */
function currentState(session: NoteSession): ReturnType<NoteSession['current']> | undefined {
  try {
    return session.current() ?? undefined;
  } catch {
    return undefined;
  }
}

/** Title, caption, comments and replies (hashtags are glossed as part of the caption). */
const TRANSLATED_FIELD = /^(?:title|desc|comments\.\d+(?:\.replies\.\d+)?)$/;
/** The element each field's text lives in; the translation goes right after it. */
const ORIGINAL = selectorList([...XHS_FIELDS.title, ...XHS_FIELDS.desc, ...XHS_FIELDS.commentText]);

function blocksOf(read: ReadNote): Array<{ anchor: Element; field: string; text: string }> {
  const blocks: Array<{ anchor: Element; field: string; text: string }> = [];
  for (const [field, source] of read.sources) {
    if (!TRANSLATED_FIELD.test(field) || !source.text.trim()) continue;
    // The element the text was read from (the reader reads these fields from ORIGINAL elements),
    // while it is still in the page: no selector matching up the tree.
    const anchor = source.element?.isConnected
      ? source.element
      : source.segments.find((segment) => segment.node.isConnected)?.node.parentElement?.closest(ORIGINAL);
    if (anchor) blocks.push({ anchor, field, text: source.text });
  }
  return blocks;
}

/** What decides a translation: changing any of these translates the note again. */
function translationInputs(settings: PageSettings): string {
  return JSON.stringify([settings.translationTarget, settings.translationProviders, settings.endpoint]);
}


/** Remote providers translate these unasked: the title, the caption and the first comments with their replies. */
const FIRST_SCREEN_COMMENTS = 10;

export function inFirstScreen(field: string): boolean {
  const comment = /^comments\.(\d+)/.exec(field);
  return !comment || Number(comment[1]) < FIRST_SCREEN_COMMENTS;
}

// ── What the reader sees ─────────────────────────────────────────────────────────────────────────

/**
 * "LibreTranslate answered with an error — showing the word-by-word reading (details in Zhongcao's options)".
 * Only what kind of failure it was: the page must not learn the endpoint's host or the server's words.
 */
export function failureLine(failure: ProviderFailure, result: BlockTranslation, text: TranslateText = translateText('en')): string {
  const fallback = result.providers[0];
  const showing = !fallback ? text('showingOriginal') : fallback === 'glossary' ? text('showingGlossary') : text('using', { name: providerName(fallback, text) });
  const reason = text(`reason.${failure.code}` as TranslateStringKey);
  const local = failure.provider === 'on-device';
  // On-device errors are the browser's own and say nothing about the user's setup: shown as they are.
  const line = text('failed', { name: providerName(failure.provider, text), reason: local ? `(${failure.message.replace(/\.$/, '')})` : reason, showing });
  return local ? line : `${line} (${text('seeOptions')})`;
}

function fillTranslation(element: HTMLElement, field: string, result: BlockTranslation, target: LanguageCode, text: TranslateText): void {
  element.setAttribute(TRANSLATION_ATTRIBUTE, result.providers[0] ?? 'glossary');
  element.dataset.zcField = field;
  // The offline reading alone is not a translation and does not say it is one.
  const readingOnly = result.providers.length === 1 && result.providers[0] === 'glossary';
  element.title = readingOnly
    ? text('readingOnly')
    : text('translatedBy', { names: result.providers.map((id) => providerName(id, text)).join(text('and')) }) + (result.fromCache ? text('savedEarlier') : '');
  // What went wrong for this block, on the block itself (the bar sums it up for the note).
  const problems = result.errors.filter((failure) => failure.code !== 'aborted' && !(failure.provider === 'on-device' && failure.code !== 'timeout'));
  if (problems.length > 0) {
    element.dataset.zcError = [...new Set(problems.map((failure) => failure.code))].join(' ');
    element.title += problems.map((failure) => `\n${failureLine(failure, result, text)}`).join('');
  } else {
    delete element.dataset.zcError;
  }
  const lines: HTMLElement[] = [];
  if (result.translation) lines.push(line('zc-translation-text', result.translation, target));
  // The reading is English whatever the target: the dictionaries have English only.
  if (result.gloss) lines.push(readingLine(result.gloss));
  element.replaceChildren(...lines);
}

function line(className: string, text: string, lang: LanguageCode): HTMLElement {
  const element = document.createElement('span');
  element.className = className;
  element.lang = lang;
  element.textContent = text;
  return element;
}
