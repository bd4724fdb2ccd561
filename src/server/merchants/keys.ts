/**
 * Merchant API keys: what they look like, how they are made and how they are stored.
 *
 * A key is a prefix naming its kind and 32 random bytes (base64url), like Stripe's `sk_live_…`: the prefix lets
 * secret scanners and people tell a leaked read key from a server key. The server never needs the key itself, only
 * its SHA-256: a configuration file or database holding the hashes leaks nothing a caller could present. 256
 * random bits make a slow hash pointless (there is nothing to brute-force), so lookups are one hash and one map read.
 */
import { createHash, randomBytes } from 'node:crypto';

/**
 * `read`: the dashboard and the estimate endpoints of the merchant's sites. `server`: everything `read` may, plus
 * the checkout's coupon calls (redeem, check); it belongs on the merchant's backend only, never in a page.
 */
export type KeyKind = 'read' | 'server';

/** Every kind, weakest first: a kind may do what those before it may. */
export const KEY_KINDS: readonly KeyKind[] = ['read', 'server'];

/** The visible prefix of each kind. */
export const KEY_PREFIX: Readonly<Record<KeyKind, string>> = { read: 'tk_read_', server: 'tk_server_' };

/** A well-formed key: a known prefix and 43 base64url characters (32 bytes). */
const KEY_RE = /^tk_(read|server)_[A-Za-z0-9_-]{43}$/;

/** A new random key of `kind`. */
export function newMerchantKey(kind: KeyKind): string {
  return `${KEY_PREFIX[kind]}${randomBytes(32).toString('base64url')}`;
}

/** The SHA-256 (hex) a configuration stores for `key`. */
export function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The kind a well-formed `key` names by its prefix; null for anything else (the caller then refuses it unread). */
export function kindOfKey(key: string): KeyKind | null {
  const match = KEY_RE.exec(key);
  return match ? (match[1] as KeyKind) : null;
}

/** Whether a key of kind `held` may do what `needed` allows. */
export function kindCovers(held: KeyKind, needed: KeyKind): boolean {
  return KEY_KINDS.indexOf(held) >= KEY_KINDS.indexOf(needed);
}
