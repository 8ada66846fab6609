import { z } from 'zod/mini';
import { getDb, type StoredRateCard, type ZhongcaoDb } from '../db';
import { loadLandedBundle } from './bundled-data';
import { RateCardSchema, type RateCard } from './rate-card';
import { ECB_SOURCE, ecbToCnyRates, parseEcbXml } from './ecb';
import { FxRatesSchema, TaxRuleSchema, type FxRates, type TaxRule } from './tax-rule';

/**
 * Rate cards, tax rules and exchange rates in IndexedDB. Bundled data is seeded on install and on
 * every upgrade; a card the user edited or imported (origin `user`) is never overwritten by the
 * bundle. Imports are validated in full before one transaction writes them, so a bad file changes
 * nothing and reports every error with the card and field it is in.
 */

export interface SeedSummary {
  added: string[];
  updated: string[];
  removed: string[];
  keptUserCards: string[];
}

/**
 * Brings bundled data into the database: new bundled cards are added, bundled cards that changed
 * are replaced, bundled cards no longer shipped are removed; user cards stay as they are.
 * Tax rules are replaced by the bundle; exchange rates only when the stored ones are older.
 */
export async function seedLandedData(
  db: ZhongcaoDb = getDb(),
  given?: { cards: readonly RateCard[]; taxRules: readonly TaxRule[]; fx: FxRates },
  now: number = Date.now(),
): Promise<SeedSummary> {
  const bundle: { cards: readonly RateCard[]; taxRules: readonly TaxRule[]; fx: FxRates } = given ?? (await loadLandedBundle());
  const summary: SeedSummary = { added: [], updated: [], removed: [], keptUserCards: [] };
  await db.transaction('rw', db.rateCards, db.taxRules, db.fxRates, async () => {
    const stored = new Map((await db.rateCards.toArray()).map((row) => [row.id, row]));
    const shipped = new Set<string>();
    for (const card of bundle.cards) {
      shipped.add(card.id);
      const existing = stored.get(card.id);
      if (existing?.origin === 'user') {
        summary.keptUserCards.push(card.id);
        continue;
      }
      // A bundled card is replaced when anything in it changed (a new volume rule or limit can come
      // with the same asOf as before), and kept when it is the same.
      if (existing && existing.bundledAsOf === card.asOf && JSON.stringify(existing.card) === JSON.stringify(card)) continue;
      (existing ? summary.updated : summary.added).push(card.id);
      await db.rateCards.put({
        id: card.id,
        forwarder: card.forwarder,
        card,
        origin: 'bundled',
        bundledAsOf: card.asOf,
        updatedAt: now,
      });
    }
    for (const row of stored.values()) {
      if (row.origin === 'bundled' && !shipped.has(row.id)) {
        summary.removed.push(row.id);
        await db.rateCards.delete(row.id);
      }
    }
    await db.taxRules.bulkPut(
      bundle.taxRules.map((rule) => ({
        destination: rule.destination,
        rule,
        asOf: rule.asOf,
        source: rule.source.name,
      })),
    );
    const storedFx = await db.fxRates.get('current');
    if (!storedFx || storedFx.asOf < bundle.fx.asOf) await db.fxRates.put({ id: 'current', ...bundle.fx });
  });
  return summary;
}

export interface StoredCardProblem {
  id: string;
  errors: CardError[];
}

/** Every stored card that parses; damaged ones are reported, not thrown. */
export async function loadRateCards(
  db: ZhongcaoDb = getDb(),
): Promise<{ cards: RateCard[]; origins: Record<string, StoredRateCard['origin']>; invalid: StoredCardProblem[] }> {
  const rows = await db.rateCards.toArray();
  const cards: RateCard[] = [];
  const origins: Record<string, StoredRateCard['origin']> = {};
  const invalid: StoredCardProblem[] = [];
  for (const row of rows) {
    const parsed = RateCardSchema.safeParse(row.card);
    if (parsed.success) {
      cards.push(parsed.data);
      origins[row.id] = row.origin;
    } else {
      invalid.push({ id: row.id, errors: issuesToErrors(parsed.error.issues, { index: 0, id: row.id }) });
    }
  }
  return { cards, origins, invalid };
}

