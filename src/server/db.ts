/**
 * The embedded SQLite store: opened, created and migrated on first start.
 *
 * Migrations are an append-only list; `PRAGMA user_version` records how many
 * have run, so a database from any earlier version upgrades in order.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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

/** Owner read/write only: the database holds the coupon secret and the coupon ledger. */
export const DB_FILE_MODE = 0o600;

/**
 * Opens (creating directories as needed) and migrates the database at `path` (`:memory:` allowed).
 *
 * The file is created 0600 (and an older one tightened to it) before SQLite opens it: SQLite gives the `-wal` and
 * `-shm` files the main file's mode, so they are 0600 too. `synchronous = FULL`: in WAL mode NORMAL may lose the
 * last commits on power loss, and the coupon ledger's "already redeemed" must survive one.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') prepareDatabaseFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Creates the directory (0700 when new) and the file with {@link DB_FILE_MODE}; tightens files an older version left 0644. */
function prepareDatabaseFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', DB_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, DB_FILE_MODE);
}

/**
 * Runs the migrations the database has not seen yet, each in its own IMMEDIATE transaction that reads
 * `user_version` under the write lock: several processes starting on a new file at once run each migration once.
 */
export function migrate(db: Db): number {
  const step = db.transaction((): boolean => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current >= MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[current]!);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  while (step.immediate()) {
    // One migration per transaction, as before.
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

/**
 * The `server_meta` value under `key`, storing `make()` first when there is none. Safe when several processes start
 * at once: the first insert wins and everyone reads it back. `caller` names the function in the error.
 */
export function loadOrCreateMeta(db: Db, key: string, make: () => string, caller: string): string {
  db.prepare('INSERT OR IGNORE INTO server_meta (key, value) VALUES (?, ?)').run(key, make());
  const row = db.prepare('SELECT value FROM server_meta WHERE key = ?').get(key) as { value: string } | undefined;
  if (row === undefined) throw new Error(`'${caller}' could not read back '${key}' from server_meta`);
  return row.value;
}
