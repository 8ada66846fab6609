/**
 * Recall of product (HCCX) and brand (HPPX) spans on the e-commerce NER dev set:
 *
 *   npx tsx scripts/measure-detection.ts [path/to/dev.jsonl]
 *
 * Each product title is passed as a note title with `assumeShopping` (a listing title is a shopping
 * context), and a span counts as found when a reported mention overlaps it. The data is read from
 * ../shared at run time and never copied into the repository (it has no licence).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectMentions, MARK_THRESHOLD } from '../lib/mentions/detect';
// Node reads the lexicon from its JSON files.
import '../lib/mentions/lexicon-bundled';

interface Entity {
  type: string;
  start: number;
  end: number;
  text: string;
}

const path = resolve(process.argv[2] ?? '../shared/data/ecommerce-ner/dev.jsonl');
const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim());
const counts = {
  HCCX: { total: 0, product: 0, productMarked: 0, any: 0 },
  HPPX: { total: 0, brand: 0, brandMarked: 0, any: 0 },
};
const missed: Record<'HCCX' | 'HPPX', Map<string, number>> = { HCCX: new Map(), HPPX: new Map() };

for (const line of lines) {
  const { text, entities } = JSON.parse(line) as { text: string; entities: Entity[] };
  const mentions = detectMentions({ title: text }, { assumeShopping: true });
  for (const entity of entities) {
    if (entity.type !== 'HCCX' && entity.type !== 'HPPX') continue;
    const overlapping = mentions.filter((mention) => mention.start < entity.end && mention.end > entity.start);
    const ownKind = overlapping.filter((mention) => mention.kind === (entity.type === 'HCCX' ? 'product' : 'brand'));
    const found = ownKind.length > 0;
    const marked = ownKind.some((mention) => mention.confidence >= MARK_THRESHOLD);
    if (entity.type === 'HCCX') {
      counts.HCCX.total++;
      if (found) counts.HCCX.product++;
      if (marked) counts.HCCX.productMarked++;
      if (overlapping.length > 0) counts.HCCX.any++;
    } else {
      counts.HPPX.total++;
      if (found) counts.HPPX.brand++;
      if (marked) counts.HPPX.brandMarked++;
      if (overlapping.length > 0) counts.HPPX.any++;
    }
    if (!found) missed[entity.type].set(entity.text, (missed[entity.type].get(entity.text) ?? 0) + 1);
  }
}

const ratio = (part: number, whole: number) => (whole ? (part / whole).toFixed(3) : 'n/a');
console.log(`titles: ${lines.length} (${path})`);
console.log(
  `products (HCCX, ${counts.HCCX.total}): recall ${ratio(counts.HCCX.product, counts.HCCX.total)} by product mentions, ` +
    `${ratio(counts.HCCX.productMarked, counts.HCCX.total)} marked (>= ${MARK_THRESHOLD}), ${ratio(counts.HCCX.any, counts.HCCX.total)} by any mention`,
);
console.log(
  `brands (HPPX, ${counts.HPPX.total}): recall ${ratio(counts.HPPX.brand, counts.HPPX.total)} by brand mentions, ` +
    `${ratio(counts.HPPX.brandMarked, counts.HPPX.total)} marked (>= ${MARK_THRESHOLD}), ${ratio(counts.HPPX.any, counts.HPPX.total)} by any mention`,
);
if (process.argv.includes('--missed')) {
  for (const type of ['HCCX', 'HPPX'] as const) {
    const top = [...missed[type]].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.MISSED ?? 60));
    console.log(`most missed ${type}: ${top.map(([word, n]) => `${word}×${n}`).join(' ')}`);
  }
}
