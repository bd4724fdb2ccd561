import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KEY_REFRESH_MS, RETIRED_KEY_LIFETIME_MS, RETIRED_SECRETS_KEY, retiredSecretsFromEnv, rotateCouponSecret, storedCouponKeySource, storedCouponKeys,
} from '../../../src/server/coupons';
import { openDatabase } from '../../../src/server/db';
import { verifyCoupon } from '../../../src/verify/verifyCoupon';
import { DAY, SECRET, T0, codeOf, couponDatabase, couponHarness } from './lib/harness';

const OLD = 'old-secret-0123456789abcdefghijklmnopqr';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('coupon key rotation', () => {
  it('configured: the new secret mints, the retired one still verifies its live codes, a forgotten one does not', async () => {
    const before = couponHarness({ secret: OLD });
    const old = codeOf(await before.book(), 10);
    const after = couponHarness({ secret: SECRET, retiredSecrets: [OLD] });
    const fresh = codeOf(await after.book(), 10);
    expect((await after.redeem(old)).status).toBe(200);
    expect((await after.redeem(fresh)).status).toBe(200);
    // The new codes are not signed by the old secret: a server that only knows it refuses them.
    expect((await couponHarness({ secret: OLD }).redeem(fresh)).status).toBe(400);
    const dropped = couponHarness({ secret: SECRET });
    const res = await dropped.redeem(codeOf(await before.book(), 15));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_code' });
  });

  it('refuses a short retired secret at mount, naming it', () => {
    expect(() => couponHarness({ secret: SECRET, retiredSecrets: ['short'] })).toThrow(/'secret' passed to 'mountCoupons' must be .* at least 32 bytes/);
  });

  it('generated: rotation keeps every live code valid, drops the old key after the longest code lifetime', async () => {
    const db = couponDatabase();
    const clock = { now: T0 };
    const h = couponHarness({ db, secret: storedCouponKeySource(db), now: () => clock.now });
    const before = await h.book();
    const firstKey = storedCouponKeys(db, clock.now).current;

    expect(rotateCouponSecret(db, clock.now)).toEqual({ retired: 1 });
    expect(storedCouponKeys(db, clock.now).current).not.toEqual(firstKey);
    expect(storedCouponKeys(db, clock.now).retired).toEqual([firstKey]);
    // The old code verifies (the running source re-reads on a miss or after a minute, either way).
    expect((await h.redeem(codeOf(before, 10))).status).toBe(200);
    clock.now += KEY_REFRESH_MS;
    const after = await h.book();
    expect((await h.redeem(codeOf(after, 20))).status).toBe(200);

    // A second rotation keeps both retired keys, newest first.
    rotateCouponSecret(db, clock.now);
    expect(storedCouponKeys(db, clock.now).retired).toHaveLength(2);
    // Past the lifetime of the first retirement, that key is gone, from reads and from the stored row.
    const later = T0 + RETIRED_KEY_LIFETIME_MS;
    expect(storedCouponKeys(db, later).retired).toHaveLength(1);
    rotateCouponSecret(db, later);
    const row = db.prepare('SELECT value FROM server_meta WHERE key = ?').get(RETIRED_SECRETS_KEY) as { value: string };
    expect(JSON.parse(row.value)).toHaveLength(2);
    expect(RETIRED_KEY_LIFETIME_MS).toBe(32 * DAY);
  });

  it('a process that has not re-read the keys yet still redeems a code minted under the new key', async () => {
    const db = couponDatabase();
    const clock = { now: T0 };
    const b = couponHarness({ db, secret: storedCouponKeySource(db), now: () => clock.now });
    await b.book(); // b has read (and cached) the keys
    const oldKey = storedCouponKeys(db, clock.now).current;
    clock.now += 2_000;
    rotateCouponSecret(db, clock.now);
    const newKey = storedCouponKeys(db, clock.now).current;
    // A process started after the rotation mints under the new key...
    const a = couponHarness({ db, secret: storedCouponKeySource(db), now: () => clock.now });
    const code = codeOf(await a.book(), 5);
    expect(verifyCoupon(code, { secret: newKey, site: 'demo', now: clock.now }).ok).toBe(true);
    expect(verifyCoupon(code, { secret: oldKey, site: 'demo', now: clock.now }).ok).toBe(false);
    // ...and b, whose cache predates it by far less than a refresh, misses once, re-reads and accepts.
    expect((await b.redeem(code)).status).toBe(200);
  });

  it('refuses a corrupt retired-keys row at start with the row named', () => {
    const db = couponDatabase();
    db.prepare('INSERT INTO server_meta (key, value) VALUES (?, ?)').run(RETIRED_SECRETS_KEY, '[{"secret":1}]');
    expect(() => couponHarness({ db, secret: storedCouponKeySource(db) })).toThrow(/coupon_secrets_retired/);
  });

  it('reads TAILOR_COUPON_RETIRED_SECRETS as a comma-separated list', () => {
    expect(retiredSecretsFromEnv(undefined)).toEqual([]);
    expect(retiredSecretsFromEnv(` ${OLD} ,, ${SECRET}`)).toEqual([OLD, SECRET]);
  });

  it('the offline verifier takes the retired secrets too', async () => {
    const code = codeOf(await couponHarness({ secret: OLD }).book(), 10);
    expect(verifyCoupon(code, { secret: SECRET, site: 'demo', now: T0 })).toMatchObject({ ok: false, error: 'invalid_code' });
    expect(verifyCoupon(code, { secret: SECRET, retiredSecrets: [OLD], site: 'demo', now: T0 })).toMatchObject({ ok: true, tier: 10 });
  });

  it('npm run coupon-secret rotates the database the server uses, and refuses when the secret is configured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-rotate-'));
    dirs.push(dir);
    const dbPath = join(dir, 'tailor.db');
    const db = openDatabase(dbPath);
    const first = storedCouponKeys(db, Date.now()).current;
    db.close();
    const run = (args: string[], env: Record<string, string> = {}) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'src/server/couponSecret.ts', ...args], { env: { ...process.env, TAILOR_DB: dbPath, TAILOR_COUPON_SECRET: '', ...env }, encoding: 'utf8' });
    expect(JSON.parse(run(['rotate']).split('\n')[0]!)).toMatchObject({ rotated: true, retiredKeysVerifying: 1, retiredKeyLifetimeDays: 32 });
    const reopened = openDatabase(dbPath);
    expect(storedCouponKeys(reopened, Date.now()).retired).toEqual([first]);
    reopened.close();
    expect(() => run(['rotate'], { TAILOR_COUPON_SECRET: SECRET })).toThrow(/TAILOR_COUPON_RETIRED_SECRETS/);
    expect(() => run(['spin'])).toThrow(/unknown command 'spin'/);
  });
});
