/**
 * Shipping from the seller to the forwarder's warehouse in China (国内运费). Most listings say 包邮
 * (free shipping) in their title; for the others the popup assumes an amount and says so, and the
 * user can type the real one.
 */

/** Assumed when a listing does not say 包邮: a typical Taobao seller's courier charge to a warehouse. */
export const ASSUMED_CHINA_SHIPPING_CNY = 8;

export interface ChinaShipping {
  amountCny: number;
  /** Shown in the quote's breakdown: why this amount. */
  note: string;
  assumed: boolean;
}

export function chinaShippingFor(title: string | undefined): ChinaShipping {
  if (title && /包邮|免运费|免邮/.test(title)) return { amountCny: 0, note: 'the listing says 包邮 (free shipping)', assumed: false };
  return {
    amountCny: ASSUMED_CHINA_SHIPPING_CNY,
    note: `¥${ASSUMED_CHINA_SHIPPING_CNY} assumed: the listing does not say 包邮`,
    assumed: true,
  };
}
