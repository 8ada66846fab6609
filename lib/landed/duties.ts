import { fenToCny, rateFor, toFen, toFenFrom } from './money';
import type { Parcel, ParcelItem } from './parcel';
import type { RateCard } from './rate-card';
import type { FxRates, TaxComponent, TaxRule } from './tax-rule';

export interface DutyCharge {
  name: string;
  amountFen: number;
  collectedBy: TaxComponent['collectedBy'];
  /** The rule as applied, e.g. "16.5% of the goods (hoodie)" or "€2 per article, consignments under €150". */
  rule: string;
  source: { name: string; url: string; asOf: string };
  assumed: boolean;
}

export interface DutiesResult {
  charges: DutyCharge[];
  assumptions: string[];
}

/** What the destination rule sees of a shipment: goods, the transport it is sold with, the line's mode. */
export interface Shipment {
  parcel: Parcel;
  /** International freight, surcharges and the forwarder's fees, in fen. */
  transportFen: number;
  mode?: RateCard['mode'];
}

/** An item's goods, in fen, after the rule's valuation (Japan: 60% of the retail price). */
function valuedFen(rule: TaxRule, item: ParcelItem): number {
  return (item.unitFen * item.quantity * rule.valuationPercent) / 100;
}

/** Fen in the rule's currency, for the thresholds the law states in it. */
function inRuleCurrency(fen: number, rule: TaxRule, fx: FxRates): number {
  return fenToCny(fen) * rateFor(fx, rule.currency);
}

function inWindow(component: TaxComponent, date: string, mode: Shipment['mode'], goodsValue: number): boolean {
  if (component.from !== undefined && date < component.from) return false;
  if (component.to !== undefined && date > component.to) return false;
  if (component.goodsValueAbove !== undefined && !(goodsValue > component.goodsValueAbove)) return false;
  if (component.goodsValueAtMost !== undefined && !(goodsValue <= component.goodsValueAtMost)) return false;
  if (component.goodsValueBelow !== undefined && !(goodsValue < component.goodsValueBelow)) return false;
  if (component.modes !== undefined && !(mode !== undefined && component.modes.includes(mode))) return false;
  return true;
}

/** The items a component covers: all, or those passing its per-item value test. */
function coveredItems(component: TaxComponent, rule: TaxRule, parcel: Parcel, fx: FxRates): ParcelItem[] {
  if (component.itemValueAtMost === undefined && component.itemValueAbove === undefined) return parcel.items;
  return parcel.items.filter((item) => {
    const unit = inRuleCurrency((item.unitFen * rule.valuationPercent) / 100, rule, fx);
    if (component.itemValueAtMost !== undefined && !(unit <= component.itemValueAtMost)) return false;
    if (component.itemValueAbove !== undefined && !(unit > component.itemValueAbove)) return false;
    return true;
  });
}

function money(amount: number, currency: string): string {
  const symbol: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CNY: '¥', AUD: 'A$', CAD: 'C$', SGD: 'S$', MYR: 'RM' };
  return `${symbol[currency] ?? `${currency} `}${Number(amount.toFixed(2))}`;
}

