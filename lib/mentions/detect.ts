import type { Mention } from '../messaging/schemas';
import { noteFields, type NoteText } from './note-fields';
import { attributePrices } from './price-owner';
import { productMentions } from './products';
import { scanField, type FieldScan } from './scan';
import { contextBonus, MARK_THRESHOLD } from './score';
import { fieldSignals, isShopping, isShoppingNote, signalCounts, type FieldSignals } from './signals';

/**
 * Product mentions in a note, in five stages, each in a file of its own:
 *
 * 1. normalise (normalise.ts): the text as the matcher reads it, with a map back to the original;
 * 2. scan (scan.ts): links, share codes, prices and the lexicon's words in each field;
 * 3. signals (signals.ts): what says "this is about buying" (a price, a shop, a cue, a link), and
 *    the mentions those make themselves;
 * 4. mentions (products.ts): product words with the brand and attributes before them, brands and
 *    materials;
 * 5. score (score.ts): each candidate's confidence, from the signals near it and what the whole
 *    note says. The page marks those at or above MARK_THRESHOLD.
 *
 * Last, each price goes to the product written with it (price-owner.ts).
 */

export type { NoteText };
export { MARK_THRESHOLD };

export interface DetectOptions {
  /**
   * Treat the note as a shopping context from the start (product titles, a seller's listing): the
   * measurement on e-commerce titles uses this.
   */
  assumeShopping?: boolean;
}

/** At most this many mentions per note: a flood of 🍑 or share codes is not a list anyone reads. */
export const MAX_MENTIONS = 10_000;

/**
 * Longer fields are read a window at a time, cut where a line or sentence ends: what detection
 * holds at once (matches, signals, candidates) stays bounded however long a note is.
 */
export const WINDOW = 50_000;

interface Piece {
  field: string;
  /** Where the piece starts in its field. */
  offset: number;
  text: string;
}

export function detectMentions(note: NoteText, options: DetectOptions = {}): Mention[] {
  const listing = options.assumeShopping === true;
  const pieces = noteFields(note).flatMap(([field, text]) => windows(field, text));
  const read = (piece: Piece) => {
    const scan = scanField(piece.field, piece.text);
    return { piece, scan, signals: fieldSignals(scan) };
  };
  // A note of ordinary size is read once and kept; a longer one is read twice, a piece at a time,
  // so that only one piece's words are held: once to learn whether it is a shopping note, then for
  // its mentions.
  const kept = pieces.length === noteFields(note).length ? pieces.map(read) : undefined;
  let shoppingNote = listing || (kept !== undefined && isShoppingNote(kept.map((one) => one.signals)));
  if (!kept && !shoppingNote) {
    // Pieces are read until those read so far make it one; each is dropped once counted.
    const counts = { hard: 0, soft: 0 };
    for (let index = 0; index < pieces.length && !shoppingNote; index++) {
      const { hard, soft } = signalCounts(read(pieces[index]!).signals);
      counts.hard += hard;
      counts.soft += soft;
      shoppingNote = isShopping(counts);
    }
  }

  const mentions: Mention[] = [];
  for (let index = 0; index < pieces.length && mentions.length < MAX_MENTIONS; index++) {
    const { piece, scan, signals } = kept ? kept[index]! : read(pieces[index]!);
    for (const mention of pieceMentions(scan, signals, shoppingNote, listing)) {
      if (mentions.length === MAX_MENTIONS) break;
      if (piece.offset > 0) {
        mention.start += piece.offset;
        mention.end += piece.offset;
      }
      mentions.push(mention);
    }
  }
  return mentions;
}

/** The mentions of one field (or piece of one), in order of position. */
function pieceMentions(scan: FieldScan, signals: FieldSignals, shoppingNote: boolean, listing: boolean): Mention[] {
  const context = contextBonus(signals.signals, shoppingNote, signals.onSite);
  const found = [...signals.mentions, ...productMentions({ scan, signals, shoppingNote, listing, context })];
  // By position, the longer first where two start together; otherwise in the order found.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  attributePrices(found, scan.original);
  return found;
}

/** A field in pieces of at most WINDOW characters, each ending at a line or sentence end where one is near. */
function windows(field: string, text: string): Piece[] {
  const pieces: Piece[] = [];
  let offset = 0;
  while (text.length - offset > WINDOW) {
    let end = offset + WINDOW;
    // The last break in the window's last 2,000 characters (looked for there only: a search back
    // from each window's end through a text without one would read the whole text every time).
    const tail = text.slice(end - 2_000, end);
    const lastBreak = Math.max(tail.lastIndexOf('\n'), tail.lastIndexOf('。'));
    if (lastBreak >= 0) end = end - 2_000 + lastBreak + 1;
    // Never between the two halves of a surrogate pair.
    else if (isLowSurrogate(text.charCodeAt(end))) end--;
    pieces.push({ field, offset, text: text.slice(offset, end) });
    offset = end;
  }
  pieces.push({ field, offset, text: offset === 0 ? text : text.slice(offset) });
  return pieces;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
