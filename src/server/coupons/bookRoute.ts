/**
 * `POST /v1/coupons/book {site, tiers?}` → `{codes: [{tier, code, expiresAt}], expiresAt}`.
 *
 * Every device fetches the whole book, one code per tier, so the server never learns which tier (if any) the device
 * will show. Nothing about the book is stored: its id lives only inside its codes.
 */
import { randomInt } from 'node:crypto';
import type { Context } from 'hono';
import { BOOK_ID_LIMIT, expiresAtOf, expiryDayFor, mintCouponCode } from '../../core/coupon';
import { nodeHmacSha256 } from './lib/nodeHmac';
import { problem } from './lib/problem';
import { readBody } from './lib/requestBody';
import type { CouponContext } from './options';
import { bookBodySchema } from './schemas';

/** One code of a book, as sent. */
export interface BookCodeJson {
  tier: number;
  code: string;
  /** Instant (ms) the code stops being valid. */
  expiresAt: number;
}

/** The handler for `POST /v1/coupons/book`. */
export function bookHandler(ctx: CouponContext): (c: Context) => Promise<Response> {
  const schema = bookBodySchema(ctx.tiers);
  return async (c) => {
    const body = await readBody(c, schema);
    if (!body.ok) return problem(c, 400, 'bad_request', body.message);
    const { site } = body.value;
    if (ctx.site !== undefined && site !== ctx.site) {
      return problem(c, 400, 'wrong_site', `this server issues coupons for site '${ctx.site}' only, not '${site}'`);
    }

    const now = ctx.now();
    const limit = ctx.bookLimiter.take(ctx.clientKeys.key('book', site, ctx.clientAddress(c)), now);
    if (!limit.allowed) {
      return problem(c, 429, 'rate_limited', `too many coupon books from this network; retry in ${limit.retryAfterS} s`, {
        'Retry-After': String(limit.retryAfterS),
      });
    }

    ctx.knownSites.add(site);
    const bookId = randomInt(BOOK_ID_LIMIT);
    const expiryDay = expiryDayFor(now, ctx.ttlDays);
    const expiresAt = expiresAtOf(expiryDay);
    const signer = { site, key: ctx.keys.keys(now).current, hmac: nodeHmacSha256 };
    const tiers = [...(body.value.tiers ?? ctx.tiers)].sort((a, b) => a - b);
    const codes: BookCodeJson[] = tiers.map((tier) => ({ tier, code: mintCouponCode({ tier, expiryDay, bookId }, signer), expiresAt }));
    return c.json({ codes, expiresAt }, 200, { 'Cache-Control': 'no-store' });
  };
}
