/**
 * Day-granular expiry. A code carries only its expiry day modulo 64; the verifier restores the full day from its own
 * clock, which is why a code can be minted at most {@link MAX_TTL_DAYS} days ahead.
 */
import { DAY_MS, EXPIRED_LOOKBACK_DAYS, EXPIRY_BITS, MAX_TTL_DAYS } from './layout';

const PERIOD = 2 ** EXPIRY_BITS;

/** The UTC day number (days since 1970-01-01) of the instant `now` (ms). */
export function dayOf(now: number): number {
  return Math.floor(now / DAY_MS);
}

/**
 * The expiry day of a code minted at `now` to last at least `ttlDays`: the first UTC midnight at or after
 * `now + ttlDays` days. Codes minted the same day share it, so the expiry reveals only the day a book was fetched.
 */
export function expiryDayFor(now: number, ttlDays: number): number {
  if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > MAX_TTL_DAYS) {
    throw new RangeError(`'ttlDays' passed to 'expiryDayFor' must be an integer from 1 to ${MAX_TTL_DAYS}, got ${String(ttlDays)}`);
  }
  return Math.ceil((now + ttlDays * DAY_MS) / DAY_MS);
}

/**
 * The one expiry day in [today − 31, today + 32] that is `low` modulo 64 (see {@link EXPIRED_LOOKBACK_DAYS}).
 * A forged or stale `low` only yields a day the MAC was not computed over, so the code fails verification.
 */
export function restoreExpiryDay(low: number, today: number): number {
  const first = today - EXPIRED_LOOKBACK_DAYS;
  return first + ((((low - first) % PERIOD) + PERIOD) % PERIOD);
}

/** The instant (ms) a code with expiry day `expiryDay` stops being valid. */
export function expiresAtOf(expiryDay: number): number {
  return expiryDay * DAY_MS;
}
