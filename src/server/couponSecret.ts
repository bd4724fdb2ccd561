/**
 * `npm run coupon-secret -- rotate|status`: rotates the coupon secret the server generated in its database
 * (TAILOR_DB, default ./data/tailor.db). The old secret keeps verifying the codes it minted until they expire, so no
 * live code dies; running servers pick the new key up within a minute, with no restart.
 *
 * A server configured with TAILOR_COUPON_SECRET does not read the generated secret: rotate that one by setting the
 * new secret and moving the old one to TAILOR_COUPON_RETIRED_SECRETS (SECURITY.md, "Rotating the coupon secret").
 */
import { resolve } from 'node:path';
import { openDatabase } from './db';
import { RETIRED_KEY_LIFETIME_MS, rotateCouponSecret, storedCouponKeys } from './coupons';
import { DAY_MS } from '../core/coupon';

const USAGE = 'usage: npm run coupon-secret -- rotate|status   (TAILOR_DB picks the database, default ./data/tailor.db)';

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if ((command !== 'rotate' && command !== 'status') || rest.length > 0) {
    console.error(command === undefined ? USAGE : `unknown ${rest.length ? `argument '${rest[0]}'` : `command '${command}'`}\n${USAGE}`);
    return 2;
  }
  if (process.env.TAILOR_COUPON_SECRET) {
    console.error('TAILOR_COUPON_SECRET is set, so the server does not use the generated secret: rotate by setting a new TAILOR_COUPON_SECRET and moving the old one to TAILOR_COUPON_RETIRED_SECRETS (SECURITY.md)');
    return 2;
  }
  const path = resolve(process.env.TAILOR_DB ?? './data/tailor.db');
  const db = openDatabase(path);
  try {
    const now = Date.now();
    if (command === 'rotate') rotateCouponSecret(db, now);
    const { retired } = storedCouponKeys(db, now);
    const days = RETIRED_KEY_LIFETIME_MS / DAY_MS;
    console.log(JSON.stringify({ database: path, rotated: command === 'rotate', retiredKeysVerifying: retired.length, retiredKeyLifetimeDays: days }));
    if (command === 'rotate') console.log(`new codes are signed with a new key; codes of the old one stay valid until they expire (its key is deleted after ${days} days)`);
    return 0;
  } finally {
    db.close();
  }
}

process.exitCode = main(process.argv.slice(2));
