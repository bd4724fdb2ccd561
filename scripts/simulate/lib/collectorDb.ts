/**
 * Reads the collector's SQLite file read-only, as the server's operator can:
 * the idempotency keys it has seen and its count cells. The tests use it to
 * check what was stored (each key once, nothing from refused uploads) below
 * the k-threshold the public API applies; the simulation uses it to show
 * estimates for arms the API suppresses, labelled as unpublished.
 * Tables: `src/server/collector/migrations.ts`.
 */
import Database from 'better-sqlite3';
import type { Arm, CountRow, RandomizedField } from '../../../src/core/privacy';

/** What the collector stored. */
export interface CollectorContents {
  /** Idempotency keys seen, each once (they are the table's primary key). */
  keys: string[];
  /** Count cells (every randomised field of every report counted once). */
  rows: CountRow[];
}

interface CountRecord {
  day: number;
  policy_version: string;
  arm: string;
  schema: number;
  epsilon: number;
  field: string;
  value: number;
  count: number;
}

/** Reads the collector tables of the database at `path` (read-only; the server may keep running). */
export function readCollectorDb(path: string, site?: string): CollectorContents {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const keys = db.prepare<[], { key: string }>('SELECT key FROM privacy_report_keys').all().map((r) => r.key);
    const select = 'SELECT day, policy_version, arm, schema, epsilon, field, value, count FROM privacy_counts';
    const records = site === undefined ? db.prepare<[], CountRecord>(select).all() : db.prepare<[string], CountRecord>(`${select} WHERE site = ?`).all(site);
    const rows = records.map((r) => ({
      day: r.day,
      policyVersion: r.policy_version,
      arm: r.arm as Arm,
      schema: r.schema,
      epsilon: r.epsilon,
      field: r.field as RandomizedField,
      value: r.value,
      count: r.count,
    }));
    return { keys, rows };
  } finally {
    db.close();
  }
}

/**
 * Reports counted per arm. Every report adds exactly one count to each of its
 * randomised fields, so the counts of any one field sum to the reports.
 */
export function reportsPerArm(rows: readonly CountRow[]): Partial<Record<Arm, number>> {
  const out: Partial<Record<Arm, number>> = {};
  for (const row of rows) if (row.field === 'purchased') out[row.arm] = (out[row.arm] ?? 0) + row.count;
  return out;
}
