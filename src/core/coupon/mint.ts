/**
 * Minting one code: sign the fields for the site, then pack them.
 */
import { encodeCoupon } from './codec';
import { BOOK_ID_LIMIT, COUPON_SITE_RE, MAX_TIER, MIN_TIER } from './layout';
import { couponMac, type CouponFields, type HmacSha256 } from './mac';

/** The signing context: whose code, under which key, with which HMAC. */
export interface CouponSigner {
  site: string;
  /** Key bytes from `couponKey`. */
  key: Uint8Array;
  hmac: HmacSha256;
}

/** Signs `fields` for `signer.site` and returns the grouped code. */
export function mintCouponCode(fields: CouponFields, signer: CouponSigner): string {
  const { tier, expiryDay, bookId } = fields;
  if (!Number.isInteger(tier) || tier < MIN_TIER || tier > MAX_TIER) {
    throw new RangeError(`'fields.tier' passed to 'mintCouponCode' must be an integer percent from ${MIN_TIER} to ${MAX_TIER}, got ${String(tier)}`);
  }
  if (!Number.isInteger(expiryDay) || expiryDay < 0 || expiryDay > 0xffffffff) {
    throw new RangeError(`'fields.expiryDay' passed to 'mintCouponCode' must be a non-negative integer day number, got ${String(expiryDay)}`);
  }
  if (!Number.isInteger(bookId) || bookId < 0 || bookId >= BOOK_ID_LIMIT) {
    throw new RangeError(`'fields.bookId' passed to 'mintCouponCode' must be an integer in [0, ${BOOK_ID_LIMIT}), got ${String(bookId)}`);
  }
  if (!COUPON_SITE_RE.test(signer.site)) {
    throw new TypeError(`'signer.site' passed to 'mintCouponCode' must be 1-64 characters of a-z, 0-9, '-' or '_', got ${JSON.stringify(signer.site)}`);
  }
  return encodeCoupon(fields, couponMac(signer.hmac, signer.key, signer.site, fields));
}
