/**
 * The shop's own backend call for its coupon box, as a merchant's checkout would do it: the page posts
 * `{code, orderValue}` to the shop (same origin), and the shop's server redeems at Tailor with the merchant's
 * server key, passing the shopper's address so Tailor can limit refused codes per shopper network rather than per
 * shop. The key never reaches a page. (The demo spends the code when it is applied, to keep the shop small; a real
 * checkout calls `/v1/coupons/check` on "Apply" and `/v1/coupons/redeem` when the order is placed.)
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { ShopConfig } from './shop-options';

/** How long the shop waits for Tailor before telling the shopper to try again. */
const TAILOR_TIMEOUT_MS = 5_000;

function shopperAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** The handler for the shop's `POST /api/coupon`. */
export function couponRoute(config: ShopConfig): (c: Context) => Promise<Response> {
  return async (c) => {
    if (config.couponServerKey === undefined) {
      return c.json({ error: 'coupons_unavailable', message: 'this shop has no Tailor server key configured' }, 503);
    }
    const body = (await c.req.json().catch(() => null)) as { code?: unknown; orderValue?: unknown } | null;
    if (!body || typeof body.code !== 'string' || typeof body.orderValue !== 'number') {
      return c.json({ error: 'bad_request', message: "the body must be {code: string, orderValue: number}" }, 400);
    }
    const address = shopperAddress(c);
    try {
      const res = await fetch(`${config.endpoint}/v1/coupons/redeem`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${config.couponServerKey}` },
        body: JSON.stringify({ code: body.code, orderValue: body.orderValue, site: config.site, ...(address ? { shopperAddress: address } : {}) }),
        signal: AbortSignal.timeout(TAILOR_TIMEOUT_MS),
      });
      return c.body(await res.text(), res.status as 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    } catch {
      return c.json({ error: 'coupons_unavailable', message: 'Tailor did not answer in time' }, 503);
    }
  };
}
