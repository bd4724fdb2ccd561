/**
 * The embedded SQLite store: opened, created and migrated on first start.
 *
 * Migrations are an append-only list; `PRAGMA user_version` records how many
 * have run, so a database from any earlier version upgrades in order.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { COUPON_MIGRATIONS } from './coupons/migrations';
import { COLLECTOR_MIGRATIONS } from './collector/migrations';

/** The database handle type used across the server. */
export type Db = Database.Database;

/** Append-only; never edit a migration that has shipped. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;`,
  ...COUPON_MIGRATIONS,
  ...COLLECTOR_MIGRATIONS,
];

/** Opens (creating directories as needed) and migrates the database at `path` (`:memory:` allowed). */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Runs the migrations the database has not seen yet, each in its own transaction. */
export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
  return MIGRATIONS.length;
}

/** Health of the store for `/healthz`. */
export function dbStatus(db: Db): { ok: boolean; schemaVersion: number; error?: string } {
  try {
    db.prepare('SELECT 1').get();
    return { ok: true, schemaVersion: db.pragma('user_version', { simple: true }) as number };
  } catch (error) {
    return { ok: false, schemaVersion: -1, error: error instanceof Error ? error.message : String(error) };
  }
}
