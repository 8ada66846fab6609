import { browser } from 'wxt/browser';
import type { HandlerContext, Handlers } from '../../lib/messaging/router';
import { getTabState, setTabState } from '../../lib/messaging/tab-state';
import { VERSION } from '../../lib/platform/version';
import { listingKey, storeListings } from '../../lib/shops/store';
import { captureLimiter, originOf, resolveItemlessCaptures, validListings } from '../../lib/shops/capture';
import { itemIdFromUrl } from '../../lib/shops/urls';
import { isNoItemUrl } from '../../lib/shops/stock';
import { getShopReport, setShopReport } from '../../lib/messaging/shop-report';
import { withQuotaRecovery } from '../../lib/db/storage-quota';
import { detectMentions } from '../../lib/mentions/detect';
import { loadLexiconData } from '../../lib/mentions/lexicon-data';
import { isWatched, recordSightings, setWatched } from '../../lib/watch/store';
import { showAlertBadge } from '../../lib/watch/badge';
import { notifyAlerts } from '../../lib/watch/notify';
import type { Checker } from '../../lib/watch/check';
import { setDailyCheck } from './check';
import { bumpDataVersion } from '../../lib/messaging/data-version';
import { createPopupHandlers } from './popup';
import { createTranslateHandlers, noteGlossInputs, noteLatinLanguages, prefillNoteTranslations } from './translate';
import { pageSettingsFrom } from '../../lib/translate/page-settings';
import { onDeviceStates, rememberOnDeviceState } from '../../lib/translate/on-device-states';
import { rememberingGlossary } from '../../lib/translate/pipeline';
import type { TranslationCache } from '../../lib/translate/cache';
import { loadSettings } from '../../lib/settings/store';
import { digestOf, MAX_WHERE_TO_BUY, type Note } from '../../lib/messaging/schemas';
import { whereToBuyDigest } from '../../lib/popup/where-to-buy';
import { NOTE_LIMITS } from '../../lib/xhs/limits';
import { openNotes } from './open-notes';
import { createTabHandlers } from './tabs';

/** As many comments as a note may carry (NoteSchema). */
const MAX_COMMENTS = 2000;