function conditionText(component: TaxComponent, rule: TaxRule): string {
  const parts: string[] = [];
  const c = rule.currency;
  if (component.goodsValueAbove !== undefined) parts.push(`goods over ${money(component.goodsValueAbove, c)}`);
  if (component.goodsValueAtMost !== undefined) parts.push(`goods up to ${money(component.goodsValueAtMost, c)}`);
  if (component.goodsValueBelow !== undefined) parts.push(`goods under ${money(component.goodsValueBelow, c)}`);
  if (component.itemValueAtMost !== undefined) parts.push(`items up to ${money(component.itemValueAtMost, c)} each`);
  if (component.itemValueAbove !== undefined) parts.push(`items over ${money(component.itemValueAbove, c)} each`);
  if (component.modes) parts.push(`by ${component.modes.join(' or ')}`);
  if (component.from && component.to) parts.push(`${component.from} to ${component.to}`);
  else if (component.from) parts.push(`from ${component.from}`);
  else if (component.to) parts.push(`until ${component.to}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

const BASE_TEXT: Record<Extract<TaxComponent, { kind: 'percent' }>['base'], string> = {
  goods: 'the goods',
  'goods-and-duty': 'the goods and duty',
  'goods-and-shipping': 'goods and shipping (CIF)',
  'goods-shipping-and-duty': 'goods, shipping and duty',
  shipping: "the forwarder's transport and fees",
};

/**
 * Duty, tax and fees the destination charges on a shipment sent on a line without tax included.
 * Thresholds are judged on the goods as the rule values them (Japan: 60% of the retail price), in the
 * rule's currency, at the quote's exchange rate; each charge carries the rule as applied and its source.
 */
export function destinationDuties(rule: TaxRule, shipment: Shipment, date: string, fx: FxRates): DutiesResult {
  const { parcel, transportFen, mode } = shipment;
  const charges: DutyCharge[] = [];
  const assumptions: string[] = [];
  if (date < rule.validFrom) {
    assumptions.push(`the ${rule.destination} tax rule describes imports from ${rule.validFrom}; earlier rules are not modelled`);
  }
  const valuedGoodsFen = parcel.items.reduce((sum, item) => sum + valuedFen(rule, item), 0);
  const goodsValue = inRuleCurrency(valuedGoodsFen, rule, fx);
  if (rule.valuationPercent !== 100) {
    assumptions.push(
      `${rule.destination} values the goods at ${rule.valuationPercent}% of their price: ${money(goodsValue, rule.currency)}${rule.valuationNote ? ` (${rule.valuationNote})` : ''}`,
    );
  }
  const goodsTotalFen = parcel.items.reduce((sum, item) => sum + item.unitFen * item.quantity, 0);
  let dutyFen = 0;
  for (const component of rule.components) {
    if (!inWindow(component, date, mode, goodsValue)) continue;
    const items = coveredItems(component, rule, parcel, fx);
    if (items.length === 0) continue;
    // Covered items' share of the transport, by price (all of it when every item is covered).
    const coveredGoodsFen = items.reduce((sum, item) => sum + item.unitFen * item.quantity, 0);
    const transportShare = items.length === parcel.items.length || goodsTotalFen === 0 ? transportFen : (transportFen * coveredGoodsFen) / goodsTotalFen;
    const source = component.source ?? { name: rule.source.name, url: rule.source.url, asOf: rule.asOf };
    let amountFen: number;
    let ruleText: string;
    if (component.kind === 'percent') {
      const withDuty = component.base === 'goods-and-duty' || component.base === 'goods-shipping-and-duty' ? dutyFen : 0;
      const withTransport = component.base === 'goods-and-shipping' || component.base === 'goods-shipping-and-duty' ? transportShare : 0;
      const rates = new Set<string>();
      let raw = 0;
      if (component.base === 'shipping') {
        raw = (transportShare * component.percent) / 100;
        rates.add(`${component.percent}%`);
      } else {
        for (const item of items) {
          const percent = (item.categoryId !== undefined ? component.percentByCategory?.[item.categoryId] : undefined) ?? component.percent;
          const goods = valuedFen(rule, item);
          // Transport and earlier duty are shared out by the item's price.
          const share = coveredGoodsFen === 0 ? 0 : (item.unitFen * item.quantity) / coveredGoodsFen;
          raw += ((goods + (withTransport + withDuty) * share) * percent) / 100;
          rates.add(component.percentByCategory ? `${percent}% on ${item.label}` : `${percent}%`);
        }
      }
      amountFen = Math.round(raw);
      const minFen = component.minAmount !== undefined ? toFenFrom(component.minAmount, rule.currency, fx) : 0;
      const maxFen = component.maxAmount !== undefined ? toFenFrom(component.maxAmount, rule.currency, fx) : Infinity;
      amountFen = Math.min(Math.max(amountFen, minFen), maxFen);
      const limits = [
        component.minAmount !== undefined ? `at least ${money(component.minAmount, rule.currency)}` : '',
        component.maxAmount !== undefined ? `at most ${money(component.maxAmount, rule.currency)}` : '',
      ].filter(Boolean);
      ruleText = `${[...rates].join(', ')} of ${BASE_TEXT[component.base]}${limits.length ? `, ${limits.join(', ')}` : ''}${conditionText(component, rule)}`;
    } else {
      const count =
        component.per === 'parcel' ? 1 : component.per === 'item-line' ? items.length : new Set(items.map((item) => item.categoryKey)).size;
      amountFen = toFenFrom(component.amount, rule.currency, fx) * count;
      const per = component.per === 'parcel' ? 'parcel' : component.per === 'item-line' ? 'article' : 'item category';
      ruleText = `${money(component.amount, rule.currency)} per ${per}${count > 1 ? ` × ${count}` : ''}${conditionText(component, rule)}`;
    }
    if (component.type === 'duty') dutyFen += amountFen;
    charges.push({ name: component.name, amountFen, collectedBy: component.collectedBy, rule: ruleText, source, assumed: component.assumed });
    if (component.assumed) assumptions.push(`${component.name}: ${ruleText} assumed${component.note ? `: ${component.note}` : ''}`);
  }
  if (charges.length === 0) assumptions.push(`no ${rule.destination} duty or tax at this value (${rule.summary})`);
  return { charges, assumptions };
}

export interface Deposit {
  name: string;
  amountCny: number;
  /** The deposit is paid up front and settled against the duty customs assesses; not the duty. */
  note: string;
}

/**
 * The deposit a forwarder takes up front against duty (Cainiao's non-tax US lines: 65% of the
 * declared value, set in 2025 under the IEEPA tariffs the Supreme Court voided on 2026-02-20), or
 * undefined when the goods are outside its declared-value range.
 */
export function dutyDeposit(preCollection: NonNullable<RateCard['dutyPreCollection']>, parcel: Parcel): Deposit | undefined {
  const maxFen = toFen(preCollection.declaredValueMaxCny);
  if (parcel.goodsFen > maxFen) return undefined;
  const declaredFen = Math.max(parcel.goodsFen, toFen(preCollection.declaredValueMinCny));
  return {
    name: 'duty deposit taken by the forwarder',
    amountCny: fenToCny(Math.round((declaredFen * preCollection.percentOfDeclaredValue) / 100)),
    note: `${preCollection.percentOfDeclaredValue}% of the declared ¥${fenToCny(declaredFen).toFixed(2)}, paid up front and settled against the duty customs assesses (the rate was set under the IEEPA tariffs voided on 2026-02-20); the total counts the duty, not the deposit`,
  };
}
