/**
 * The collector's tables, appended to the server's migration list by the
 * lead (src/server/db.ts). `IF NOT EXISTS` so tests can also run them by hand.
 *
 * No table holds a report. `privacy_counts` holds only counters per
 * (site, day, policy version, arm, schema, ε, field, value): once counted, the
 * fields of one report cannot be joined again, and nothing tells which reports
 * came in the same upload. `privacy_report_keys` holds the random idempotency
 * keys alone (with the day, to prune them), unlinked to any count.
 */

/** Append-only, like `MIGRATIONS` in src/server/db.ts. */
export const COLLECTOR_MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS privacy_report_keys (
     key TEXT PRIMARY KEY,
     day INTEGER NOT NULL
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX IF NOT EXISTS privacy_report_keys_day ON privacy_report_keys (day);
   CREATE TABLE IF NOT EXISTS privacy_counts (
     site TEXT NOT NULL,
     day INTEGER NOT NULL,
     policy_version TEXT NOT NULL,
     arm TEXT NOT NULL,
     schema INTEGER NOT NULL,
     epsilon REAL NOT NULL,
     field TEXT NOT NULL,
     value INTEGER NOT NULL,
     count INTEGER NOT NULL,
     PRIMARY KEY (site, day, policy_version, arm, schema, epsilon, field, value)
   ) STRICT, WITHOUT ROWID;`,
  `CREATE TABLE IF NOT EXISTS privacy_policies (
     site TEXT NOT NULL,
     version INTEGER NOT NULL,
     hash TEXT NOT NULL,
     content TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (site, version)
   ) STRICT;`,
];