export function createHandlers(checker?: Checker): Handlers {
  const translate = createTranslateHandlers();
  /**
   * What the page needs to show translations with the mentions: its settings, the
   * glossary's lines, Latin texts' languages and each text's first pass (cache, then glossary).
   * Never fails `note:read`: without it the page does those steps itself.
   */
  const translationOf = async (note: Note, context: HandlerContext) => {
    try {
      const settings = pageSettingsFrom(await loadSettings());
      if (!settings.translationEnabled) return { settings };
      const texts = noteGlossInputs(note);
      const [{ lines }, languages] = await Promise.all([
        texts.length > 0 ? translate['translate:gloss']({ texts: texts.map((text) => text.slice(0, 20_000)) }, context) : { lines: [] },
        noteLatinLanguages(note),
      ]);
      const glosses = new Map(texts.map((text, index): [string, string] => [text, lines[index] ?? '']));
      // Texts with cached pieces ask about fewer pieces than `noteGlossInputs` foresaw.
      const gloss = rememberingGlossary(
        {
          id: 'glossary',
          translate: async (inputs) => (await translate['translate:gloss']({ texts: inputs.map((input) => input.slice(0, 20_000)) }, context)).lines,
        },
        glosses,
      );
      const cache: TranslationCache = {
        lookup: async (requests) => (await translate['translate:cache-lookup']({ requests }, context)).translations.map((found) => found ?? undefined),
        store: async () => undefined,
      };
      const [translations, onDevice] = await Promise.all([
        prefillNoteTranslations(note, settings, { gloss, cache, languages: new Map(languages) }),
        onDeviceStates().catch(() => []),
      ]);
      return { settings, glosses: [...glosses], languages, translations, onDevice };
    } catch (error) {
      console.debug('[zhongcao] translating the note failed', error);
      return {};
    }
  };
  return {
    ping: () => ({ version: VERSION }),
    'note:update': async (state, { tabId }) => {
      if (tabId === undefined) throw new Error('note:update needs a tab');
      await setTabState(tabId, state);
      return { stored: true };
    },
    'note:read': async ({ note, fields, capped }, context) => {
      const { tabId } = context;
      if (tabId === undefined) throw new Error('note:read needs a tab');
      await loadLexiconData();
      const mentions = detectMentions(note).slice(0, NOTE_LIMITS.mentions);
      openNotes.set(tabId, note);
      const stored = { status: 'note' as const, note: digestOf(note), mentions, whereToBuy: whereToBuyDigest(note, mentions, MAX_WHERE_TO_BUY), fields, capped, updatedAt: Date.now() };
      const [translation] = await Promise.all([translationOf(note, context), setTabState(tabId, stored)]);
      return { mentions, ...translation };
    },
    'note:comments': async ({ noteId, from, comments, fields, capped }, context) => {
      const { tabId } = context;
      if (tabId === undefined) throw new Error('note:comments needs a tab');
      // The note lives in memory only: after the worker was stopped, the page sends it whole again.
      const known = openNotes.get(tabId);
      if (!known || known.id !== noteId || known.comments.length !== from) {
        throw new Error('note:comments: this tab’s note was read otherwise; send note:read');
      }
      await loadLexiconData();
      const note: Note = { ...known, comments: [...known.comments, ...comments].slice(0, MAX_COMMENTS) };
      openNotes.set(tabId, note);
      // New comments can change what the rest of the note says (a "link?" makes it a shopping note).
      const mentions = detectMentions(note).slice(0, NOTE_LIMITS.mentions);
      // The page has the translation helpers of the texts it sent before.
      const added: Note = { ...note, title: '', desc: '', tags: [], comments };
      const stored = { status: 'note' as const, note: digestOf(note), mentions, whereToBuy: whereToBuyDigest(note, mentions, MAX_WHERE_TO_BUY), fields, capped, updatedAt: Date.now() };
      const [translation] = await Promise.all([translationOf(added, context), setTabState(tabId, stored)]);
      return { mentions, ...translation };
    },
    'note:get': ({ tabId }) => getTabState(tabId),
    'settings:get': () => loadSettings(),
    'translate:on-device-state': async ({ pair, state }) => {
      await rememberOnDeviceState(pair, state);
      return { stored: true };
    },
    'taobao:search': async ({ query }) => {
      const url = `https://s.taobao.com/search?q=${encodeURIComponent(query)}&tab=all`;
      const tab = await browser.tabs.create({ url });
      return { tabId: tab.id ?? -1, url };
    },
    'ui:open-popup': async ({ focus }, { tabId }) => {
      const params = new URLSearchParams({ tabId: String(tabId ?? '') });
      if (focus) params.set('focus', focus);
      // A small window with the popup's view: browsers only open the real popup from a toolbar click.
      await browser.windows.create({ url: browser.runtime.getURL(`/popup.html?${params}`), type: 'popup', width: 460, height: 680 });
      return { opened: true };
    },
    'listings:capture': async ({ listings: raw, query, pageUrl }, { tabId }) => {
      // Each listing on its own: a card with an absurd number is dropped and counted, not the batch.
      const valid = validListings(raw);
      const invalid = raw.length - valid.length;
      // Capture budget per page origin and minute; beyond it listings are refused, not stored.
      const granted = captureLimiter.take(originOf(pageUrl), valid.length, Date.now());
      const accepted = valid.slice(0, granted);
      // A search page's cards carry the page's query; keep it when a card lacks its own.
      const queried = query ? accepted.map((listing) => ({ ...listing, query: listing.query ?? query })) : accepted;
      // A taken-down item's page names no title: it updates a stored listing, never adds one.
      const withQuery = await resolveItemlessCaptures(queried);
      if (withQuery.length === 0) return { stored: 0, invalid, refused: valid.length - granted + queried.length };
      // An item page is a listing the user opened: its history is kept like a watched one's.
      const opened = itemIdFromUrl(pageUrl) !== null || isNoItemUrl(pageUrl);
      // A full disk evicts the oldest caches and retries once (lib/db/storage-quota.ts).
      const result = await withQuotaRecovery(() => storeListings(withQuery, { opened }));
      // Watched listings get a snapshot per sighting; a cheaper one lights the badge.
      const sightings = await recordSightings(withQuery);
      if (sightings.alerts.length) {
        await showAlertBadge(sightings.alerts);
        await notifyAlerts(sightings.alerts, (await loadSettings()).uiLanguage);
      }
      // A page "Check now" opened has been read.
      checker?.onCapture(tabId, withQuery.map(listingKey), sightings.changed);
      // Open popups and side panels rank the new listings without reopening.
      await bumpDataVersion();
      return { stored: result.added + result.updated, invalid, refused: valid.length - granted + result.refused };
    },
    'shop:report': async (report, { tabId }) => {
      if (tabId !== undefined) await setShopReport(tabId, report);
      // Open popups show the report without reopening.
      await bumpDataVersion();
      return { stored: true };
    },
    'shop:report-get': ({ tabId }) => getShopReport(tabId),
    'watch:toggle': async ({ platform, itemId, watched, listing }) => {
      const id = listingKey({ platform, itemId });
      if (listing && listingKey(listing) !== id) throw new Error('watch:toggle: the listing is not the one named');
      if (listing) await storeListings([listing]);
      const answer = await setWatched(id, watched ?? !(await isWatched(id)), { capture: listing });
      await bumpDataVersion();
      return answer;
    },
    'watch:status': async ({ platform, itemId }) => ({ watched: await isWatched(listingKey({ platform, itemId })) }),
    'watch:check': async ({ action }) => {
      if (!checker) throw new Error('watch:check: no checker in this context');
      // A run an earlier service worker left is shown (and resumed) before anything else.
      await checker.ready;
      return action === 'start' ? checker.start() : action === 'stop' ? checker.stop() : checker.status();
    },
    'watch:daily': ({ enabled }) => setDailyCheck(enabled),
    ...translate,
    ...createPopupHandlers(),
    ...createTabHandlers(),
  };
}
