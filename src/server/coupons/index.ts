/**
 * Coupons a checkout can trust: signed, single-use, one-per-book codes. See README.md (THREAT_MODEL).
 */
export { COUPON_MIGRATIONS } from './migrations';
export { mountCoupons, COUPON_MAX_BODY_BYTES } from './mountCoupons';
export { loadOrCreateSecret, COUPON_SECRET_KEY } from './secret';
export {
  fixedCouponKeys, retiredSecretsFromEnv, rotateCouponSecret, storedCouponKeys, storedCouponKeySource,
  KEY_REFRESH_MS, RETIRED_KEY_LIFETIME_MS, RETIRED_SECRETS_KEY, type CouponKeys, type CouponKeySource,
} from './keyring';
export {
  DEFAULT_BOOK_LIMIT, DEFAULT_FAILED_REDEEM_LIMIT, DEFAULT_TIERS, DEFAULT_TTL_DAYS,
  type CouponDeps, type CouponRateLimit,
} from './options';
export type { BookCodeJson } from './bookRoute';
