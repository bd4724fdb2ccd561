/**
 * Registers the coupon routes on the app.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { bookHandler } from './bookRoute';
import { problem } from './lib/problem';
import { checkHandler, redeemHandler } from './redeemRoute';
import { resolveCouponContext, type CouponDeps } from './options';

/**
 * Coupon bodies are tiny (a redeem is under 150 bytes); this cap applies on top of the app's `/v1` limit so the
 * routes stay safe wherever they are mounted.
 */
export const COUPON_MAX_BODY_BYTES = 4096;

/**
 * Adds `POST /v1/coupons/book` (devices), `POST /v1/coupons/check` and `POST /v1/coupons/redeem` (the merchant's
 * backend, with its server key) to `app`. Call it before any `/v1/*` catch-all.
 * Throws when `deps` is invalid (a short secret, bad tiers or site).
 */
export function mountCoupons(app: Hono, deps: CouponDeps): void {
  const ctx = resolveCouponContext(deps);
  const limit = bodyLimit({
    maxSize: COUPON_MAX_BODY_BYTES,
    onError: (c) => problem(c, 413, 'payload_too_large', `request body exceeds ${COUPON_MAX_BODY_BYTES} bytes`),
  });
  app.post('/v1/coupons/book', limit, bookHandler(ctx));
  app.post('/v1/coupons/check', limit, checkHandler(ctx));
  app.post('/v1/coupons/redeem', limit, redeemHandler(ctx));
}
