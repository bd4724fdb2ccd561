/**
 * The redemption ledger: one row per redeemed book, so every code of a book is spent by the first redemption.
 */
import type { Db } from '../db';

/** What is recorded when a book is spent. */
export interface RedemptionRow {
  site: string;
  expiryDay: number;
  bookId: number;
  tier: number;
  /** Hours since the epoch: coarse, so the row cannot be matched to an order by its timestamp. */
  redeemedHour: number;
  orderValueBucket: number;
}

/** The outcome of {@link Redemptions.claim}. */
export type ClaimResult = { claimed: true } | { claimed: false; tierUsed: number };

/** Prepared statements over `coupon_redemptions`. */
export class Redemptions {
  private readonly insert;
  private readonly existing;
  private readonly prune;

  constructor(db: Db) {
    // The primary key (site, expiry_day, book_id) makes the claim atomic: of any number of concurrent redemptions
    // of a book — the same code or its siblings, in this process or another — exactly one insert succeeds.
    this.insert = db.prepare(
      `INSERT INTO coupon_redemptions (site, expiry_day, book_id, tier, redeemed_hour, order_value_bucket)
       VALUES (@site, @expiryDay, @bookId, @tier, @redeemedHour, @orderValueBucket)
       ON CONFLICT (site, expiry_day, book_id) DO NOTHING`,
    );
    this.existing = db.prepare('SELECT tier FROM coupon_redemptions WHERE site = ? AND expiry_day = ? AND book_id = ?');
    this.prune = db.prepare('DELETE FROM coupon_redemptions WHERE expiry_day <= ?');
  }

  /** Spends the book of `row`; when it was already spent, says with which tier. */
  claim(row: RedemptionRow): ClaimResult {
    if (this.insert.run(row).changes === 1) return { claimed: true };
    // A row cannot vanish between the two statements unless pruned, and pruning only removes expired books.
    return { claimed: false, tierUsed: this.spentTier(row.site, row.expiryDay, row.bookId) ?? row.tier };
  }

  /** The tier the book was spent with, or null while it is unspent. */
  spentTier(site: string, expiryDay: number, bookId: number): number | null {
    const row = this.existing.get(site, expiryDay, bookId) as { tier: number } | undefined;
    return row?.tier ?? null;
  }

  /** Deletes rows of books expired by `today`: their codes are refused as expired before the ledger is read. */
  pruneExpired(today: number): number {
    return this.prune.run(today).changes;
  }
}
