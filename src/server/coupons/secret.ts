/**
 * The server's coupon secret when `TAILOR_COUPON_SECRET` is not set: generated once, kept in `server_meta`.
 */
import { randomBytes } from 'node:crypto';
import { loadOrCreateMeta, type Db } from '../db';

/** The `server_meta` key holding the generated secret. */
export const COUPON_SECRET_KEY = 'coupon_secret';

/**
 * Returns the coupon secret stored in `db`, generating and storing one (32 random bytes, base64url, used as its
 * UTF-8 text like any string secret) on first call. Safe when several processes start at once: the first insert wins
 * and everyone reads it back.
 */
export function loadOrCreateSecret(db: Db): string {
  return loadOrCreateMeta(db, COUPON_SECRET_KEY, () => randomBytes(32).toString('base64url'), 'loadOrCreateSecret');
}
