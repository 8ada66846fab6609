import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ZhongcaoDb } from '../../../lib/db';
import { bundledRateCards, bundledFxRates, bundledTaxRules } from '../../../lib/landed/bundled';
import { importRateCards, seedLandedData, validateRateCardFile } from '../../../lib/landed/store';

const db = new ZhongcaoDb('landed-import-property');
afterAll(() => db.delete());

const validCard = bundledRateCards()[0];

/** A valid card with one field (possibly nested) replaced by an arbitrary JSON value. */
const mutatedCard = fc
  .tuple(fc.constantFrom('id', 'forwarder', 'destinations', 'cargoClasses', 'taxIncluded', 'pricing', 'roundingStepKg', 'limits', 'surcharges', 'fees', 'source', 'asOf', 'notes'), fc.jsonValue())
  .map(([field, value]) => ({ ...structuredClone(validCard), [field]: value }));

const anyFile = fc.oneof(
  fc.string(),
  fc.json(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.array(fc.oneof(mutatedCard, fc.jsonValue())).map((cards) => JSON.stringify({ cards })),
);

describe('rate-card import, for any input', () => {
  it('never throws while validating', () => {
    fc.assert(
      fc.property(anyFile, (text) => {
        const result = validateRateCardFile(text);
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('either imports every card or changes nothing', async () => {
    await seedLandedData(db, { cards: bundledRateCards(), taxRules: bundledTaxRules(), fx: bundledFxRates() });
    await fc.assert(
      fc.asyncProperty(anyFile, async (text) => {
        const before = await db.rateCards.orderBy('id').toArray();
        const result = await importRateCards(text, db);
        const after = await db.rateCards.orderBy('id').toArray();
        if (result.ok) {
          expect(after.filter((row) => result.imported.includes(row.id)).every((row) => row.origin === 'user')).toBe(true);
          await db.rateCards.clear();
          await db.rateCards.bulkPut(before);
        } else {
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
  });
});
