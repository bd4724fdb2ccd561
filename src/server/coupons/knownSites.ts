/**
 * The sites this server has minted books for, so a genuine code of another site can be told apart from a forgery
 * (`wrong_site` rather than `invalid_code`). Site keys are the merchants' own names, never the shoppers'.
 */
import type { Db } from '../db';

/**
 * At most this many sites are remembered; beyond it, other sites' codes are reported as `invalid_code`. Every refused
 * code costs one HMAC per known site, so the cap also bounds that work (an open server lets anyone name new sites).
 */
export const MAX_KNOWN_SITES = 100;

/** The `coupon_sites` registry, cached in memory. */
export class KnownSites {
  private readonly sites: Set<string>;
  private readonly insert;

  constructor(db: Db) {
    const rows = db.prepare('SELECT site FROM coupon_sites ORDER BY site LIMIT ?').all(MAX_KNOWN_SITES) as { site: string }[];
    this.sites = new Set(rows.map((r) => r.site));
    this.insert = db.prepare('INSERT OR IGNORE INTO coupon_sites (site) VALUES (?)');
  }

  /** Records `site` (a no-op once known, or when the registry is full). */
  add(site: string): void {
    if (this.sites.has(site) || this.sites.size >= MAX_KNOWN_SITES) return;
    this.insert.run(site);
    this.sites.add(site);
  }

  /** Every known site except `site`. */
  others(site: string): string[] {
    return [...this.sites].filter((s) => s !== site);
  }
}
