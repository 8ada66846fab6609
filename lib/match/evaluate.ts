import type { Listing } from '../messaging/schemas';
import { rankListings, type ListingIndex, type RankQuery } from './rank';

/** Ranking quality on a labelled set: mentions with the item ids a person judged relevant. */

export interface LabelledMention {
  id: string;
  mention: RankQuery;
  relevant: string[];
}

export interface RankingEvaluation {
  queries: number;
  /** Share of mentions whose first result is relevant. */
  precisionAt1: number;
  /** Relevant results in the top 5 ÷ min(5, relevant items), so a mention with 2 relevant items can reach 1. */
  precisionAt5: number;
  /** Mean of 1 ÷ rank of the first relevant result (0 when none is in the top 20). */
  meanReciprocalRank: number;
  perMention: Array<{ id: string; firstRelevantRank: number | null; top5: string[] }>;
}

export function evaluateRanking(index: ListingIndex<Listing>, labelled: readonly LabelledMention[]): RankingEvaluation {
  let hitsAt1 = 0;
  let precision5 = 0;
  let reciprocal = 0;
  const perMention: RankingEvaluation['perMention'] = [];
  for (const { id, mention, relevant } of labelled) {
    const wanted = new Set(relevant);
    const ranked = rankListings(index, mention, { limit: 20 }).map((result) => result.listing.itemId);
    const first = ranked.findIndex((itemId) => wanted.has(itemId));
    if (first === 0) hitsAt1++;
    precision5 += ranked.slice(0, 5).filter((itemId) => wanted.has(itemId)).length / Math.min(5, wanted.size);
    if (first >= 0) reciprocal += 1 / (first + 1);
    perMention.push({ id, firstRelevantRank: first >= 0 ? first + 1 : null, top5: ranked.slice(0, 5) });
  }
  const n = labelled.length || 1;
  return {
    queries: labelled.length,
    precisionAt1: hitsAt1 / n,
    precisionAt5: precision5 / n,
    meanReciprocalRank: reciprocal / n,
    perMention,
  };
}
