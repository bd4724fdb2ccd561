/**
 * The checkout's two calls, from the merchant's backend with its server key (`Authorization: Bearer tk_server_…`):
 *
 * - `POST /v1/coupons/check {code, site?, shopperAddress?}` → `{ok: true, tier, code, expiresAt}`: would this code
 *   redeem now? Spends nothing (the coupon box's "Apply").
 * - `POST /v1/coupons/redeem {code, orderValue, site?, shopperAddress?}` → `{ok: true, tier, discount, code}`: spends
 *   the code's whole book in one atomic insert (the order's placement): the first redemption of any code of a book
 *   wins, every later one (same code or a sibling tier) gets 409.
 *
 * Both verify the MAC for the site, then the expiry, then whether the book is spent. `site` defaults to the
 * merchant's only site. Refused codes are limited per merchant and book, and per shopper network when the backend
 * passes the address it saw; never per caller, which is the merchant's own backend.
 */
import type { Context } from 'hono';
import { dayOf, expiresAtOf, parseCoupon, verifyCouponCode } from '../../core/coupon';
import { authenticate, refuseSite, type Principal } from '../merchants';
import { discountFor, orderValueBucket } from './lib/money';
import { nodeHmacSha256 } from './lib/nodeHmac';
import { problem } from './lib/problem';
import { readBody } from './lib/requestBody';
import type { CouponContext } from './options';
import { checkBodySchema, redeemBodySchema } from './schemas';

const HOUR_MS = 3_600_000;

/** A code that verified for a site, with what the limiter counted it under. */
interface Verified {
  site: string;
  principal: Principal;
  tier: number;
  code: string;
  expiryDay: number;
  bookId: number;
}

type Step<T> = { ok: true; value: T } | { ok: false; response: Response };

/** The limiter keys a refused `code` counts against: its book (when it parses), and the shopper's network. */
function failKeys(ctx: CouponContext, merchant: string, site: string, code: string, shopperAddress: string | undefined): string[] {
  const parsed = parseCoupon(code);
  const keys = parsed ? [`book\0${merchant}\0${site}\0${parsed.bookId}`] : [];
  if (shopperAddress !== undefined) keys.push(ctx.clientKeys.key('redeem', merchant, shopperAddress));
  return keys;
}

/** Everything the two calls share: key, site, limiter, MAC and expiry. */
function verifyFor(c: Context, ctx: CouponContext, body: { code: string; site?: string | undefined; shopperAddress?: string | undefined }): Step<Verified> {
  const who = authenticate(c, ctx.merchants, 'server');
  if (!who.ok) return who;
  const { merchant } = who.principal;
  const site = body.site ?? ctx.site ?? (merchant.sites.length === 1 ? merchant.sites[0] : undefined);
  if (site === undefined) {
    return { ok: false, response: problem(c, 400, 'bad_request', "'site' is required: this merchant has more than one site") };
  }
  if (ctx.site !== undefined && site !== ctx.site) {
    return { ok: false, response: problem(c, 400, 'wrong_site', `this server redeems coupons for site '${ctx.site}' only, not '${site}'`) };
  }
  const refused = refuseSite(c, who.principal, site);
  if (refused) return { ok: false, response: refused };

  const now = ctx.now();
  const keys = failKeys(ctx, merchant.id, site, body.code, body.shopperAddress);
  // Checked before the code is, so a guesser over the limit learns nothing more.
  for (const key of keys) {
    const limit = ctx.failLimiter.check(key, now);
    if (!limit.allowed) {
      return {
        ok: false,
        response: problem(c, 429, 'rate_limited', `too many refused codes for this coupon book or shopper; retry in ${limit.retryAfterS} s`, { 'Retry-After': String(limit.retryAfterS) }),
      };
    }
  }
  const verify = (fresh: boolean) => {
    const { current, retired } = ctx.keys.keys(now, fresh);
    return verifyCouponCode(body.code, { site, key: current, retiredKeys: retired, hmac: nodeHmacSha256, now, otherSites: ctx.knownSites.others(site) });
  };
  let verdict = verify(false);
  // Another process may have rotated a moment ago and minted this code with a key this one has not read yet.
  if (!verdict.ok && verdict.error === 'invalid_code') verdict = verify(true);
  if (!verdict.ok) {
    if (verdict.error === 'expired') return { ok: false, response: problem(c, 410, 'expired', verdict.message) };
    for (const key of keys) ctx.failLimiter.hit(key, now);
    return { ok: false, response: problem(c, 400, verdict.error, verdict.message) };
  }
  return { ok: true, value: { site, principal: who.principal, tier: verdict.tier, code: verdict.code, expiryDay: verdict.expiryDay, bookId: verdict.bookId } };
}

const alreadyUsed = (c: Context, usedTier: number, tier: number) =>
  problem(
    c,
    409,
    'already_redeemed',
    usedTier === tier ? 'this coupon code has already been used' : 'another code from the same coupon offer has already been used; only one can be redeemed',
  );

/** The handler for `POST /v1/coupons/check`. */
export function checkHandler(ctx: CouponContext): (c: Context) => Promise<Response> {
  return async (c) => {
    const body = await readBody(c, checkBodySchema);
    if (!body.ok) return authenticatedOr(c, ctx, problem(c, 400, 'bad_request', body.message));
    const v = verifyFor(c, ctx, body.value);
    if (!v.ok) return v.response;
    const used = ctx.redemptions.spentTier(v.value.site, v.value.expiryDay, v.value.bookId);
    if (used !== null) return alreadyUsed(c, used, v.value.tier);
    return c.json({ ok: true, tier: v.value.tier, code: v.value.code, expiresAt: expiresAtOf(v.value.expiryDay) }, 200, { 'Cache-Control': 'no-store' });
  };
}

/** The handler for `POST /v1/coupons/redeem`. */
export function redeemHandler(ctx: CouponContext): (c: Context) => Promise<Response> {
  let prunedOnDay = -1;
  return async (c) => {
    const body = await readBody(c, redeemBodySchema);
    if (!body.ok) return authenticatedOr(c, ctx, problem(c, 400, 'bad_request', body.message));
    const v = verifyFor(c, ctx, body.value);
    if (!v.ok) return v.response;
    const { orderValue } = body.value;
    const { maxOrderValue } = v.value.principal.merchant;
    if (orderValue > maxOrderValue) {
      return problem(c, 400, 'bad_request', `'orderValue' must be at most ${maxOrderValue} for this merchant (its maxOrderValue), got ${orderValue}`);
    }
    const now = ctx.now();
    const today = dayOf(now);
    if (prunedOnDay !== today) {
      ctx.redemptions.pruneExpired(today);
      prunedOnDay = today;
    }
    const { site, expiryDay, bookId, tier, code } = v.value;
    const claim = ctx.redemptions.claim({ site, expiryDay, bookId, tier, redeemedHour: Math.floor(now / HOUR_MS), orderValueBucket: orderValueBucket(orderValue) });
    if (!claim.claimed) return alreadyUsed(c, claim.tierUsed, tier);
    return c.json({ ok: true, tier, discount: discountFor(orderValue, tier), code }, 200, { 'Cache-Control': 'no-store' });
  };
}

/** A malformed body is answered as such only to a caller with a server key: others learn nothing, not even the schema. */
function authenticatedOr(c: Context, ctx: CouponContext, malformed: Response): Response {
  const who = authenticate(c, ctx.merchants, 'server');
  return who.ok ? malformed : who.response;
}