export async function loadTaxRules(db: ZhongcaoDb = getDb()): Promise<TaxRule[]> {
  const rows = await db.taxRules.toArray();
  return rows.flatMap((row) => {
    const parsed = TaxRuleSchema.safeParse(row.rule);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Stored exchange rates, or the bundled ones when none are stored or they are damaged. */
export async function loadFxRates(db: ZhongcaoDb = getDb()): Promise<FxRates> {
  const row = await db.fxRates.get('current');
  const parsed = FxRatesSchema.safeParse(row && { base: row.base, rates: row.rates, asOf: row.asOf, source: row.source, ...(row.sourceUrl ? { sourceUrl: row.sourceUrl } : {}) });
  return parsed.success ? parsed.data : (await loadLandedBundle()).fx;
}

/** Everything `quoteParcel` needs, read from the database. */
export async function loadQuoteContext(db: ZhongcaoDb = getDb()): Promise<{ cards: RateCard[]; taxRules: TaxRule[]; fx: FxRates }> {
  const [{ cards }, taxRules, fx] = await Promise.all([loadRateCards(db), loadTaxRules(db), loadFxRates(db)]);
  return { cards, taxRules, fx };
}

/** Puts the bundled version of a card back in place of the user's edit (no-op for unknown ids). */
export async function resetRateCard(id: string, db: ZhongcaoDb = getDb(), now: number = Date.now()): Promise<boolean> {
  const card = (await loadLandedBundle()).cards.find((candidate) => candidate.id === id);
  if (!card) return false;
  await db.rateCards.put({ id, forwarder: card.forwarder, card, origin: 'bundled', bundledAsOf: card.asOf, updatedAt: now });
  return true;
}

// ---------------------------------------------------------------- import and export

export interface CardError {
  /** Position of the card in the file (0-based); -1 for errors about the file itself. */
  index: number;
  /** The card's id, when it has a readable one. */
  id?: string;
  /** Field path inside the card, e.g. `pricing.perStepCny`; empty for the whole card or file. */
  path: string;
  message: string;
}

export type ImportResult = { ok: true; imported: string[] } | { ok: false; errors: CardError[] };

/**
 * zod/mini ships without messages (to stay small); turned on the first time a user-facing
 * validation runs, so import errors read "expected number, received string" and not "Invalid input".
 */
let messagesLoaded = false;
function loadReadableMessages(): void {
  if (messagesLoaded) return;
  z.config(z.locales.en());
  messagesLoaded = true;
}

function issuesToErrors(issues: readonly z.core.$ZodIssue[], where: { index: number; id?: string }): CardError[] {
  return issues.map((issue) => ({ ...where, path: issue.path.map(String).join('.'), message: issue.message }));
}

function readableId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Checks an import file (`{cards: [...]}` or a bare array) without touching the database and
 * returns every error, or the parsed cards.
 */
export function validateRateCardFile(text: string): { ok: true; cards: RateCard[] } | { ok: false; errors: CardError[] } {
  loadReadableMessages();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ index: -1, path: '', message: `not JSON: ${(error as Error).message}` }] };
  }
  const list = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null && Array.isArray((json as { cards?: unknown }).cards)
      ? ((json as { cards: unknown[] }).cards)
      : undefined;
  if (!list) return { ok: false, errors: [{ index: -1, path: '', message: 'expected {"cards": [...]} or an array of cards' }] };
  if (list.length === 0) return { ok: false, errors: [{ index: -1, path: 'cards', message: 'the file has no cards' }] };

  const errors: CardError[] = [];
  const cards: RateCard[] = [];
  const seen = new Map<string, number>();
  list.forEach((raw, index) => {
    const id = readableId(raw);
    const parsed = RateCardSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push(...issuesToErrors(parsed.error.issues, { index, ...(id !== undefined ? { id } : {}) }));
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      errors.push({ index, id: parsed.data.id, path: 'id', message: `duplicate id: card ${first} has the same id` });
      return;
    }
    seen.set(parsed.data.id, index);
    cards.push(parsed.data);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, cards };
}

/**
 * Imports cards as the user's own (they then survive upgrades). All or nothing: any error and the
 * database is left exactly as it was.
 */
export async function importRateCards(text: string, db: ZhongcaoDb = getDb(), now: number = Date.now()): Promise<ImportResult> {
  const checked = validateRateCardFile(text);
  if (!checked.ok) return checked;
  await db.transaction('rw', db.rateCards, async () => {
    await db.rateCards.bulkPut(
      checked.cards.map((card) => ({ id: card.id, forwarder: card.forwarder, card, origin: 'user' as const, updatedAt: now })),
    );
  });
  return { ok: true, imported: checked.cards.map((card) => card.id) };
}

/** Saves one card edited in the options page as the user's own. */
export async function saveUserRateCard(raw: unknown, db: ZhongcaoDb = getDb(), now: number = Date.now()): Promise<ImportResult> {
  loadReadableMessages();
  const parsed = RateCardSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues, { index: 0, ...(readableId(raw) ? { id: readableId(raw) } : {}) }) };
  const card = parsed.data;
  await db.rateCards.put({ id: card.id, forwarder: card.forwarder, card, origin: 'user', updatedAt: now });
  return { ok: true, imported: [card.id] };
}

