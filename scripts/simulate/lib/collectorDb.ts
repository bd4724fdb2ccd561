/**
 * Reads the collector's SQLite file read-only, as the server's operator can:
 * the idempotency keys it has seen and its count cells. The tests use it to
 * check what was stored (each key once, nothing from refused uploads) below
 * the k-threshold the public API applies; the simulation uses it to show
 * estimates for arms the API suppresses, labelled as unpublished.
 *
 * The count cells come from the collector's own `SqliteReportStore`, so this
 * view cannot drift from what the server aggregates. Keys have no reader in
 * the store (the server only inserts and prunes them); their table is in
 * `src/server/collector/migrations.ts`.
 */
import Database from 'better-sqlite3';
import type { CountRow } from '../../../src/core/privacy';
import { SqliteReportStore } from '../../../src/server/collector/reportStore';

/** What the collector stored. */
export interface CollectorContents {
  /** Idempotency keys seen, each once (they are the table's primary key), of every site. */
  keys: string[];
  /** Count cells of the site, every day (every randomised field of every report counted once). */
  rows: CountRow[];
}

/** Reads the keys and `site`'s count cells of the database at `path` (read-only; the server may keep running). */
export function readCollectorDb(path: string, site: string): CollectorContents {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const keys = db.prepare<[], { key: string }>('SELECT key FROM privacy_report_keys').all().map((r) => r.key);
    const rows = new SqliteReportStore(db).aggregate({ site, fromDay: 0, toDay: Number.MAX_SAFE_INTEGER });
    return { keys, rows };
  } finally {
    db.close();
  }
}

/**
 * Reports counted per arm. Every report adds exactly one count to each of its
 * randomised fields, so the counts of any one field sum to the reports.
 */
export function reportsPerArm(rows: readonly CountRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) if (row.field === 'purchased') out[row.arm] = (out[row.arm] ?? 0) + row.count;
  return out;
}
