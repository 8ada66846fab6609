import { useEffect, useState } from 'preact/hooks';
import { defineStrings, translator } from '../../lib/i18n';
import type { Connector } from '../../lib/messaging/connector';
import type { Settings } from '../../lib/settings/schema';
import { machineProviderIds, pageSettingsFrom } from '../../lib/translate/page-settings';
import { createOnDeviceProvider, type TranslatorApi } from '../../lib/translate/on-device';
import type { ProviderFailure } from '../../lib/translate/provider';
import { plainLine } from '../../lib/translate/reading-line';
import { providerName, translateText, type TranslateStringKey } from '../../entrypoints/xiaohongshu.content/translate-strings';
import { usePopupEnv } from './env';

/**
 * A line in the reader's language under the popup's Chinese texts (the note title, listing
 * titles, shop names). First what costs nothing: a machine translation already in the background's
 * IndexedDB cache (for the user's providers, in their order), else the offline word-by-word reading,
 * labelled as such. Then, when the user turned a remote provider on, the texts still without one go
 * to the background in one request (`translate:popup`), which runs the provider chain within the
 * budgets and caches what comes back; the reading is replaced as the translation arrives, or says
 * briefly that the provider failed. Nothing is sent anywhere when no remote provider is on.
 *
 * Chrome's on-device Translator exists in pages, not in the service worker: the popup runs it itself,
 * when its model is already there (a download needs the user's click, which the note page's bar
 * offers), before the remote providers or after them as the user ordered them, and caches its lines.
 */

export type PopupTranslation =
  | { kind: 'machine'; text: string; lang: string; provider: string }
  | {
      kind: 'reading';
      text: string;
      /** A remote provider was asked and has not answered yet. */
      waiting?: boolean;
      /** The first provider that failed this text, generically. */
      failure?: ProviderFailure;
    };

const strings = defineStrings({
  en: {
    machine: 'Translated by {name}: ',
    reading: 'Word-by-word reading: ',
    translating: ' (translating…)',
    failed: ' ({name} {reason})',
  },
  'zh-CN': {
    machine: '译文（{name}）：',
    reading: '逐词释义：',
    translating: '（翻译中…）',
    failed: '（{name}{reason}）',
  },
});

const HAN = /\p{Script=Han}/u;
/** The background takes at most 500 texts per gloss and 1,000 cache requests per lookup. */
const MAX_TEXTS = 200;
const MAX_CHARS = 2000;
/**
 * Texts asked for within this long of each other go to the remote providers together: the note's
 * title and its listings' titles and shops arrive a moment apart, and are one request, not three.
 */
const REMOTE_GATHER_MS = 400;

type Answer = PopupTranslation | null;
interface Entry {
  /** Undefined while nothing is known yet; null when there is nothing to show. */
  value: Answer | undefined;
  listeners: Set<(value: Answer) => void>;
}

/** Whether `kind` is a provider the background can run for the popup, turned on and set up. */
const isRemote = (kind: Settings['translationProviders'][number], settings: Settings) =>
  (kind === 'endpoint' && settings.endpointConfigured) || kind === 'google-web' || kind === 'microsoft-web';

/** Han characters: a "translation" that keeps half of them is none. */
const hanCount = (text: string) => text.match(/\p{Script=Han}/gu)?.length ?? 0;

/**
 * Collects the texts asked for during one render pass and reads them in one batch (one cache lookup
 * and one gloss), whichever component asked; then sends what is still untranslated to the remote
 * providers in one request. Answers are kept for the popup's lifetime.
 */
