/**
 * Offline verification of Tailor coupon codes for a merchant's own checkout (Node), with the same secret as the
 * Tailor server (`TAILOR_COUPON_SECRET`, or the `coupon_secret` row the server generated in `server_meta`).
 *
 * It checks the signature, the site and the expiry. It cannot know whether a code was already used, or whether
 * another code of the same book was: offline, single use is the merchant's job. Record `book` with each order that
 * uses a code and refuse a second order with the same `book` (that is exactly the server's burn-the-book rule), or
 * redeem through the server's `POST /v1/coupons/redeem`, which does it for you.
 */
import { createHmac } from 'node:crypto';
import { COUPON_SITE_RE, couponKey, verifyCouponCode, type CouponError, type HmacSha256 } from '../core/coupon';

/** Options of {@link verifyCoupon}. */
export interface VerifyCouponOptions {
  /** The shared secret, as a string (its UTF-8 bytes, exactly as configured) or raw bytes; at least 32 bytes. */
  secret: Uint8Array | string;
  /**
   * Secrets rotated out, newest first (`TAILOR_COUPON_RETIRED_SECRETS`, or the server's `coupon_secrets_retired`
   * row): the codes they signed still verify until they expire.
   */
  retiredSecrets?: readonly (Uint8Array | string)[];
  /** Your site key, as in the tag's `data-site`. */
  site: string;
  /** Current time: ms since the epoch or a Date; defaults to now. */
  now?: number | Date;
  /** Your other sites sharing the secret, so their codes are reported as `wrong_site` instead of `invalid_code`. */
  otherSites?: readonly string[];
}

/** The outcome of {@link verifyCoupon}. */
export type VerifyCouponResult =
  | {
      ok: true;
      /** Discount percent. */
      tier: number;
      site: string;
      /** Instant (ms) the code stops being valid. */
      expiresAt: number;
      /** Opaque id shared by every code of one book: store it to allow one redemption per book. */
      book: string;
      /** The code in canonical form (upper case, grouped). */
      code: string;
    }
  | { ok: false; error: CouponError; message: string };

const hmac: HmacSha256 = (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest());

/**
 * Verifies a coupon code as the shopper typed it (any case, dashes optional, I/L/O read as 1/1/0).
 * Throws only on a bad argument (short secret, invalid site); a bad code is `{ok: false}`.
 */
export function verifyCoupon(code: string, options: VerifyCouponOptions): VerifyCouponResult {
  const key = couponKey(options.secret, 'verifyCoupon');
  const retiredKeys = (options.retiredSecrets ?? []).map((s) => couponKey(s, 'verifyCoupon'));
  if (typeof options.site !== 'string' || !COUPON_SITE_RE.test(options.site)) {
    throw new TypeError(`'options.site' passed to 'verifyCoupon' must be 1-64 characters of a-z, 0-9, '-' or '_', got ${JSON.stringify(options.site)}`);
  }
  const now = options.now === undefined ? Date.now() : options.now instanceof Date ? options.now.getTime() : options.now;
  if (!Number.isFinite(now)) throw new TypeError(`'options.now' passed to 'verifyCoupon' must be a finite time, got ${String(options.now)}`);
  if (typeof code !== 'string') return { ok: false, error: 'invalid_code', message: 'this is not a valid coupon code' };

  const verdict = verifyCouponCode(code, { site: options.site, key, retiredKeys, hmac, now, otherSites: options.otherSites ?? [] });
  if (!verdict.ok) return verdict;
  return {
    ok: true,
    tier: verdict.tier,
    site: verdict.site,
    expiresAt: verdict.expiresAt,
    book: `${verdict.expiryDay}-${verdict.bookId}`,
    code: verdict.code,
  };
}
