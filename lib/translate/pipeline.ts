import { DEFAULT_BATCH_LIMITS, DEFAULT_PIECE_CHARS, batchByLimits, splitForTranslation, trimPiece, type BatchLimits } from './chunking';
import type { CacheKeyParts, TranslationCache } from './cache';
import { detectLanguage, isTranslationWanted, primaryLanguage, type LatinDetector } from './language';
import {
  AUTO_SOURCE,
  TranslationError,
  asTranslationError,
  toProviderFailure,
  withDeadline,
  type ProviderFailure,
  type LanguageCode,
  type TranslationErrorCode,
  type TranslationProvider,
} from './provider';

/**
 * Translates the text blocks of a note (title, caption, comments): detects each block's language,
 * cuts long blocks into pieces, batches pieces per request, reads the cache, then tries the machine
 * providers in the user's order. A provider that fails leaves an error the UI can show and the next
 * one is tried; whatever no provider translated is explained by the glossary, which always answers.
 */

export interface TextBlock {
  id: string;
  text: string;
}

export interface BlockTranslation {
  id: string;
  /** Detected language of the original (`und` when it could not be told). */
  source: LanguageCode;
  /**
   * `translated`: machine translation of every piece (`gloss` may still explain untranslated parts
   * when only some pieces made it); `glossed`: only the glossary; `untranslated`: nothing to show;
   * `same-language`: already in the reader's language, or no words at all.
   */
  status: 'translated' | 'partly-translated' | 'glossed' | 'untranslated' | 'same-language';
  /** The machine translation, with the original's line breaks. */
  translation?: string;
  /** Glossary line for the parts no machine provider translated. */
  gloss?: string;
  /** Who produced what is shown, in order, each once ("translated by …" on hover). */
  providers: string[];
  /** Every machine-translated piece came from the cache. */
  fromCache: boolean;
  errors: ProviderFailure[];
}

export interface PipelineOptions {
  target: LanguageCode;
  /** Machine providers in the user's order (see `providersInUserOrder`). */
  providers: readonly TranslationProvider[];
  glossary: TranslationProvider;
  cache?: TranslationCache;
  /** For Latin-script blocks; see `language.ts` for where franc runs. */
  detectLatin?: LatinDetector;
  /** The blocks' languages when an earlier pass over the same blocks detected them already. */
  languages?: readonly LanguageCode[];
  signal?: AbortSignal;
  pieceChars?: number;
  batchLimits?: BatchLimits;
  /** Safety net per request, whatever a provider's own timeouts. */
  requestTimeoutMs?: number;
  /**
   * Read the cache for `providers` but never call them: the background's first pass for a note
   * (cache and glossary), sent with its mentions so the page shows it without a round trip.
   */
  cacheOnly?: boolean;
}

export type ProviderKind = 'on-device' | 'endpoint' | 'google-web' | 'microsoft-web' | 'glossary';

/** The machine providers in the order the user chose; the glossary is not among them, it always comes last. */
export function providersInUserOrder(
  order: readonly ProviderKind[],
  available: Partial<Record<Exclude<ProviderKind, 'glossary'>, TranslationProvider>>,
): TranslationProvider[] {
  return order.flatMap((kind) => (kind === 'glossary' ? [] : available[kind] ? [available[kind]] : []));
}

/**
 * The glossary, remembering its lines: each text is asked about once, and not at all when `lines`
 * (owned by the caller, e.g. the lines that came with a note's mentions) already has it. New
 * answers are added to `lines`.
 */
export function rememberingGlossary(glossary: TranslationProvider, lines: Map<string, string>): TranslationProvider {
  return {
    id: glossary.id,
    async translate(texts, from, to, signal) {
      const unknown = [...new Set(texts.filter((text) => text && !lines.has(text)))];
      if (unknown.length > 0) {
        const answers = await glossary.translate(unknown, from, to, signal);
        unknown.forEach((text, index) => lines.set(text, answers[index] ?? ''));
      }
      return texts.map((text) => (text ? lines.get(text) ?? '' : ''));
    },
  };
}

interface Piece {
  block: number;
  leading: string;
  core: string;
  trailing: string;
  from: LanguageCode;
  translation?: string;
  provider?: string;
  fromCache?: boolean;
}

