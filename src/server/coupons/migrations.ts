/**
 * The coupon tables, appended by the lead to `MIGRATIONS` in `src/server/db.ts` (append-only, like it).
 *
 * Nothing here identifies a shopper: no address, no device or session id, no exact time or amount. A redemption row
 * holds what refusing a second use needs (site, expiry day, book id), the tier, the hour of redemption and a
 * power-of-two bucket of the order value, and is deleted once its book has expired.
 */

/** SQL for the coupon tables, one migration per entry. */
export const COUPON_MIGRATIONS: string[] = [
  `CREATE TABLE coupon_redemptions (
     site TEXT NOT NULL,
     expiry_day INTEGER NOT NULL,
     book_id INTEGER NOT NULL,
     tier INTEGER NOT NULL,
     redeemed_hour INTEGER NOT NULL,
     order_value_bucket INTEGER NOT NULL,
     PRIMARY KEY (site, expiry_day, book_id)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX coupon_redemptions_expiry ON coupon_redemptions (expiry_day);
   CREATE TABLE coupon_sites (site TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;`,
];