/** All stored cards as an import-ready JSON file (valid against `rate-card.schema.json`). */
export async function exportRateCards(db: ZhongcaoDb = getDb()): Promise<string> {
  const { cards } = await loadRateCards(db);
  cards.sort((a, b) => a.id.localeCompare(b.id));
  return `${JSON.stringify({ $schema: 'rate-card.schema.json', cards }, null, 2)}\n`;
}

// ---------------------------------------------------------------- exchange rates

/**
 * Accepts `{base, rates, asOf|date}` from the user's URL. Rates based on another currency are
 * rebased to CNY when the response includes CNY (e.g. a USD-based feed).
 */
const FxResponseSchema = z.object({
  base: z.string().check(z.regex(/^[A-Z]{3}$/)),
  rates: z.record(z.string().check(z.regex(/^[A-Z]{3}$/)), z.number().check(z.gt(0))),
  asOf: z.optional(z.string()),
  date: z.optional(z.string()),
});

/** A fetch answer: `text()` when available (the ECB's XML), else `json()`. */
export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text?(): Promise<string> }>;

export type FxRefreshResult = { ok: true; fx: FxRates } | { ok: false; error: string };

/**
 * Refreshes exchange rates from a URL the user chose, through an injected fetch (tests pass a fake;
 * the extension passes `fetch`). The response is validated and dated before it replaces anything.
 */
export async function refreshFxRates(url: string, fetchJson: FetchLike, db: ZhongcaoDb = getDb()): Promise<FxRefreshResult> {
  let body: unknown;
  try {
    const response = await fetchJson(url);
    if (!response.ok) return { ok: false, error: `${url} answered HTTP ${response.status}` };
    if (response.text) {
      const text = await response.text();
      // The ECB's daily reference rates come as XML; other feeds as JSON.
      if (text.trimStart().startsWith('<')) {
        let fx: FxRates;
        try {
          fx = ecbToCnyRates(parseEcbXml(text), `${ECB_SOURCE}, ${parseEcbXml(text).date}`);
        } catch (error) {
          return { ok: false, error: `unexpected response: ${(error as Error).message}` };
        }
        fx.sourceUrl = url;
        const checked = FxRatesSchema.safeParse(fx);
        if (!checked.success) return { ok: false, error: 'unexpected response: rates out of range' };
        await db.fxRates.put({ id: 'current', ...checked.data });
        return { ok: true, fx: checked.data };
      }
      body = JSON.parse(text);
    } else {
      body = await response.json();
    }
  } catch (error) {
    return { ok: false, error: `could not read ${url}: ${(error as Error).message}` };
  }
  const parsed = FxResponseSchema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, error: `unexpected response: ${first?.path.join('.') || 'body'}: ${first?.message}` };
  }
  const { base, rates, asOf, date } = parsed.data;
  const perBase = base === 'CNY' ? 1 : rates.CNY;
  if (perBase === undefined) return { ok: false, error: `rates are based on ${base} and do not include CNY` };
  const perCny = Object.fromEntries(Object.entries(rates).map(([code, rate]) => [code, rate / perBase]));
  perCny.CNY = 1;
  const candidate = { base: 'CNY', rates: perCny, asOf: (asOf ?? date ?? '').slice(0, 10), source: url };
  const fx = FxRatesSchema.safeParse(candidate);
  if (!fx.success) return { ok: false, error: 'the response needs its date as asOf or date, YYYY-MM-DD' };
  await db.fxRates.put({ id: 'current', ...fx.data });
  return { ok: true, fx: fx.data };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily refresh: when the user chose a rates URL and granted its host, and the stored rates were
 * fetched more than a day ago, fetch again. Never throws; a failure keeps the stored rates.
 */
export async function refreshFxRatesIfDue(
  url: string,
  fetchJson: FetchLike,
  hasPermission: (url: string) => Promise<boolean>,
  db: ZhongcaoDb = getDb(),
  now: number = Date.now(),
): Promise<FxRefreshResult | 'not-due' | 'not-allowed'> {
  if (!url) return 'not-allowed';
  const last = (await db.meta.get('fx-fetched-at'))?.value;
  if (typeof last === 'number' && now - last < DAY_MS) return 'not-due';
  if (!(await hasPermission(url).catch(() => false))) return 'not-allowed';
  const result = await refreshFxRates(url, fetchJson, db).catch((error: unknown) => ({ ok: false as const, error: String(error) }));
  await db.meta.put({ key: 'fx-fetched-at', value: now });
  return result;
}
