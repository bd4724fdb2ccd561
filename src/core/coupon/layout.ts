/**
 * The coupon code's bit layout and the limits that follow from it.
 *
 * A code is 20 Crockford base32 symbols (100 bits), shown as `XXXX-XXXX-XXXX-XXXX-XXXX` (24 characters).
 * From the most significant bit:
 *
 * | field        | bits | why this many |
 * |--------------|------|---------------|
 * | tier         | 7    | a whole percent, 1–100 |
 * | expiry (low) | 6    | expiry day mod 64; the verifier restores the full day from today (see {@link restoreExpiryDay}) |
 * | book id      | 27   | random per book; two books collide only if site, expiry day *and* id match |
 * | MAC          | 60   | truncated HMAC-SHA256; the README's THREAT_MODEL sizes it against online guessing |
 *
 * The site is not in the code: the MAC binds the full site name, so a code only verifies for the site it was minted for.
 */

/** Bits of the tier field. */
export const TIER_BITS = 7;
/** Bits of the expiry-day field (the day number modulo `2 ** EXPIRY_BITS`). */
export const EXPIRY_BITS = 6;
/** Bits of the random book id shared by every code of one book. */
export const BOOK_BITS = 27;
/** Bits of the truncated HMAC-SHA256 tag. */
export const MAC_BITS = 60;
/** Total payload bits; a multiple of 5 so it fills whole base32 symbols. */
export const CODE_BITS = TIER_BITS + EXPIRY_BITS + BOOK_BITS + MAC_BITS;
/** Base32 symbols in a code. */
export const CODE_SYMBOLS = CODE_BITS / 5;
/** Symbols per dash-separated group. */
export const GROUP_SIZE = 4;

/** Smallest and largest discount percent a code can carry. */
export const MIN_TIER = 1;
export const MAX_TIER = 100;

/** One day in milliseconds; expiry has day granularity (UTC). */
export const DAY_MS = 86_400_000;
/**
 * The longest validity a code may be minted with, in days. The expiry field holds the day modulo 64, and the
 * verifier reads it within [today − 31, today + 32]: up to 32 days ahead for live codes (minted with at most 31 days
 * to run, rounded up to the next midnight), up to 31 days back so expired codes are reported as `expired` rather
 * than `invalid_code`.
 */
export const MAX_TTL_DAYS = 31;
/** How many days back an expired code is still recognised as expired. */
export const EXPIRED_LOOKBACK_DAYS = 31;

/** Exclusive upper bound of a book id. */
export const BOOK_ID_LIMIT = 2 ** BOOK_BITS;

/** Site keys: the same rule as the tag's `data-site` (lower-case letters, digits, `-` and `_`, 1–64 characters). */
export const COUPON_SITE_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