export async function translateBlocks(blocks: readonly TextBlock[], options: PipelineOptions): Promise<BlockTranslation[]> {
  const { target, detectLatin, pieceChars = DEFAULT_PIECE_CHARS } = options;
  const known = options.languages?.length === blocks.length ? options.languages : undefined;
  const sources = known ?? (await Promise.all(blocks.map((block) => detectLanguage(block.text, detectLatin))));
  const wanted = blocks.map((block, index) => isTranslationWanted(block.text, sources[index]!, target));
  const errors = blocks.map(() => new Map<string, ProviderFailure>());
  const pieces: Piece[] = [];
  blocks.forEach((block, index) => {
    if (!wanted[index]) return;
    const from = sources[index] === 'und' ? AUTO_SOURCE : sources[index]!;
    for (const piece of splitForTranslation(block.text, pieceChars)) pieces.push({ block: index, from, ...trimPiece(piece) });
  });

  const byLanguage = new Map<LanguageCode, Piece[]>();
  for (const piece of pieces) {
    if (!piece.core) continue;
    const group = byLanguage.get(piece.from);
    if (group) group.push(piece);
    else byLanguage.set(piece.from, [piece]);
  }
  for (const [from, group] of byLanguage) {
    await readCache(group, from, options);
    if (options.cacheOnly) continue;
    for (const provider of options.providers) {
      const pending = group.filter((piece) => piece.translation === undefined);
      if (pending.length === 0) break;
      await translateWith(provider, pending, from, options, (piece, failure) => {
        errors[piece.block]!.set(`${failure.provider}\u0000${failure.message}`, failure);
      });
    }
  }

  const glossInputs = blocks.map((_, index) =>
    pieces
      .filter((piece) => piece.block === index && piece.core && piece.translation === undefined)
      .map((piece) => piece.core)
      .join('\n'),
  );
  const glossed = await options.glossary.translate(glossInputs, AUTO_SOURCE, target, options.signal ?? new AbortController().signal);

  return blocks.map((block, index): BlockTranslation => {
    const base = { id: block.id, source: sources[index]!, errors: [...errors[index]!.values()] };
    if (!wanted[index]) return { ...base, status: 'same-language', providers: [], fromCache: false };
    const own = pieces.filter((piece) => piece.block === index);
    const translated = own.filter((piece) => piece.translation !== undefined);
    const gloss = glossed[index] || undefined;
    const providers = [...new Set(translated.map((piece) => piece.provider!)), ...(gloss ? [options.glossary.id] : [])];
    const fromCache = translated.length > 0 && translated.every((piece) => piece.fromCache);
    if (translated.length === 0) return { ...base, status: gloss ? 'glossed' : 'untranslated', gloss, providers, fromCache };
    const translation = joinTranslatedPieces(own, target);
    const complete = translated.length === own.filter((piece) => piece.core).length;
    return { ...base, status: complete ? 'translated' : 'partly-translated', translation, gloss, providers, fromCache };
  });
}

/** Languages written without spaces between sentences; others need one where pieces meet. */
const UNSPACED_LANGUAGES = new Set(['zh', 'ja', 'th']);

/**
 * The block's translation from its pieces, keeping the original line breaks. Chinese puts no space
 * after a full stop, so two pieces translated into English would otherwise run together.
 */
function joinTranslatedPieces(pieces: Piece[], target: LanguageCode): string {
  const spaced = !UNSPACED_LANGUAGES.has(primaryLanguage(target));
  let text = '';
  for (const piece of pieces) {
    if (!piece.core) {
      text += piece.leading;
      continue;
    }
    if (piece.translation === undefined) continue;
    const needsSpace = spaced && text !== '' && !/\s$/.test(text) && !piece.leading;
    text += (needsSpace ? ' ' : '') + piece.leading + piece.translation + piece.trailing;
  }
  return text.trim();
}

/** Fills pieces from the cache, taking for each the first provider in the user's order that has it. */
async function readCache(group: Piece[], from: LanguageCode, { cache, providers, target }: PipelineOptions): Promise<void> {
  if (!cache || providers.length === 0) return;
  const requests = group.flatMap((piece) => providers.map((provider) => ({ text: piece.core, source: from, target, provider: provider.id })));
  const found = await cache.lookup(requests);
  group.forEach((piece, pieceIndex) => {
    providers.forEach((provider, providerIndex) => {
      const translation = found[pieceIndex * providers.length + providerIndex];
      if (piece.translation === undefined && translation !== undefined) {
        Object.assign(piece, { translation, provider: provider.id, fromCache: true });
      }
    });
  });
}

