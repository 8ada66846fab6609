import { fenToCny, rateFor, toFen, toFenFrom } from './money';
import type { Parcel } from './parcel';
import type { RateCard } from './rate-card';
import type { FxRates, TaxComponent, TaxRule } from './tax-rule';

export interface DutyCharge {
  name: string;
  amountFen: number;
  collectedBy: TaxComponent['collectedBy'];
}

export interface DutiesResult {
  charges: DutyCharge[];
  assumptions: string[];
}

/** Value on which the destination's thresholds are judged: the item prices, without shipping. */
function goodsValueIn(rule: TaxRule, parcel: Parcel, fx: FxRates): number {
  return fenToCny(parcel.goodsFen) * rateFor(fx, rule.currency);
}

function applies(component: TaxComponent, date: string, goodsValue: number): boolean {
  if (component.from !== undefined && date < component.from) return false;
  if (component.to !== undefined && date > component.to) return false;
  if (component.goodsValueAbove !== undefined && !(goodsValue > component.goodsValueAbove)) return false;
  if (component.goodsValueAtMost !== undefined && !(goodsValue <= component.goodsValueAtMost)) return false;
  return true;
}

function describe(component: TaxComponent, currency: string): string {
  if (component.kind === 'percent') return `${component.name} ${component.percent}%`;
  return `${component.name} ${component.amount} ${currency} per ${component.per}`;
}

/**
 * Duty, tax and handling the destination charges on a parcel sent on a line without tax included.
 * `shippingFen` is international freight plus surcharges (part of the VAT base in the EU).
 */
export function destinationDuties(
  rule: TaxRule,
  parcel: Parcel,
  shippingFen: number,
  date: string,
  fx: FxRates,
): DutiesResult {
  const charges: DutyCharge[] = [];
  const assumptions: string[] = [];
  if (date < rule.validFrom) {
    assumptions.push(`the ${rule.destination} tax rule describes imports from ${rule.validFrom}; earlier rules are not modelled`);
  }
  const goodsValue = goodsValueIn(rule, parcel, fx);
  let dutyFen = 0;
  for (const component of rule.components) {
    if (!applies(component, date, goodsValue)) continue;
    let amountFen: number;
    if (component.kind === 'percent') {
      const base =
        component.base === 'goods'
          ? parcel.goodsFen
          : component.base === 'goods-and-duty'
            ? parcel.goodsFen + dutyFen
            : parcel.goodsFen + shippingFen + dutyFen;
      amountFen = Math.round((base * component.percent) / 100);
    } else {
      const count =
        component.per === 'parcel' ? 1 : component.per === 'item-line' ? parcel.itemLines : parcel.distinctCategories;
      amountFen = toFenFrom(component.amount, rule.currency, fx) * count;
    }
    if (component.type === 'duty') dutyFen += amountFen;
    charges.push({ name: component.name, amountFen, collectedBy: component.collectedBy });
    if (component.assumed) assumptions.push(`${describe(component, rule.currency)} assumed${component.note ? `: ${component.note}` : ''}`);
  }
  if (charges.length === 0) assumptions.push(`no ${rule.destination} duty or tax at this value (${rule.summary})`);
  return { charges, assumptions };
}

/** Duty a forwarder pre-collects on a declared value (Cainiao's older US lines), or undefined if out of range. */
export function preCollectedDuty(
  preCollection: NonNullable<RateCard['dutyPreCollection']>,
  parcel: Parcel,
): { charge: DutyCharge; assumption: string } | undefined {
  const maxFen = toFen(preCollection.declaredValueMaxCny);
  if (parcel.goodsFen > maxFen) return undefined;
  const declaredFen = Math.max(parcel.goodsFen, toFen(preCollection.declaredValueMinCny));
  return {
    charge: {
      name: 'duty pre-collected by the forwarder',
      amountFen: Math.round((declaredFen * preCollection.percentOfDeclaredValue) / 100),
      collectedBy: 'forwarder',
    },
    assumption: `duty pre-collected at ${preCollection.percentOfDeclaredValue}% of the declared value ¥${fenToCny(declaredFen).toFixed(2)} (declared between ¥${preCollection.declaredValueMinCny} and ¥${preCollection.declaredValueMaxCny})`,
  };
}