function createBatcher(connector: Connector, settings: Settings, tabId: number | undefined) {
  const entries = new Map<string, Entry>();
  let pending: string[] = [];
  let remotePending: string[] = [];
  let remoteTimer: ReturnType<typeof setTimeout> | undefined;
  const providers = machineProviderIds(pageSettingsFrom(settings)).slice(0, 5);
  const target = settings.translationTarget;
  const order = settings.translationProviders;
  const firstRemote = order.findIndex((kind) => isRemote(kind, settings));
  const remote = firstRemote >= 0;
  const translatorApi = (globalThis as { Translator?: TranslatorApi }).Translator;
  const onDeviceAt = order.indexOf('on-device');
  const onDevice = onDeviceAt >= 0 && translatorApi ? createOnDeviceProvider({ translatorApi }) : undefined;
  const onDeviceFirst = onDevice !== undefined && (firstRemote < 0 || onDeviceAt < firstRemote);

  const set = (text: string, value: Answer) => {
    const entry = entries.get(text)!;
    entry.value = value;
    for (const listener of entry.listeners) listener(value);
  };

  async function flush(texts: string[]) {
    let machine: Array<{ text: string; provider: string } | undefined> = texts.map(() => undefined);
    if (providers.length > 0) {
      const requests = texts.flatMap((text) => providers.map((provider) => ({ text, source: 'zh' as const, target, provider })));
      const found = await connector.send('translate:cache-lookup', { requests }).catch(() => ({ translations: [] as Array<string | null> }));
      // The first of the user's providers, in their order, that has this text cached.
      machine = texts.map((_, index) => {
        const mine = found.translations.slice(index * providers.length, (index + 1) * providers.length);
        const at = mine.findIndex((line) => !!line);
        return at < 0 ? undefined : { text: mine[at]!, provider: providers[at]! };
      });
    }
    const unread = texts.filter((_, index) => !machine[index]);
    const lines = unread.length === 0 ? [] : (await connector.send('translate:gloss', { texts: unread }).catch(() => ({ lines: [] as string[] }))).lines;
    texts.forEach((text, index) => {
      const translated = machine[index];
      if (translated) return set(text, { kind: 'machine', text: translated.text, lang: target, provider: translated.provider });
      const line = lines[unread.indexOf(text)];
      const reading = line ? plainLine(line).trim() : '';
      set(text, reading ? { kind: 'reading', text: reading, ...(remote ? { waiting: true } : {}) } : null);
    });
    const rest = onDeviceFirst && unread.length > 0 ? await translateOnDevice(unread) : unread;
    if (remote && rest.length > 0) {
      remotePending.push(...rest);
      clearTimeout(remoteTimer);
      remoteTimer = setTimeout(() => {
        const batch = remotePending;
        remotePending = [];
        for (let start = 0; start < batch.length; start += MAX_TEXTS) void translateRemotely(batch.slice(start, start + MAX_TEXTS));
      }, REMOTE_GATHER_MS);
    }
  }

  /** Translates on this machine what it can, when the model is there; returns the texts left. */
  async function translateOnDevice(texts: string[]): Promise<string[]> {
    const translations = await onDevice!.translate(texts, 'zh', target, new AbortController().signal).catch(() => undefined);
    if (!translations) return texts;
    const left: string[] = [];
    const fresh: Array<{ text: string; source: 'zh'; target: string; provider: string; translation: string }> = [];
    texts.forEach((text, index) => {
      const translation = translations[index]?.trim() ?? '';
      const kept = target.startsWith('zh') ? 0 : hanCount(translation);
      if (!translation || translation === text || kept * 2 >= Math.max(1, hanCount(text))) return void left.push(text);
      set(text, { kind: 'machine', text: translation, lang: target, provider: 'on-device' });
      fresh.push({ text, source: 'zh', target, provider: 'on-device', translation });
    });
    // In the same cache as the note page's: the next popup, and the page, find them.
    if (fresh.length > 0) await connector.send('translate:cache-store', { entries: fresh }).catch(() => undefined);
    return left;
  }

  async function translateRemotely(texts: string[]) {
    const reply = await connector
      .send('translate:popup', { texts, ...(tabId === undefined ? {} : { tabId }) })
      .catch((): { results: null[]; failures: ProviderFailure[] } => ({ results: [], failures: [] }));
    const left: string[] = [];
    texts.forEach((text, index) => {
      const result = reply.results[index];
      if (result) return set(text, { kind: 'machine', text: result.translation, lang: target, provider: result.provider });
      left.push(text);
      const before = entries.get(text)?.value;
      if (before?.kind !== 'reading') return;
      // The reading stays; it says which provider failed, when one did.
      const failure = reply.failures[0];
      set(text, { kind: 'reading', text: before.text, ...(failure ? { failure } : {}) });
    });
    // On-device after the remote providers, when that is the user's order.
    if (onDevice && !onDeviceFirst && left.length > 0) await translateOnDevice(left);
  }

  return (text: string, listener: (value: Answer) => void): { value: Answer | undefined; stop: () => void } => {
    let entry = entries.get(text);
    if (!entry) {
      entry = { value: undefined, listeners: new Set() };
      entries.set(text, entry);
      if (pending.length === 0) {
        // Everything rendered in this pass joins the same batch.
        setTimeout(() => {
          const batch = pending;
          pending = [];
          for (let start = 0; start < batch.length; start += MAX_TEXTS) void flush(batch.slice(start, start + MAX_TEXTS));
        }, 0);
      }
      pending.push(text);
    }
    entry.listeners.add(listener);
    const listening = entry;
    return { value: entry.value, stop: () => listening.listeners.delete(listener) };
  };
}

