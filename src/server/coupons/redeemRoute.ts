/**
 * `POST /v1/coupons/redeem {code, orderValue, site?}` → `{ok: true, tier, discount, code}`.
 *
 * Verifies the MAC for the site, then expiry, then spends the code's whole book in one atomic insert: the first
 * redemption of any code of a book wins, every later one (same code or a sibling tier) gets 409.
 */
import type { Context } from 'hono';
import { dayOf, verifyCouponCode } from '../../core/coupon';
import { discountFor, orderValueBucket } from './lib/money';
import { nodeHmacSha256 } from './lib/nodeHmac';
import { problem } from './lib/problem';
import { readBody } from './lib/requestBody';
import type { CouponContext } from './options';
import { redeemBodySchema } from './schemas';

const HOUR_MS = 3_600_000;

/** The handler for `POST /v1/coupons/redeem`. */
export function redeemHandler(ctx: CouponContext): (c: Context) => Promise<Response> {
  let prunedOnDay = -1;
  return async (c) => {
    const now = ctx.now();
    // Checked before anything else so a guesser over the limit learns nothing more, not even about malformed input.
    const failKey = ctx.clientKeys.key('redeem', '', ctx.clientAddress(c));
    const limit = ctx.failLimiter.check(failKey, now);
    if (!limit.allowed) {
      return problem(c, 429, 'rate_limited', `too many refused coupon codes from this network; retry in ${limit.retryAfterS} s`, {
        'Retry-After': String(limit.retryAfterS),
      });
    }

    const body = await readBody(c, redeemBodySchema);
    if (!body.ok) return problem(c, 400, 'bad_request', body.message);
    const { code, orderValue } = body.value;
    const site = body.value.site ?? ctx.site;
    if (site === undefined) {
      return problem(c, 400, 'bad_request', "'site' is required: this server issues coupons for more than one site");
    }
    if (ctx.site !== undefined && site !== ctx.site) {
      return problem(c, 400, 'wrong_site', `this server redeems coupons for site '${ctx.site}' only, not '${site}'`);
    }

    const verdict = verifyCouponCode(code, { site, key: ctx.key, hmac: nodeHmacSha256, now, otherSites: ctx.knownSites.others(site) });
    if (!verdict.ok) {
      if (verdict.error === 'expired') return problem(c, 410, 'expired', verdict.message);
      ctx.failLimiter.hit(failKey, now);
      return problem(c, 400, verdict.error, verdict.message);
    }

    const today = dayOf(now);
    if (prunedOnDay !== today) {
      ctx.redemptions.pruneExpired(today);
      prunedOnDay = today;
    }
    const claim = ctx.redemptions.claim({
      site,
      expiryDay: verdict.expiryDay,
      bookId: verdict.bookId,
      tier: verdict.tier,
      redeemedHour: Math.floor(now / HOUR_MS),
      orderValueBucket: orderValueBucket(orderValue),
    });
    if (!claim.claimed) {
      return problem(
        c,
        409,
        'already_redeemed',
        claim.tierUsed === verdict.tier
          ? 'this coupon code has already been used'
          : 'another code from the same coupon offer has already been used; only one can be redeemed',
      );
    }
    return c.json({ ok: true, tier: verdict.tier, discount: discountFor(orderValue, verdict.tier), code: verdict.code }, 200, {
      'Cache-Control': 'no-store',
    });
  };
}
