/**
 * The check in front of every merchant endpoint (the dashboard, estimates, learning state, the checkout's coupon
 * calls): a per-client rate limit, then a credential, then the site.
 *
 * Credentials: `Authorization: Bearer <key>` on the API, or the dashboard's signed session cookie. A session only
 * ever carries read rights, whatever key signed in: a cookie is sent by the browser on its own, so anything it
 * unlocks must be safe to trigger from another site (reads are; a redemption is not). Failures say which of the
 * three went wrong without telling whether a site exists.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { ClientRateLimiter } from '../collector/rateLimiter';
import { peerAddress } from '../lib/clientAddress';
import { kindCovers, type KeyKind } from './keys';
import { MerchantAccess, type Principal } from './registry';
import { SESSION_COOKIE, verifySession } from './session';

/** Requests per client per minute on the merchant endpoints unless configured otherwise. */
export const DEFAULT_MERCHANT_RATE = { limit: 120, windowMs: 60_000 };

/** What the merchant endpoints share. */
export interface MerchantGuard {
  access: MerchantAccess;
  /** The session cookie's MAC key. */
  sessionSecret: Uint8Array;
  limiter: ClientRateLimiter;
  clientAddress: (c: Context) => string | undefined;
  now: () => number;
}

/** Options for {@link createMerchantGuard}. */
export interface MerchantGuardOptions {
  access: MerchantAccess;
  sessionSecret: Uint8Array;
  clientAddress?: (c: Context) => string | undefined;
  now?: () => number;
  rateLimit?: { limit: number; windowMs: number };
}

/** The guard for `options`. */
export function createMerchantGuard(options: MerchantGuardOptions): MerchantGuard {
  const now = options.now ?? Date.now;
  return {
    access: options.access,
    sessionSecret: options.sessionSecret,
    limiter: new ClientRateLimiter({ ...(options.rateLimit ?? DEFAULT_MERCHANT_RATE), now }),
    clientAddress: options.clientAddress ?? peerAddress,
    now,
  };
}

/** A guard no credential passes: what a server configured without merchants gets, so nothing is open by omission. */
export function closedMerchantGuard(): MerchantGuard {
  return createMerchantGuard({ access: new MerchantAccess([]), sessionSecret: new Uint8Array(32) });
}

/** A principal, or the response that refuses the request. */
export type Authenticated = { ok: true; principal: Principal } | { ok: false; response: Response };

const refuse = (c: Context, status: 401 | 403 | 429, error: string, message: string, headers: Record<string, string> = {}): Authenticated => ({
  ok: false,
  response: c.json({ error, message }, status, { 'Cache-Control': 'no-store', ...headers }),
});

/** The bearer token of `c`, or undefined. */
function bearer(c: Context): string | undefined {
  const header = c.req.header('Authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/** Rate limit and credential: who is calling, with at least the rights of `needed`. */
export function authenticate(c: Context, guard: MerchantGuard, needed: KeyKind): Authenticated {
  const verdict = guard.limiter.hit(guard.clientAddress(c));
  if (!verdict.allowed) {
    return refuse(c, 429, 'rate_limited', `too many requests to merchant endpoints from this network; retry in ${verdict.retryAfterSeconds} s`, {
      'Retry-After': String(verdict.retryAfterSeconds),
    });
  }
  const challenge = { 'WWW-Authenticate': 'Bearer realm="tailor"' };
  const token = bearer(c);
  let principal: Principal | null = null;
  if (token !== undefined) {
    principal = guard.access.authenticate(token);
    if (principal === null) return refuse(c, 401, 'invalid_key', 'the key in Authorization is not a live merchant key of this server', challenge);
  } else if (needed === 'read') {
    const claims = verifySession(getCookie(c, SESSION_COOKIE), guard.sessionSecret, guard.now());
    if (claims !== null) principal = guard.access.resume(claims.merchantId, claims.keyId);
  }
  if (principal === null) {
    const which = needed === 'server' ? "the merchant's server key (Authorization: Bearer tk_server_…)" : "a merchant key (Authorization: Bearer tk_read_…) or a dashboard sign-in";
    return refuse(c, 401, 'unauthorized', `this endpoint needs ${which}`, challenge);
  }
  if (!kindCovers(principal.key.kind, needed)) {
    return refuse(c, 403, 'insufficient_scope', `this endpoint needs a ${needed} key; the key presented is a ${principal.key.kind} key`);
  }
  return { ok: true, principal };
}

/** Null when `principal` may act on `site`; else the 403 that refuses it (the same whether or not the site exists). */
export function refuseSite(c: Context, principal: Principal, site: string): Response | null {
  if (principal.merchant.sites.includes(site)) return null;
  return c.json({ error: 'forbidden_site', message: `this key's merchant has no site '${site}'` }, 403, { 'Cache-Control': 'no-store' });
}

/** The site a merchant request names, or the merchant's first when it names none. */
export function requestedSite(c: Context, principal: Principal): string {
  return c.req.query('site') || principal.merchant.sites[0]!;
}
