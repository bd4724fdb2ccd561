/**
 * The coupon keys: the one codes are minted with now, and the retired ones that still verify.
 *
 * Rotating must not kill a live code (a shopper may hold one for up to MAX_TTL_DAYS days), so a rotated-out key
 * keeps verifying, never minting, until every code it could have signed has expired: MAX_TTL_DAYS + 1 days (a day
 * of slack for the expiry's rounding up to midnight). After that it is dropped, and a code it signed reads as
 * `invalid_code`, exactly as an expired code of a deleted key would.
 *
 * Two sources:
 * - configured (`TAILOR_COUPON_SECRET`, `TAILOR_COUPON_RETIRED_SECRETS`): the operator rotates by moving the old
 *   secret to the retired list and removes it once its codes have expired;
 * - generated, in `server_meta` (`npm run coupon-secret -- rotate`): the retired secrets are kept with the time they
 *   were retired and drop out on their own. Every running process re-reads the keys at most a minute later, and at
 *   once when a code fails to verify, so a code minted by a process that already rotated verifies everywhere.
 */
import { randomBytes } from 'node:crypto';
import { couponKey, DAY_MS, MAX_TTL_DAYS } from '../../core/coupon';
import type { Db } from '../db';
import { COUPON_SECRET_KEY, loadOrCreateSecret } from './secret';

/** The keys in use at one moment. */
export interface CouponKeys {
  /** Mints and verifies. */
  current: Uint8Array;
  /** Verify only, newest first. */
  retired: readonly Uint8Array[];
}

/** Where the coupon routes read their keys from. */
export interface CouponKeySource {
  /** The keys now; `fresh` asks a cached source to re-read them first (a code just failed to verify). */
  keys(now: number, fresh?: boolean): CouponKeys;
}

/** The `server_meta` key holding the retired generated secrets (JSON: `{ secret, retiredAt }[]`, newest first). */
export const RETIRED_SECRETS_KEY = 'coupon_secrets_retired';
/** How long a retired key keeps verifying: the longest a code lives, plus a day of slack. */
export const RETIRED_KEY_LIFETIME_MS = (MAX_TTL_DAYS + 1) * DAY_MS;
/** How often a database-backed source re-reads the keys. */
export const KEY_REFRESH_MS = 60_000;
/** The least time between two re-reads forced by failed codes (a guesser must not turn each guess into a query). */
const FORCED_REFRESH_MS = 1_000;

interface RetiredSecret {
  secret: string;
  retiredAt: number;
}

/** Fixed keys (configured secrets): the first mints, all verify. Throws naming `caller` on a short secret. */
export function fixedCouponKeys(current: Uint8Array | string, retired: readonly (Uint8Array | string)[], caller: string): CouponKeySource {
  const keys: CouponKeys = { current: couponKey(current, caller), retired: retired.map((s) => couponKey(s, caller)) };
  return { keys: () => keys };
}

/**
 * Secrets from `TAILOR_COUPON_RETIRED_SECRETS`: comma-separated, newest first, blanks ignored. A secret cannot hold a
 * comma; `openssl rand -base64 32` never writes one.
 */
export function retiredSecretsFromEnv(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function readRetired(db: Db): RetiredSecret[] {
  const row = db.prepare('SELECT value FROM server_meta WHERE key = ?').get(RETIRED_SECRETS_KEY) as { value: string } | undefined;
  if (row === undefined) return [];
  const parsed: unknown = JSON.parse(row.value);
  if (!Array.isArray(parsed) || !parsed.every((r: { secret?: unknown; retiredAt?: unknown }) => typeof r?.secret === 'string' && Number.isFinite(r.retiredAt))) {
    throw new Error(`server_meta '${RETIRED_SECRETS_KEY}' is not a list of { secret, retiredAt }; fix or delete the row`);
  }
  return parsed as RetiredSecret[];
}

const live = (retired: readonly RetiredSecret[], now: number) => retired.filter((r) => now - r.retiredAt < RETIRED_KEY_LIFETIME_MS);

/** The generated keys stored in `db` now (the current one is generated on first use). */
export function storedCouponKeys(db: Db, now: number): CouponKeys {
  return {
    current: couponKey(loadOrCreateSecret(db), 'storedCouponKeys'),
    retired: live(readRetired(db), now).map((r) => couponKey(r.secret, 'storedCouponKeys')),
  };
}

/**
 * Retires the generated secret and generates a new one, in one IMMEDIATE transaction (two processes rotating at once
 * rotate twice, never lose a key). Retired secrets past {@link RETIRED_KEY_LIFETIME_MS} are deleted on the way.
 * Returns how many retired keys still verify.
 */
export function rotateCouponSecret(db: Db, now = Date.now()): { retired: number } {
  const rotate = db.transaction(() => {
    const previous = loadOrCreateSecret(db);
    const retired = live([{ secret: previous, retiredAt: now }, ...readRetired(db)], now);
    db.prepare('INSERT INTO server_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(RETIRED_SECRETS_KEY, JSON.stringify(retired));
    db.prepare('UPDATE server_meta SET value = ? WHERE key = ?').run(randomBytes(32).toString('base64url'), COUPON_SECRET_KEY);
    return { retired: retired.length };
  });
  return rotate.immediate();
}

/** The generated keys, re-read from `db` at most every {@link KEY_REFRESH_MS} (or on a forced re-read). */
export function storedCouponKeySource(db: Db): CouponKeySource {
  let cached: CouponKeys | null = null;
  let readAt = -Infinity;
  return {
    keys(now, fresh = false) {
      const age = now - readAt;
      if (cached === null || age >= KEY_REFRESH_MS || age < 0 || (fresh && age >= FORCED_REFRESH_MS)) {
        cached = storedCouponKeys(db, now);
        readAt = now;
      }
      return cached;
    },
  };
}
