/**
 * Discount arithmetic in whole cents, so binary floating point never decides a rounding.
 */

/** `orderValue × tier / 100`, rounded half-up to cents (the order value itself first rounded to cents). */
export function discountFor(orderValue: number, tier: number): number {
  // toPrecision(15) drops binary noise first: 1.005 * 100 is 100.49999999999999, which is meant as 100.5 cents.
  const cents = Math.round(Number((orderValue * 100).toPrecision(15)));
  // Integer arithmetic: cents × tier is exact below 2^53 (order values are capped far below that).
  return Math.floor((cents * tier + 50) / 100) / 100;
}

/**
 * The power-of-two bucket of `orderValue` (0 below 1, else the largest 2^k ≤ value): enough to estimate what coupons
 * cost, too coarse to match a redemption to an order.
 */
export function orderValueBucket(orderValue: number): number {
  return orderValue < 1 ? 0 : 2 ** Math.floor(Math.log2(orderValue));
}
