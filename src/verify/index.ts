/**
 * Tailor's merchant-side helpers: offline coupon verification (Node).
 */
export { verifyCoupon, type VerifyCouponOptions, type VerifyCouponResult } from './verifyCoupon';
