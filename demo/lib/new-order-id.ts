import { randomBytes } from 'node:crypto';

/**
 * A fresh order id such as "EL-M9X2KQ1A-7F3C", for checkouts posted without shop.js (which makes the same shape
 * itself). Time first so ids sort roughly by creation; the random tail keeps concurrent orders apart.
 */
export function newOrderId(now: number = Date.now()): string {
  return `EL-${now.toString(36).toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`;
}
