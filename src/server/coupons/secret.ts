/**
 * The server's coupon secret when `TAILOR_COUPON_SECRET` is not set: generated once, kept in `server_meta`.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db';

/** The `server_meta` key holding the generated secret. */
export const COUPON_SECRET_KEY = 'coupon_secret';

/**
 * Returns the coupon secret stored in `db`, generating and storing one (32 random bytes, base64url, used as its
 * UTF-8 text like any string secret) on first call. Safe when several processes start at once: the first insert wins
 * and everyone reads it back.
 */
export function loadOrCreateSecret(db: Db): string {
  db.prepare('INSERT OR IGNORE INTO server_meta (key, value) VALUES (?, ?)').run(COUPON_SECRET_KEY, randomBytes(32).toString('base64url'));
  const row = db.prepare('SELECT value FROM server_meta WHERE key = ?').get(COUPON_SECRET_KEY) as { value: string } | undefined;
  if (row === undefined) throw new Error(`'loadOrCreateSecret' could not read back '${COUPON_SECRET_KEY}' from server_meta`);
  return row.value;
}
