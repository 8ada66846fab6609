import { useEffect, useState } from 'preact/hooks';
import { defineStrings, translator } from '../../lib/i18n';
import type { Connector } from '../../lib/messaging/connector';
import type { Settings } from '../../lib/settings/schema';
import { machineProviderIds, pageSettingsFrom } from '../../lib/translate/page-settings';
import { READING_STRINGS } from '../../lib/translate/reading-strings';
import { plainLine } from '../../lib/translate/reading-line';
import { usePopupEnv } from './env';

/**
 * A line in the reader's language under the popup's Chinese texts (the note title, listing
 * titles, shop names). The popup never sends text to a translator itself: it shows a machine
 * translation the page already paid for (the background's IndexedDB cache, for the user's providers
 * in their order) and otherwise the offline word-by-word reading, labelled as such. Calling a remote
 * provider from here would go around the per-note budget, which is counted per tab.
 */

export type PopupTranslation = { kind: 'machine'; text: string; lang: string } | { kind: 'reading'; text: string };

const strings = defineStrings({
  en: { machine: 'Translated: {text}', reading: 'Word-by-word reading: {text}' },
  'zh-CN': { machine: '译文：{text}', reading: '逐词释义：{text}' },
});

const HAN = /\p{Script=Han}/u;
/** The background takes at most 500 texts per gloss and 1,000 cache requests per lookup. */
const MAX_TEXTS = 200;
const MAX_CHARS = 2000;

type Answer = PopupTranslation | null;

/**
 * Collects the texts asked for during one render pass and sends them in one batch (one cache lookup
 * and one gloss), whichever component asked; answers are kept for the popup's lifetime.
 */
function createBatcher(connector: Connector, settings: Settings) {
  const answers = new Map<string, Promise<Answer>>();
  let pending: Array<{ text: string; resolve: (answer: Answer) => void }> = [];
  const providers = machineProviderIds(pageSettingsFrom(settings)).slice(0, 5);
  const target = settings.translationTarget;

  async function flush(batch: typeof pending) {
    const texts = batch.map((item) => item.text);
    let machine: Array<string | undefined> = texts.map(() => undefined);
    if (providers.length > 0) {
      const requests = texts.flatMap((text) => providers.map((provider) => ({ text, source: 'zh' as const, target, provider })));
      const found = await connector.send('translate:cache-lookup', { requests }).catch(() => ({ translations: [] as Array<string | null> }));
      // The first of the user's providers, in their order, that has this text cached.
      machine = texts.map((_, index) => found.translations.slice(index * providers.length, (index + 1) * providers.length).find((line) => !!line) ?? undefined);
    }
    const unread = texts.filter((_, index) => !machine[index]);
    const lines = unread.length === 0 ? [] : (await connector.send('translate:gloss', { texts: unread }).catch(() => ({ lines: [] as string[] }))).lines;
    batch.forEach(({ text, resolve }, index) => {
      const translated = machine[index];
      if (translated) return resolve({ kind: 'machine', text: translated, lang: target });
      const line = lines[unread.indexOf(text)];
      const reading = line ? plainLine(line).trim() : '';
      resolve(reading ? { kind: 'reading', text: reading } : null);
    });
  }

  return (text: string): Promise<Answer> => {
    let answer = answers.get(text);
    if (!answer) {
      answer = new Promise<Answer>((resolve) => {
        if (pending.length === 0) {
          // Everything rendered in this pass joins the same batch.
          setTimeout(() => {
            const batch = pending;
            pending = [];
            for (let start = 0; start < batch.length; start += MAX_TEXTS) void flush(batch.slice(start, start + MAX_TEXTS));
          }, 0);
        }
        pending.push({ text, resolve });
      });
      answers.set(text, answer);
    }
    return answer;
  };
}

const batchers = new WeakMap<Connector, Map<string, ReturnType<typeof createBatcher>>>();
function batcherFor(connector: Connector, settings: Settings) {
  const key = [settings.translationTarget, ...machineProviderIds(pageSettingsFrom(settings)), settings.uiLanguage].join('|');
  let byKey = batchers.get(connector);
  if (!byKey) batchers.set(connector, (byKey = new Map()));
  let batcher = byKey.get(key);
  if (!batcher) byKey.set(key, (batcher = createBatcher(connector, settings)));
  return batcher;
}

/** The reader's line for each Chinese text (undefined while it loads, or when there is none). */
export function usePopupTranslation(text: string | undefined): PopupTranslation | undefined {
  const { connector, settings } = usePopupEnv();
  const wanted = text && settings.translationEnabled && HAN.test(text) ? text.trim().slice(0, MAX_CHARS) : '';
  const [answer, setAnswer] = useState<{ text: string; value: Answer }>();
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    void batcherFor(connector, settings)(wanted).then((value) => current && setAnswer({ text: wanted, value }));
    return () => {
      current = false;
    };
  }, [connector, settings, wanted]);
  return answer?.text === wanted && answer.value ? answer.value : undefined;
}

/** The line under a Chinese text, as plain text; a reading is called a reading, never a translation. */
export function TranslatedLine({ text, as: Tag = 'p', testId }: { text: string | undefined; as?: 'p' | 'span'; testId?: string }) {
  const { language } = usePopupEnv();
  const line = usePopupTranslation(text);
  if (!line) return null;
  const t = translator(strings, language);
  return (
    <Tag
      class="zc-muted zc-small zc-translated"
      data-testid={testId}
      data-kind={line.kind}
      title={line.kind === 'reading' ? translator(READING_STRINGS, language)('hint') : undefined}
    >
      {line.kind === 'machine' ? (
        <>
          {t('machine', { text: '' })}
          <span lang={line.lang}>{line.text}</span>
        </>
      ) : (
        <>
          {t('reading', { text: '' })}
          {/* CC-CEDICT's and the glossary's glosses are English. */}
          <span lang="en">{line.text}</span>
        </>
      )}
    </Tag>
  );
}
