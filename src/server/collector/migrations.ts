/**
 * The collector's tables, appended to the server's migration list by the
 * lead (src/server/db.ts). `IF NOT EXISTS` so tests can also run them by hand.
 *
 * No table holds a report. `privacy_counts` holds only counters per
 * (site, day, policy version, arm, schema, ε, field, value): once counted, the
 * fields of one report cannot be joined again, and nothing tells which reports
 * came in the same upload. `privacy_report_keys` holds the random idempotency
 * keys alone (with the day, to prune them), unlinked to any count.
 *
 * The central channel (measurementStore.ts): `measurement_counts` holds the exact sums of the batches still
 * open, one counter per (site, spec, batch, measurement index); releasing a batch writes its noised sums to
 * `measurement_batches` and deletes its exact counters in the same transaction, so after release the server
 * keeps only what it published. `measurement_epochs` anchors each site's batch schedule at its first day.
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
  `CREATE TABLE IF NOT EXISTS measurement_epochs (
     site TEXT NOT NULL,
     spec TEXT NOT NULL,
     epoch INTEGER NOT NULL,
     PRIMARY KEY (site, spec)
   ) STRICT, WITHOUT ROWID;
   CREATE TABLE IF NOT EXISTS measurement_keys (
     site TEXT NOT NULL,
     key TEXT NOT NULL,
     day INTEGER NOT NULL,
     PRIMARY KEY (site, key)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX IF NOT EXISTS measurement_keys_day ON measurement_keys (day);
   CREATE TABLE IF NOT EXISTS measurement_counts (
     site TEXT NOT NULL,
     spec TEXT NOT NULL,
     batch INTEGER NOT NULL,
     idx INTEGER NOT NULL,
     count INTEGER NOT NULL,
     PRIMARY KEY (site, spec, batch, idx)
   ) STRICT, WITHOUT ROWID;
   CREATE TABLE IF NOT EXISTS measurement_batches (
     site TEXT NOT NULL,
     spec TEXT NOT NULL,
     batch INTEGER NOT NULL,
     first_day INTEGER NOT NULL,
     last_day INTEGER NOT NULL,
     released_at INTEGER NOT NULL,
     withheld INTEGER NOT NULL CHECK (withheld IN (0, 1)),
     sums TEXT,
     reports INTEGER,
     sigma REAL,
     PRIMARY KEY (site, spec, batch)
   ) STRICT;`,
];