const batchers = new WeakMap<Connector, Map<string, ReturnType<typeof createBatcher>>>();
function batcherFor(connector: Connector, settings: Settings, tabId: number | undefined) {
  const key = [
    settings.translationTarget,
    ...machineProviderIds(pageSettingsFrom(settings)),
    ...settings.translationProviders,
    settings.uiLanguage,
    tabId ?? '',
  ].join('|');
  let byKey = batchers.get(connector);
  if (!byKey) batchers.set(connector, (byKey = new Map()));
  let batcher = byKey.get(key);
  if (!batcher) byKey.set(key, (batcher = createBatcher(connector, settings, tabId)));
  return batcher;
}

/** The reader's line for each Chinese text (undefined while it loads, or when there is none). */
export function usePopupTranslation(text: string | undefined): PopupTranslation | undefined {
  const { connector, settings, tabId } = usePopupEnv();
  const wanted = text && settings.translationEnabled && HAN.test(text) ? text.trim().slice(0, MAX_CHARS) : '';
  const [answer, setAnswer] = useState<{ text: string; value: Answer }>();
  useEffect(() => {
    if (!wanted) return;
    const asked = batcherFor(connector, settings, tabId ?? undefined)(wanted, (value) => setAnswer({ text: wanted, value }));
    if (asked.value !== undefined) setAnswer({ text: wanted, value: asked.value });
    return asked.stop;
  }, [connector, settings, tabId, wanted]);
  return answer?.text === wanted && answer.value ? answer.value : undefined;
}

/** The line under a Chinese text, as plain text; a reading is called a reading, never a translation. */
export function TranslatedLine({ text, as: Tag = 'p', testId }: { text: string | undefined; as?: 'p' | 'span'; testId?: string }) {
  const { language } = usePopupEnv();
  const line = usePopupTranslation(text);
  if (!line) return null;
  const t = translator(strings, language);
  if (line.kind === 'machine') {
    return (
      <Tag class="zc-muted zc-small zc-translated" data-testid={testId} data-kind="machine" data-provider={line.provider}>
        {t('machine', { name: providerName(line.provider, translateText(language)) })}
        <span lang={line.lang}>{line.text}</span>
      </Tag>
    );
  }
  const failure = line.failure;
  return (
    <Tag
      class="zc-muted zc-small zc-translated"
      data-testid={testId}
      data-kind="reading"
      data-state={line.waiting ? 'waiting' : failure ? 'failed' : undefined}
      aria-busy={line.waiting ? 'true' : undefined}
      title={translateText(language)('readingOnly')}
    >
      {t('reading')}
      {/* CC-CEDICT's and the glossary's glosses are English. */}
      <span lang="en">{line.text}</span>
      {line.waiting && t('translating')}
      {failure && t('failed', { name: providerName(failure.provider, translateText(language)), reason: translateText(language)(`reason.${failure.code}` as TranslateStringKey) })}
    </Tag>
  );
}
