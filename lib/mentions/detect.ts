import type { Mention } from '../messaging/schemas';
import { noteFields, type NoteText } from './note-fields';
import { productMentions } from './products';
import { scanField } from './scan';
import { contextBonus, MARK_THRESHOLD } from './score';
import { fieldSignals, isShoppingNote } from './signals';

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

export function detectMentions(note: NoteText, options: DetectOptions = {}): Mention[] {
  const listing = options.assumeShopping === true;
  const scans = noteFields(note).map(([field, text]) => scanField(field, text));
  const signals = scans.map(fieldSignals);
  const shoppingNote = listing || isShoppingNote(signals);
  const mentions: Mention[] = [];
  scans.forEach((scan, index) => {
    const own = signals[index]!;
    const context = contextBonus(own.signals, shoppingNote, own.onSite);
    const found = [...own.mentions, ...productMentions({ scan, signals: own, shoppingNote, listing, context })];
    // By position, the longer first where two start together; otherwise in the order found.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    // A loop, not push(...found): a megabyte note has more mentions than the stack has room for arguments.
    for (const mention of found) mentions.push(mention);
  });
  return mentions;
}
