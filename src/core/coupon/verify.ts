/**
 * Verifying a typed code: parse, check the MAC for the expected site, then expiry.
 *
 * Reuse is not checked here — that needs a record of redemptions, which only the server (or a merchant's own order
 * database) has.
 */
import { parseCoupon } from './codec';
import { dayOf, expiresAtOf, restoreExpiryDay } from './expiry';
import { MAX_TIER, MIN_TIER } from './layout';
import { couponMac, macEquals, type CouponFields, type HmacSha256 } from './mac';

/** Why a code was refused. */
export type CouponError = 'invalid_code' | 'wrong_site' | 'expired';

/** The outcome of {@link verifyCouponCode}. */
export type CouponVerdict =
  | {
      ok: true;
      /** Canonical form of the code. */
      code: string;
      tier: number;
      site: string;
      /** Instant (ms) the code stops being valid. */
      expiresAt: number;
      expiryDay: number;
      bookId: number;
      /** Which key signed it: 0 for the current key, i + 1 for `retiredKeys[i]`. */
      keyIndex: number;
    }
  | { ok: false; error: CouponError; message: string };

/** What verification needs. */
export interface CouponVerifier {
  /** The site the code is being redeemed on. */
  site: string;
  /** Key bytes from `couponKey`: the key codes are minted with now. */
  key: Uint8Array;
  /**
   * Keys rotated out: they no longer mint, but the codes they minted stay valid until they expire (at most
   * 31 days: MAX_TTL_DAYS), so a rotation kills no live code. Tried after `key`.
   */
  retiredKeys?: readonly Uint8Array[];
  hmac: HmacSha256;
  /** Current time (ms). */
  now: number;
  /**
   * Other sites sharing the key, tried only after the expected site failed, so that a genuine code of another site is
   * reported as `wrong_site` rather than `invalid_code`. They are never accepted.
   */
  otherSites?: readonly string[];
}

/** Verifies `input` (as typed) for `verifier.site` at `verifier.now`. */
export function verifyCouponCode(input: string, verifier: CouponVerifier): CouponVerdict {
  const parsed = parseCoupon(input);
  if (parsed === null || parsed.tier < MIN_TIER || parsed.tier > MAX_TIER) {
    return { ok: false, error: 'invalid_code', message: 'this is not a valid coupon code' };
  }
  const today = dayOf(verifier.now);
  const fields: CouponFields = { tier: parsed.tier, expiryDay: restoreExpiryDay(parsed.expiryLow, today), bookId: parsed.bookId };
  const keys = [verifier.key, ...(verifier.retiredKeys ?? [])];
  // Every key is tried, even after a match, so the time taken does not say which key signed the code.
  const signerOf = (site: string) => keys.reduce((found, key, i) => (macEquals(couponMac(verifier.hmac, key, site, fields), parsed.mac) && found < 0 ? i : found), -1);

  const keyIndex = signerOf(verifier.site);
  if (keyIndex < 0) {
    const other = (verifier.otherSites ?? []).find((site) => site !== verifier.site && signerOf(site) >= 0);
    return other === undefined
      ? { ok: false, error: 'invalid_code', message: 'this is not a valid coupon code' }
      : { ok: false, error: 'wrong_site', message: 'this coupon code belongs to another shop' };
  }
  // Checked only after the MAC: an unauthenticated expiry says nothing.
  if (fields.expiryDay <= today) {
    return { ok: false, error: 'expired', message: `this coupon code expired on ${new Date(expiresAtOf(fields.expiryDay)).toISOString().slice(0, 10)}` };
  }
  return {
    ok: true,
    code: parsed.code,
    tier: fields.tier,
    site: verifier.site,
    expiresAt: expiresAtOf(fields.expiryDay),
    expiryDay: fields.expiryDay,
    bookId: fields.bookId,
    keyIndex,
  };
}
