/**
 * The dashboard's sign-in session: a cookie naming the merchant and the key it signed in with, an expiry, and an
 * HMAC over the three under a server secret (kept in `server_meta`, shared by every process on the database).
 *
 * Nothing is stored per session, so any process can check one. A session dies with its key: removing or expiring
 * the key in the configuration signs out everyone who used it (`MerchantAccess.resume`), and deleting the secret
 * signs out everyone.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { loadOrCreateMeta, type Db } from '../db';

/** The cookie's name. */
export const SESSION_COOKIE = 'tailor_session';
/** How long a sign-in lasts. */
export const SESSION_TTL_MS = 8 * 3_600_000;
/** The `server_meta` row holding the session MAC key. */
export const SESSION_SECRET_KEY = 'session_secret';

/** What a valid session names. */
export interface SessionClaims {
  merchantId: string;
  keyId: string;
  expiresAt: number;
}

/** The session secret from `server_meta`, created (32 random bytes) on first use. */
export function loadOrCreateSessionSecret(db: Db): Buffer {
  const value = loadOrCreateMeta(db, SESSION_SECRET_KEY, () => randomBytes(32).toString('base64url'), 'loadOrCreateSessionSecret');
  return Buffer.from(value, 'base64url');
}

const mac = (secret: Uint8Array, payload: string) => createHmac('sha256', secret).update(`tailor-session\0${payload}`).digest('base64url');

/** The cookie value for `claims`. */
export function signSession(claims: SessionClaims, secret: Uint8Array): string {
  const payload = `${claims.merchantId}.${claims.keyId}.${claims.expiresAt}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The claims of a cookie value, if its MAC is right and it has not expired at `now`. */
export function verifySession(value: string | undefined, secret: Uint8Array, now: number): SessionClaims | null {
  if (!value || value.length > 256) return null;
  const parts = value.split('.');
  if (parts.length !== 4) return null;
  const [merchantId, keyId, expires, tag] = parts as [string, string, string, string];
  const expected = Buffer.from(mac(secret, `${merchantId}.${keyId}.${expires}`));
  const given = Buffer.from(tag);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresAt = Number(expires);
  if (!Number.isSafeInteger(expiresAt) || now >= expiresAt) return null;
  return { merchantId, keyId, expiresAt };
}
