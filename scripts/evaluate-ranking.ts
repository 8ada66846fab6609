/**
 * Ranking quality on the fixture searches: parses the three Taobao search fixtures, indexes all their
 * listings together, ranks each labelled mention and prints precision@1, precision@5 and MRR.
 * Run: npx tsx scripts/evaluate-ranking.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { evaluateRanking, type LabelledMention } from '../lib/match/evaluate';
import { createListingIndex } from '../lib/match/rank';
import type { Listing } from '../lib/messaging/schemas';
import { parseSearchPage } from '../lib/shops/parse';
import { fixtureIndex, readFixture } from '../tests/fixtures/taobao-fixtures';
// Node reads the lexicon from its JSON files.
import '../lib/mentions/lexicon-bundled';

const window = new Window();
const parser = new window.DOMParser();
const listings: Listing[] = [];
for (const [query, { file }] of Object.entries(fixtureIndex().search)) {
  const document = parser.parseFromString(readFixture(file), 'text/html') as unknown as ParentNode;
  listings.push(...parseSearchPage(document, `https://s.taobao.com/search?q=${encodeURIComponent(query)}`, Date.now()));
}
await window.happyDOM.close();

const labelled = JSON.parse(
  readFileSync(join(import.meta.dirname, '../tests/fixtures/ranking/labelled-mentions.json'), 'utf8'),
) as { mentions: LabelledMention[] };
const result = evaluateRanking(createListingIndex(listings), labelled.mentions);
const titleOf = new Map(listings.map((listing) => [listing.itemId, listing.title]));

for (const { id, firstRelevantRank, top5 } of result.perMention) {
  console.log(`${id.padEnd(30)} first relevant at ${firstRelevantRank ?? '-'}  top: ${titleOf.get(top5[0] ?? '') ?? '-'}`);
}
console.log(
  `\n${result.queries} mentions over ${listings.length} listings: ` +
    `precision@1 ${result.precisionAt1.toFixed(3)}, precision@5 ${result.precisionAt5.toFixed(3)}, MRR ${result.meanReciprocalRank.toFixed(3)}`,
);
