/**
 * Public surface of the coupon module: the code format, minting and verification. Pure and platform-free: the
 * HMAC-SHA256 and randomness come from the caller.
 */
export * from './layout';
export { couponKey, MIN_SECRET_BYTES } from './key';
export { couponMac, macEquals, macMessage, MAC_BYTES, type CouponFields, type HmacSha256 } from './mac';
export { dayOf, expiresAtOf, expiryDayFor, restoreExpiryDay } from './expiry';
export { encodeCoupon, parseCoupon, type ParsedCoupon } from './codec';
export { mintCouponCode, type CouponSigner } from './mint';
export { verifyCouponCode, type CouponError, type CouponVerdict, type CouponVerifier } from './verify';
export { CROCKFORD_ALPHABET } from './lib/crockford';
