/**
 * What `mountCoupons` takes, and the checked, defaulted context the routes share.
 */
import type { Context } from 'hono';
import { COUPON_SITE_RE, MAX_TIER, MAX_TTL_DAYS, MIN_TIER } from '../../core/coupon';
import { fixedCouponKeys, type CouponKeySource } from './keyring';
import type { Db } from '../db';
import { ClientKeys } from './lib/clientKey';
import { peerAddress } from '../lib/clientAddress';
import { TokenBucketLimiter, type WindowLimit } from '../lib/tokenBucket';
import { KnownSites } from './knownSites';
import { closedMerchantGuard, type MerchantGuard } from '../merchants';
import { Redemptions } from './redemptions';

/** Tiers (percent) a book holds unless configured otherwise. */
export const DEFAULT_TIERS: readonly number[] = [5, 10, 15, 20];
/** Days a book's codes stay valid unless configured otherwise (rounded up to the next UTC midnight). */
export const DEFAULT_TTL_DAYS = 7;
/**
 * Books per site per client per window (a token bucket: a burst of `limit`, then one every `windowMs / limit`).
 * Devices cache their book until it expires, so 30 is generous.
 */
export const DEFAULT_BOOK_LIMIT: WindowLimit = { limit: 30, windowMs: 10 * 60_000 };
/**
 * Refused codes (`invalid_code`, `wrong_site`) per window, counted per merchant and book (and per shopper network when
 * the checkout passes `shopperAddress`): the brake on guessing. Never per caller address: the caller is the
 * merchant's backend, and one attacker must not lock every checkout out.
 */
export const DEFAULT_FAILED_REDEEM_LIMIT: WindowLimit = { limit: 30, windowMs: 10 * 60_000 };

/** Rate-limit settings. */
export interface CouponRateLimit {
  books?: WindowLimit;
  failedRedeems?: WindowLimit;
  /**
   * The client's address for rate limiting only (it is coarsened, hashed with a per-process salt, held in memory and
   * never stored). Defaults to the TCP peer address from `@hono/node-server`; behind a reverse proxy pass one that
   * reads the proxy's `X-Forwarded-For`, or every shopper shares one limit.
   */
  clientAddress?: (c: Context) => string | undefined;
}

/** Dependencies of `mountCoupons`. */
export interface CouponDeps {
  /** The migrated database (with `COUPON_MIGRATIONS` applied). */
  db: Db;
  /**
   * HMAC key: `TAILOR_COUPON_SECRET` (at least 32 bytes), or a key source such as `storedCouponKeySource(db)`, the
   * generated keys that `npm run coupon-secret -- rotate` rotates (keyring.ts).
   */
  secret: Uint8Array | string | CouponKeySource;
  /** Secrets rotated out, newest first: they verify the codes they minted until those expire, and mint nothing. */
  retiredSecrets?: readonly (Uint8Array | string)[];
  /** The only site this server mints and redeems for; unset, any site may ask for books and redeem names its site. */
  site?: string;
  /** Clock (ms); defaults to `Date.now`. */
  now?: () => number;
  /** Tiers a book may hold (integer percents); a device may ask for a subset. Default 5, 10, 15, 20. */
  tiers?: readonly number[];
  /** Days codes stay valid, 1–31. Default 7. */
  ttlDays?: number;
  rateLimit?: CouponRateLimit;
  /** Whose server keys may redeem and check codes (src/server/merchants); unset, no one may. */
  merchants?: MerchantGuard;
}

/** The resolved context shared by the coupon routes. */
export interface CouponContext {
  keys: CouponKeySource;
  site: string | undefined;
  now: () => number;
  tiers: readonly number[];
  ttlDays: number;
  bookLimiter: TokenBucketLimiter;
  failLimiter: TokenBucketLimiter;
  clientAddress: (c: Context) => string | undefined;
  clientKeys: ClientKeys;
  redemptions: Redemptions;
  knownSites: KnownSites;
  merchants: MerchantGuard;
}

const isKeySource = (s: CouponDeps['secret']): s is CouponKeySource => typeof s === 'object' && !(s instanceof Uint8Array) && typeof (s as Partial<CouponKeySource>).keys === 'function';

/** Checks `deps` and fills in defaults; throws naming the bad argument. */
export function resolveCouponContext(deps: CouponDeps): CouponContext {
  const keys = isKeySource(deps.secret) ? deps.secret : fixedCouponKeys(deps.secret, deps.retiredSecrets ?? [], 'mountCoupons');
  // Read once now, so a broken key store fails the start, not the first shopper's book.
  keys.keys((deps.now ?? Date.now)());
  if (deps.site !== undefined && !COUPON_SITE_RE.test(deps.site)) {
    throw new TypeError(`'deps.site' passed to 'mountCoupons' must be 1-64 characters of a-z, 0-9, '-' or '_', got ${JSON.stringify(deps.site)}`);
  }
  const tiers = [...new Set(deps.tiers ?? DEFAULT_TIERS)].sort((a, b) => a - b);
  if (tiers.length === 0 || tiers.some((t) => !Number.isInteger(t) || t < MIN_TIER || t > MAX_TIER)) {
    throw new RangeError(`'deps.tiers' passed to 'mountCoupons' must be a non-empty array of integer percents from ${MIN_TIER} to ${MAX_TIER}, got ${JSON.stringify(deps.tiers)}`);
  }
  const ttlDays = deps.ttlDays ?? DEFAULT_TTL_DAYS;
  if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > MAX_TTL_DAYS) {
    throw new RangeError(`'deps.ttlDays' passed to 'mountCoupons' must be an integer from 1 to ${MAX_TTL_DAYS}, got ${String(deps.ttlDays)}`);
  }
  return {
    keys,
    site: deps.site,
    now: deps.now ?? Date.now,
    tiers,
    ttlDays,
    bookLimiter: new TokenBucketLimiter(deps.rateLimit?.books ?? DEFAULT_BOOK_LIMIT),
    failLimiter: new TokenBucketLimiter(deps.rateLimit?.failedRedeems ?? DEFAULT_FAILED_REDEEM_LIMIT),
    clientAddress: deps.rateLimit?.clientAddress ?? peerAddress,
    clientKeys: new ClientKeys(),
    redemptions: new Redemptions(deps.db),
    knownSites: new KnownSites(deps.db),
    merchants: deps.merchants ?? closedMerchantGuard(),
  };
}