/** Problems that will not go away within this run: the remaining batches skip the provider. */
const PERSISTENT: ReadonlySet<TranslationErrorCode> = new Set(['unavailable', 'needs-user-action', 'over-budget']);

async function translateWith(
  provider: TranslationProvider,
  pending: Piece[],
  from: LanguageCode,
  { target, cache, signal, batchLimits = DEFAULT_BATCH_LIMITS, requestTimeoutMs = 60_000 }: PipelineOptions,
  fail: (piece: Piece, failure: ProviderFailure) => void,
): Promise<void> {
  // Comment threads repeat themselves ("求链接" ten times): each distinct text is sent once.
  const piecesByText = new Map<string, Piece[]>();
  for (const piece of pending) {
    const same = piecesByText.get(piece.core);
    if (same) same.push(piece);
    else piecesByText.set(piece.core, [piece]);
  }
  const failAll = (text: string, failure: ProviderFailure) => {
    for (const piece of piecesByText.get(text)!) fail(piece, failure);
  };
  let persistentFailure: ProviderFailure | undefined;
  for (const batch of batchByLimits([...piecesByText.keys()], (text) => text.length, batchLimits)) {
    if (persistentFailure) {
      for (const text of batch) failAll(text, persistentFailure);
      continue;
    }
    let translations: string[];
    try {
      translations = await withDeadline((deadline) => provider.translate(batch, from, target, deadline), {
        provider: provider.id,
        timeoutMs: requestTimeoutMs,
        signal,
        what: `Translation by ${provider.id}`,
      });
      if (translations.length !== batch.length) {
        throw new TranslationError('bad-response', provider.id, `${provider.id} returned ${translations.length} translations for ${batch.length} texts.`);
      }
    } catch (error) {
      // The note was closed or the page navigated: nothing left to show, stop at once.
      if (signal?.aborted) throw error;
      const failure = toProviderFailure(asTranslationError(error, provider.id, `${provider.id} failed to translate.`));
      if (PERSISTENT.has(failure.code)) persistentFailure = failure;
      for (const text of batch) failAll(text, failure);
      continue;
    }
    const fresh: Array<CacheKeyParts & { translation: string }> = [];
    batch.forEach((text, index) => {
      const translation = translations[index]!.trim();
      const problem = untranslatedReason(text, translation, from, target);
      if (problem) return failAll(text, { provider: provider.id, code: 'bad-response', message: `${provider.id} ${problem}.` });
      for (const piece of piecesByText.get(text)!) Object.assign(piece, { translation, provider: provider.id, fromCache: false });
      fresh.push({ text, source: from, target, provider: provider.id, translation });
    });
    // A broken cache costs a re-translation next time, never this one.
    await cache?.store(fresh).catch(() => undefined);
  }
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const CJK_LANGUAGES = new Set(['zh', 'ja', 'ko']);
/** A few brand names may stay in Chinese; half the Chinese characters left means no translation. */
const MAX_CJK_KEPT_SHARE = 0.5;
const MIN_CJK_TO_JUDGE = 4;

/** Why a reply is not a translation of `original`, or undefined when it looks like one. */
export function untranslatedReason(original: string, translation: string, from: LanguageCode, to: LanguageCode): string | undefined {
  if (!translation.trim()) return 'returned an empty translation';
  const source = primaryLanguage(from);
  const target = primaryLanguage(to);
  if (source === target) return undefined;
  const normalize = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  if (normalize(original) === normalize(translation) && /\p{L}/u.test(original)) return 'returned the text untranslated';
  if ((CJK_LANGUAGES.has(source) || source === AUTO_SOURCE) && !CJK_LANGUAGES.has(target)) {
    const before = original.match(CJK)?.length ?? 0;
    const after = translation.match(CJK)?.length ?? 0;
    if (before >= MIN_CJK_TO_JUDGE && after >= before * MAX_CJK_KEPT_SHARE) return 'returned text still in the original language';
  }
  return undefined;
}
